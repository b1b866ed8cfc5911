/**
 * The shell command for accounts: the first admin of a real deployment is made with it, and it
 * is the way back in when nobody can sign in. It must refuse to touch an embedded database the
 * running server holds (PGlite has no lock across processes: both would write and lose data),
 * saying to stop the server.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { verifyPassword } from '../server/auth/passwords';
import { acquireDataDirLock } from '../server/db/data-dir-lock';
import type { Db } from '../server/db';
import { openPglite } from '../server/db';
import {
  lendTestPglite,
  returnTestPglite,
  seedPgliteDataDir,
} from '../server/test-support/databases';
import { configureDeployment, serverRegions } from '../server/regions';
import { deployment, setDeployment } from '../src/domain/deployment';
import { TEST_SCRYPT } from '../server/test-support/sync';
import { main, parseArgs, runUsersCommand } from './users';
import { generatedRegions } from '../server/test-support/generated-regions';

const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));

/** `npm run users -- …` as package.json runs it: one process, node with tsx's loader. */
function runCli(args: string[], env: Record<string, string>, stdin = '') {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/users.ts', ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, DATABASE_URL: '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

describe('scripts/users.ts in process', () => {
  let db: Db;
  let out: string[];
  let err: string[];
  let passwords: string[];
  const run = (...args: string[]) =>
    runUsersCommand(args, {
      db,
      regions: serverRegions(),
      out: (line) => out.push(line),
      err: (line) => err.push(line),
      readNewPassword: async () => passwords.shift() ?? '',
      scrypt: TEST_SCRYPT,
    });

  beforeEach(async () => {
    // The worker's lendable migrated database, emptied after each test (test-support/databases.ts).
    db = await lendTestPglite();
    out = [];
    err = [];
    passwords = [];
  });

  afterEach(async () => {
    await returnTestPglite(db);
  });

  it('adds, lists, disables, enables and resets users', async () => {
    expect(
      await run(
        'add',
        'Chief',
        '--role',
        'admin',
        '--scope',
        '3301',
        '--name',
        '市管理员',
        '--password',
        'First-password-1',
      ),
    ).toBe(0);
    passwords.push('Typed-password-1');
    expect(await run('add', 'wang', '--role=officer', '--scope=330127100')).toBe(0);
    expect(out).toEqual([
      'Added chief (admin, 杭州市); they choose their own password at first sign-in.',
      'Added wang (officer, 淳安县 · 千岛湖镇); they choose their own password at first sign-in.',
    ]);

    out = [];
    expect(await run('list')).toBe(0);
    expect(out[0]).toMatch(/^chief\s+admin\s+杭州市\s+市管理员$/);
    expect(out[1]).toMatch(/^wang\s+officer\s+淳安县 · 千岛湖镇\s+wang$/);

    const hash = async (name: string) =>
      (
        await db.query<{ h: string }>('select password_hash as h from users where username = $1', [
          name,
        ])
      ).rows[0]!.h;
    expect(await verifyPassword('Typed-password-1', await hash('wang'))).toBe(true);

    await db.query(
      `insert into sessions (token_hash, user_id, created_at, last_used_at, expires_at)
       select 'x', id, now(), now(), now() + interval '1 day' from users where username = 'wang'`,
    );
    expect(await run('disable', 'wang')).toBe(0);
    expect(out.at(-1)).toBe('Disabled wang; 1 session(s) ended.');
    out = [];
    await run('list');
    expect(out[1]).toMatch(/DISABLED$/);
    expect(await run('enable', 'wang')).toBe(0);
    passwords.push('Second-password-2');
    expect(await run('reset-password', 'wang')).toBe(0);
    expect(await verifyPassword('Second-password-2', await hash('wang'))).toBe(true);
    // Typed by an admin: wang must choose their own at the next sign-in.
    const flag = await db.query<{ must: boolean }>(
      "select must_change_password as must from users where username = 'wang'",
    );
    expect(flag.rows[0]?.must).toBe(true);
    // The policy applies here as on the server, in words.
    passwords.push('Password2026!');
    expect(await run('reset-password', 'wang')).toBe(1);
    expect(err.at(-1)).toContain('this is a common password');
  });

  it('--as ADMIN: the same area rule as the server, and every change audited', async () => {
    const add = (...args: string[]) => run('add', ...args, '--password', 'First-password-9');
    expect(await add('chief', '--role', 'admin', '--scope', '3301')).toBe(0);
    expect(await add('chunan', '--role', 'admin', '--scope', '330127')).toBe(0);
    expect(await add('tonglu1', '--role', 'officer', '--scope', '330122')).toBe(0);
    // A county admin: nothing wider than the county, nobody of another county.
    expect(await add('boss', '--role', 'admin', '--scope', '3301', '--as', 'chunan')).toBe(1);
    expect(err.at(-1)).toContain('wider than or outside your own (淳安县)');
    expect(await run('disable', 'tonglu1', '--as', 'chunan')).toBe(1);
    expect(err.at(-1)).toContain('outside your area');
    expect(await add('wang', '--role', 'officer', '--scope', '330127100', '--as', 'chunan')).toBe(
      0,
    );
    out = [];
    expect(await run('list', '--as', 'chunan')).toBe(0);
    expect(out.map((line) => line.split(' ')[0])).toEqual(['chunan', 'wang']);
    expect(await run('list', '--as', 'wang')).toBe(2); // not an admin
    const { rows } = await db.query<{ action: string; actor_username: string; address: string }>(
      'select action, actor_username, address from audit_log order by id',
    );
    expect(rows.map((r) => `${r.action} ${r.actor_username} ${r.address}`)).toEqual([
      'user.created shell shell',
      'user.created shell shell',
      'user.created shell shell',
      'user.refused chunan shell',
      'user.refused chunan shell',
      'user.created chunan shell',
    ]);
  });

  it('explains mistakes with the usage and exit code 2, refusals with 1', async () => {
    expect(
      await run('add', 'x1', '--role', 'wizard', '--scope', '3301', '--password', 'xxxxxxxxx'),
    ).toBe(2);
    expect(err[0]).toContain('--role must be one of admin, coordinator, officer, trainer');
    expect(await run('add', 'x1', '--role', 'officer', '--scope', '33012')).toBe(2);
    expect(
      await run('add', 'x1', '--role', 'officer', '--scope', '330199', '--password', 'xxxxxxxxx'),
    ).toBe(1);
    expect(err.at(-1)).toContain(
      '330199 is not a county of 杭州市 (3301): write the code of an area within it',
    );
    // Wider than the deployment: refused by its length, saying which lengths to write.
    expect(await run('add', 'x1', '--role', 'admin', '--scope', '33')).toBe(2);
    expect(err.at(-2)).toContain(
      '请写 4 位（地级市）、6 位（区县）、9 位（乡镇） 统计代码，以 3301 开头',
    );
    expect(err.at(-2)).toContain('give 4 (prefecture), 6 (county), 9 (township) digits');
    expect(
      await run('add', 'x1', '--role', 'officer', '--scope', '330127', '--password', 'short'),
    ).toBe(1);
    expect(await run('disable', 'nobody')).toBe(2);
    expect(await run('frobnicate')).toBe(2);
    expect(await run()).toBe(1);
    expect(parseArgs(['add', 'a', '--name', '王 五']).options.get('name')).toBe('王 五');
    expect(() => parseArgs(['add', '--role'])).toThrow('--role needs a value');
  });
});

describe('scripts/users.ts in a province deployment (REGION=33)', () => {
  const BUILT = deployment();
  let outDir = '';
  let db: Db;
  const err: string[] = [];
  const out: string[] = [];
  const run = (...args: string[]) =>
    runUsersCommand([...args, '--password', 'First-password-9'], {
      db,
      regions: serverRegions(),
      out: (line) => out.push(line),
      err: (line) => err.push(line),
      readNewPassword: async () => '',
      scrypt: TEST_SCRYPT,
    });

  beforeAll(async () => {
    outDir = generatedRegions('33');
    configureDeployment({ REGION: '33' }, outDir);
    db = await lendTestPglite();
  }, 60_000);
  afterAll(async () => {
    if (db) await returnTestPglite(db);
    configureDeployment({ REGION: BUILT.code });
    setDeployment(BUILT);
  });

  it('adds a province admin and prefecture admins; refuses areas outside the province, saying what to write', async () => {
    expect(await run('add', 'admin', '--role', 'admin', '--scope', '33')).toBe(0);
    expect(out.at(-1)).toContain('Added admin (admin, 浙江省)');
    expect(await run('add', 'ningbo', '--role', 'admin', '--scope', '3302')).toBe(0);
    expect(out.at(-1)).toContain('Added ningbo (admin, 宁波市)');
    expect(await run('add', 'xs', '--role', 'officer', '--scope', '330225', '--as', 'ningbo')).toBe(
      0,
    );
    // Another province, a prefecture the province does not have, a wrong length.
    expect(await run('add', 'x1', '--role', 'admin', '--scope', '34')).toBe(1);
    expect(err.at(-1)).toContain('不是本系统服务的浙江省（33）：整个地区请填写 33');
    expect(err.at(-1)).toContain('for the whole area write 33');
    expect(await run('add', 'x1', '--role', 'admin', '--scope', '3401')).toBe(1);
    expect(err.at(-1)).toContain('3401 不是浙江省（33）的地级市：请填写以 33 开头');
    expect(err.at(-1)).toContain('3401 is not a prefecture of 浙江省 (33)');
    expect(await run('add', 'x1', '--role', 'admin', '--scope', '33012')).toBe(2);
    expect(err.at(-2)).toContain('give 2 (province), 4 (prefecture), 6 (county), 9 (township)');
    // A prefecture admin: nothing in another prefecture, nothing wider than their own.
    expect(await run('add', 'x2', '--role', 'officer', '--scope', '330127', '--as', 'ningbo')).toBe(
      1,
    );
    expect(err.at(-1)).toContain('wider than or outside your own (宁波市)');
    expect(await run('add', 'x3', '--role', 'admin', '--scope', '33', '--as', 'ningbo')).toBe(1);
    out.length = 0;
    expect(
      await runUsersCommand(['list', '--as', 'ningbo'], {
        db,
        regions: serverRegions(),
        out: (line) => out.push(line),
        err: (line) => err.push(line),
        readNewPassword: async () => '',
      }),
    ).toBe(0);
    expect(out.map((line) => line.split(' ')[0])).toEqual(['ningbo', 'xs']);
  });
});

describe('scripts/users.ts as a command', () => {
  let parent: string;

  beforeAll(async () => {
    parent = await mkdtemp(join(tmpdir(), 'cundian-users-'));
  });

  afterAll(async () => {
    await rm(parent, { recursive: true, force: true });
  });

  // The command's main() in this process: its exit code is what it returns (the entry point hands
  // it to process.exit); the spawned command below shows that path. No process of its own here,
  // which cost a start of node, tsx and the server's modules (docs/TESTING.md, "Ninth session").
  it('refuses a data folder the server holds, saying to stop the server', async () => {
    const dataDir = join(parent, 'held');
    await mkdir(dataDir);
    const lock = await acquireDataDirLock(dataDir);
    const before = deployment();
    const stderr: string[] = [];
    const error = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      stderr.push(args.join(' '));
    });
    vi.stubEnv('DATA_DIR', dataDir);
    vi.stubEnv('DATABASE_URL', '');
    vi.stubEnv('REGION', undefined);
    try {
      expect(await main(['list'])).toBe(1);
      expect(stderr.join('\n')).toContain('stop the server first');
      expect(stderr.join('\n')).toContain(`in use by process ${process.pid}`);
    } finally {
      vi.unstubAllEnvs();
      error.mockRestore();
      configureDeployment({ REGION: before.code });
      setDeployment(before);
      await lock.release();
    }
  });

  it('adds the first admin to a data folder, reading the password from standard input', async () => {
    const dataDir = join(parent, 'fresh');
    await seedPgliteDataDir(dataDir); // as after the server's first start, minus seconds of initdb
    const run = await runCli(
      ['add', 'root', '--role', 'admin', '--scope', '3301'],
      { DATA_DIR: dataDir },
      'Piped-password-1\n',
    );
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('Added root (admin, 杭州市);');
    expect(run.code).toBe(0);
    const db = await openPglite({ dataDir });
    try {
      const row = (
        await db.query<{ h: string }>(
          "select password_hash as h from users where username = 'root'",
        )
      ).rows[0];
      expect(await verifyPassword('Piped-password-1', row!.h)).toBe(true);
    } finally {
      await db.close();
    }
  }, 60_000);
});
