/**
 * Transactions for sync, retried when PostgreSQL gives up on one because of another (a
 * serialization failure or a deadlock): such a failure means "try again", not "this request is
 * wrong", and the retry runs the whole callback on a fresh snapshot. Anything else is thrown.
 */
import type { Db, DbTx } from './types';

const RETRYABLE_SQLSTATES = new Set(['40001', '40P01']);
const MAX_ATTEMPTS = 4;

function isRetryable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && RETRYABLE_SQLSTATES.has(code);
}

export async function runTransaction<T>(
  db: Db,
  fn: (tx: DbTx) => Promise<T>,
  options: { isolation?: 'read committed' | 'repeatable read' } = {},
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(async (tx) => {
        // Must be the first statement: the snapshot is taken by the first query.
        if (options.isolation === 'repeatable read') {
          await tx.query('set transaction isolation level repeatable read');
        }
        return fn(tx);
      });
    } catch (error) {
      if (attempt >= MAX_ATTEMPTS || !isRetryable(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.random() * 20));
    }
  }
}
