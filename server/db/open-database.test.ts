import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatabaseUnreachableError, openDatabase } from './index';
import { describePostgresUrl } from './postgres';
import { postgresTestUrl, seedPgliteDataDir } from '../test-support/databases';

const pgUrl = postgresTestUrl('server/db/open-database.test.ts');

describe('openDatabase', () => {
  let parent: string;

  beforeAll(async () => {
    parent = await mkdtemp(join(tmpdir(), 'cundian-open-'));
  });

  afterAll(async () => {
    await rm(parent, { recursive: true, force: true });
  });

  it('opens PGlite in DATA_DIR when DATABASE_URL is not set', async () => {
    const dataDir = join(parent, 'data');
    // A migrated folder (the choice of database is the subject; a start on an empty folder,
    // seconds of initdb that ran past 30 s at load 9, is server/main.test.ts's and pglite's).
    await seedPgliteDataDir(dataDir);
    const db = await openDatabase({ DATA_DIR: dataDir, DATABASE_URL: '  ' });
    try {
      expect(db.kind).toBe('pglite');
      expect(db.description).toBe(`PGlite in ${dataDir}`);
    } finally {
      await db.close();
    }
  });

  it('goes to PostgreSQL when DATABASE_URL is set, and says plainly when it is unreachable', async () => {
    // Port 1 on localhost: nothing listens there, the connection is refused at once.
    const attempt = openDatabase({
      DATABASE_URL: 'postgres://app:s3cret@127.0.0.1:1/cundian',
      DATA_DIR: join(parent, 'unused'),
    });
    await expect(attempt).rejects.toBeInstanceOf(DatabaseUnreachableError);
    await expect(attempt).rejects.toThrow(/^Cannot reach PostgreSQL at 127\.0\.0\.1:1\/cundian: /);
    await expect(attempt).rejects.not.toThrow(/s3cret/);
  });

  it.skipIf(!pgUrl)('opens PostgreSQL when DATABASE_URL is set', async () => {
    const db = await openDatabase({ DATABASE_URL: pgUrl, DATA_DIR: join(parent, 'unused') });
    try {
      expect(db.kind).toBe('postgres');
      expect((await db.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
    } finally {
      await db.close();
    }
  });

  it('describes a PostgreSQL URL without its password', () => {
    expect(describePostgresUrl('postgres://u:p@db.example:6543/prod?sslmode=require')).toBe(
      'db.example:6543/prod',
    );
    expect(describePostgresUrl('postgres://u:p@db.example/prod')).toBe('db.example:5432/prod');
    expect(describePostgresUrl('not a url')).toBe('(unparsable DATABASE_URL)');
  });
});
