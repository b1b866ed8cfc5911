/**
 * The two arguments every server route hands applyMutations, built in one place: the apply
 * context from the running server (its regions, its database kind, its entity hooks) and the
 * write actor from the signed-in user. Push, the conflicts review and the duplicates review all
 * write through the one door (apply.ts) with the same context; a change to what the door needs
 * is made here once.
 */
import type { SessionUser } from '../auth/sessions';
import type { ServerContext } from '../base/context';
import type { ApplyContext, WriteActor } from './apply';

/** The apply context of a request served by `ctx` at `now`. */
export function applyContextOf(ctx: ServerContext, now: Date): ApplyContext {
  return {
    now,
    regions: ctx.regions,
    serialised: ctx.db.kind === 'pglite',
    hooks: ctx.entityHooks,
  };
}

/** The write actor of `user`; `clientId` null when the server itself makes the change. */
export function writeActorOf(user: SessionUser, clientId: string | null): WriteActor {
  return {
    userId: user.id,
    username: user.username,
    role: user.role,
    scope: user.scope,
    clientId,
  };
}
