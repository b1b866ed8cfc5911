/**
 * The actions table (src/domain/actions.ts) as the server answers it, over HTTP: for every route
 * an action guards and every role at every level of area, 403 roleDenied exactly when the table
 * refuses, and never for whom it allows (they get their data, or a 400/404 about the request).
 * The table is read, not copied: a change to it changes what this test expects.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { may, ROUTE_ACTIONS, type RouteAction } from '../../src/domain/actions';
import { ROLES, type Scope } from '../../src/domain/protocol';
import type { Db } from '../db';
import {
  buildTestApp,
  CHUNAN,
  loginToken,
  QIANDAOHU,
  seedUser,
  testBackends,
  type TestUser,
} from '../test-support/sync';
import { ACTION_DENIED } from './permissions';

const SCOPES: Scope[] = [
  { level: 'prefecture', code: '3301' },
  { level: 'county', code: CHUNAN },
  { level: 'township', code: QIANDAOHU },
];

/** Ids of nothing that exists (fixed, so the tests' names are the same at each run). */
const NO_ID = '00000000-0000-4000-8000-000000000001';

interface RouteCall {
  method: 'GET' | 'POST' | 'PATCH';
  /** `:user` is an officer of 千岛湖镇, inside every caller's area. */
  url: string;
  payload?: object;
}

/** Every route each guarded action has (a missing one fails the coverage test below). */
const ROUTES: Record<RouteAction, RouteCall[]> = {
  reviewConflicts: [
    { method: 'GET', url: '/api/conflicts' },
    { method: 'POST', url: '/api/conflicts/999999/resolve', payload: { restore: 'winner' } },
  ],
  reviewDuplicates: [
    { method: 'GET', url: '/api/duplicates' },
    { method: 'GET', url: `/api/duplicates?point=${NO_ID}` },
    { method: 'POST', url: '/api/duplicates/999999/dismiss', payload: {} },
    {
      method: 'POST',
      url: '/api/duplicates/999999/merge',
      payload: { keep: NO_ID, take: [], versions: {} },
    },
  ],
  manageUsers: [
    { method: 'GET', url: '/api/users' },
    { method: 'POST', url: '/api/users', payload: {} },
    { method: 'PATCH', url: '/api/users/:user', payload: {} },
  ],
  manageDevices: [
    { method: 'GET', url: '/api/users/:user/devices' },
    { method: 'GET', url: '/api/users/:user/rescued' },
    { method: 'POST', url: `/api/users/:user/devices/${NO_ID}/lost`, payload: {} },
  ],
  readAudit: [
    { method: 'GET', url: '/api/audit' },
    { method: 'GET', url: '/api/audit.csv' },
  ],
};

const CASES = ROUTE_ACTIONS.flatMap((action) =>
  ROUTES[action].map((route) => ({ action, ...route })),
);

describe.each(testBackends('server/auth/permissions.test.ts'))(
  'who may do what, answered by the server on $kind',
  (backend) => {
    let db: Db;
    let app: FastifyInstance;
    let target: TestUser;
    const callers: { user: TestUser; token: string }[] = [];

    beforeAll(async () => {
      db = await backend.open();
      target = await seedUser(db, 'target', 'officer', { level: 'township', code: QIANDAOHU });
      app = await buildTestApp(db);
      for (const role of ROLES) {
        for (const scope of SCOPES) {
          const user = await seedUser(db, `${role}-${scope.level}`, role, scope);
          callers.push({ user, token: await loginToken(app, user.username) });
        }
      }
    });

    afterAll(async () => {
      await app?.close();
      await backend.close(db);
    });

    it('tries every route of every action the routes guard', () => {
      expect(Object.keys(ROUTES).sort()).toEqual([...ROUTE_ACTIONS].sort());
      expect(callers).toHaveLength(ROLES.length * SCOPES.length);
    });

    it.each(CASES)('$action: $method $url', async ({ action, method, url, payload }) => {
      let refused = 0;
      for (const { user, token } of callers) {
        const response = await app.inject({
          method,
          url: url.replace(':user', target.id),
          headers: { authorization: `Bearer ${token}` },
          ...(payload ? { payload } : {}),
        });
        const who = `${user.role} of ${user.scope.level} ${user.scope.code}: ${response.body}`;
        if (may(user, action)) {
          expect(response.statusCode, who).not.toBe(403);
          expect(response.statusCode, who).toBeLessThan(500);
        } else {
          refused += 1;
          expect(response.statusCode, who).toBe(403);
          expect(response.json(), who).toMatchObject({
            error: 'roleDenied',
            messages: ACTION_DENIED[action],
          });
        }
      }
      // Each action is refused to someone (else the test could not fail) and allowed to someone.
      expect(refused).toBeGreaterThan(0);
      expect(refused).toBeLessThan(callers.length);
    });
  },
);
