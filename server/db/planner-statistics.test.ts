/**
 * PGlite keeps no planner statistics by itself: without them a table filled since the last
 * ANALYZE is planned as if empty (docs/SERVER.md, "Planner statistics on PGlite"). These tests
 * pin the rule that decides when to analyze, and that the embedded database really gets its
 * statistics — at the check, and through the keeper after a request.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  keepPlannerStatistics,
  needsAnalyze,
  refreshPlannerStatistics,
} from './planner-statistics';
import { openTestPglite } from '../test-support/databases';
import { untilTrue } from '../test-support/conditions';
import type { Db } from './types';

describe('needsAnalyze', () => {
  it('leaves an empty table alone and analyzes one with data never analyzed', () => {
    expect(needsAnalyze({ pages: 0, analyzedPages: 0, analyzedTuples: -1 })).toBe(false);
    expect(needsAnalyze({ pages: 1, analyzedPages: 0, analyzedTuples: -1 })).toBe(true);
  });

  it('analyzes again when the size moved by more than 10 % and more than one page', () => {
    expect(needsAnalyze({ pages: 2, analyzedPages: 1, analyzedTuples: 40 })).toBe(false);
    expect(needsAnalyze({ pages: 3, analyzedPages: 1, analyzedTuples: 40 })).toBe(true);
    expect(needsAnalyze({ pages: 110, analyzedPages: 100, analyzedTuples: 9_000 })).toBe(false);
    expect(needsAnalyze({ pages: 111, analyzedPages: 100, analyzedTuples: 9_000 })).toBe(true);
    // Shrunk (a compaction) counts as moved too.
    expect(needsAnalyze({ pages: 50, analyzedPages: 100, analyzedTuples: 9_000 })).toBe(true);
  });
});

describe('on PGlite', () => {
  let db: Db;
  beforeEach(async () => {
    db = await openTestPglite();
  });
  afterEach(async () => {
    await db.close();
  });

  const analyzedTuples = async (table: string) =>
    Number(
      (
        await db.query<{ reltuples: number }>(
          `select reltuples from pg_class where relname = $1 and relkind = 'r'`,
          [table],
        )
      ).rows[0]!.reltuples,
    );

  const fill = (rows: number) =>
    db.query(
      `insert into app_meta (key, value)
       select 'filler-' || g || '-' || md5(random()::text), jsonb_build_object('n', g)
       from generate_series(1, $1::int) g`,
      [rows],
    );

  it('analyzes a table that grew, and nothing when nothing changed', async () => {
    await refreshPlannerStatistics(db);
    expect(await refreshPlannerStatistics(db)).toEqual([]);
    await fill(2_000);
    expect(await refreshPlannerStatistics(db)).toContain('app_meta');
    expect(await analyzedTuples('app_meta')).toBeGreaterThanOrEqual(2_000);
    expect(await refreshPlannerStatistics(db)).toEqual([]);
  });

  it('the keeper analyzes after a poke', async () => {
    await refreshPlannerStatistics(db);
    const before = await analyzedTuples('app_meta');
    await fill(2_000);
    const keeper = keepPlannerStatistics(db, { minIntervalMs: 0 });
    keeper.poke();
    // Waits for the condition (the keeper runs in a task of its own), bounded by the test's timeout.
    await untilTrue(async () => (await analyzedTuples('app_meta')) !== before);
    await keeper.stop();
    expect(await analyzedTuples('app_meta')).toBeGreaterThanOrEqual(2_000);
  });
});
