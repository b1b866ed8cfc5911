/**
 * Demo only where it is safe (issue 14), from outside: the real startServer on a real data
 * folder, signing in over HTTP; a non-loopback start with demo passwords refuses BEFORE listening.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateAccount } from '../auth/users';
import { openDatabase } from '../db';
import { serverRegions } from '../regions';
import { startServer, StartupError } from '../start-server';
import { seedPgliteDataDir } from '../test-support/databases';
import { DEMO_PASSWORD } from './demo-data';
import { decideDemo, isLoopbackHost } from './demo-safety';

const SCRYPT = { N: 1024, r: 8, p: 1 };

describe('the demo decision', () => {
  it('knows loopback addresses', () => {
    for (const host of [
      '127.0.0.1',
      '127.1.2.3',
      'localhost',
      '::1',
      '[::1]',
      '::ffff:127.0.0.1',
    ]) {
      expect(isLoopbackHost(host), host).toBe(true);
    }
    for (const host of ['0.0.0.0', '::', '192.168.1.10', '10.0.0.1', 'cundian.example.cn', '']) {
      expect(isLoopbackHost(host), host).toBe(false);
    }
  });

  it('loads the demo only on loopback unless --demo, and checks demo passwords elsewhere', () => {
    expect(decideDemo('127.0.0.1', 'ifEmpty')).toEqual({
      load: 'ifEmpty',
      refuseDemoPasswords: false,
    });
    expect(decideDemo('0.0.0.0', 'ifEmpty')).toEqual({ load: 'never', refuseDemoPasswords: true });
    expect(decideDemo('0.0.0.0', 'never')).toEqual({ load: 'never', refuseDemoPasswords: true });
    expect(decideDemo('0.0.0.0', 'always')).toEqual({ load: 'always', refuseDemoPasswords: false });
  });
});

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  return typeof address === 'object' && address ? address.port : 0;
}

/** True when something accepts a connection on 127.0.0.1:port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('starting with the demo', () => {
  let parent: string;

  beforeAll(async () => {
    parent = await mkdtemp(join(tmpdir(), 'cundian-demo-safety-'));
  });

  afterAll(async () => {
    await rm(parent, { recursive: true, force: true });
  });

  it('shows the demo on loopback, refuses a LAN start while demo passwords work, starts once fixed', async () => {
    const dataDir = join(parent, 'demo');
    // A migrated, empty data folder, as after a first start (minus seconds of initdb): a start
    // on a folder with nothing in it is server/main.test.ts's.
    await seedPgliteDataDir(dataDir);
    const local = await startServer({ port: 0, host: '127.0.0.1', dataDir, demo: 'ifEmpty' });
    try {
      expect(local.demo?.accounts.map((a) => a.username)).toEqual([
        'admin',
        'coordinator',
        'officer',
        'trainer',
      ]);
      const signIn = await fetch(`${local.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'officer', password: DEMO_PASSWORD }),
      });
      expect(signIn.status).toBe(200);
      // Seeded, not set by an admin: the demo needs no change of password.
      expect(await signIn.json()).toMatchObject({ password: { mustChange: false } });
    } finally {
      await local.close();
    }

    const port = await freePort();
    const lan = startServer({ port, host: '0.0.0.0', dataDir, demo: 'ifEmpty' });
    await expect(lan).rejects.toBeInstanceOf(StartupError);
    const message = await lan.catch((error: Error) => error.message);
    expect(message).toMatch(
      /enabled accounts still have the published demo password: admin, coordinator, officer, trainer/,
    );
    expect(message).toContain('npm run users -- reset-password admin');
    expect(message).toContain('npm run users -- disable admin');
    expect(await listening(port)).toBe(false); // refused before listening

    // Fixed as the message says: a new password for admin, the other demo accounts disabled.
    const db = await openDatabase({ DATA_DIR: dataDir });
    try {
      const regions = serverRegions();
      const found = await db.query<{ id: string; username: string }>(
        'select id::text as id, username from users order by username',
      );
      for (const user of found.rows) {
        await updateAccount(
          db,
          regions,
          user.id,
          user.username === 'admin' ? { password: 'County-chief-2026' } : { disabled: true },
          SCRYPT,
        );
      }
    } finally {
      await db.close();
    }
    const fixed = await startServer({ port: 0, host: '0.0.0.0', dataDir, demo: 'ifEmpty' });
    try {
      expect(fixed.demo).toBeUndefined();
      const health = await fetch(`${fixed.url.replace('0.0.0.0', '127.0.0.1')}/api/health`);
      expect(health.status).toBe(200);
    } finally {
      await fixed.close();
    }
  }, 180_000); // three starts of an embedded database and the demo on a shared 2-core machine

  it('creates no demo on an empty database served to other machines', async () => {
    const dataDir = join(parent, 'lan');
    await seedPgliteDataDir(dataDir); // migrated and empty, as above
    const lan = await startServer({ port: 0, host: '0.0.0.0', dataDir, demo: 'ifEmpty' });
    try {
      expect(lan.demo).toBeUndefined();
      const users = await lan.db.query<{ n: number }>('select count(*)::int as n from users');
      expect(users.rows[0]?.n).toBe(0);
    } finally {
      await lan.close();
    }
  }, 120_000);
});
