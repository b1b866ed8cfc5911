/**
 * The security audit log, from outside over HTTP (PGlite, and PostgreSQL with TEST_DATABASE_URL):
 * each listed action leaves an entry with who, what, when and from where; admins read the entries
 * of their own area, paged and filtered, and export them as CSV (itself audited); no route
 * changes or deletes an entry, and the table refuses UPDATE, DELETE and TRUNCATE — except the
 * retention path, and even that only for entries older than 180 days.
 */
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry, AuditPage } from '../../src/domain/audit';
import { centralTownId } from '../../src/domain/centralTown';
import { targetId } from '../../src/domain/target';
import type { Db } from '../db';
import { newId } from '../../src/domain/common';
import {
  buildTestApp,
  CHUNAN,
  loginToken,
  QIANDAOHU,
  QIANDAOHU_VILLAGE,
  seedUser,
  servicePointFields,
  TEST_PASSWORD,
  TestClock,
  TestDevice,
  testBackends,
  TONGLU,
  useTestDatabase,
} from '../test-support/sync';
import { pruneAudit } from './prune';

const DAY = 86_400_000;

describe.each(testBackends('server/audit/audit.test.ts'))('the audit log on $kind', (backend) => {
  let db: Db;
  let app: FastifyInstance;
  let clock: TestClock;
  /** Entries written before this test (the table cannot be emptied between tests). */
  let before: number;
  const database = useTestDatabase(backend);

  beforeEach(async () => {
    db = database();
    clock = new TestClock();
    await seedUser(db, 'cityadmin', 'admin', { level: 'prefecture', code: '3301' });
    await seedUser(db, 'chunanadmin', 'admin', { level: 'county', code: CHUNAN });
    await seedUser(db, 'tongluadmin', 'admin', { level: 'county', code: TONGLU });
    await seedUser(db, 'officer1', 'officer', { level: 'township', code: QIANDAOHU });
    await seedUser(db, 'officer2', 'officer', { level: 'county', code: CHUNAN });
    await seedUser(db, 'coordinator', 'coordinator', { level: 'county', code: CHUNAN });
    app = await buildTestApp(db, clock);
    const { rows } = await db.query<{ id: string | null }>(
      'select max(id)::text as id from audit_log',
    );
    before = Number(rows[0]!.id ?? 0);
  });

  afterEach(async () => {
    await app.close();
  });

  const call = (
    token: string,
    method: 'GET' | 'POST' | 'PATCH' | 'PUT',
    url: string,
    payload?: object,
  ) =>
    app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}`, 'user-agent': 'audit-test/1.0' },
      remoteAddress: '10.1.2.3',
      ...(payload ? { payload } : {}),
    });

  /** This test's entries, oldest first, as the city's admin reads them over HTTP. */
  async function entries(token: string, query = ''): Promise<AuditEntry[]> {
    const response = await call(token, 'GET', `/api/audit?limit=500${query}`);
    expect(response.statusCode).toBe(200);
    return (response.json() as AuditPage).entries.filter((e) => e.id > before).reverse();
  }

  it('records sign-ins (success and failure, address, device), sign-outs and account changes', async () => {
    const failed = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'officer1', password: 'wrong password' },
      headers: { 'user-agent': 'Mozilla/5.0 (Linux; Android 12) phone' },
      remoteAddress: '192.0.2.7',
    });
    expect(failed.statusCode).toBe(401);
    const admin = await loginToken(app, 'cityadmin');
    const officer = await loginToken(app, 'officer1');
    expect((await call(officer, 'POST', '/api/auth/logout')).statusCode).toBe(204);

    const created = await call(admin, 'POST', '/api/users', {
      username: 'newtrainer',
      role: 'trainer',
      scope: { level: 'township', code: QIANDAOHU },
      password: TEST_PASSWORD,
    });
    expect(created.statusCode).toBe(201);
    const id = (created.json() as { user: { id: string } }).user.id;
    for (const patch of [
      { role: 'coordinator' },
      { scope: { level: 'county', code: CHUNAN } },
      { disabled: true },
      { disabled: false },
      { password: 'another-pass-2' },
    ]) {
      expect((await call(admin, 'PATCH', `/api/users/${id}`, patch)).statusCode).toBe(200);
    }

    const seen = await entries(admin);
    expect(seen.map((e) => [e.action, e.actorUsername, e.outcome])).toEqual([
      ['login.failed', 'officer1', 'refused'],
      ['login.succeeded', 'cityadmin', 'ok'],
      ['login.succeeded', 'officer1', 'ok'],
      ['logout', 'officer1', 'ok'],
      ['user.created', 'cityadmin', 'ok'],
      ['user.roleChanged', 'cityadmin', 'ok'],
      ['user.areaChanged', 'cityadmin', 'ok'],
      ['user.disabled', 'cityadmin', 'ok'],
      ['user.enabled', 'cityadmin', 'ok'],
      ['password.reset', 'cityadmin', 'ok'],
    ]);
    expect(seen[0]).toMatchObject({
      address: '192.0.2.7',
      userAgent: 'Mozilla/5.0 (Linux; Android 12) phone',
      areas: [QIANDAOHU], // the account's area, found by its name
    });
    expect(seen[3]).toMatchObject({ address: '10.1.2.3', userAgent: 'audit-test/1.0' });
    expect(seen[5]!.details).toEqual({ from: 'trainer', to: 'coordinator' });
    expect(seen[6]).toMatchObject({
      subjectLabel: 'newtrainer',
      details: { from: QIANDAOHU, to: CHUNAN },
    });
    expect(seen[7]!.details).toMatchObject({ sessionsRevoked: 0 });
    // An admin's reset forces a change at the next sign-in (i14-passwords), and says so.
    expect(seen[9]!.details).toEqual({ sessionsRevoked: 0, mustChange: true });
    // Never a password in an entry.
    expect(JSON.stringify(seen)).not.toContain('another-pass-2');
    expect(JSON.stringify(seen)).not.toContain(TEST_PASSWORD);
  });

  it('records a user changing their own password (and a wrong old password) and an expired password at sign-in', async () => {
    const admin = await loginToken(app, 'cityadmin');
    const elsewhere = await loginToken(app, 'officer1');
    const officer = await loginToken(app, 'officer1');
    const wrong = await call(officer, 'PUT', '/api/auth/password', {
      oldPassword: 'not my password',
      newPassword: 'Lantern-river-2031',
    });
    expect(wrong.statusCode).toBe(400);
    const changed = await call(officer, 'PUT', '/api/auth/password', {
      oldPassword: TEST_PASSWORD,
      newPassword: 'Lantern-river-2031',
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ otherSessionsEnded: 1 });
    expect((await call(elsewhere, 'GET', '/api/me')).statusCode).toBe(401);

    // The change and its entry are one transaction: the entry is there, with who and from where.
    const seen = await entries(admin, '&action=password');
    expect(seen.map((e) => [e.action, e.actorUsername, e.outcome])).toEqual([
      ['password.changed', 'officer1', 'refused'],
      ['password.changed', 'officer1', 'ok'],
    ]);
    expect(seen[0]!.details).toEqual({ reason: 'wrongOldPassword' });
    expect(seen[1]).toMatchObject({
      address: '10.1.2.3',
      userAgent: 'audit-test/1.0',
      subjectType: 'session',
      areas: [QIANDAOHU],
      details: { otherSessionsEnded: 1 },
    });
    expect(JSON.stringify(seen)).not.toContain('Lantern-river-2031');
    expect(JSON.stringify(seen)).not.toContain(TEST_PASSWORD);

    // An expired password gates the session to changing it: the sign-in records that.
    await db.query("update users set password_changed_at = $1 where username = 'officer2'", [
      new Date(clock.time.getTime() - 200 * DAY),
    ]);
    const expiredSignIn = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'officer2', password: TEST_PASSWORD },
    });
    expect(expiredSignIn.json()).toMatchObject({
      password: { mustChange: true, reason: 'expired' },
    });
    const expired = (await entries(admin, '&action=password.expired')).filter(
      (e) => e.actorUsername === 'officer2',
    );
    expect(expired).toHaveLength(1);
    expect(expired[0]).toMatchObject({ outcome: 'ok', areas: [CHUNAN] });
  });

  it('records target edits, duplicate dismissals and the CSV export', async () => {
    const admin = await TestDevice.signIn(app, 'cityadmin');
    const answer = await admin.push([
      admin.mutation('target', targetId(2026, CHUNAN, 'servicePoints'), {
        year: 2026,
        countyCode: CHUNAN,
        metric: 'servicePoints',
        value: 120,
      }),
    ]);
    expect(answer.results[0]!.status).toBe('applied');
    const town = await admin.push([
      admin.mutation('centralTown', centralTownId(QIANDAOHU), {
        townshipCode: QIANDAOHU,
        designatedYear: 2013,
        active: true,
      }),
    ]);
    expect(town.results[0]!.status).toBe('applied');

    // Two phones register the same shop 55 m apart: a flag the coordinator dismisses.
    const here = {
      lat: 29.605,
      lng: 119.042,
      accuracy: 12,
      source: 'gps',
      capturedAt: '2026-03-01T08:00:00.000Z',
    };
    for (const [username, location, name] of [
      ['officer1', here, '富城村电商服务点'],
      ['officer2', { ...here, lat: 29.6055 }, '村口小卖部'],
    ] as const) {
      const device = await TestDevice.signIn(app, username);
      const pushed = await device.push([
        device.mutation(
          'servicePoint',
          newId(),
          servicePointFields(QIANDAOHU_VILLAGE, { name, location }),
        ),
      ]);
      expect(pushed.results[0]!.status).toBe('applied');
    }
    const coordinator = await loginToken(app, 'coordinator');
    const flags = (await call(coordinator, 'GET', '/api/duplicates')).json() as {
      duplicates: { id: number }[];
    };
    expect(flags.duplicates).toHaveLength(1);
    const dismissed = await call(
      coordinator,
      'POST',
      `/api/duplicates/${flags.duplicates[0]!.id}/dismiss`,
      {},
    );
    expect(dismissed.statusCode).toBe(200);

    const token = await loginToken(app, 'cityadmin');
    const csv = await call(token, 'GET', '/api/audit.csv?action=target');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toMatch(
      /^attachment; filename="audit-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toMatch(/^id,at,action,outcome,actor,/);
    expect(lines.slice(1).every((line) => line.includes(',target.edited,'))).toBe(true);

    const seen = await entries(token, '&action=target');
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      action: 'target.edited',
      actorUsername: 'cityadmin',
      areas: expect.arrayContaining(['3301', CHUNAN]),
      details: { op: 'upsert', changes: { value: 120 } },
    });
    expect(await entries(token, '&action=centralTown')).toEqual([
      expect.objectContaining({
        action: 'centralTown.edited',
        areas: expect.arrayContaining([QIANDAOHU]),
        details: { op: 'upsert', changes: expect.objectContaining({ designatedYear: 2013 }) },
      }),
    ]);
    const review = await entries(token, '&action=duplicate.dismissed');
    expect(review.map((e) => e.actorUsername)).toEqual(['coordinator']);
    const exports = await entries(token, '&action=audit.exported');
    expect(exports).toHaveLength(1);
    expect(exports[0]!.details).toMatchObject({ filter: { action: 'target' } });
  });

  it('records conflict restores with the record and the value chosen', async () => {
    // Two officers rename the same point offline: B's name wins, A's is kept and restored.
    const a = await TestDevice.signIn(app, 'officer1');
    const b = await TestDevice.signIn(app, 'officer2');
    const id = newId();
    await a.push([a.mutation('servicePoint', id, servicePointFields(QIANDAOHU_VILLAGE))]);
    await a.push([a.mutation('servicePoint', id, { name: 'A 起的名字' }, 1)]);
    await b.push([b.mutation('servicePoint', id, { name: 'B 起的名字' }, 1)]);
    const coordinator = await loginToken(app, 'coordinator');
    const { conflicts } = (await call(coordinator, 'GET', '/api/conflicts')).json() as {
      conflicts: { id: number }[];
    };
    const resolved = await call(coordinator, 'POST', `/api/conflicts/${conflicts[0]!.id}/resolve`, {
      restore: 'loser',
    });
    expect(resolved.statusCode).toBe(200);
    const seen = await entries(await loginToken(app, 'chunanadmin'), '&action=conflict');
    expect(seen).toEqual([
      expect.objectContaining({
        action: 'conflict.restored',
        actorUsername: 'coordinator',
        address: '10.1.2.3',
        subjectLabel: `servicePoint:${id}`,
        details: expect.objectContaining({ restore: 'loser', field: 'name' }),
      }),
    ]);
  });

  it('shows each admin the entries of their own area, filtered and paged', async () => {
    const city = await loginToken(app, 'cityadmin');
    await loginToken(app, 'officer1'); // 淳安
    const tonglu = await loginToken(app, 'tongluadmin');
    const chunan = await loginToken(app, 'chunanadmin');
    await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'nobody', password: 'x' },
    });

    const actors = async (token: string, query = '') =>
      (await entries(token, query)).map((e) => e.actorUsername);
    expect(await actors(city)).toEqual([
      'cityadmin',
      'officer1',
      'tongluadmin',
      'chunanadmin',
      'nobody',
    ]);
    expect(await actors(chunan)).toEqual(['officer1', 'chunanadmin']);
    expect(await actors(tonglu)).toEqual(['tongluadmin']);
    expect(await actors(city, '&actor=OFFICER1')).toEqual(['officer1']);
    expect(await actors(city, '&action=login.failed')).toEqual(['nobody']);
    const day = clock.now().toISOString().slice(0, 10);
    expect(await actors(city, `&from=${day}&to=${day}`)).toHaveLength(5);
    expect(await actors(city, '&to=2020-01-01')).toEqual([]);

    // Paging: two at a time, newest first, with no entry seen twice.
    const pages: number[] = [];
    let after = '';
    for (let i = 0; i < 5; i++) {
      const page = (await call(city, 'GET', `/api/audit?limit=2${after}`)).json() as AuditPage;
      pages.push(...page.entries.map((e) => e.id));
      if (page.next === null) break;
      after = `&after=${page.next}`;
    }
    expect(new Set(pages).size).toBe(pages.length);
    expect(pages).toEqual([...pages].sort((a, b) => b - a));

    // Bad input says what to fix; other roles are refused.
    const bad = await call(city, 'GET', '/api/audit?from=yesterday');
    expect(bad.statusCode).toBe(400);
    expect((bad.json() as { messages: { 'zh-CN': string } }).messages['zh-CN']).toContain(
      '开始日期',
    );
    const coordinator = await loginToken(app, 'coordinator');
    expect((await call(coordinator, 'GET', '/api/audit')).statusCode).toBe(403);
    expect((await call(coordinator, 'GET', '/api/audit.csv')).statusCode).toBe(403);
    expect((await app.inject({ url: '/api/audit' })).statusCode).toBe(401);
  });

  it('refuses every method but GET on /api/audit*, and the table refuses UPDATE, DELETE, TRUNCATE', async () => {
    const admin = await loginToken(app, 'cityadmin');
    const count = async () =>
      Number(
        (await db.query<{ n: string }>('select count(*)::text as n from audit_log')).rows[0]!.n,
      );
    const total = await count();
    for (const url of ['/api/audit', '/api/audit.csv', `/api/audit/${before + 1}`]) {
      for (const method of ['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const) {
        for (const authorization of [`Bearer ${admin}`, undefined]) {
          const response = await app.inject({
            method,
            url,
            headers: authorization ? { authorization } : {},
            payload: method === 'OPTIONS' ? undefined : { action: 'nothing' },
          });
          expect(response.statusCode, `${method} ${url}`).toBe(405);
          expect(response.headers.allow).toBe('GET, HEAD');
        }
      }
    }
    expect(await count()).toBe(total);

    for (const sql of [
      "update audit_log set actor_username = 'someone else'",
      'delete from audit_log',
      'truncate audit_log',
    ]) {
      await expect(db.query(sql), sql).rejects.toThrow(/append-only/);
    }
    // The retention path deletes only what is older than 180 days by the database's clock.
    await db.query(
      `insert into audit_log (at, action, actor_username) values
         (now() - interval '200 days', 'logout', 'old'), (now() - interval '10 days', 'logout', 'young')`,
    );
    await expect(
      db.transaction(async (tx) => {
        await tx.query("select set_config('cundian.audit_prune', 'on', true)");
        await tx.query("delete from audit_log where actor_username = 'young'");
      }),
    ).rejects.toThrow(/append-only/);
    const pruned = await pruneAudit(db, new Date(Date.now() - 180 * DAY));
    expect(pruned).toBeGreaterThanOrEqual(1);
    const left = await db.query<{ actor_username: string }>(
      "select actor_username from audit_log where actor_username in ('old', 'young')",
    );
    expect(left.rows.map((r) => r.actor_username)).toEqual(['young']);
  });
});
