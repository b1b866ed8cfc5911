/**
 * Planner statistics for the embedded database. PostgreSQL keeps its tables' statistics itself
 * (autovacuum's ANALYZE after enough rows changed); PGlite runs in one process with no background
 * workers, so a table that grew from nothing is planned as if it were still empty — and a plan
 * made for an empty table can be ruinous at 10,000 rows. Measured (docs/SERVER.md): the
 * duplicates inbox's count over 3,000 service points ran a 3,000 × 3,000 nested loop, 14 s per
 * call, and held the single connection while a county's first download waited behind it; after
 * ANALYZE (0.12 s) the same query took 0.15 ms.
 *
 * So the server does autovacuum's analyze part itself on PGlite: a table is analyzed when it was
 * never analyzed and holds data, or when its size in pages moved by more than 10 % (and more than
 * one page) since its last ANALYZE — read from pg_class in one catalog query, no row counted.
 * Checked at start, by maintenance, and after API requests at most every `minIntervalMs`.
 */
import type { Db } from './types';

interface TableSize {
  name: string;
  /** Pages at the last ANALYZE (0 when never analyzed). */
  analyzedPages: number;
  /** -1 when never analyzed (PostgreSQL ≥ 14). */
  analyzedTuples: number;
  pages: number;
}

/** Whether a table's statistics are stale enough to analyze (autovacuum's spirit, by pages). */
export function needsAnalyze(table: Omit<TableSize, 'name'>): boolean {
  if (table.pages === 0) return false;
  if (table.analyzedTuples < 0) return true;
  const moved = Math.abs(table.pages - table.analyzedPages);
  return moved > 1 && moved > 0.1 * table.analyzedPages;
}

/** Analyzes the tables of the current schema whose statistics are stale; returns their names. */
export async function refreshPlannerStatistics(db: Db): Promise<string[]> {
  const { rows } = await db.query<TableSize>(
    `select c.relname as name, c.relpages as "analyzedPages", c.reltuples as "analyzedTuples",
            (pg_relation_size(c.oid) / current_setting('block_size')::int)::int as pages
     from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = current_schema() and c.relkind = 'r'`,
  );
  const stale = rows.filter((t) => needsAnalyze(t)).map((t) => t.name);
  for (const name of stale) await db.query(`analyze "${name.replaceAll('"', '""')}"`);
  return stale;
}

export interface PlannerStatisticsKeeper {
  /** A request was answered: check the statistics soon (at most every minIntervalMs). */
  poke(): void;
  /** No more checks; waits for one in progress. */
  stop(): Promise<void>;
}

/**
 * Keeps PGlite's statistics fresh as requests change the data; does nothing on PostgreSQL, whose
 * autovacuum does it. Never throws: a failed check is retried at the next poke.
 */
export function keepPlannerStatistics(
  db: Db,
  options: { minIntervalMs?: number; onError?: (error: unknown) => void } = {},
): PlannerStatisticsKeeper {
  const minIntervalMs = options.minIntervalMs ?? 30_000;
  if (db.kind !== 'pglite') return { poke: () => {}, stop: async () => {} };
  let lastRun = -Infinity;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;

  const run = () => {
    timer = undefined;
    if (stopped) return;
    lastRun = Date.now();
    running = refreshPlannerStatistics(db).then(
      () => undefined,
      (error: unknown) => options.onError?.(error),
    );
  };
  return {
    poke() {
      if (stopped || timer) return;
      const wait = Math.max(0, lastRun + minIntervalMs - Date.now());
      timer = setTimeout(run, wait);
      timer.unref();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
