/**
 * Writing the security audit log (migration 0011, docs/SECURITY.md "安全审计 / Security audit").
 * One function, `recordAudit(tx, entry)`, with the event names of src/domain/audit.ts. Call it on
 * the same transaction as the change it records, so a change is never kept without its entry
 * (nor an entry without its change); a refused sign-in is recorded although the request fails.
 */
import type { FastifyRequest } from 'fastify';
import type { AuditAction } from '../../src/domain/audit';
import type { Role, Scope } from '../../src/domain/protocol';
import type { DbTx } from '../db';
import { toStorableJson } from './storable-text';

/** Where a request came from: the client's address (as trustProxy decides) and user agent. */
export interface AuditOrigin {
  address: string;
  userAgent: string;
}

/** The origin of a request (the address obeys TRUST_PROXY: server/start-server.ts). */
export function auditOrigin(request: FastifyRequest): AuditOrigin {
  const agent = request.headers['user-agent'];
  return { address: request.ip, userAgent: typeof agent === 'string' ? agent : '' };
}

/** An origin not known (a service called without a request: tests, scripts). */
export const NO_ORIGIN: AuditOrigin = { address: '', userAgent: '' };

/** The origin of a change made in the shell (scripts/users.ts). */
export const SHELL_ORIGIN: AuditOrigin = { address: 'shell', userAgent: 'npm run users' };

/** Who did it: a signed-in user, or only a name (a failed sign-in, the shell). */
export interface AuditActor {
  id?: string | null;
  username: string;
  role?: Role | null;
  scope?: Scope | null;
}

export interface AuditEntryInput {
  action: AuditAction;
  /** 'refused' for an attempt that failed (a wrong password, a grant outside the area). */
  outcome?: 'ok' | 'refused';
  at: Date;
  actor: AuditActor;
  origin: AuditOrigin;
  subject?: {
    type: 'user' | 'session' | 'device' | 'record' | 'duplicateFlag' | 'conflict' | 'audit';
    id?: string | null;
    /** A name a person reads: a username, "target:2026:…". */
    label?: string | null;
  };
  /**
   * Region codes the entry concerns besides the actor's scope (a user's area before and after, a
   * record's place): admins whose area holds one of them see it. A failed sign-in under a known
   * name gets that account's area from the database.
   */
  areas?: readonly (string | null | undefined)[];
  /** What changed, small and without secrets (never a password or a token). */
  details?: Record<string, unknown>;
}

const MAX_TEXT = 200;

/** Appends one entry. Never updates or deletes (the table would refuse: migration 0011). */
export async function recordAudit(tx: DbTx, entry: AuditEntryInput): Promise<void> {
  const areas = new Set<string>();
  if (entry.actor.scope) areas.add(entry.actor.scope.code);
  for (const area of entry.areas ?? []) if (area) areas.add(area);
  // Names, agents and details come from the request: keep only what PostgreSQL can hold.
  const text = (value: string) => toStorableJson(value).slice(0, MAX_TEXT);
  await tx.query(
    `insert into audit_log (at, action, outcome, actor_id, actor_username, actor_role,
                            subject_type, subject_id, subject_label, areas, address, user_agent,
                            details)
     values ($1, $2, $3, $4::uuid, $5, $6, $7, $8, $9,
             -- A name without a known scope: the account of that name, if there is one.
             case when cardinality($10::text[]) = 0
                  then coalesce((select array[scope_code] from users where username = $5), '{}')
                  else $10::text[] end,
             $11, $12, $13::jsonb)`,
    [
      entry.at,
      entry.action,
      entry.outcome ?? 'ok',
      entry.actor.id ?? null,
      text(entry.actor.username).slice(0, 64),
      entry.actor.role ?? null,
      entry.subject?.type ?? null,
      entry.subject?.id ?? null,
      entry.subject?.label != null ? text(entry.subject.label) : null,
      [...areas],
      text(entry.origin.address).slice(0, 64),
      text(entry.origin.userAgent),
      JSON.stringify(toStorableJson(entry.details ?? {})),
    ],
  );
}
