/**
 * A metric's year month by month (issue 12, part 4): the cumulative line of the year, the straight
 * pace line to the target, and last year's line beside it. Nothing here counts: each month's
 * figure is `metricFacts` read on that month's last day (today for the running month), so the
 * line ends exactly where 概览 and the county table stand — the same definitions, no second way
 * of counting.
 *
 * The pace line is the one the pace colours already use (`paceOf`: the share of the target
 * against the share of the year gone by): from 0 on 1 January to the target on 31 December, for
 * stocks and flows alike (docs/ASSESSMENT.md).
 *
 * Pure: no DOM; the screen decides when to count (month by month, so a phone stays responsive).
 */
import {
  metricFacts,
  ownTarget,
  yearElapsed,
  type Area,
  type MetricFacts,
  type MetricId,
  type MetricInput,
} from './metrics';

export const MONTHS = 12;

/** The last day of a month (1..12) as YYYY-MM-DD. */
export function monthEnd(year: number, month: number): string {
  const day = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The day each month of the year is read on: its last day, today for the running month, null
 * for a month that has not begun (no point is drawn for it).
 */
export function trendDays(year: number, today: string): (string | null)[] {
  return Array.from({ length: MONTHS }, (_, i) => {
    const first = `${year}-${String(i + 1).padStart(2, '0')}-01`;
    if (first > today) return null;
    const last = monthEnd(year, i + 1);
    return last < today ? last : today;
  });
}

/** A year's facts read on each month's day (null: the month has not begun). */
export type MonthlyFacts = readonly (MetricFacts | null)[];

/** Counts the twelve months at once (the bench and the tests; the screen goes month by month). */
export function monthlyFacts(input: MetricInput, year: number, today: string): MonthlyFacts {
  return trendDays(year, today).map((day) => (day === null ? null : metricFacts(input, year, day)));
}

export interface TrendPoint {
  /** 1..12 */
  month: number;
  /** The cumulative figure at the month's end (null: not begun, or not counted yet). */
  actual: number | null;
  /** Last year's figure at the same month's end. */
  lastYear: number | null;
  /** Where the straight line to the target stands at the month's end (null: no target). */
  pace: number | null;
}

export interface Trend {
  metric: MetricId;
  area: Area;
  year: number;
  /** The area's own target for the year (null: 未设目标, and no pace line). */
  target: number | null;
  points: TrendPoint[];
  /** The last month with a figure (null: the year has not begun). */
  latest: TrendPoint | null;
  /** The day that month was read on: its last day, or today while it runs. */
  latestDay: string | null;
  /** Where the pace line stands on that day (null: no target): what the figure is held to. */
  latestPace: number | null;
}

/**
 * The straight line from 0 on 1 January to `target` on 31 December, read on a day (a month's
 * end; today for the running month, so the line and the figure are read on the same day).
 */
export function paceAt(target: number, year: number, day: string): number {
  return target * yearElapsed(year, day);
}

/**
 * One metric's trend for an area from the months' facts of the year and of the year before
 * (both counted with the same `today`). The target is the area's own (measure's rule): a
 * township has none, so it has no pace line. The line is drawn straight through the months'
 * ends to the target; the latest figure, read on today while its month runs, is held to the
 * line on that same day (`latestPace`).
 */
export function trendOf(
  metric: MetricId,
  area: Area,
  year: number,
  thisYear: MonthlyFacts,
  lastYear: MonthlyFacts,
  targets: MetricFacts['targets'],
  today: string,
): Trend {
  const read = (facts: MetricFacts | null | undefined) =>
    facts ? (facts.tallies[metric].get(area.code) ?? 0) : null;
  const target = ownTarget(targets, year, metric, area);
  const points = Array.from({ length: MONTHS }, (_, i) => ({
    month: i + 1,
    actual: read(thisYear[i]),
    lastYear: read(lastYear[i]),
    pace: target === null ? null : paceAt(target, year, monthEnd(year, i + 1)),
  }));
  const latest = [...points].reverse().find((p) => p.actual !== null) ?? null;
  const latestDay = latest ? (trendDays(year, today)[latest.month - 1] ?? null) : null;
  const latestPace = target === null || latestDay === null ? null : paceAt(target, year, latestDay);
  return { metric, area, year, target, points, latest, latestDay, latestPace };
}
