/**
 * The server's half of the actions table (src/domain/actions.ts): a route that does an action
 * asks assertMay first, and everyone the table does not name gets 403 roleDenied with the
 * action's own words. The screens hide what a user may not do; this is the guard.
 */
import { actionRefusal, type RouteAction } from '../../src/domain/actions';
import { bilingualError, type Bilingual } from '../base/api-error';
// The user's role and area are the domain's User fields (a session's user is one): taking the
// type from src/domain, not from ./sessions, keeps sessions → users → permissions one way.
import type { User } from '../../src/domain/protocol';

/** What a refused user is told, per action the routes guard. */
export const ACTION_DENIED: Readonly<Record<RouteAction, Bilingual>> = {
  reviewConflicts: {
    'zh-CN': '只有协调员和管理员可以处理冲突',
    en: 'only coordinators and admins review conflicts',
  },
  reviewDuplicates: {
    'zh-CN': '只有协调员和管理员可以处理重复的服务点',
    en: 'only coordinators and admins review duplicate service points',
  },
  manageUsers: { 'zh-CN': '只有管理员可以管理用户', en: 'only admins manage users' },
  manageDevices: {
    'zh-CN': '只有管理员可以管理其他人的设备',
    en: 'only admins manage other users’ devices',
  },
  readAudit: { 'zh-CN': '只有管理员可以查看安全审计记录', en: 'only admins read the audit log' },
};

/** Throws 403 roleDenied unless the actions table lets `user` do `action`. */
export function assertMay(user: Pick<User, 'role' | 'scope'>, action: RouteAction): void {
  if (actionRefusal(user, action) !== null) {
    throw bilingualError(403, 'roleDenied', ACTION_DENIED[action]);
  }
}
