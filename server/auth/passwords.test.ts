/**
 * Passwords to MLPS level 2 (issue 14), from outside over HTTP on PGlite (and PostgreSQL with
 * TEST_DATABASE_URL): the policy when an admin sets a password, the forced change at first
 * sign-in, a user changing their own (old password required, other sessions end), the expiry
 * with its warning, and the global sign-in limit under a burst of wrong logins.
 */
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_PASSWORD_POLICY } from '../../src/domain/passwordPolicy';
import { buildApp } from '../app';
import type { Db } from '../db';
import {
  CHUNAN,
  seedUser,
  TEST_PASSWORD,
  TEST_SCRYPT,
  TestClock,
  testBackends,
  useTestDatabase,
} from '../test-support/sync';
import { readPasswordPolicy, readServerConfig, StartupError } from '../start-server';
import { SignInLimiter } from '../base/sign-in-limit';

const DAY = 86_400_000;

describe('password settings from the environment', () => {
  it('reads PASSWORD_* with the level-2 defaults and refuses weaker or nonsense values', () => {
    expect(readPasswordPolicy({})).toEqual(DEFAULT_PASSWORD_POLICY);
    expect(
      readPasswordPolicy({
        PASSWORD_MIN_LENGTH: '12',
        PASSWORD_MIN_CLASSES: '4',
        PASSWORD_EXPIRY_DAYS: '0',
        PASSWORD_EXPIRY_WARNING_DAYS: '7',
      }),
    ).toEqual({ minLength: 12, minClasses: 4, maxLength: 200, expiryDays: 0, warnDays: 7 });
    expect(() => readPasswordPolicy({ PASSWORD_MIN_LENGTH: '6' })).toThrow(/PASSWORD_MIN_LENGTH/);
    expect(() => readPasswordPolicy({ PASSWORD_MIN_CLASSES: '5' })).toThrow(/1 to 4/);
    expect(() => readPasswordPolicy({ PASSWORD_EXPIRY_DAYS: 'soon' })).toThrow(StartupError);
    expect(readServerConfig({ SIGN_IN_CONCURRENCY: '2' }).signInLimit?.maxInFlight).toBe(2);
  });
});
const GOOD = 'Qiandao-lake-7';

