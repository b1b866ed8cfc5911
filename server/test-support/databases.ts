/**
 * Databases for tests (imported by *.test.ts only, never by the server).
 *
 * PGlite: creating one costs seconds, loading a dump of one well under a second (STACK.md trap
 * 13). So two templates — empty, and migrated — are prepared once and every test gets its own
 * in-memory copy. vitest loads modules afresh for every test file, so the templates are also
 * kept as files in the system's temporary folder, named by a hash of the migrations and the
 * PGlite version: later test files (and later runs) load them instead of creating PGlite again.
 *
 * PostgreSQL: when TEST_DATABASE_URL is set, every test gets a database of its own
 * (`cundian_test_<random>`), dropped afterwards, so runs and tests never see each other's rows.
 */
import { createHash, randomBytes } from 'node:crypto';
import { cpSync } from 'node:fs';
import { access, appendFile, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { loadMigrations, migrate } from '../db/migrate';
import { dumpPglite, openPgliteInMemory, PGLITE_SUBFOLDER } from '../db/pglite';
import { openPostgres } from '../db/postgres';
import type { Db } from '../db/types';
import { partitionChangeLogByProvince } from './partitioned-change-log';

const templates = new Map<'empty' | 'migrated', Promise<Blob>>();

/**
 * The test databases' buffer cache: a few thousand rows at most, so 16 MB instead of PGlite's
 * 128 MB, which PostgreSQL allocates and zeroes at every start (about half of a copy's start-up
 * CPU: 1.2–1.9 s → 0.7–0.9 s; docs/TESTING.md, "Sixth session"). The in-memory copies get it
 * as a start parameter, the data folders a test seeds in their postgresql.auto.conf (opened by
 * the server's own code, which passes none).
 */
const TEST_SHARED_BUFFERS = '16MB';

/**
 * A template whose arrayBuffer() (all PGlite's loadDataDir reads) hands over the file's bytes as
 * they are: Node's Blob.arrayBuffer() copies the 41 MB chunk by chunk at every open (0.2–0.3 s
 * of CPU). PGlite copies each file out of the tarball into its own file system, so the one buffer
 * is shared by every copy and never written.
 */
class TemplateBytes extends Blob {
  readonly #bytes: ArrayBuffer;
  constructor(bytes: ArrayBuffer) {
    super([bytes]);
    this.#bytes = bytes;
  }
  override arrayBuffer(): Promise<ArrayBuffer> {
    return Promise.resolve(this.#bytes);
  }
}

/** Where a template is cached: a name that changes with the migrations and PGlite's version. */
async function templateFile(kind: 'empty' | 'migrated'): Promise<string> {
  const packageFile = fileURLToPath(
    new URL('../../node_modules/@electric-sql/pglite/package.json', import.meta.url),
  );
  const pgliteVersion = (JSON.parse(await readFile(packageFile, 'utf8')) as { version: string })
    .version;
  const hash = createHash('sha256').update(`${kind}:${pgliteVersion}`);
  if (kind === 'migrated') for (const m of await loadMigrations()) hash.update(m.checksum);
  return join(tmpdir(), `cundian-pglite-${kind}-${hash.digest('hex').slice(0, 16)}.tar`);
}

async function createTemplate(kind: 'empty' | 'migrated'): Promise<Blob> {
  const file = await templateFile(kind);
  try {
    const bytes = await readFile(file);
    return new TemplateBytes(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
  } catch {
    // Not cached yet (or unreadable): create it.
  }
  const db = await openPgliteInMemory();
  try {
    if (kind === 'migrated') await migrate(db);
    const dump = await dumpPglite(db);
    // Written aside and renamed: another worker never reads half a file.
    const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
    await rename(partial, file);
    return dump;
  } finally {
    await db.close();
  }
}

function template(kind: 'empty' | 'migrated'): Promise<Blob> {
  let dump = templates.get(kind);
  if (!dump) {
    dump = createTemplate(kind);
    templates.set(kind, dump);
  }
  return dump;
}

/**
 * The data folders a test seeds: the template, started once on disk, checkpointed and closed
 * cleanly, kept beside the template's tarball (named by the same hash, so it changes with the
 * migrations and PGlite's version) and copied file by file for each seed. A copy is a folder as
 * after the server's first start (initdb, and the migrations unless empty), without a PGlite
 * start of its own; its first open starts from a clean shutdown. Its postgresql.auto.conf sets
 * the tests' 16 MB of shared buffers (PGlite's 128 MB are allocated and zeroed at every start of
 * the server's own code on the folder: seconds of CPU per start). docs/TESTING.md, "Tenth
 * session".
 */
const folders = new Map<'empty' | 'migrated', Promise<string>>();

/** Which settings a seeded folder carries: part of the cached folder's name. */
const SEEDED_FOLDER_SETTINGS = `shared_buffers = '${TEST_SHARED_BUFFERS}'\n`;

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

async function createTemplateFolder(kind: 'empty' | 'migrated'): Promise<string> {
  const settings = createHash('sha256').update(SEEDED_FOLDER_SETTINGS).digest('hex').slice(0, 8);
  const folder = (await templateFile(kind)).replace(/\.tar$/, `-folder-${settings}`);
  if (await exists(join(folder, 'PG_VERSION'))) return folder;
  const partial = `${folder}.${process.pid}.${randomBytes(4).toString('hex')}`;
  const { PGlite } = await import('@electric-sql/pglite');
  const pglite = await PGlite.create({
    dataDir: partial,
    loadDataDir: await template(kind),
    startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${TEST_SHARED_BUFFERS}`],
  });
  await pglite.exec('checkpoint');
  await pglite.close();
  await appendFile(join(partial, 'postgresql.auto.conf'), SEEDED_FOLDER_SETTINGS);
  try {
    // Moved into place whole: another worker never copies half a folder.
    await rename(partial, folder);
  } catch (error) {
    // Another worker (or run) got there first: theirs is the same folder.
    await rm(partial, { recursive: true, force: true });
    if (!(await exists(join(folder, 'PG_VERSION')))) throw error;
  }
  return folder;
}

/**
 * Fills an empty data folder (DATA_DIR) with a copy of the migrated template (or, with
 * `{ migrated: false }`, of the empty one: initdb done, no migration applied), so a test of a
 * command that opens DATA_DIR itself does not pay for creating PGlite from scratch.
 */
export async function seedPgliteDataDir(
  dataDir: string,
  options: { migrated?: boolean } = {},
): Promise<void> {
  const kind = options.migrated === false ? 'empty' : 'migrated';
  let folder = folders.get(kind);
  if (!folder) {
    folder = createTemplateFolder(kind);
    folders.set(kind, folder);
    folder.catch(() => folders.delete(kind));
  }
  await mkdir(dataDir, { recursive: true });
  // Synchronous: Node's asynchronous cp costs about half as much CPU again (0.46 s against
  // 0.28 s for the migrated folder's 1,075 files).
  cpSync(await folder, join(dataDir, PGLITE_SUBFOLDER), { recursive: true });
}

/** A fresh in-memory PGlite, migrated unless `{ migrated: false }`. Close it after the test. */
export async function openTestPglite(options: { migrated?: boolean } = {}): Promise<Db> {
  const loadDataDir = await template(options.migrated === false ? 'empty' : 'migrated');
  return openPgliteInMemory({ loadDataDir, sharedBuffers: TEST_SHARED_BUFFERS });
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

/** The database's current transaction id (asking assigns one, so the next is one higher). */
export async function currentTransactionId(db: Db): Promise<bigint> {
  const { rows } = await db.query<{ xid: string }>('select pg_current_xact_id()::text as xid');
  return BigInt(rows[0]!.xid);
}

/**
 * Consumes transaction ids until the next transaction gets `next`: a loop of committed
 * transactions, each with an id of its own (≈ 200,000 a second on PGlite and PostgreSQL). Tests
 * use it to write across the digit boundaries of the ids (999 → 1000 …), where a comparison or
 * an ORDER BY on their text goes wrong. Fails when the counter is already past `next`.
 */
export async function burnTransactionIdsTo(db: Db, next: bigint): Promise<void> {
  const now = await currentTransactionId(db);
  const count = next - now - 1n;
  if (count < 0n) {
    throw new Error(`the transaction counter (${now}) is already past ${next}: cannot start there`);
  }
  if (count === 0n) return;
  await db.exec(
    `do $$ begin for i in 1..${count} loop perform pg_current_xact_id(); commit; end loop; end $$`,
  );
}

type TemplateKind = 'empty' | 'migrated';

/**
 * What a lendable database is: a template's copy, or the migrated one with its change_log
 * partitioned by province (server/sync/partitioned-change-log.test.ts runs six files' tests on it).
 */
type LendKind = TemplateKind | 'partitioned';

/**
 * The shape of a test database a file may not leave behind for the next: every relation outside
 * the system schemas (a table, sequence or index created or dropped, temporary ones too), the
 * schemas with their owners, rights and comments, the functions, types, triggers and extensions,
 * the settings changed with SET, the roles and databases (the cluster's), the advisory locks
 * held, and whether anything was ANALYZEd (statistics steer plans); for a migrated database also
 * the migrations applied and app_meta. Compared before a database is lent again
 * (lendTestPglite).
 */
async function shapeOf(db: Db, kind: LendKind): Promise<string> {
  const migrated =
    kind !== 'empty'
      ? `(select string_agg(m::text, ',' order by m::text) from schema_migrations m),
         (select string_agg(a::text, ',' order by a::text) from app_meta a),`
      : '';
  const { rows } = await db.query<{ shape: string }>(
    `select array_to_string(array[
       (select string_agg(n.nspname || '.' || c.relname || ':' || c.relkind::text, ','
                          order by n.nspname, c.relname)
          from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname not in ('pg_catalog', 'information_schema')
            and n.nspname not like 'pg_toast%'),
       (select string_agg(n.nspname || ':' || n.nspowner::regrole::text || ':' ||
                          coalesce(n.nspacl::text, '') || ':' ||
                          coalesce(obj_description(n.oid, 'pg_namespace'), ''), ','
                          order by n.nspname)
          from pg_namespace n),
       (select string_agg(p.oid::regprocedure::text, ',' order by p.oid::regprocedure::text)
          from pg_proc p join pg_namespace n on n.oid = p.pronamespace
          where n.nspname not in ('pg_catalog', 'information_schema')),
       (select string_agg(t.oid::regtype::text, ',' order by t.oid::regtype::text)
          from pg_type t join pg_namespace n on n.oid = t.typnamespace
          where n.nspname not in ('pg_catalog', 'information_schema')
            and n.nspname not like 'pg_toast%'),
       (select string_agg(tgname, ',' order by tgname) from pg_trigger where not tgisinternal),
       (select string_agg(extname, ',' order by extname) from pg_extension),
       (select string_agg(name || '=' || setting, ',' order by name) from pg_settings
          where source = 'session' and name not like 'transaction\\_%'),
       (select string_agg(rolname, ',' order by rolname) from pg_roles),
       (select string_agg(datname, ',' order by datname) from pg_database),
       (select count(*)::text from pg_locks where locktype = 'advisory'),
       ${migrated}
       (select count(*)::text from pg_statistic s join pg_class c on c.oid = s.starelid
          join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public')
     ], ' | ', '-') as shape`,
  );
  return rows[0]!.shape;
}

/**
 * Back to the state of a fresh copy of the migrated template: every table read from the
 * catalogue emptied (its sequences restarted), no statistics, app_meta as it was. The transaction counter is
 * not: it only grows (files that need a fresh one open their own copy).
 */
async function resetToMigrated(db: Db, appMeta: string): Promise<void> {
  const { rows } = await db.query<{ tables: string | null }>(
    `select string_agg(format('%I.%I', schemaname, tablename), ', ') as tables from pg_tables
     where schemaname = 'public' and tablename not in ('schema_migrations', 'app_meta')`,
  );
  // audit_log refuses TRUNCATE by a trigger (append-only); triggers do not fire in replica mode,
  // set for this transaction only.
  await db.exec(
    `begin;
     set local session_replication_role = replica;
     truncate table ${rows[0]!.tables} restart identity cascade;
     commit;`,
  );
  // The statistics the app's own ANALYZE (db/planner-statistics.ts) gathered: a truncate keeps
  // them, a fresh copy has none (the truncate already put every table's size back to unknown).
  await db.exec(
    `delete from pg_statistic where starelid in
       (select c.oid from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public')`,
  );
  await db.query('delete from app_meta');
  await db.query(
    `insert into app_meta (key, value)
     select key, value from jsonb_to_recordset($1::jsonb) as a(key text, value jsonb)`,
    [appMeta],
  );
}

/**
 * Back to the state of a fresh copy of the empty template: the public schema dropped with
 * everything a test created in it and made again as initdb makes it (owner, rights, comment).
 */
async function resetToEmpty(db: Db): Promise<void> {
  await db.exec(
    `begin;
     drop schema public cascade;
     create schema public authorization pg_database_owner;
     grant usage on schema public to public;
     comment on schema public is 'standard public schema';
     commit;`,
  );
}

interface Lent {
  db: Db;
  /** shapeOf the fresh copy. */
  shape: string;
  /** app_meta of the fresh copy, as JSON (migrated only). */
  appMeta: string;
  out: boolean;
}

/**
 * The worker's lendable PGlites, one per template (a module of the shared node worker lives
 * across files).
 */
const lendable = new Map<LendKind, Promise<Lent>>();

/**
 * A migrated in-memory PGlite (or with `{ migrated: false }` an empty one, or with `{ changeLog:
 * 'partitioned by province' }` a migrated one whose change_log is partitioned) as a fresh copy would
 * be, for tests that do not need a fresh transaction counter: the worker's lendable database of
 * that template when it is free, else a copy of its own. Give it back with returnTestPglite
 * (never db.close()). In the node project (one worker's modules shared by its files) this saves
 * a copy's start per file, or per test where a file lends one to each test (~0.5 s CPU each);
 * what a copy guaranteed, returnTestPglite checks: for a migrated database the data emptied, the
 * sequences restarted and app_meta as migrated, for an empty one the public schema made again,
 * and for both the shape unchanged — or the database is closed and the next borrower gets a copy.
 */
export async function lendTestPglite(
  options: { migrated?: boolean; changeLog?: 'partitioned by province' } = {},
): Promise<Db> {
  const kind: LendKind =
    options.migrated === false ? 'empty' : options.changeLog ? 'partitioned' : 'migrated';
  const open = async () => {
    const db = await openTestPglite(options);
    if (kind === 'partitioned') await partitionChangeLogByProvince(db);
    return db;
  };
  const existing = lendable.get(kind);
  if (existing) {
    const lent = await existing.catch(() => undefined);
    if (lent && !lent.out) {
      lent.out = true;
      return lent.db;
    }
    if (lent) return open();
  }
  const opening = (async (): Promise<Lent> => {
    const db = await open();
    let appMeta = '[]';
    if (kind !== 'empty') {
      const { rows } = await db.query<{ meta: string }>(
        `select coalesce(jsonb_agg(jsonb_build_object('key', key, 'value', value)), '[]')::text
           as meta from app_meta`,
      );
      appMeta = rows[0]!.meta;
    }
    return { db, shape: await shapeOf(db, kind), appMeta, out: true };
  })();
  lendable.set(kind, opening);
  return (await opening).db;
}

/** Takes back a database of lendTestPglite: reset for the next borrower, or closed. */
export async function returnTestPglite(db: Db): Promise<void> {
  for (const [kind, entry] of lendable) {
    const lent = await entry.catch(() => undefined);
    if (!lent || lent.db !== db) continue;
    try {
      if (kind !== 'empty') await resetToMigrated(db, lent.appMeta);
      else await resetToEmpty(db);
      const shape = await shapeOf(db, kind);
      if (shape !== lent.shape) throw new Error('the database was changed in shape');
      lent.out = false;
    } catch {
      // Not as a fresh copy would be (a table, function or setting left, or the database closed):
      // the next borrower gets a fresh copy.
      lendable.delete(kind);
      await db.close().catch(() => undefined);
    }
    return;
  }
  await db.close();
}
