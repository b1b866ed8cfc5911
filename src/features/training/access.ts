/**
 * Whether this device's user may change a training record placed here: the same rule the server
 * applies to every push (canWrite in src/domain/scope.ts). The client's answer only decides
 * which buttons are shown; the server is the guard.
 */
import type { EntityName } from '../../domain/entities';
import { canWrite, placeOfRegion } from '../../domain/scope';
import { useSession } from '../../db';

/**
 * True when the signed-in user may write `entity` at `regionCode` (a session's township for the
 * session and its attendance), and with nobody signed in (the app used alone: everything here
 * was typed on this device). False while the session is still being read: never offer a button
 * for a moment and then take it away.
 */
export function useMayWrite(entity: EntityName, regionCode: string | null | undefined): boolean {
  const session = useSession();
  if (session === undefined || !regionCode) return false;
  if (session === null) return true;
  return canWrite(session.user, entity, placeOfRegion(regionCode));
}

/**
 * The user's area as a region code for the place pickers: a county (6 digits) or township
 * (9 digits), or '' for the whole prefecture and with nobody signed in. Only this area is offered
 * (the server refuses a record placed elsewhere).
 */
export function useScopeCode(): string {
  const session = useSession();
  const scope = session?.user.scope;
  return scope && scope.level !== 'prefecture' ? scope.code : '';
}
