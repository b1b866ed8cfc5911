/**
 * The trends' monthly maths: each month read through metricFacts on its last day (today for the
 * running month, nothing for a month not begun), the straight pace line from 0 to the area's own
 * target, and last year's line beside it.
 */
import { describe, expect, it } from 'vitest';
import { areaOfCode, type MetricInput } from './metrics';
import { targetId, type Target } from './target';
import { monthEnd, monthlyFacts, paceAt, trendDays, trendOf } from './trend';

const CHUNAN = areaOfCode('330127');
const V1 = '330127100201';
const V2 = '330127100202';

const open = (village: string, date: string) => ({
  regionCode: village,
  statusHistory: [{ status: 'open' as const, date }],
  deleted: false,
});

const input: MetricInput = {
  villages: [
    { code: V1, rural: true },
    { code: V2, rural: true },
  ],
  points: [open(V1, '2025-02-10'), open(V2, '2026-03-05'), open(V2, '2026-08-01')],
  trainees: [],
  sessions: [],
  attendance: [],
  centralTowns: [],
  stores: [],
  pilots: [],
  shops: [],
  targets: [
    {
      id: targetId(2026, '330127', 'servicePoints'),
      year: 2026,
      countyCode: '330127',
      metric: 'servicePoints',
      value: 12,
      version: 1,
      deleted: false,
      updatedAt: null,
      updatedBy: null,
    } as unknown as Target,
  ],
};

describe('monthly trend', () => {
  it('reads each month on its last day, today for the running month, nothing after', () => {
    expect(monthEnd(2024, 2)).toBe('2024-02-29');
    expect(monthEnd(2026, 12)).toBe('2026-12-31');
    const days = trendDays(2026, '2026-04-15');
    expect(days.slice(0, 5)).toEqual([
      '2026-01-31',
      '2026-02-28',
      '2026-03-31',
      '2026-04-15',
      null,
    ]);
    expect(trendDays(2025, '2026-04-15')[11]).toBe('2025-12-31');
    expect(trendDays(2027, '2026-04-15').every((d) => d === null)).toBe(true);
  });

  it('draws the cumulative line, the straight pace line to the target, and last year', () => {
    const today = '2026-09-15';
    const trend = trendOf(
      'servicePointsOpen',
      CHUNAN,
      2026,
      monthlyFacts(input, 2026, today),
      monthlyFacts(input, 2025, today),
      input.targets,
      today,
    );
    expect(trend.target).toBe(12);
    expect(trend.points.map((p) => p.actual)).toEqual([
      1,
      1,
      2,
      2,
      2,
      2,
      2,
      3,
      3,
      null,
      null,
      null,
    ]);
    expect(trend.points.map((p) => p.lastYear)).toEqual([0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
    // The pace line: 0 → 12 over the year, read on each month's last day.
    expect(trend.points[11]!.pace).toBe(12);
    expect(trend.points[5]!.pace).toBeCloseTo((12 * 181) / 365, 6);
    expect(paceAt(12, 2026, '2026-06-30')).toBe(trend.points[5]!.pace);
    expect(trend.points[8]!.pace).toBeCloseTo((12 * 273) / 365, 6);
    // The running month's figure is read on today, and held to the line on that same day.
    expect(trend.latestDay).toBe(today);
    expect(trend.latestPace).toBeCloseTo((12 * 258) / 365, 6);
    expect(trend.latest).toMatchObject({ month: 9, actual: 3 });
  });

  it('has no pace line where the area has no target of its own (a township)', () => {
    const today = '2026-09-15';
    const trend = trendOf(
      'servicePointsOpen',
      areaOfCode('330127100'),
      2026,
      monthlyFacts(input, 2026, today),
      monthlyFacts(input, 2025, today),
      input.targets,
      today,
    );
    expect(trend.target).toBeNull();
    expect(trend.points.every((p) => p.pace === null)).toBe(true);
    expect(trend.latest?.actual).toBe(3);
  });
});
