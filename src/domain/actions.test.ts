/**
 * The actions table (actions.ts) as rules: who may, why not, and that the record-writing actions
 * cannot drift from ENTITY_ACCESS. The server's answers to the same table are tested over HTTP in
 * server/auth/permissions.test.ts.
 */
import { describe, expect, it } from 'vitest';
import {
  ACTION_NAMES,
  ACTIONS,
  actionRefusal,
  actionRule,
  entityOfAction,
  may,
  ROUTE_ACTIONS,
  type PushAction,
} from './actions';
import { ROLES, type Role, type Scope } from './protocol';
import { roleMayWrite } from './scope';

const PREFECTURE: Scope = { level: 'prefecture', code: '3301' };
const COUNTY: Scope = { level: 'county', code: '330127' };
const TOWNSHIP: Scope = { level: 'township', code: '330127100' };
const actor = (role: Role, scope: Scope = COUNTY) => ({ role, scope });

describe('the actions table', () => {
  it('gives every action its roles, where it is enforced and a reason', () => {
    for (const action of ACTION_NAMES) {
      const rule = actionRule(action);
      expect(rule.roles.length, action).toBeGreaterThan(0);
      expect(rule.reason.length, action).toBeGreaterThan(20);
      expect(['route', 'push', 'device']).toContain(rule.enforced);
    }
  });

  it('takes the roles of a record-writing action from ENTITY_ACCESS', () => {
    const pushActions = ACTION_NAMES.filter((a) => ACTIONS[a].enforced === 'push') as PushAction[];
    expect(pushActions).toEqual(['editTargets', 'editCentralTowns']);
    for (const action of pushActions) {
      const entity = entityOfAction(action);
      for (const role of ROLES) {
        expect(may(actor(role, PREFECTURE), action), `${role} ${action}`).toBe(
          roleMayWrite(role, entity),
        );
      }
    }
  });

  it('lets coordinators and admins review both inboxes, each by a row of its own', () => {
    for (const action of ['reviewConflicts', 'reviewDuplicates'] as const) {
      expect(ROLES.filter((role) => may(actor(role), action))).toEqual(['admin', 'coordinator']);
    }
    expect(ROUTE_ACTIONS).toEqual([
      'reviewConflicts',
      'reviewDuplicates',
      'manageUsers',
      'manageDevices',
      'readAudit',
    ]);
  });

  it('says why: the role, the level of the area, or nobody signed in', () => {
    expect(actionRefusal(actor('officer'), 'reviewConflicts')).toBe('role');
    expect(actionRefusal(actor('coordinator', TOWNSHIP), 'openReport')).toBe('level');
    expect(actionRefusal(actor('coordinator', COUNTY), 'openReport')).toBeNull();
    expect(actionRefusal(actor('admin', PREFECTURE), 'openReport')).toBeNull();
    expect(actionRefusal(null, 'manageUsers')).toBe('signedOut');
  });

  it('offers the device’s own work to the app used without an account, and nothing of the server', () => {
    expect(ACTION_NAMES.filter((action) => may(null, action))).toEqual([
      'editTargets',
      'editCentralTowns',
      'viewTargetGrid',
    ]);
  });
});
