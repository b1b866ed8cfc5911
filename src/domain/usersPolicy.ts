/**
 * Who may manage which accounts (docs/SECURITY.md "访问控制 / Access control", issue 14): the
 * rule as data, used alike by the server (server/auth/users.ts, behind the admin routes), the
 * shell command (scripts/users.ts --as) and the users screen (which offers only what is allowed).
 * Pure: no Node, no DOM.
 *
 * An admin manages the accounts whose area lies within the admin's own (a county admin: the
 * county and its townships), and may give an account nothing wider than that area — any role,
 * admin included, but only inside it. A prefecture admin therefore manages everyone.
 */
import { ACTIONS, may } from './actions';
import { AREA_LEVELS, rootLevel } from './levels';
import { ROLES, type Role, type Scope } from './protocol';

/** The levels of an area, widest first (levels.ts). */
export const SCOPE_LEVELS = AREA_LEVELS satisfies readonly Scope['level'][];

/**
 * The rule, as data: what an admin manages and what they may hand out, each with its reason.
 * 'withinOwnArea': accounts whose area lies inside the admin's. Roles are not limited (an area
 * bounds what any role can reach), so a county may have its own admin.
 */
export const ACCOUNT_MANAGEMENT = {
  /** Who manages accounts at all: the manageUsers row of the actions table (actions.ts). */
  managers: ACTIONS.manageUsers.roles,
  manages: 'withinOwnArea',
  grants: { roles: ROLES, area: 'withinOwnArea' },
} as const;

/** True when `inner` lies inside `outer` (or is the same area): codes nest by prefix. */
export function scopeWithin(inner: Scope, outer: Scope): boolean {
  return inner.code.startsWith(outer.code);
}

export interface AccountManager {
  role: Role;
  scope: Scope;
}

/** May this user manage (see, change, disable) accounts at all? */
export function managesAccounts(user: AccountManager): boolean {
  return may(user, 'manageUsers');
}

/** May `manager` see and change an account whose area is `accountScope`? */
export function mayManageAccount(manager: AccountManager, accountScope: Scope): boolean {
  return managesAccounts(manager) && scopeWithin(accountScope, manager.scope);
}

/** Why a grant is refused, or null when `manager` may give `role` over `scope`. */
export type GrantRefusal = 'notAdmin' | 'wider' | null;

export function grantRefusal(manager: AccountManager, role: Role, scope: Scope): GrantRefusal {
  if (!managesAccounts(manager)) return 'notAdmin';
  if (!ACCOUNT_MANAGEMENT.grants.roles.includes(role)) return 'notAdmin';
  return scopeWithin(scope, manager.scope) ? null : 'wider';
}

/**
 * The area levels a manager may hand out: their own and those below it (a county admin: county
 * and township), never wider than the deployment's root (a prefecture deployment never offers
 * 'province').
 */
export function grantableLevels(manager: AccountManager): Scope['level'][] {
  const from = Math.max(
    SCOPE_LEVELS.indexOf(manager.scope.level),
    SCOPE_LEVELS.indexOf(rootLevel()),
  );
  return SCOPE_LEVELS.slice(from);
}

/** The roles a manager may hand out (within their area). */
export function grantableRoles(manager: AccountManager): readonly Role[] {
  return managesAccounts(manager) ? ACCOUNT_MANAGEMENT.grants.roles : [];
}
