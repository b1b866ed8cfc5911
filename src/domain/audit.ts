/**
 * The security audit log's vocabulary and its one visibility rule (docs/SECURITY.md "安全审计 /
 * Security audit"). Shared by the server (server/audit/, which writes and filters the entries)
 * and the admins' screen (src/features/audit/, which names the actions). Pure: no Node, no DOM.
 */
import type { Scope } from './protocol';
import { isWholeArea } from './levels';

/**
 * Every event the server records, grouped by what it concerns. Adding one here makes it
 * recordable (recordAudit's type), filterable (GET /api/audit?action=) and named on the screen
 * (the i18n pair src/i18n/features/audit.ts must then name it: its test says so).
 */
export const AUDIT_ACTIONS = [
  // Sign-in and sign-out (server/auth/sessions.ts, routes.ts).
  'login.succeeded',
  'login.failed',
  'login.throttled',
  'login.disabled',
  'logout',
  // Passwords (server/auth/password-change.ts, users.ts, sessions.ts); sessions and devices are
  // declared for the routes of i14-sessions.
  'password.changed',
  'password.reset',
  'password.expired',
  'session.revoked',
  'device.lost',
  'device.wiped',
  // Accounts (server/auth/users.ts: the admin routes and the users command).
  'user.created',
  'user.roleChanged',
  'user.areaChanged',
  'user.renamed',
  'user.disabled',
  'user.enabled',
  'user.refused',
  // The city's plan (pushed like any record: server/sync/push.ts).
  'target.edited',
  'centralTown.edited',
  // The review inboxes.
  'conflict.restored',
  'duplicate.merged',
  'duplicate.dismissed',
  // Personal data leaving the server.
  'audit.exported',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export function isAuditAction(value: string): value is AuditAction {
  return (AUDIT_ACTIONS as readonly string[]).includes(value);
}

/** The groups an admin filters by (?action=user matches every user.* action). */
export const AUDIT_ACTION_GROUPS = [
  'login',
  'logout',
  'password',
  'session',
  'device',
  'user',
  'target',
  'centralTown',
  'conflict',
  'duplicate',
  'audit',
] as const;
export type AuditActionGroup = (typeof AUDIT_ACTION_GROUPS)[number];

/** Level 2 asks for six months at least: a shorter AUDIT_RETENTION_DAYS refuses to start. */
export const MIN_AUDIT_RETENTION_DAYS = 180;

/** One page of GET /api/audit holds at most this many entries (default AUDIT_PAGE_DEFAULT). */
export const AUDIT_PAGE_MAX = 500;
export const AUDIT_PAGE_DEFAULT = 50;

/** An entry as GET /api/audit answers it (newest first). */
export interface AuditEntry {
  id: number;
  at: string;
  action: AuditAction;
  outcome: 'ok' | 'refused';
  actorId: string | null;
  actorUsername: string;
  actorRole: string | null;
  subjectType: string | null;
  subjectId: string | null;
  subjectLabel: string | null;
  areas: string[];
  address: string;
  userAgent: string;
  details: Record<string, unknown>;
}

export interface AuditPage {
  entries: AuditEntry[];
  /** Pass as ?after= for the next (older) page; null on the last page. */
  next: number | null;
}

/**
 * Whether an admin of `scope` sees an entry concerning `areas` (region codes: the actor's scope,
 * the subject's area before and after). A prefecture admin sees everything, entries of no area
 * (a failed sign-in with an unknown name) included; any other admin sees an entry when one of its
 * areas lies inside theirs. The server's SQL (server/audit/query.ts) is the same test.
 */
export function auditVisibleTo(scope: Scope, areas: readonly string[]): boolean {
  if (isWholeArea(scope)) return true;
  return areas.some((area) => area.startsWith(scope.code));
}
