/**
 * Databases for tests (imported by *.test.ts only, never by the server).
 *
 * PGlite: creating one costs seconds, loading a dump of one well under a second (STACK.md trap
 * 13). So each test worker prepares two templates once — empty, and migrated — and every test
 * gets its own in-memory copy.
 *
 * PostgreSQL: when TEST_DATABASE_URL is set, every test gets a database of its own
 * (`cundian_test_<random>`), dropped afterwards, so runs and tests never see each other's rows.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrate } from './migrate';
import { dumpPglite, openPgliteInMemory } from './pglite';
import { openPostgres } from './postgres';
import type { Db } from './types';

const templates = new Map<'empty' | 'migrated', Promise<Blob>>();

function template(kind: 'empty' | 'migrated'): Promise<Blob> {
  let dump = templates.get(kind);
  if (!dump) {
    dump = (async () => {
      const db = await openPgliteInMemory();
      try {
        if (kind === 'migrated') await migrate(db);
        return await dumpPglite(db);
      } finally {
        await db.close();
      }
    })();
    templates.set(kind, dump);
  }
  return dump;
}

/** A fresh in-memory PGlite, migrated unless `{ migrated: false }`. Close it after the test. */
export async function openTestPglite(options: { migrated?: boolean } = {}): Promise<Db> {
  const loadDataDir = await template(options.migrated === false ? 'empty' : 'migrated');
  return openPgliteInMemory({ loadDataDir });
}

export const TEST_DATABASE_URL_VARIABLE = 'TEST_DATABASE_URL';

/**
 * The PostgreSQL to test against, or undefined. Missing is loud, never a quiet skip: a warning
 * here, and in CI (process.env.CI set) an error, because there the tests must run.
 */
export function postgresTestUrl(testFile: string): string | undefined {
  const url = process.env[TEST_DATABASE_URL_VARIABLE]?.trim();
  if (url) return url;
  const advice =
    `${TEST_DATABASE_URL_VARIABLE} is not set, so the PostgreSQL tests in ${testFile} do not ` +
    `run. Point it at a throwaway server, e.g. ` +
    `${TEST_DATABASE_URL_VARIABLE}=postgres://postgres@127.0.0.1:55432/postgres (docs/SERVER.md).`;
  const ci = process.env.CI?.trim().toLowerCase();
  if (ci && ci !== 'false' && ci !== '0') throw new Error(`CI: ${advice}`);
  console.warn(`\n⚠️  WARNING: ${advice}\n`);
  return undefined;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export interface PostgresTestDatabase {
  /** Connection URL of the new database. */
  url: string;
  /** Opens a Db on it (several may be opened, e.g. to act as two server instances). */
  open(): Promise<Db>;
  /** Closes what open() opened and drops the database. */
  drop(): Promise<void>;
}

/** Creates an empty database `cundian_test_<random>` on the server of `adminUrl`. */
export async function createPostgresTestDatabase(adminUrl: string): Promise<PostgresTestDatabase> {
  const name = `cundian_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(adminUrl, name);
  const opened: Db[] = [];
  return {
    url,
    async open() {
      const db = await openPostgres(url, { maxConnections: 4 });
      opened.push(db);
      return db;
    },
    async drop() {
      await Promise.all(opened.map((db) => db.close()));
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      try {
        await cleanup.query(`drop database if exists ${name} with (force)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}
