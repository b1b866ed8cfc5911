/**
 * Who may do what — the ACTIONS, as data (issue 15 item 2). Records have their table in
 * scope.ts (ENTITY_ACCESS: who reads and writes which records, where); this is its twin for what
 * is not one record's write: review the inboxes, manage accounts and devices, read the audit log,
 * open the targets grid or the report. One table, each row with its reason, asked by the screens
 * (which offer only what the user may do), the server routes (which answer 403 otherwise: the
 * server is the guard, the screens' copy a courtesy) and the shell's `users --as`.
 *
 * An action that writes records (editTargets, editCentralTowns) takes its roles FROM
 * ENTITY_ACCESS, so the two tables cannot disagree; the push enforces it on the server.
 *
 * Pure: no Node, no DOM.
 */
import type { Scope } from './protocol';
import { ROLES, type Role } from './roles';
import { roleMayWrite, type Actor } from './scope';
import type { EntityName } from './entities';

/**
 * Where the server enforces an action: 'route' — its routes answer 403 roleDenied to everyone
 * else (server/auth/permissions.ts assertMay); 'push' — it is a record write, refused by the
 * push (ENTITY_ACCESS); 'device' — it is only what a screen offers over data the device already
 * holds by ENTITY_ACCESS (nothing more is sent for it).
 */
export type Enforcement = 'route' | 'push' | 'device';

export interface ActionRule {
  /** The roles that may do it. */
  roles: readonly Role[];
  /** The scope levels it is for; every level when absent. */
  levels?: readonly Scope['level'][];
  /**
   * May the app used without an account do it? Only actions on what the device itself holds:
   * with nobody signed in, everything on it was typed there.
   */
  signedOut: boolean;
  enforced: Enforcement;
  /** The entity an action of kind 'push' writes. */
  entity?: EntityName;
  /** Why it is so (for the reader of this table and docs/ARCHITECTURE.md). */
  reason: string;
}

/** The roles that may write `entity` at all (the role half of ENTITY_ACCESS). */
function rolesWriting(entity: EntityName): readonly Role[] {
  return ROLES.filter((role) => roleMayWrite(role, entity));
}

const REVIEWERS: readonly Role[] = ['admin', 'coordinator'];
const ADMINS: readonly Role[] = ['admin'];

export const ACTIONS = {
  reviewConflicts: {
    roles: REVIEWERS,
    signedOut: false,
    enforced: 'route',
    reason:
      'The conflicts inbox shows other people’s values, personal data included, and restores ' +
      'them: those who oversee an area’s records (and may write them) review it, nobody else.',
  },
  reviewDuplicates: {
    roles: REVIEWERS,
    signedOut: false,
    enforced: 'route',
    reason:
      'The duplicates inbox shows other officers’ points with the operators’ phones and merges ' +
      'or dismisses them: the same overseers as the conflicts, by a rule of its own.',
  },
  manageUsers: {
    roles: ADMINS,
    signedOut: false,
    enforced: 'route',
    reason:
      'Accounts hand out access to personal data: admins only, each within their own area ' +
      '(usersPolicy.ts ACCOUNT_MANAGEMENT says which accounts and what may be granted).',
  },
  manageDevices: {
    roles: ADMINS,
    signedOut: false,
    enforced: 'route',
    reason:
      'Seeing another user’s devices, marking one lost (its data wiped) and reading what it ' +
      'handed in are account management: the admins of the account’s area.',
  },
  readAudit: {
    roles: ADMINS,
    signedOut: false,
    enforced: 'route',
    reason:
      'The audit log (sign-ins, account and device changes, merges) is read and exported by ' +
      'those who manage the accounts, each for their own area.',
  },
  editTargets: {
    roles: rolesWriting('target'),
    signedOut: true,
    enforced: 'push',
    entity: 'target',
    reason:
      'Targets are the plan: whoever may write target records (ENTITY_ACCESS) — an admin, for ' +
      'their own area and the areas inside it (a province admin its prefectures’ rows too).',
  },
  editCentralTowns: {
    roles: rolesWriting('centralTown'),
    signedOut: true,
    enforced: 'push',
    entity: 'centralTown',
    reason:
      'The central-town list is the city’s designation: whoever may write central-town ' +
      'records (ENTITY_ACCESS).',
  },
  viewTargetGrid: {
    roles: REVIEWERS,
    signedOut: true,
    enforced: 'device',
    reason:
      'The targets per county are the city’s and the county office’s work (admins set them, ' +
      'coordinators read their county’s); officers and trainers have no tab for them.',
  },
  openReport: {
    roles: REVIEWERS,
    levels: ['prefecture', 'county'],
    signedOut: false,
    enforced: 'device',
    reason:
      'The assessment report is the county office’s and the city’s, counted from the device’s ' +
      'records: only for a county or the prefecture (a township holds no county entirely).',
  },
} as const satisfies Record<string, ActionRule>;

export type ActionName = keyof typeof ACTIONS;

export const ACTION_NAMES = Object.keys(ACTIONS) as ActionName[];

/** The actions whose server routes refuse everyone else (enforced 'route'). */
export type RouteAction = {
  [A in ActionName]: (typeof ACTIONS)[A]['enforced'] extends 'route' ? A : never;
}[ActionName];

export const ROUTE_ACTIONS = ACTION_NAMES.filter(
  (action): action is RouteAction => ACTIONS[action].enforced === 'route',
);

/** The actions that are record writes (enforced 'push'), each naming the entity it writes. */
export type PushAction = {
  [A in ActionName]: (typeof ACTIONS)[A] extends { enforced: 'push'; entity: EntityName }
    ? A
    : never;
}[ActionName];

/** The entity a record-writing action writes. */
export function entityOfAction(action: PushAction): EntityName {
  return ACTIONS[action].entity;
}

/** Why an action is refused: nobody signed in, the role, or the level of the user's area. */
export type ActionRefusal = 'signedOut' | 'role' | 'level';

/** The rule of one action (typed as the general shape). */
export function actionRule(action: ActionName): ActionRule {
  return ACTIONS[action];
}

/**
 * Why `actor` may not do `action`, or null when they may. `actor` null is the app used without an
 * account (see `signedOut`). A screen whose session is still being read must not ask yet (it
 * offers nothing until then: a button is never shown for a moment and then taken away).
 */
export function actionRefusal(actor: Actor | null, action: ActionName): ActionRefusal | null {
  const rule = actionRule(action);
  if (actor === null) return rule.signedOut ? null : 'signedOut';
  if (!rule.roles.includes(actor.role)) return 'role';
  if (rule.levels && !rule.levels.includes(actor.scope.level)) return 'level';
  return null;
}

/** May `actor` do `action`? (actionRefusal is null.) */
export function may(actor: Actor | null, action: ActionName): boolean {
  return actionRefusal(actor, action) === null;
}

/** The roles that may do `action` (whatever their area's level). */
export function rolesFor(action: ActionName): readonly Role[] {
  return actionRule(action).roles;
}
