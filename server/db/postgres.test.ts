import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { defineDbContractTests } from '../test-support/db-contract';
import { loadMigrations, migrate } from './migrate';
import {
  createPostgresTestDatabase,
  postgresTestUrl,
  type PostgresTestDatabase,
} from '../test-support/databases';
import { buildApp } from '../app';
import { TEST_SCRYPT } from '../test-support/sync';
import { openPostgres } from './postgres';
import { DatabaseBusyError, type Db } from './types';

const pgUrl = postgresTestUrl('server/db/postgres.test.ts');

describe.skipIf(!pgUrl)('on a real PostgreSQL (TEST_DATABASE_URL)', () => {
  const adminUrl = pgUrl ?? '';
  const testDatabases = new Map<Db, PostgresTestDatabase>();

  defineDbContractTests('postgres', {
    async open() {
      const database = await createPostgresTestDatabase(adminUrl);
      const db = await database.open();
      testDatabases.set(db, database);
      return db;
    },
    async cleanup(db) {
      await testDatabases.get(db)?.drop();
      testDatabases.delete(db);
    },
  });

  async function withTestDatabase(fn: (database: PostgresTestDatabase) => Promise<void>) {
    const database = await createPostgresTestDatabase(adminUrl);
    try {
      await fn(database);
    } finally {
      await database.drop();
    }
  }

  it('applies each migration exactly once when several instances start at once', async () => {
    await withTestDatabase(async (database) => {
      const instances = await Promise.all([1, 2, 3, 4].map(() => database.open()));
      const reports = await Promise.all(instances.map((db) => migrate(db)));
      // Each migration applied by exactly one instance (not necessarily the same one for all:
      // the lock is taken per migration, so instances may take turns).
      const appliedEverywhere = reports.flatMap((report) => report.applied).sort();
      const files = (await loadMigrations()).map((m) => m.fileName);
      expect(appliedEverywhere).toEqual(files);
      for (const report of reports) {
        expect(report.applied.length + report.alreadyApplied).toBe(appliedEverywhere.length);
      }
      const [first] = instances;
      const meta = await first!.query("select count(*) as n from app_meta where key = 'instance'");
      expect(meta.rows).toEqual([{ n: 1 }]);
    });
  });

  it('answers 503 with Retry-After, in words, when every pooled connection stays busy', async () => {
    await withTestDatabase(async (database) => {
      const migrated = await database.open();
      await migrate(migrated);
      await migrated.close();
      // One connection, a short wait: a transaction holding it makes every other request wait.
      const db = await openPostgres(database.url, { maxConnections: 1, connectTimeoutMs: 300 });
      const app = await buildApp({ db, staticDir: '/nonexistent', scrypt: TEST_SCRYPT });
      let release = (): void => undefined;
      const held = new Promise<void>((resolve) => (release = resolve));
      let holding = (): void => undefined;
      const isHolding = new Promise<void>((resolve) => (holding = resolve));
      const holder = db.transaction(async () => {
        holding();
        await held;
      });
      try {
        await isHolding;
        await expect(db.query('select 1')).rejects.toBeInstanceOf(DatabaseBusyError);
        const response = await app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: 'someone', password: 'whatever-123' },
        });
        expect(response.statusCode).toBe(503);
        expect(response.headers['retry-after']).toBe('5');
        expect(response.json()).toMatchObject({
          error: 'busy',
          messages: { 'zh-CN': '服务器繁忙，请稍后再试' },
        });
      } finally {
        release();
        await holder;
      }
      // Free again: the same request is answered (a wrong password, not a busy server).
      const after = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'someone', password: 'whatever-123' },
      });
      expect(after.statusCode).toBe(401);
      await app.close();
      await db.close();
    });
  });

  it('hides a transaction from other connections until it commits', async () => {
    await withTestDatabase(async (database) => {
      const db = await database.open();
      await db.exec('create table notes (id int)');
      let seenDuringTransaction: unknown;
      await db.transaction(async (tx) => {
        await tx.query('insert into notes values (1)');
        // A different server instance (another pool) must not see the uncommitted row.
        const other = await database.open();
        seenDuringTransaction = (await other.query('select count(*) as n from notes')).rows[0];
      });
      expect(seenDuringTransaction).toEqual({ n: 0 });
      expect((await db.query('select count(*) as n from notes')).rows[0]).toEqual({ n: 1 });
    });
  });

  it("leaves pg's global type parsers alone", () => {
    expect(pg.types.getTypeParser(20)('5')).toBe('5');
  });
});
