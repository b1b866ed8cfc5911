/**
 * Schema migrations: plain SQL files in server/migrations named `NNNN_description.sql`, applied
 * in order at start, each in its own transaction, recorded in `schema_migrations`. The same files
 * run on PGlite and PostgreSQL, so write SQL both accept (PGlite is PostgreSQL 17; production
 * should be 15 or newer).
 *
 * Several server instances may start at once against one PostgreSQL: every migration transaction
 * first takes a transaction-scoped advisory lock and re-checks whether the migration is still
 * pending, so exactly one instance applies it and the others wait, then skip it.
 *
 * Rules for migration files: never edit or rename one that has been applied anywhere (write a new
 * one; a changed file is reported by `migrate()`); no BEGIN/COMMIT inside (the runner owns the
 * transaction); nothing that cannot run in a transaction (CREATE INDEX CONCURRENTLY).
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db, DbTx } from './types';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations/', import.meta.url));

/** Key of the advisory lock that serialises migrations across instances (any fixed int8). */
const MIGRATION_LOCK_KEY = 4_242_000_001;

const MIGRATION_FILE = /^(\d{4})_([a-z0-9_]+)\.sql$/;

export interface Migration {
  /** The four digits: the order, and the key in schema_migrations. */
  version: string;
  /** The description part of the file name. */
  name: string;
  fileName: string;
  sql: string;
  /** sha256 of the file (line endings normalised), to notice an applied file that was edited. */
  checksum: string;
}

export interface MigrationReport {
  /** File names applied by this run, in order. */
  applied: string[];
  /** Migrations found already applied. */
  alreadyApplied: number;
  /** Applied migrations whose file has changed since (a mistake: write a new migration). */
  changed: string[];
  /** Versions recorded in the database with no file here (a newer server migrated it). */
  unknown: string[];
}

/** Reads and checks the migration files of `dir`, sorted by version. */
export async function loadMigrations(dir: string = MIGRATIONS_DIR): Promise<Migration[]> {
  const fileNames = (await readdir(dir)).filter((fileName) => fileName.endsWith('.sql')).sort();
  const migrations: Migration[] = [];
  for (const fileName of fileNames) {
    const match = MIGRATION_FILE.exec(fileName);
    if (!match) {
      throw new Error(
        `Migration file ${fileName} in ${dir} is not named NNNN_description.sql ` +
          '(four digits, underscore, lower-case words joined by underscores)',
      );
    }
    const [, version = '', name = ''] = match;
    const previous = migrations.at(-1);
    if (previous?.version === version) {
      throw new Error(`Two migrations share version ${version}: ${previous.fileName}, ${fileName}`);
    }
    const sql = (await readFile(join(dir, fileName), 'utf8')).replace(/\r\n/g, '\n');
    const checksum = createHash('sha256').update(sql).digest('hex');
    migrations.push({ version, name, fileName, sql, checksum });
  }
  return migrations;
}

async function lockMigrations(tx: DbTx): Promise<void> {
  // Released by COMMIT/ROLLBACK. PGlite has it too, where it costs nothing (one process).
  await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
}

interface AppliedRow {
  version: string;
  checksum: string;
}

/** Applies the pending migrations of `migrationsDir` (default server/migrations) to `db`. */
export async function migrate(
  db: Db,
  options: { migrationsDir?: string } = {},
): Promise<MigrationReport> {
  const migrations = await loadMigrations(options.migrationsDir);

  // Under the lock too: two instances running `create table if not exists` at the same moment
  // can both try to create it, and one fails on a unique index of the catalogue.
  await db.transaction(async (tx) => {
    await lockMigrations(tx);
    await tx.exec(`
      create table if not exists schema_migrations (
        version text primary key,
        name text not null,
        checksum text not null,
        applied_at timestamptz not null default now()
      )
    `);
  });

  const appliedRows = await db.query<AppliedRow>('select version, checksum from schema_migrations');
  const appliedChecksums = new Map(appliedRows.rows.map((row) => [row.version, row.checksum]));
  const report: MigrationReport = { applied: [], alreadyApplied: 0, changed: [], unknown: [] };

  for (const migration of migrations) {
    const recordedChecksum = appliedChecksums.get(migration.version);
    if (recordedChecksum !== undefined) {
      report.alreadyApplied += 1;
      if (recordedChecksum !== migration.checksum) report.changed.push(migration.fileName);
      continue;
    }
    const appliedNow = await db.transaction(async (tx) => {
      await lockMigrations(tx);
      // Another instance may have applied it while we waited for the lock.
      const done = await tx.query('select 1 from schema_migrations where version = $1', [
        migration.version,
      ]);
      if (done.rows.length > 0) return false;
      try {
        await tx.exec(migration.sql);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(`Migration ${migration.fileName} failed: ${reason}`, { cause: error });
      }
      await tx.query(
        'insert into schema_migrations (version, name, checksum) values ($1, $2, $3)',
        [migration.version, migration.name, migration.checksum],
      );
      return true;
    });
    if (appliedNow) report.applied.push(migration.fileName);
    else report.alreadyApplied += 1;
  }

  const known = new Set(migrations.map((migration) => migration.version));
  report.unknown = [...appliedChecksums.keys()].filter((version) => !known.has(version)).sort();
  return report;
}
