/**
 * The embedded database: PGlite (PostgreSQL compiled to WASM) behind the Db interface, so
 * `npm start` needs nothing installed (DESIGN.md §6).
 *
 * Layout of the data folder (DATA_DIR):
 *   cundian.lock   the lock that keeps a second server out (data-dir-lock.ts)
 *   pglite/        PGlite's PostgreSQL data directory
 * PGlite lives in a subfolder so the data folder can hold other server data later (photos)
 * without mixing it into PostgreSQL's own files.
 */
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { acquireDataDirLock } from './data-dir-lock';
import { assertNotInTransaction, runInTransactionScope } from './transaction-guard';
import type { Db, DbTx, QueryResult } from './types';
import { pgliteParsers } from './value-parsers';

export const PGLITE_SUBFOLDER = 'pglite';

type PgliteQueryable = Pick<PGlite | Transaction, 'query' | 'exec'>;

async function runQuery<T>(
  target: PgliteQueryable,
  sql: string,
  params?: unknown[],
): Promise<QueryResult<T>> {
  const result = await target.query<T>(sql, params);
  return { rows: result.rows, rowCount: result.rowCount ?? result.affectedRows ?? 0 };
}

class PgliteDb implements Db {
  readonly kind = 'pglite' as const;

  constructor(
    private readonly pglite: PGlite,
    readonly description: string,
    private readonly afterClose: () => Promise<void> = async () => {},
  ) {}

  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<T>> {
    assertNotInTransaction(this, 'query');
    return runQuery<T>(this.pglite, sql, params);
  }

  async exec(sql: string): Promise<void> {
    assertNotInTransaction(this, 'exec');
    await this.pglite.exec(sql);
  }

  transaction<T>(fn: (tx: DbTx) => Promise<T>): Promise<T> {
    assertNotInTransaction(this, 'transaction');
    // PGlite's transaction() holds its mutex for the whole callback, so concurrent requests are
    // serialised instead of interleaving statements inside one another's BEGIN … COMMIT on the
    // single connection. It rolls back when the callback throws.
    return this.pglite.transaction((pgliteTx) =>
      runInTransactionScope(this, () =>
        fn({
          query: <R>(sql: string, params?: unknown[]) => runQuery<R>(pgliteTx, sql, params),
          exec: async (sql: string) => {
            await pgliteTx.exec(sql);
          },
        }),
      ),
    );
  }

  /** The database files as an uncompressed tarball (PGlite's `dumpDataDir`). */
  dump(): Promise<Blob> {
    return this.pglite.dumpDataDir('none');
  }

  async close(): Promise<void> {
    try {
      if (!this.pglite.closed) await this.pglite.close();
    } finally {
      await this.afterClose();
    }
  }
}

/**
 * Opens (or creates) the PGlite database in `<dataDir>/pglite`, after taking the data-folder
 * lock. Throws DataDirLockedError when another server uses the folder.
 */
export async function openPglite(options: { dataDir: string }): Promise<Db> {
  const dataDir = resolve(options.dataDir);
  await mkdir(dataDir, { recursive: true });
  const lock = await acquireDataDirLock(dataDir);
  try {
    const pglite = await PGlite.create({
      dataDir: join(dataDir, PGLITE_SUBFOLDER),
      parsers: pgliteParsers,
    });
    return new PgliteDb(pglite, `PGlite in ${options.dataDir}`, () => lock.release());
  } catch (error) {
    await lock.release();
    throw error;
  }
}

/**
 * A PGlite database in memory, gone on close: for tests and benches. `sharedBuffers` (e.g.
 * '16MB') replaces PGlite's 128MB, which PostgreSQL allocates and zeroes at every start: the
 * tests' small databases start in about half the CPU (docs/TESTING.md, "Sixth session").
 */
export async function openPgliteInMemory(
  options: { loadDataDir?: Blob; sharedBuffers?: string } = {},
): Promise<Db> {
  const pglite = await PGlite.create({
    parsers: pgliteParsers,
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    ...(options.sharedBuffers
      ? {
          startParams: [
            ...PGlite.defaultStartParams,
            '-c',
            `shared_buffers=${options.sharedBuffers}`,
          ],
        }
      : {}),
  });
  return new PgliteDb(pglite, 'PGlite in memory');
}

/**
 * A dump of a PGlite database's files, to start in-memory copies from (tests: creating PGlite
 * costs seconds, loading a dump well under one, STACK.md trap 13).
 */
export async function dumpPglite(db: Db): Promise<Blob> {
  if (!(db instanceof PgliteDb)) throw new Error('dumpPglite needs a PGlite database');
  return db.dump();
}
