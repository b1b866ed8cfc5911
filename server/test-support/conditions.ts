/**
 * Waiting on a condition instead of a clock (for tests only). A test that sleeps "long enough" to
 * prove something did not happen passes on a fast machine for the wrong reason and fails on a
 * slow one; these helpers wait for a state that proves it: a lock that is waited for, a timer
 * that is pending.
 */
import type { Db } from '../db';

/**
 * Resolves once `condition` holds, checking again after each turn of the event loop
 * (setImmediate, which the tests' fake timers leave real). No time limit of its own: the test's
 * timeout bounds it, and a condition that never holds fails the test by that timeout.
 */
export async function untilTrue(condition: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise<void>((resolve) => setImmediate(resolve));
}

/**
 * Resolves once some session waits (pg_locks: not granted) for the transaction-level advisory
 * lock `key` — computed by `keySql` from `params`, as the code under test computes it. The proof
 * that a writer queued behind a lock, read from PostgreSQL itself rather than guessed from time.
 * A bigint advisory key is shown in pg_locks split in two: classid the high 32 bits, objid the low.
 */
export async function untilLockWaited(db: Db, keySql: string, params: unknown[]): Promise<void> {
  await untilTrue(async () => {
    const { rows } = await db.query<{ waiting: number }>(
      `select count(*)::int as waiting from pg_locks
       where locktype = 'advisory' and objsubid = 1 and not granted
         and ((classid::int8 << 32) | objid::int8) = (${keySql})`,
      params,
    );
    return rows[0]!.waiting > 0;
  });
}
