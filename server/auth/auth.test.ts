/**
 * Accounts on PGlite and (with TEST_DATABASE_URL) PostgreSQL: the server holds trainees' phone
 * numbers and every programme record of a prefecture, so signing in must resist guessing,
 * sessions must end when they should (idle 30 days, logout, an admin disabling the account or
 * resetting its password) and only admins may hand out access.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './passwords';
import { lockedUntil, SESSION_LIFETIME_MS } from './sessions';
import type { Db } from '../db';
import {
  buildTestApp,
  CHUNAN,
  loginToken,
  QIANDAOHU,
  seedUser,
  TEST_PASSWORD,
  TEST_SCRYPT,
  TestClock,
  testBackends,
  useTestDatabase,
  type TestUser,
} from '../test-support/sync';
import type { FastifyInstance } from 'fastify';

const MINUTE = 60_000;
const DAY = 86_400_000;

describe('password hashes', () => {
  it('are salted scrypt with their parameters, and verify only the right password', async () => {
    const first = await hashPassword('correct horse', TEST_SCRYPT);
    const second = await hashPassword('correct horse', TEST_SCRYPT);
    expect(first).toMatch(/^scrypt\$1024\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(first).not.toBe(second); // a salt of its own
    expect(await verifyPassword('correct horse', first)).toBe(true);
    expect(await verifyPassword('correct horse ', first)).toBe(false);
    expect(await verifyPassword('correct horse', 'plain-text')).toBe(false);
  });
});

describe('lockedUntil', () => {
  const at = (minutes: number) => new Date(Date.UTC(2026, 2, 2, 8, minutes));
  it('locks for 15 minutes from the fifth failure within 15 minutes', () => {
    expect(lockedUntil([at(0), at(1), at(2), at(3)])).toBeUndefined();
    expect(lockedUntil([at(0), at(1), at(2), at(3), at(4)])).toEqual(at(19));
    expect(lockedUntil([at(0), at(5), at(10), at(15), at(20)])).toBeUndefined(); // spread out
  });
});

describe.each(testBackends('server/auth/auth.test.ts'))('accounts on $kind', (backend) => {
  let db: Db;
  let clock: TestClock;
  let app: FastifyInstance;
  let admin: TestUser;
  let officer: TestUser;

  const login = (username: string, password = TEST_PASSWORD, address = '10.0.0.1') =>
    app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password },
      remoteAddress: address,
    });
  const me = (token: string) =>
    app.inject({ url: '/api/me', headers: { authorization: `Bearer ${token}` } });

  const database = useTestDatabase(backend);

  beforeEach(async () => {
    db = database();
    clock = new TestClock();
    admin = await seedUser(db, 'admin', 'admin', { level: 'prefecture', code: '3301' });
    officer = await seedUser(db, 'officer1', 'officer', { level: 'township', code: QIANDAOHU });
    app = await buildTestApp(db, clock);
  });

  afterEach(async () => {
    await app.close();
  });

  it('signs in with a random token stored only as a hash, and answers /api/me', async () => {
    const response = await login('Officer1'); // user names are case-insensitive
    expect(response.statusCode).toBe(200);
    const { token, user } = response.json() as { token: string; user: unknown };
    expect(token).toMatch(/^[\w-]{43}$/);
    expect(user).toEqual({
      id: officer.id,
      username: 'officer1',
      displayName: 'officer1 (test)',
      role: 'officer',
      scope: { level: 'township', code: QIANDAOHU },
    });
    const stored = await db.query<{ token_hash: string }>('select token_hash from sessions');
    expect(stored.rows).toHaveLength(1);
    expect(stored.rows[0]?.token_hash).not.toContain(token);
    expect((await me(token)).json()).toEqual({ user });
  });

  it('answers 401 unauthorized without a valid token, on every protected route', async () => {
    for (const [method, url] of [
      ['GET', '/api/me'],
      ['POST', '/api/sync/push'],
      ['POST', '/api/sync/pull'],
      ['GET', '/api/users'],
      ['GET', '/api/conflicts'],
      ['POST', '/api/auth/logout'],
    ] as const) {
      const none = await app.inject({ method, url });
      expect(none.statusCode, url).toBe(401);
      expect(none.json()).toMatchObject({ error: 'unauthorized' });
      const wrong = await app.inject({
        method,
        url,
        headers: { authorization: 'Bearer ' + 'x'.repeat(43) },
      });
      expect(wrong.statusCode, url).toBe(401);
    }
    expect((await app.inject({ url: '/api/health' })).statusCode).toBe(200);
  });

  it('refuses a wrong password with 401, and after 5 failures in 15 minutes waits 15 minutes', async () => {
    const wrong = await login('officer1', 'wrong-password');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({ error: 'invalidCredentials' });
    for (let i = 0; i < 3; i++) {
      clock.advance(MINUTE);
      expect((await login('officer1', 'wrong-password')).statusCode).toBe(401);
    }
    clock.advance(MINUTE);
    const fifth = await login('officer1', 'wrong-password');
    expect(fifth.statusCode).toBe(429);
    expect(fifth.headers['retry-after']).toBe('900');
    expect(fifth.json()).toMatchObject({
      error: 'tooManyAttempts',
      messages: {
        'zh-CN': '登录失败次数过多，请 15 分钟后再试。',
        en: expect.stringContaining('wait 15 minutes'),
      },
    });
    // Even the right password waits, from another address too (the account is locked).
    clock.advance(10 * MINUTE);
    const locked = await login('officer1', TEST_PASSWORD, '10.9.9.9');
    expect(locked.statusCode).toBe(429);
    expect(locked.json().messages.en).toContain('wait 5 minutes');
    clock.advance(5 * MINUTE);
    expect((await login('officer1')).statusCode).toBe(200);
    // A success clears the account's count.
    expect((await login('officer1', 'wrong-password', '10.0.0.2')).statusCode).toBe(401);
  });

  it('answers odd user names with a 4xx, never a 500', async () => {
    for (const username of ['a\u0000b', '\ud800', '', 'x'.repeat(101)]) {
      const response = await login(username, 'whatever');
      expect(response.statusCode, JSON.stringify(username)).toBeGreaterThanOrEqual(400);
      expect(response.statusCode).toBeLessThan(500);
    }
    const notJson = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 1 },
    });
    expect(notJson.statusCode).toBe(400);
  });

  it('throttles an address that tries many accounts', async () => {
    for (const name of ['a1', 'a2', 'a3', 'a4']) {
      expect((await login(name, 'guess', '10.6.6.6')).statusCode).toBe(401);
    }
    expect((await login('a5', 'guess', '10.6.6.6')).statusCode).toBe(429);
    expect((await login('officer1', TEST_PASSWORD, '10.6.6.6')).statusCode).toBe(429);
    expect((await login('officer1', TEST_PASSWORD, '10.0.0.7')).statusCode).toBe(200);
  });

  it('expires a session 30 days after its last use, renewing it on use', async () => {
    // The absolute limit (30 days from sign-in by default, server/devices/devices.test.ts) is
    // lifted for this test, so only the idle one is at work.
    process.env.SESSION_MAX_AGE_DAYS = '366';
    try {
      const token = await loginToken(app, 'officer1');
      clock.advance(29 * DAY);
      expect((await me(token)).statusCode).toBe(200); // renewed: 30 days from now
      clock.advance(29 * DAY);
      expect((await me(token)).statusCode).toBe(200);
      clock.advance(SESSION_LIFETIME_MS + MINUTE);
      expect((await me(token)).statusCode).toBe(401);
    } finally {
      delete process.env.SESSION_MAX_AGE_DAYS;
    }
  });

  it('ends the session on logout', async () => {
    const token = await loginToken(app, 'officer1');
    const other = await loginToken(app, 'officer1');
    const out = await app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(out.statusCode).toBe(204);
    expect((await me(token)).statusCode).toBe(401);
    expect((await me(other)).statusCode).toBe(200); // the other device stays signed in
  });

  it('lets an admin create, disable and reset users; disabling and resetting end sessions', async () => {
    const adminToken = await loginToken(app, 'admin');
    const asAdmin = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
      app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${adminToken}` },
        ...(payload ? { payload } : {}),
      });

    const created = await asAdmin('POST', '/api/users', {
      username: 'Trainer7',
      displayName: '培训师七',
      role: 'trainer',
      scope: { level: 'county', code: CHUNAN },
      password: 'First-password-1',
    });
    expect(created.statusCode).toBe(201);
    const trainer = created.json().user as { id: string; username: string };
    expect(trainer.username).toBe('trainer7');
    expect(
      (
        await asAdmin('POST', '/api/users', {
          username: 'trainer7',
          role: 'trainer',
          scope: { level: 'county', code: CHUNAN },
          password: 'Another-password-3',
        })
      ).statusCode,
    ).toBe(409);
    expect(
      (
        await asAdmin('POST', '/api/users', {
          username: 'nowhere',
          role: 'officer',
          scope: { level: 'county', code: '330199' },
          password: 'Another-password-3',
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await asAdmin('POST', '/api/users', {
          username: 'short',
          role: 'officer',
          scope: { level: 'county', code: CHUNAN },
          password: 'short',
        })
      ).statusCode,
    ).toBe(400);

    const trainerToken = (await login('trainer7', 'First-password-1')).json().token as string;
    const listed = await asAdmin('GET', '/api/users');
    expect(listed.json().users.map((u: { username: string }) => u.username)).toEqual([
      'admin',
      'officer1',
      'trainer7',
    ]);

    const reset = await asAdmin('PATCH', `/api/users/${trainer.id}`, {
      password: 'Second-password-2',
    });
    expect(reset.json()).toMatchObject({ sessionsRevoked: 1 });
    expect((await me(trainerToken)).statusCode).toBe(401);
    expect((await login('trainer7', 'First-password-1')).statusCode).toBe(401);
    const again = (await login('trainer7', 'Second-password-2')).json().token as string;

    const disabled = await asAdmin('PATCH', `/api/users/${trainer.id}`, { disabled: true });
    expect(disabled.json()).toMatchObject({ user: { disabled: true }, sessionsRevoked: 1 });
    expect((await me(again)).statusCode).toBe(401);
    const refused = await login('trainer7', 'Second-password-2');
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ error: 'accountDisabled' });

    expect(
      (await asAdmin('PATCH', `/api/users/${trainer.id}`, { role: 'wizard' })).statusCode,
    ).toBe(400);
    expect((await asAdmin('PATCH', `/api/users/${admin.id}`, { disabled: true })).statusCode).toBe(
      409,
    ); // last admin
    expect(
      (
        await asAdmin('PATCH', '/api/users/00000000-0000-0000-0000-000000000000', {
          disabled: true,
        })
      ).statusCode,
    ).toBe(404);
  });

  it('keeps user management to admins', async () => {
    const token = await loginToken(app, 'officer1');
    const asOfficer = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
      app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${token}` },
        ...(payload ? { payload } : {}),
      });
    expect((await asOfficer('GET', '/api/users')).statusCode).toBe(403);
    expect(
      (
        await asOfficer('POST', '/api/users', {
          username: 'x1',
          role: 'admin',
          scope: { level: 'prefecture', code: '3301' },
          password: 'xxxxxxxxxx',
        })
      ).statusCode,
    ).toBe(403);
    const promote = await asOfficer('PATCH', `/api/users/${officer.id}`, { role: 'admin' });
    expect(promote.statusCode).toBe(403);
    expect(promote.json()).toMatchObject({ error: 'roleDenied' });
  });
});