describe.each(testBackends('server/auth/passwords.test.ts'))('passwords on $kind', (backend) => {
  let db: Db;
  let clock: TestClock;
  let app: FastifyInstance;

  const database = useTestDatabase(backend);

  const login = (username: string, password: string, address = '10.0.0.1') =>
    app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password },
      remoteAddress: address,
    });
  const as = (
    token: string,
    method: 'GET' | 'POST' | 'PUT' | 'PATCH',
    url: string,
    payload?: object,
  ) =>
    app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}` },
      ...(payload ? { payload } : {}),
    });
  const tokenOf = async (username: string, password: string) => {
    const response = await login(username, password);
    expect(response.statusCode, response.body).toBe(200);
    return (response.json() as { token: string }).token;
  };

  beforeEach(async () => {
    db = database();
    clock = new TestClock();
    await seedUser(db, 'admin', 'admin', { level: 'prefecture', code: '3301' });
    app = await buildApp({ db, staticDir: '/nonexistent', scrypt: TEST_SCRYPT, now: clock.now });
  });

  afterEach(async () => {
    await app.close();
  });

  async function createUser(adminToken: string, username: string, password: string) {
    return as(adminToken, 'POST', '/api/users', {
      username,
      role: 'trainer',
      scope: { level: 'county', code: CHUNAN },
      password,
    });
  }

  it('refuses a password an admin sets that breaks a rule, saying what to fix in both languages', async () => {
    const adminToken = await tokenOf('admin', TEST_PASSWORD);
    const cases: [string, RegExp, RegExp][] = [
      ['Short-1', /至少要 10 个字符/, /at least 10 characters/],
      ['alllowercaseletters', /至少 3 种/, /at least 3 of/],
      ['Wang.Fang-2026', /不能包含用户名/, /must not contain the user name/],
      ['gnaf.gnaw-2026X', /不能包含用户名/, /forwards or backwards/],
      ['Password2026!', /常见密码/, /common password/],
      ['1qaz2wsx3EDC', /常见密码/, /common password/],
      ['demo-2026', /至少要 10 个字符/, /at least 10/],
    ];
    for (const [password, zh, en] of cases) {
      const response = await createUser(adminToken, 'wang.fang', password);
      expect(response.statusCode, password).toBe(400);
      const body = response.json() as { error: string; messages: { 'zh-CN': string; en: string } };
      expect(body.error, password).toBe('passwordPolicy');
      expect(body.messages['zh-CN'], password).toMatch(zh);
      expect(body.messages.en, password).toMatch(en);
    }
    // Nothing half-saved: no account was created by any of them.
    const count = await db.query<{ n: number }>(
      "select count(*)::int as n from users where username = 'wang.fang'",
    );
    expect(count.rows[0]?.n).toBe(0);
    expect((await createUser(adminToken, 'wang.fang', GOOD)).statusCode).toBe(201);
  });

  it('forces a change at first sign-in after an admin sets or resets a password', async () => {
    const adminToken = await tokenOf('admin', TEST_PASSWORD);
    const created = await createUser(adminToken, 'trainer7', GOOD);
    const trainerId = (created.json() as { user: { id: string } }).user.id;

    const first = await login('trainer7', GOOD);
    expect(first.statusCode).toBe(200);
    const { token, password } = first.json() as {
      token: string;
      password: { mustChange: boolean; reason: string };
    };
    expect(password).toMatchObject({ mustChange: true, reason: 'setByAdmin' });
    // Only the change of password (and who am I, sign-out) works until it is changed.
    const pull = await as(token, 'POST', '/api/sync/pull', {});
    expect(pull.statusCode).toBe(403);
    expect(pull.json()).toMatchObject({
      error: 'passwordChangeRequired',
      messages: {
        'zh-CN': expect.stringMatching(/管理员设置/),
        en: expect.stringMatching(/change it/),
      },
    });
    expect((await as(token, 'GET', '/api/me')).statusCode).toBe(200);
    expect((await as(token, 'GET', '/api/auth/password')).json()).toMatchObject({
      password: { mustChange: true, policy: { minLength: 10, minClasses: 3 } },
    });

    const changed = await as(token, 'PUT', '/api/auth/password', {
      oldPassword: GOOD,
      newPassword: 'Trainer-own-choice-9x',
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ password: { mustChange: false, warn: false } });
    expect((await as(token, 'POST', '/api/sync/pull', {})).statusCode).not.toBe(403);

    // An admin's reset forces it again.
    const reset = await as(adminToken, 'PATCH', `/api/users/${trainerId}`, {
      password: 'Reset-by-admin-4',
    });
    expect(reset.statusCode).toBe(200);
    const again = await login('trainer7', 'Reset-by-admin-4');
    expect(again.json()).toMatchObject({ password: { mustChange: true } });
  });

  it('lets a user change their own password: old one required, words for each mistake, other sessions end', async () => {
    const officer = await seedUser(db, 'officer1', 'officer', { level: 'county', code: CHUNAN });
    const phone = await tokenOf('officer1', TEST_PASSWORD);
    const laptop = await tokenOf('officer1', TEST_PASSWORD);
    const change = (oldPassword: string, newPassword: string) =>
      as(phone, 'PUT', '/api/auth/password', { oldPassword, newPassword });

    const wrongOld = await change('not-my-password', 'Brand-new-pass-5');
    expect(wrongOld.statusCode).toBe(400);
    expect(wrongOld.json()).toMatchObject({
      error: 'wrongOldPassword',
      messages: {
        'zh-CN': expect.stringMatching(/旧密码不对/),
        en: expect.stringMatching(/old password is wrong/),
      },
    });
    const weak = await change(TEST_PASSWORD, 'officer1-Password');
    expect(weak.statusCode).toBe(400);
    expect(weak.json()).toMatchObject({ error: 'passwordPolicy' });
    const same = await change(TEST_PASSWORD, TEST_PASSWORD);
    expect(same.json().messages.en).toMatch(/differ from the old one/);
    expect((await change(TEST_PASSWORD, '')).statusCode).toBe(400);
    expect((await as(phone, 'PUT', '/api/auth/password', { newPassword: 'x' })).statusCode).toBe(
      400,
    );
    // Nothing changed so far: the old password still signs in.
    expect((await login('officer1', TEST_PASSWORD)).statusCode).toBe(200);

    const ok = await change(TEST_PASSWORD, 'Brand-new-pass-5');
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ otherSessionsEnded: 2 });
    expect((await as(laptop, 'GET', '/api/me')).statusCode).toBe(401);
    expect((await as(phone, 'GET', '/api/me')).json()).toMatchObject({
      user: { id: officer.id },
    });
    expect((await login('officer1', TEST_PASSWORD)).statusCode).toBe(401);
    expect((await login('officer1', 'Brand-new-pass-5')).statusCode).toBe(200);
    // A session is needed to change a password at all.
    expect(
      (
        await app.inject({
          method: 'PUT',
          url: '/api/auth/password',
          payload: { oldPassword: 'Brand-new-pass-5', newPassword: 'Other-new-pass-6' },
        })
      ).statusCode,
    ).toBe(401);
  });

  it('throttles guessing the old password like guessing at the sign-in', async () => {
    await seedUser(db, 'officer1', 'officer', { level: 'county', code: CHUNAN });
    const token = await tokenOf('officer1', TEST_PASSWORD);
    clock.advance(1000); // failures count from after the last success
    for (let i = 0; i < 4; i++) {
      const wrong = await as(token, 'PUT', '/api/auth/password', {
        oldPassword: `guess-${i}`,
        newPassword: 'Brand-new-pass-5',
      });
      expect(wrong.statusCode).toBe(400);
    }
    await as(token, 'PUT', '/api/auth/password', {
      oldPassword: 'guess-5',
      newPassword: 'Brand-new-pass-5',
    });
    const locked = await as(token, 'PUT', '/api/auth/password', {
      oldPassword: TEST_PASSWORD,
      newPassword: 'Brand-new-pass-5',
    });
    expect(locked.statusCode).toBe(429);
    expect(locked.headers['retry-after']).toBeDefined();
  });

  it('expires a password after 180 days, warning 14 days before', async () => {
    await seedUser(db, 'officer1', 'officer', { level: 'county', code: CHUNAN });
    const setAt = (daysAgo: number) =>
      db.query("update users set password_changed_at = $1 where username = 'officer1'", [
        new Date(clock.time.getTime() - daysAgo * DAY),
      ]);
    await setAt(100);
    let token = await tokenOf('officer1', TEST_PASSWORD);
    expect((await as(token, 'GET', '/api/auth/password')).json()).toMatchObject({
      password: { mustChange: false, warn: false },
    });
    await setAt(170);
    const warned = (await as(token, 'GET', '/api/auth/password')).json() as {
      password: { warn: boolean; expiresAt: string };
    };
    expect(warned.password.warn).toBe(true);
    expect(new Date(warned.password.expiresAt).getTime()).toBe(clock.time.getTime() + 10 * DAY);

    await setAt(181);
    const pull = await as(token, 'POST', '/api/sync/pull', {});
    expect(pull.statusCode).toBe(403);
    expect(pull.json()).toMatchObject({
      error: 'passwordChangeRequired',
      messages: { 'zh-CN': expect.stringMatching(/已过期/), en: expect.stringMatching(/expired/) },
    });
    const signIn = await login('officer1', TEST_PASSWORD);
    expect(signIn.json()).toMatchObject({ password: { mustChange: true, reason: 'expired' } });
    token = (signIn.json() as { token: string }).token;
    const changed = await as(token, 'PUT', '/api/auth/password', {
      oldPassword: TEST_PASSWORD,
      newPassword: 'Fresh-password-8',
    });
    expect(changed.statusCode).toBe(200);
    expect((await as(token, 'POST', '/api/sync/pull', {})).statusCode).not.toBe(403);
  });

  it('does not expire passwords with PASSWORD_EXPIRY_DAYS=0', async () => {
    await app.close();
    app = await buildApp({
      db,
      staticDir: '/nonexistent',
      scrypt: TEST_SCRYPT,
      now: clock.now,
      passwordPolicy: { ...DEFAULT_PASSWORD_POLICY, expiryDays: 0 },
    });
    await seedUser(db, 'officer1', 'officer', { level: 'county', code: CHUNAN });
    await db.query("update users set password_changed_at = $1 where username = 'officer1'", [
      new Date(clock.time.getTime() - 1000 * DAY),
    ]);
    const signIn = await login('officer1', TEST_PASSWORD);
    expect(signIn.json()).toMatchObject({
      password: { mustChange: false, expiresAt: null, warn: false },
    });
  });

  it('lets a real sign-in through a burst of wrong ones, never verifying more than the limit at once', async () => {
    await app.close();
    const limiter = new SignInLimiter({ maxInFlight: 2, maxWaiting: 3, maxWaitMs: 60_000 });
    app = await buildApp({
      db,
      staticDir: '/nonexistent',
      scrypt: TEST_SCRYPT,
      now: clock.now,
      signInLimit: limiter,
    });
    await seedUser(db, 'officer1', 'officer', { level: 'county', code: CHUNAN });

    // The server is busy: two verifications in flight that end when the test says so.
    let finishBusy!: () => void;
    const busy = new Promise<void>((resolve) => {
      finishBusy = resolve;
    });
    const inFlight = [limiter.run(() => busy), limiter.run(() => busy)];

    // Forty wrong sign-ins from forty addresses (the per-address throttle does not stop them),
    // the real user's in the middle.
    const attempts = Array.from({ length: 41 }, (_, i) =>
      i === 20
        ? login('officer1', TEST_PASSWORD, '192.168.1.20')
        : login(`nobody${i}`, 'guess-password', `10.1.0.${i}`),
    );
    // Every attempt reaches the limiter (a condition, not a delay): three wait, the rest are
    // answered at once without costing a hash.
    while (limiter.stats.refused + limiter.waitingCount < 41) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(limiter.waitingCount).toBe(3);
    expect(limiter.stats.refused).toBe(38);
    finishBusy();
    await Promise.all(inFlight);
    const answers = await Promise.all(attempts);

    for (const answer of answers.filter((_, i) => i !== 20)) {
      expect([401, 503]).toContain(answer.statusCode);
      if (answer.statusCode === 503) {
        expect(answer.headers['retry-after']).toBe('2');
        expect(answer.json()).toMatchObject({
          error: 'signInBusy',
          messages: {
            'zh-CN': expect.stringMatching(/秒后再试/),
            en: expect.stringMatching(/try again/),
          },
        });
      }
    }
    expect(answers.filter((answer) => answer.statusCode === 503)).toHaveLength(38);
    // Never more than two hashes at once, and the queue never longer than three.
    expect(limiter.stats.peakInFlight).toBeLessThanOrEqual(2);
    expect(limiter.stats.started).toBe(2 + 3);
    // The real user got in, or was told to retry in 2 s — and the retry gets in.
    const real = answers[20]!;
    if (real.statusCode !== 200) {
      expect(real.statusCode).toBe(503);
      const retry = await login('officer1', TEST_PASSWORD, '192.168.1.20');
      expect(retry.statusCode).toBe(200);
    }
  });
});
