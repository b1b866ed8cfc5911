/**
 * The one database interface the server codes against (DESIGN.md §6): embedded PGlite by default,
 * a real PostgreSQL in production. Routes and services import these types only, never `pg` or
 * `@electric-sql/pglite`, so the same service code and the same SQL run on both.
 */

/** What a query gives back: the rows, and how many rows the statement touched. */
export interface QueryResult<T> {
  rows: T[];
  /** Rows returned by a SELECT or changed by INSERT/UPDATE/DELETE (0 when not reported). */
  rowCount: number;
}

/** A connection inside a transaction: the only handle to use inside `db.transaction()`. */
export interface DbTx {
  /** One statement, with `$1`-style parameters. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<T>>;
  /**
   * A script of several statements without parameters (migrations). PGlite's `query()` uses the
   * extended protocol, which refuses more than one statement, so scripts need their own door.
   */
  exec(sql: string): Promise<void>;
}

export interface Db extends DbTx {
  readonly kind: 'pglite' | 'postgres';
  /** For log lines and the start-up banner: never contains a password. */
  readonly description: string;
  /**
   * BEGIN, run `fn`, COMMIT; ROLLBACK when `fn` throws (and rethrow). Use only `tx` inside `fn`:
   * calling `db.query()` or `db.transaction()` there throws, because on PGlite it would wait for
   * the very transaction it runs in (a deadlock) and on PostgreSQL it would run outside of it.
   */
  transaction<T>(fn: (tx: DbTx) => Promise<T>): Promise<T>;
  /** Ends the connections (or the embedded database) and releases the data-folder lock. */
  close(): Promise<void>;
}

/** Another process holds the PGlite data folder (the message says which and what to do). */
export class DataDirLockedError extends Error {
  override readonly name = 'DataDirLockedError';
}

/**
 * Every pooled connection stayed busy for the whole wait (pg's connectionTimeoutMillis): the
 * server is overloaded, not broken — the request may be tried again later (a 503, not a 500).
 */
export class DatabaseBusyError extends Error {
  override readonly name = 'DatabaseBusyError';
}

/** PostgreSQL did not answer at start-up (the message names the server, not the password). */
export class DatabaseUnreachableError extends Error {
  override readonly name = 'DatabaseUnreachableError';
}
