/**
 * The phone's idle lock is the deployment's setting (issue 14 item 3): IDLE_LOCK_MINUTES, 15 by
 * default, answered to signed-in phones only, and a bad value refused in words before the
 * server starts rather than silently replaced by the default.
 */
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_IDLE_LOCK_MINUTES } from '../../src/domain/idleLock';
import { startServer, StartupError } from '../start-server';
import {
  buildTestApp,
  loginToken,
  QIANDAOHU,
  seedUser,
  TestClock,
  testBackends,
  useTestDatabase,
} from '../test-support/sync';
import { idleLockMinutes } from './sessions';

describe('idleLockMinutes', () => {
  it('is 15 unless set, and takes whole minutes from 1 to 240', () => {
    expect(idleLockMinutes({})).toBe(DEFAULT_IDLE_LOCK_MINUTES);
    expect(idleLockMinutes({ IDLE_LOCK_MINUTES: ' ' })).toBe(15);
    expect(idleLockMinutes({ IDLE_LOCK_MINUTES: '1' })).toBe(1);
    expect(idleLockMinutes({ IDLE_LOCK_MINUTES: '240' })).toBe(240);
    for (const bad of ['0', '241', '7.5', 'fifteen', '-3']) {
      expect(() => idleLockMinutes({ IDLE_LOCK_MINUTES: bad }), bad).toThrow(
        /IDLE_LOCK_MINUTES must be a whole number of minutes from 1 to 240/,
      );
    }
  });

  it('a bad value stops the start with that message', async () => {
    const saved = process.env.IDLE_LOCK_MINUTES;
    process.env.IDLE_LOCK_MINUTES = '0';
    try {
      const start = startServer({ port: 0, host: '127.0.0.1', dataDir: '/nonexistent/never-used' });
      await expect(start).rejects.toBeInstanceOf(StartupError);
      await expect(start).rejects.toThrow(/IDLE_LOCK_MINUTES/);
    } finally {
      if (saved === undefined) delete process.env.IDLE_LOCK_MINUTES;
      else process.env.IDLE_LOCK_MINUTES = saved;
    }
  });
});

describe('GET /api/settings/lock', () => {
  const database = useTestDatabase(testBackends('server/auth/idle-lock.test.ts')[0]!);
  let app: FastifyInstance;
  let token: string;
  const saved = process.env.IDLE_LOCK_MINUTES;

  beforeEach(async () => {
    const db = database();
    const officer = await seedUser(db, 'officer1', 'officer', {
      level: 'township',
      code: QIANDAOHU,
    });
    app = await buildTestApp(db, new TestClock());
    token = await loginToken(app, officer.username);
  });
  afterEach(async () => {
    await app.close();
    if (saved === undefined) delete process.env.IDLE_LOCK_MINUTES;
    else process.env.IDLE_LOCK_MINUTES = saved;
  });

  const ask = (auth?: string) =>
    app.inject({
      url: '/api/settings/lock',
      headers: auth ? { authorization: `Bearer ${auth}` } : {},
    });

  it('answers the deployment’s minutes to a signed-in phone, and nobody else', async () => {
    delete process.env.IDLE_LOCK_MINUTES;
    expect((await ask()).statusCode).toBe(401);
    const standard = await ask(token);
    expect(standard.statusCode).toBe(200);
    expect(standard.json()).toEqual({ idleLockMinutes: 15 });
    process.env.IDLE_LOCK_MINUTES = '5';
    expect((await ask(token)).json()).toEqual({ idleLockMinutes: 5 });
  });
});
