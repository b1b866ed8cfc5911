/**
 * The server's door to its database: picks PostgreSQL or PGlite from the environment and
 * re-exports the Db interface. Everything outside server/db imports from here.
 */
import { openPglite } from './pglite';
import { openPostgres, type PostgresOptions } from './postgres';
import type { Db } from './types';

export type { Db, DbTx, QueryResult } from './types';
export { DatabaseBusyError, DataDirLockedError, DatabaseUnreachableError } from './types';
export { openPglite, openPgliteInMemory } from './pglite';
export { openPostgres, describePostgresUrl } from './postgres';
export { migrate } from './migrate';

export const DEFAULT_DATA_DIR = './data';

/** The variables that choose the database (a subset of process.env). */
export interface DatabaseEnv {
  DATABASE_URL?: string | undefined;
  DATA_DIR?: string | undefined;
}

/**
 * DATABASE_URL set → that PostgreSQL; otherwise PGlite in DATA_DIR (default ./data), locked
 * against a second server on the same folder.
 */
export function openDatabase(
  env: DatabaseEnv = process.env,
  postgresOptions?: PostgresOptions,
): Promise<Db> {
  const url = env.DATABASE_URL?.trim();
  if (url) return openPostgres(url, postgresOptions);
  return openPglite({ dataDir: env.DATA_DIR?.trim() || DEFAULT_DATA_DIR });
}
