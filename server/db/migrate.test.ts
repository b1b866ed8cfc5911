import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate, MIGRATIONS_DIR } from './migrate';
import { lendTestPglite, returnTestPglite } from '../test-support/databases';
import type { Db } from './types';

describe('migrate', () => {
  let db: Db;
  let migrationsDir: string;

  beforeEach(async () => {
    // An empty database as a fresh copy would be: the worker's lendable one, its public schema
    // made again after each test (test-support/databases.ts).
    db = await lendTestPglite({ migrated: false });
    migrationsDir = await mkdtemp(join(tmpdir(), 'cundian-migrations-'));
  });

  afterEach(async () => {
    await returnTestPglite(db);
    await rm(migrationsDir, { recursive: true, force: true });
  });

  const write = (fileName: string, sql: string) => writeFile(join(migrationsDir, fileName), sql);

  it('finds the project migrations in order, starting with 0001_init.sql', async () => {
    const migrations = await loadMigrations(MIGRATIONS_DIR);
    expect(migrations[0]?.fileName).toBe('0001_init.sql');
    const versions = migrations.map((migration) => migration.version);
    expect(versions).toEqual([...versions].sort());
  });

  it('applies files in version order, each once', async () => {
    await write('0002_add_b.sql', 'insert into steps values (2);');
    await write('0001_create.sql', 'create table steps (n int); insert into steps values (1);');
    await write('README.txt', 'not a migration');

    const first = await migrate(db, { migrationsDir });
    expect(first.applied).toEqual(['0001_create.sql', '0002_add_b.sql']);

    await write('0003_add_c.sql', 'insert into steps values (3);');
    const second = await migrate(db, { migrationsDir });
    expect(second).toEqual({
      applied: ['0003_add_c.sql'],
      alreadyApplied: 2,
      changed: [],
      unknown: [],
    });

    const steps = await db.query<{ n: number }>('select n from steps order by n');
    expect(steps.rows.map((row) => row.n)).toEqual([1, 2, 3]);
  });

  it('rolls back a failing migration entirely and stops there', async () => {
    await write('0001_ok.sql', 'create table ok (n int);');
    await write('0002_broken.sql', 'create table half (n int); insert into nowhere values (1);');
    await write('0003_later.sql', 'create table later (n int);');

    await expect(migrate(db, { migrationsDir })).rejects.toThrow(
      /Migration 0002_broken.sql failed: .*nowhere/,
    );
    const tables = await db.query<{ name: string }>(
      "select tablename as name from pg_tables where schemaname = 'public' order by 1",
    );
    expect(tables.rows.map((row) => row.name)).toEqual(['ok', 'schema_migrations']);
    const recorded = await db.query('select version from schema_migrations');
    expect(recorded.rows).toEqual([{ version: '0001' }]);
  });

  it('reports an applied file that was edited, and versions it does not know', async () => {
    await write('0001_create.sql', 'create table steps (n int);');
    await write('0002_more.sql', 'create table more (n int);');
    await migrate(db, { migrationsDir });

    await write('0001_create.sql', 'create table steps (n int, extra text);');
    await rm(join(migrationsDir, '0002_more.sql'));
    const report = await migrate(db, { migrationsDir });
    expect(report.changed).toEqual(['0001_create.sql']);
    expect(report.unknown).toEqual(['0002']);
  });

  it('treats Windows line endings as the same file', async () => {
    await write('0001_create.sql', 'create table steps (n int);\n');
    await migrate(db, { migrationsDir });
    await write('0001_create.sql', 'create table steps (n int);\r\n');
    expect((await migrate(db, { migrationsDir })).changed).toEqual([]);
  });

  it('refuses badly named files and duplicate versions', async () => {
    await write('1_init.sql', 'select 1;');
    await expect(loadMigrations(migrationsDir)).rejects.toThrow(/1_init.sql .*NNNN_description/);
    await rm(join(migrationsDir, '1_init.sql'));

    await write('0001_a.sql', 'select 1;');
    await write('0001_b.sql', 'select 1;');
    await expect(loadMigrations(migrationsDir)).rejects.toThrow(/share version 0001/);
  });

  it('serialises two migrations started at once', async () => {
    await write('0001_create.sql', 'create table steps (n int); insert into steps values (1);');
    const [a, b] = await Promise.all([
      migrate(db, { migrationsDir }),
      migrate(db, { migrationsDir }),
    ]);
    expect([...a.applied, ...b.applied]).toEqual(['0001_create.sql']);
    expect((await db.query('select count(*) as n from steps')).rows).toEqual([{ n: 1 }]);
  });
});
