/**
 * Catches the one mistake both drivers punish differently: using `db` instead of `tx` inside
 * `db.transaction()`. On PGlite the outer call waits for the transaction it is part of (a
 * deadlock); on PostgreSQL it takes another connection and silently runs outside the transaction.
 * We remember, per async call chain, which databases are inside a transaction callback and make
 * the mistake throw on both.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

const openTransactions = new AsyncLocalStorage<ReadonlySet<object>>();

/** Runs `fn` marked as "inside a transaction of `db`". */
export function runInTransactionScope<T>(db: object, fn: () => Promise<T>): Promise<T> {
  const outer = openTransactions.getStore() ?? new Set<object>();
  return openTransactions.run(new Set([...outer, db]), fn);
}

/** Throws when called from inside a transaction callback of the same database. */
export function assertNotInTransaction(db: object, what: 'query' | 'exec' | 'transaction'): void {
  if (openTransactions.getStore()?.has(db)) {
    throw new Error(
      `db.${what}() called inside db.transaction(): use the tx argument of the callback instead`,
    );
  }
}
