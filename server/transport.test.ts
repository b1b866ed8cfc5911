/**
 * Transport and proxy (issue 14 item 7), from outside over HTTP: behind TRUST_PROXY=127.0.0.1 a
 * client elsewhere cannot pick its own address with X-Forwarded-For — rotating the header does
 * not escape the sign-in throttle — while the proxy's header is believed; the served headers
 * hold a Permissions-Policy and an img-src limited to our origin and the tile hosts.
 */
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tileOrigins } from '../src/domain/baseMaps';
import { buildApp } from './app';
import { readServerConfig } from './start-server';
import type { Db } from './db';
import {
  seedUser,
  TEST_SCRYPT,
  TestClock,
  testBackends,
  useTestDatabase,
} from './test-support/sync';

describe.each(testBackends('server/transport.test.ts'))('behind a proxy on $kind', (backend) => {
  let db: Db;
  let app: FastifyInstance;
  const database = useTestDatabase(backend);

  beforeEach(async () => {
    db = database();
    for (let i = 0; i < 3; i++) {
      await seedUser(db, `user${i}`, 'officer', { level: 'county', code: '330127' });
    }
    app = await buildApp({
      db,
      staticDir: '/nonexistent',
      scrypt: TEST_SCRYPT,
      now: new TestClock().now,
      trustProxy: readServerConfig({ TRUST_PROXY: '127.0.0.1' }).trustProxy,
    });
  });

  afterEach(async () => {
    await app.close();
  });

  const attempt = (username: string, remoteAddress: string, forwardedFor: string) =>
    app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password: 'wrong-password' },
      remoteAddress,
      headers: { 'x-forwarded-for': forwardedFor },
    });

  it('throttles rotating X-Forwarded-For from an untrusted peer as one address', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 12; i++) {
      // A new account and a new claimed address each time: only the real peer is common.
      codes.push((await attempt(`user${i % 3}`, '198.51.100.9', `203.0.113.${i}`)).statusCode);
    }
    expect(codes.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(codes.slice(4)).toEqual(Array(8).fill(429));
    const { rows } = await db.query<{ address: string }>(
      'select distinct address from login_attempts',
    );
    expect(rows).toEqual([{ address: '198.51.100.9' }]);
    const audit = await db.query<{ address: string }>(
      "select distinct address from audit_log where action like 'login.%' and at = $1",
      [new TestClock().now()],
    );
    expect(audit.rows.map((r) => r.address)).toContain('198.51.100.9');
    expect(audit.rows.map((r) => r.address)).not.toContain('203.0.113.1');
  });

  it('believes the trusted proxy: clients behind it are counted apart', async () => {
    for (let i = 0; i < 6; i++) {
      const response = await attempt('user0', '127.0.0.1', `203.0.113.${i}`);
      // The account locks after five (per account), but each address failed only once.
      expect(response.statusCode).toBe(i < 4 ? 401 : 429);
    }
    const { rows } = await db.query<{ n: number }>(
      'select count(distinct address)::int as n from login_attempts',
    );
    expect(rows[0]!.n).toBe(5);
  });

  it('serves Permissions-Policy and an img-src of our origin and the tile hosts only', async () => {
    const response = await app.inject({ url: '/api/health' });
    const policy = response.headers['permissions-policy'] as string;
    expect(policy).toContain('camera=(self)');
    expect(policy).toContain('geolocation=(self)');
    expect(policy).toContain('microphone=()');
    const csp = response.headers['content-security-policy'] as string;
    const imgSrc = csp.split('; ').find((d) => d.startsWith('img-src '))!;
    expect(imgSrc).toBe(`img-src 'self' data: blob: ${tileOrigins().join(' ')}`);
    expect(imgSrc).not.toMatch(/https:(\s|$)/);
    expect(tileOrigins()).toContain('https://tile.openstreetmap.org');
  });
});
