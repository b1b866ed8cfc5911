import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { access, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireDataDirLock, LOCK_FILE_NAME } from './db/data-dir-lock';
import {
  createPostgresTestDatabase,
  postgresTestUrl,
  seedPgliteDataDir,
} from './test-support/databases';
import { readServerConfig, startServer, StartupError } from './start-server';

const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));
const pgUrl = postgresTestUrl('server/main.test.ts');

interface ChildRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `node --import tsx server/main.ts` (as `npm start` does: scripts/start.mjs) with extra
 * environment; resolves when it exits. One process, so the SIGTERM reaches the server itself.
 * Through tsx's CLI (a parent process that relays signals) the test flaked under load: the CLI
 * gives its child 30 ms to report a relayed signal over IPC and then sends SIGKILL, so a server
 * whose event loop was busy for longer died without its stopping line (docs/TESTING.md,
 * "Seventh session").
 */
function runMain(env: Record<string, string>, onStdout?: (text: string, kill: () => void) => void) {
  return new Promise<ChildRun>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: REPO_ROOT,
      env: { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'warn', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      onStdout?.(stdout, () => child.kill('SIGTERM'));
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

function expectOneLineFailure(run: ChildRun, pattern: RegExp): void {
  expect(run.code).toBe(1);
  const lines = run.stderr.trim().split('\n');
  expect(lines, run.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^Cannot start 村电通 cundian: /);
  expect(lines[0]).toMatch(pattern);
}

/**
 * A spawned `node --import tsx server/main.ts`: its own start (tsx, the server's modules, PGlite's
 * WebAssembly) takes seconds, more on a loaded machine, beside the node worker's other files.
 */
const SPAWN_TIMEOUT_MS = 60_000;

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

describe('server/main.ts', () => {
  let parent: string;

  beforeAll(async () => {
    parent = await mkdtemp(join(tmpdir(), 'cundian-main-'));
  });

  afterAll(async () => {
    await rm(parent, { recursive: true, force: true });
  });

  it(
    'refuses a data folder in use with one clear line and exit code 1',
    async () => {
      const dataDir = join(parent, 'locked');
      await mkdir(dataDir);
      const lock = await acquireDataDirLock(dataDir);
      try {
        const run = await runMain({ DATA_DIR: dataDir, PORT: '0' });
        expectOneLineFailure(run, new RegExp(`in use by process ${process.pid} .*set DATA_DIR`));
      } finally {
        await lock.release();
      }
    },
    SPAWN_TIMEOUT_MS,
  );

  it(
    'says plainly when PostgreSQL is unreachable',
    async () => {
      const run = await runMain({ DATABASE_URL: 'postgres://u:pw@127.0.0.1:1/cundian', PORT: '0' });
      expectOneLineFailure(run, /Cannot reach PostgreSQL at 127\.0\.0\.1:1\/cundian/);
      expect(run.stderr).not.toContain(':pw@');
    },
    SPAWN_TIMEOUT_MS,
  );

  it(
    'refuses a PORT that is not a port',
    async () => {
      const run = await runMain({ PORT: 'eighty' });
      expectOneLineFailure(run, /PORT must be a number/);
    },
    SPAWN_TIMEOUT_MS,
  );

  it('starts, answers, and on SIGTERM stops and releases the data folder', async () => {
    const dataDir = join(parent, 'served');
    // A folder as PGlite's initdb leaves it, nothing migrated: the start migrates it and loads the
    // demo. PGlite created from nothing in a folder (initdb: ~6 s of this spawn's ~15 s of CPU) is
    // pglite.test's first start, with the migrations after it (docs/TESTING.md, "Tenth session").
    await seedPgliteDataDir(dataDir, { migrated: false });
    let health: unknown;
    const run = await runMain({ DATA_DIR: dataDir, PORT: '0' }, (stdout, kill) => {
      const match = /running at (http:\/\/\S+) {2}\(database: PGlite in (.+)\)/.exec(stdout);
      if (!match || health !== undefined) return;
      health = null;
      void fetch(`${match[1]}/api/health`)
        .then((response) => response.json())
        .then((body: unknown) => {
          health = body;
        })
        .finally(kill);
    });
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('Database migrated: 0001_init.sql');
    // An empty embedded database gets the demo, and the accounts are printed.
    expect(run.stdout).toContain('Demo data loaded');
    expect(run.stdout).toMatch(/officer\s+officer\s+淳安县 · 千岛湖镇/);
    expect(run.stdout).toContain('password demo-2026');
    expect(run.stdout).toContain(`(database: PGlite in ${dataDir})`);
    expect(run.stdout).toContain('SIGTERM: stopping the server');
    expect(health).toMatchObject({ ok: true, db: 'pglite' });
    expect(run.code).toBe(0);
    expect(await exists(join(dataDir, LOCK_FILE_NAME))).toBe(false);
    // A real start: migrations, the demo and the stop take 20 s and more on a loaded machine.
  }, 90_000);

  it(
    'refuses a REGION it cannot serve with one clear line, before touching the data folder',
    async () => {
      const dataDir = join(parent, 'no-region');
      const run = await runMain({ DATA_DIR: dataDir, PORT: '0', REGION: '3399' });
      expectOneLineFailure(run, /REGION=3399: .*no prefecture has this code/);
      expect(await exists(dataDir)).toBe(false);
    },
    SPAWN_TIMEOUT_MS,
  );
});

describe('startServer', () => {
  let parent: string;

  beforeAll(async () => {
    parent = await mkdtemp(join(tmpdir(), 'cundian-start-'));
  });

  afterAll(async () => {
    await rm(parent, { recursive: true, force: true });
  });

  it('reads its configuration from the environment with defaults', () => {
    expect(readServerConfig({})).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      databaseUrl: undefined,
      dataDir: './data',
    });
    expect(
      readServerConfig({ PORT: '9000', HOST: '0.0.0.0', DATABASE_URL: 'postgres://x/y' }),
    ).toMatchObject({ port: 9000, host: '0.0.0.0', databaseUrl: 'postgres://x/y' });
    expect(() => readServerConfig({ PORT: '70000' })).toThrow(StartupError);
    // The demo: on an empty embedded database by default, with PostgreSQL only on request.
    expect(readServerConfig({}).demo).toBe('ifEmpty');
    expect(readServerConfig({ DATABASE_URL: 'postgres://x/y' }).demo).toBe('never');
    expect(readServerConfig({ DATABASE_URL: 'postgres://x/y' }, ['--demo']).demo).toBe('always');
    // TRUST_PROXY: the proxy's addresses or a hop count, never "trust anyone".
    expect(() => readServerConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY=127\.0\.0\.1/);
    expect(readServerConfig({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8' }).trustProxy).toEqual([
      '127.0.0.1',
      '10.0.0.0/8',
    ]);
    expect(() => readServerConfig({ TRUST_PROXY: 'my-proxy' })).toThrow(/not an address or CIDR/);
    expect(() => readServerConfig({ TRUST_PROXY: '10.0.0.0/33' })).toThrow(StartupError);
    expect(typeof readServerConfig({ TRUST_PROXY: '1' }).trustProxy).toBe('function');
    expect(readServerConfig({}).trustProxy).toBe(false);
    // The audit log is kept six months at least: a shorter setting refuses to start.
    expect(readServerConfig({}).maintenance?.auditRetentionDays).toBe(365);
    expect(readServerConfig({ AUDIT_RETENTION_DAYS: '200' }).maintenance?.auditRetentionDays).toBe(
      200,
    );
    expect(() => readServerConfig({ AUDIT_RETENTION_DAYS: '90' })).toThrow(/≥ 180/);
    expect(() => readServerConfig({ AUDIT_RETENTION_DAYS: 'off' })).toThrow(StartupError);
  });

  it('releases the data folder when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const address = blocker.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const dataDir = join(parent, 'data');
    // A migrated data folder, as after a first start: what this test proves is the lock let go
    // when the port is taken. A start on an empty folder (initdb, the migrations: seconds of CPU,
    // and this test's 60 s ran out at load 20) is the spawned server's test above.
    await seedPgliteDataDir(dataDir);
    try {
      const attempt = startServer({ port, host: '127.0.0.1', dataDir });
      await expect(attempt).rejects.toBeInstanceOf(StartupError);
      await expect(attempt).rejects.toThrow(`Port ${port} on 127.0.0.1 is already in use`);
      expect(await exists(join(dataDir, LOCK_FILE_NAME))).toBe(false);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }

    const server = await startServer({ port: 0, host: '127.0.0.1', dataDir });
    try {
      expect(server.migrations.applied).toEqual([]); // seeded migrated
      const response = await fetch(`${server.url}/api/health`);
      expect(response.status).toBe(200);
    } finally {
      await server.close();
      await server.close(); // twice is harmless
    }
    expect(await exists(join(dataDir, LOCK_FILE_NAME))).toBe(false);
  }, 60_000); // two PGlite starts on a data folder: seconds, more on a loaded machine

  it.skipIf(!pgUrl)('starts on PostgreSQL when a database URL is given', async () => {
    const database = await createPostgresTestDatabase(pgUrl ?? '');
    try {
      const server = await startServer({
        port: 0,
        host: '127.0.0.1',
        databaseUrl: database.url,
        dataDir: join(parent, 'not-used'),
      });
      try {
        expect(server.db.description).toMatch(/^PostgreSQL at 127\.0\.0\.1:\d+\/cundian_test_/);
        expect(server.migrations.applied).toContain('0001_init.sql');
        const response = await fetch(`${server.url}/api/health`);
        expect(await response.json()).toMatchObject({ ok: true, db: 'postgres' });
      } finally {
        await server.close();
      }
      expect(await exists(join(parent, 'not-used'))).toBe(false);
    } finally {
      await database.drop();
    }
  });
});
