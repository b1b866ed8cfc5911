/**
 * A real PostgreSQL (DATABASE_URL) behind the Db interface: a `pg` connection pool, for
 * production where several stateless server instances share one database (DESIGN.md §6).
 */
import pg from 'pg';
import { assertNotInTransaction, runInTransactionScope } from './transaction-guard';
import {
  DatabaseBusyError,
  DatabaseUnreachableError,
  type Db,
  type DbTx,
  type QueryResult,
} from './types';
import { pgTypeOverrides } from './value-parsers';

export interface PostgresOptions {
  /** Connections in the pool (default 10). */
  maxConnections?: number;
  /** Give up connecting after this long (default 10 s): a dead server should fail fast. */
  connectTimeoutMs?: number;
  /** Errors of idle pooled connections (the server restarted, the network dropped). */
  onIdleConnectionError?: (error: Error) => void;
}

/** host:port/database of a connection URL: safe to print, no user or password. */
export function describePostgresUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const database = parsed.pathname.replace(/^\//, '') || '(default database)';
    return `${parsed.hostname || 'localhost'}:${parsed.port || '5432'}/${database}`;
  } catch {
    return '(unparsable DATABASE_URL)';
  }
}

/** pg-pool's words when no pooled connection came free within connectionTimeoutMillis. */
const POOL_WAIT_TIMEOUT = 'timeout exceeded when trying to connect';

/** A wait for a pooled connection that ran out becomes DatabaseBusyError; the rest pass as they are. */
async function waitingForPool<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof Error && error.message === POOL_WAIT_TIMEOUT) {
      throw new DatabaseBusyError(`every database connection stayed busy: ${error.message}`);
    }
    throw error;
  }
}

async function runQuery<T>(
  target: pg.Pool | pg.PoolClient,
  sql: string,
  params?: unknown[],
): Promise<QueryResult<T>> {
  const result = await waitingForPool(() => target.query(sql, params));
  return { rows: result.rows as T[], rowCount: result.rowCount ?? 0 };
}

class PostgresDb implements Db {
  readonly kind = 'postgres' as const;

  constructor(
    private readonly pool: pg.Pool,
    readonly description: string,
  ) {}

  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<T>> {
    assertNotInTransaction(this, 'query');
    return runQuery<T>(this.pool, sql, params);
  }

  async exec(sql: string): Promise<void> {
    assertNotInTransaction(this, 'exec');
    // No parameters: simple protocol, several statements allowed.
    await waitingForPool(() => this.pool.query(sql));
  }

  async transaction<T>(fn: (tx: DbTx) => Promise<T>): Promise<T> {
    assertNotInTransaction(this, 'transaction');
    const client = await waitingForPool(() => this.pool.connect());
    const tx: DbTx = {
      query: <R>(sql: string, params?: unknown[]) => runQuery<R>(client, sql, params),
      exec: async (sql: string) => {
        await client.query(sql);
      },
    };
    try {
      await client.query('begin');
      const result = await runInTransactionScope(this, () => fn(tx));
      await client.query('commit');
      client.release();
      return result;
    } catch (error) {
      try {
        await client.query('rollback');
        client.release();
      } catch (rollbackError) {
        // The connection is broken: destroy it rather than hand it to the next request.
        client.release(rollbackError as Error);
      }
      throw error;
    }
  }

  async close(): Promise<void> {
    if (!this.pool.ended) await this.pool.end();
  }
}

/**
 * Connects to PostgreSQL and checks that it answers (`select 1`), so a wrong DATABASE_URL fails
 * at start with DatabaseUnreachableError instead of on the first request.
 */
export async function openPostgres(url: string, options: PostgresOptions = {}): Promise<Db> {
  const target = describePostgresUrl(url);
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    application_name: 'cundian',
    types: pgTypeOverrides,
  });
  // Without a listener an idle connection's error (database restart) would crash the process;
  // the pool drops that connection and opens a new one on the next query.
  pool.on(
    'error',
    options.onIdleConnectionError ??
      ((error) => console.error(`PostgreSQL connection lost (${target}): ${error.message}`)),
  );
  try {
    await pool.query('select 1');
  } catch (error) {
    await pool.end().catch(() => undefined);
    const reason = error instanceof Error && error.message ? error.message : String(error);
    throw new DatabaseUnreachableError(`Cannot reach PostgreSQL at ${target}: ${reason}`);
  }
  return new PostgresDb(pool, `PostgreSQL at ${target}`);
}
