/**
 * Admins scoped to their area, from outside over HTTP (issue 14 item 6): a county admin manages
 * only the accounts of the county, grants nothing wider (403 with the reason in words), and lists
 * only those accounts; the rule is src/domain/usersPolicy.ts, also used by the shell command and
 * the users screen. Refusals are audited.
 */
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db';
import {
  buildTestApp,
  CHUNAN,
  loginToken,
  QIANDAOHU,
  seedUser,
  TEST_PASSWORD,
  testBackends,
  TONGLU,
  useTestDatabase,
  type TestUser,
} from '../test-support/sync';

describe.each(testBackends('server/auth/admin-scope.test.ts'))(
  'admin areas on $kind',
  (backend) => {
    let db: Db;
    let app: FastifyInstance;
    let chunanOfficer: TestUser;
    let tongluOfficer: TestUser;
    let token: string;
    const database = useTestDatabase(backend);

    beforeEach(async () => {
      db = database();
      await seedUser(db, 'cityadmin', 'admin', { level: 'prefecture', code: '3301' });
      await seedUser(db, 'chunanadmin', 'admin', { level: 'county', code: CHUNAN });
      chunanOfficer = await seedUser(db, 'officer1', 'officer', {
        level: 'township',
        code: QIANDAOHU,
      });
      tongluOfficer = await seedUser(db, 'tonglu1', 'officer', { level: 'county', code: TONGLU });
      app = await buildTestApp(db);
      token = await loginToken(app, 'chunanadmin');
    });

    afterEach(async () => {
      await app.close();
    });

    const call = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
      app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${token}` },
        ...(payload ? { payload } : {}),
      });
    const messages = (body: string) =>
      (JSON.parse(body) as { messages: Record<string, string> }).messages;

    it('a county admin cannot create a prefecture admin, nor any account outside the county', async () => {
      const wide = await call('POST', '/api/users', {
        username: 'bigboss',
        role: 'admin',
        scope: { level: 'prefecture', code: '3301' },
        password: TEST_PASSWORD,
      });
      expect(wide.statusCode).toBe(403);
      expect(wide.json()).toMatchObject({ error: 'widerThanOwnArea' });
      expect(messages(wide.body)['zh-CN']).toContain('淳安县');
      expect(messages(wide.body).en).toContain('wider than or outside your own');
      const elsewhere = await call('POST', '/api/users', {
        username: 'tonglu2',
        role: 'officer',
        scope: { level: 'county', code: TONGLU },
        password: TEST_PASSWORD,
      });
      expect(elsewhere.statusCode).toBe(403);
      const { rows } = await db.query(
        "select 1 from users where username in ('bigboss', 'tonglu2')",
      );
      expect(rows).toEqual([]); // nothing half-saved

      // Inside the county: any role, a county admin included.
      for (const [username, role, scope] of [
        ['trainer9', 'trainer', { level: 'township', code: QIANDAOHU }],
        ['deputy', 'admin', { level: 'county', code: CHUNAN }],
      ] as const) {
        const ok = await call('POST', '/api/users', {
          username,
          role,
          scope,
          password: TEST_PASSWORD,
        });
        expect(ok.statusCode, username).toBe(201);
      }

      const refused = await db.query<{ subject_label: string; outcome: string }>(
        "select subject_label, outcome from audit_log where action = 'user.refused' order by id",
      );
      expect(refused.rows.slice(-2)).toEqual([
        { subject_label: 'bigboss', outcome: 'refused' },
        { subject_label: 'tonglu2', outcome: 'refused' },
      ]);
    });

    it('a county admin cannot move, disable or promote a user of another county, nor move one out', async () => {
      for (const patch of [
        { scope: { level: 'county', code: CHUNAN } },
        { disabled: true },
        { password: 'a-new-password-9' },
      ]) {
        const response = await call('PATCH', `/api/users/${tongluOfficer.id}`, patch);
        expect(response.statusCode, JSON.stringify(patch)).toBe(403);
        expect(response.json()).toMatchObject({ error: 'outsideArea' });
      }
      const out = await call('PATCH', `/api/users/${chunanOfficer.id}`, {
        scope: { level: 'county', code: TONGLU },
      });
      expect(out.statusCode).toBe(403);
      expect(out.json()).toMatchObject({ error: 'widerThanOwnArea' });
      const up = await call('PATCH', `/api/users/${chunanOfficer.id}`, {
        role: 'admin',
        scope: { level: 'prefecture', code: '3301' },
      });
      expect(up.statusCode).toBe(403);
      const { rows } = await db.query<{ scope_code: string; role: string; disabled: boolean }>(
        'select scope_code, role, disabled from users where id = any($1::uuid[]) order by username',
        [[chunanOfficer.id, tongluOfficer.id]],
      );
      expect(rows).toEqual([
        { scope_code: QIANDAOHU, role: 'officer', disabled: false },
        { scope_code: TONGLU, role: 'officer', disabled: false },
      ]);
      // Within the county it works.
      const moved = await call('PATCH', `/api/users/${chunanOfficer.id}`, {
        scope: { level: 'county', code: CHUNAN },
      });
      expect(moved.statusCode).toBe(200);
    });

    it('a county admin lists only the accounts of the county; the city admin lists all', async () => {
      const listed = await call('GET', '/api/users');
      expect(listed.statusCode).toBe(200);
      const names = (listed.json() as { users: { username: string }[] }).users.map(
        (u) => u.username,
      );
      expect(names).toEqual(['chunanadmin', 'officer1']);
      token = await loginToken(app, 'cityadmin');
      const all = (await call('GET', '/api/users')).json() as { users: unknown[] };
      expect(all.users).toHaveLength(4);
    });
  },
);
