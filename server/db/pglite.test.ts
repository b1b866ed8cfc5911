import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineDbContractTests } from '../test-support/db-contract';
import { acquireDataDirLock, LOCK_FILE_NAME, readProcessStartTicks } from './data-dir-lock';
import { loadMigrations, migrate } from './migrate';
import { openPglite } from './pglite';
import { lendTestPglite, returnTestPglite } from '../test-support/databases';
import { DataDirLockedError, type Db } from './types';

// An empty database per test as a fresh copy would be: the worker's lendable one, its public
// schema made again after each test (test-support/databases.ts).
defineDbContractTests('pglite', {
  open: () => lendTestPglite({ migrated: false }),
  cleanup: (db) => returnTestPglite(db),
});

/** The pid of a process that has exited (so nothing runs under it right now). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid ?? 999_999_999;
}

describe('openPglite on a data folder', () => {
  let parent: string;

  beforeAll(async () => {
    parent = await mkdtemp(join(tmpdir(), 'cundian-pglite-'));
  });

  afterAll(async () => {
    await rm(parent, { recursive: true, force: true });
  });

  // The one first start from nothing in the suite: PGlite's initdb in an empty folder with the
  // server's own settings, then every migration, as `npm start` does on a new machine. Every
  // other data folder a test opens is seeded from the templates (test-support/databases.ts).
  it('starts in an empty folder, migrates it, keeps its data across close and reopen, and locks the folder meanwhile', async () => {
    const dataDir = join(parent, 'data');
    const first = await openPglite({ dataDir });
    let second: Db | undefined;
    try {
      const migrations = (await loadMigrations()).map((migration) => migration.fileName);
      expect((await migrate(first)).applied).toEqual(migrations);
      expect(
        (await first.query<{ s: string }>(`select current_setting('shared_buffers') as s`)).rows,
      ).toEqual([{ s: '128MB' }]);
      await first.exec('create table kept (value text); insert into kept values ($$hello$$)');
      const lock = JSON.parse(await readFile(join(dataDir, LOCK_FILE_NAME), 'utf8')) as {
        pid: number;
      };
      expect(lock.pid).toBe(process.pid);

      const refusal = openPglite({ dataDir });
      await expect(refusal).rejects.toBeInstanceOf(DataDirLockedError);
      await expect(refusal).rejects.toThrow(
        new RegExp(`in use by process ${process.pid} on .*set DATA_DIR to another folder`),
      );
    } finally {
      await first.close();
    }

    await expect(readFile(join(dataDir, LOCK_FILE_NAME))).rejects.toMatchObject({
      code: 'ENOENT',
    });
    try {
      second = await openPglite({ dataDir });
      expect((await second.query('select value from kept')).rows).toEqual([{ value: 'hello' }]);
      expect((await migrate(second)).applied).toEqual([]);
    } finally {
      await second?.close();
    }
    // PGlite created from nothing in a folder (initdb), migrated, then opened again: seconds of
    // CPU, and this file shares the node worker with the heaviest files (vite.config.ts).
  }, 120_000);
});

describe('the data-folder lock', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'cundian-lock-'));
  });

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  const lockPath = () => join(dataDir, LOCK_FILE_NAME);

  it('refuses a folder held by a live process, naming it', async () => {
    // The parent of this test process is alive and is not us.
    await writeFile(
      lockPath(),
      JSON.stringify({ pid: process.ppid, hostname: hostname(), startedAt: 'earlier' }),
    );
    try {
      await expect(acquireDataDirLock(dataDir)).rejects.toThrow(
        `is in use by process ${process.ppid} on ${hostname()} (started earlier)`,
      );
    } finally {
      await rm(lockPath(), { force: true });
    }
  });

  it('takes over a stale lock whose process is gone', async () => {
    const pid = await deadPid();
    await writeFile(lockPath(), JSON.stringify({ pid, hostname: hostname(), startedAt: 'x' }));
    const lock = await acquireDataDirLock(dataDir);
    const owner = JSON.parse(await readFile(lockPath(), 'utf8')) as { pid: number };
    expect(owner.pid).toBe(process.pid);
    await lock.release();
    await expect(readFile(lockPath())).rejects.toMatchObject({ code: 'ENOENT' });
  });

  // Start times come from /proc: elsewhere a live pid always counts as the holder.
  it.skipIf(process.platform !== 'linux')('takes over a lock whose pid was reused', async () => {
    const parentTicks = readProcessStartTicks(process.ppid);
    expect(parentTicks).toMatch(/^\d+$/); // the check below compares with this
    expect(parentTicks).not.toBe('1');
    await writeFile(
      lockPath(),
      JSON.stringify({
        pid: process.ppid,
        hostname: hostname(),
        startedAt: 'x',
        processStartTicks: '1', // not the start time of our parent: an older process
      }),
    );
    const lock = await acquireDataDirLock(dataDir);
    // Taken over: the lock now names this process and its own start time, not the parent's.
    expect(JSON.parse(await readFile(lockPath(), 'utf8'))).toMatchObject({
      pid: process.pid,
      processStartTicks: readProcessStartTicks(process.pid),
    });
    await lock.release();
    await expect(readFile(lockPath())).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it.skipIf(process.platform !== 'linux')(
    'refuses a lock whose pid is alive with the start time on record',
    async () => {
      // The same lock as above but with the parent's true start time: the holder is alive.
      await writeFile(
        lockPath(),
        JSON.stringify({
          pid: process.ppid,
          hostname: hostname(),
          startedAt: 'x',
          processStartTicks: readProcessStartTicks(process.ppid),
        }),
      );
      try {
        await expect(acquireDataDirLock(dataDir)).rejects.toBeInstanceOf(DataDirLockedError);
      } finally {
        await rm(lockPath(), { force: true });
      }
    },
  );

  it('refuses a lock written on another host, saying how to remove it', async () => {
    await writeFile(
      lockPath(),
      JSON.stringify({ pid: 1, hostname: 'some-other-host', startedAt: 'x' }),
    );
    try {
      await expect(acquireDataDirLock(dataDir)).rejects.toThrow(
        `if it is no longer running delete ${lockPath()}`,
      );
    } finally {
      await rm(lockPath(), { force: true });
    }
  });

  it('takes over an old unreadable lock but not a fresh one', async () => {
    await writeFile(lockPath(), '');
    await expect(acquireDataDirLock(dataDir)).rejects.toBeInstanceOf(DataDirLockedError);
    const anHourAgo = new Date(Date.now() - 3_600_000);
    await utimes(lockPath(), anHourAgo, anHourAgo);
    const lock = await acquireDataDirLock(dataDir);
    expect(JSON.parse(await readFile(lockPath(), 'utf8'))).toMatchObject({ pid: process.pid });
    await lock.release();
  });

  it('refuses a second lock in the same process until the first is released', async () => {
    const lock = await acquireDataDirLock(dataDir);
    await expect(acquireDataDirLock(dataDir)).rejects.toThrow(/this process/);
    await lock.release();
    await lock.release(); // twice is harmless
    const again = await acquireDataDirLock(dataDir);
    await again.release();
  });
});
