/**
 * Each assessment metric on small hand-made fixtures, edges included: a point closed in June, a
 * person trained twice, a pilot that failed, a community (not a rural village), a session on the
 * last day of the year and one on the first day of the next, and the rule that a figure is only
 * set against the target of its own area.
 */
import { describe, expect, it } from 'vitest';
import {
  areaOfCode,
  measure,
  measureArea,
  metricFacts,
  METRIC_IDS,
  METRICS,
  metricsInOrder,
  paceOf,
  periodEnd,
  rankByShare,
  statusOn,
  yearElapsed,
  type MetricInput,
} from './metrics';
import { targetId, type Target, type TargetMetric } from './target';

const COUNTY_A = '330127'; // 淳安县
const COUNTY_B = '330122'; // 桐庐县
const TOWN_A1 = '330127100';
const TOWN_A2 = '330127101';
const V_A1 = '330127100201';
const V_A2 = '330127100202';
const COMMUNITY_A1 = '330127100001';
const V_A3 = '330127101200';
const V_B1 = '330122002200';

function target(year: number, countyCode: string | null, metric: TargetMetric, value: number) {
  return {
    id: targetId(year, countyCode, metric),
    year,
    countyCode,
    metric,
    value,
    version: 1,
    deleted: false,
    updatedAt: '2026-01-01T00:00:00Z',
    updatedBy: 'admin',
  } as Target;
}

function point(regionCode: string, history: [string, string][], deleted = false) {
  return {
    regionCode,
    statusHistory: history.map(([status, date]) => ({ status, date })) as never,
    deleted,
  };
}

function input(overrides: Partial<MetricInput> = {}): MetricInput {
  return {
    villages: [
      { code: V_A1, rural: true },
      { code: V_A2, rural: true },
      { code: COMMUNITY_A1, rural: false },
      { code: V_A3, rural: true },
      { code: V_B1, rural: true },
    ],
    points: [],
    trainees: [],
    sessions: [],
    attendance: [],
    centralTowns: [],
    stores: [],
    pilots: [],
    shops: [],
    targets: [],
    ...overrides,
  };
}

const TODAY = '2026-07-01';
const county = areaOfCode(COUNTY_A);
const prefecture = areaOfCode('3301');

describe('service points open and villages covered', () => {
  const data = input({
    points: [
      // Open since 2025: counts in 2025 and 2026.
      point(V_A1, [
        ['planned', '2025-01-10'],
        ['open', '2025-03-01'],
      ]),
      // Opened 2025, closed in June 2026: counts for 2025, not for 2026.
      point(V_A2, [
        ['planned', '2025-02-01'],
        ['open', '2025-04-01'],
        ['closed', '2026-06-15'],
      ]),
      // Open, but in a community: a point, and no village covered.
      point(COMMUNITY_A1, [['open', '2026-02-01']]),
      // Opens next month: not yet.
      point(V_A3, [
        ['planned', '2026-05-01'],
        ['approved', '2026-06-01'],
      ]),
      // Deleted: never.
      point(V_B1, [['open', '2026-01-05']], true),
    ],
  });

  it('reads each point’s status on the year’s last day, or today while the year runs', () => {
    expect(periodEnd(2025, TODAY)).toBe('2025-12-31');
    expect(periodEnd(2026, TODAY)).toBe(TODAY);
    const f2025 = metricFacts(data, 2025, TODAY);
    const f2026 = metricFacts(data, 2026, TODAY);
    expect(measure('servicePointsOpen', f2025, county, TODAY).actual).toBe(2);
    expect(measure('servicePointsOpen', f2026, county, TODAY).actual).toBe(2); // V_A1 + community
    expect(measure('villagesCovered', f2025, county, TODAY)).toMatchObject({ actual: 2, of: 3 });
    expect(measure('villagesCovered', f2026, county, TODAY)).toMatchObject({ actual: 1, of: 3 });
    // A township's own figures: V_A3's town has no open point.
    expect(measure('servicePointsOpen', f2026, areaOfCode(TOWN_A2), TODAY).actual).toBe(0);
    expect(statusOn([{ status: 'open', date: '2026-02-01' }], '2026-01-31')).toBeNull();
  });

  it('counts villages newly covered against the end of the year before', () => {
    const later = input({
      points: [
        ...data.points,
        point(V_A3, [
          ['approved', '2026-06-01'],
          ['open', '2026-06-20'],
        ]),
      ],
    });
    const facts = metricFacts(later, 2026, TODAY);
    // V_A1 was covered already; V_A2 is no longer; V_A3 is new.
    expect(measure('villagesNewlyCovered', facts, county, TODAY).actual).toBe(1);
    expect(measure('villagesNewlyCovered', facts, areaOfCode(TOWN_A1), TODAY).actual).toBe(0);
  });
});

describe('training', () => {
  const data = input({
    trainees: [
      { id: 't1', villageCode: V_A1, deleted: false },
      { id: 't2', villageCode: V_A3, deleted: false },
      { id: 't3', villageCode: V_B1, deleted: false },
      { id: 'gone', villageCode: V_A1, deleted: true },
    ],
    sessions: [
      { id: 's1', startDate: '2026-03-10', deleted: false },
      { id: 's2', startDate: '2026-12-31', deleted: false },
      { id: 's3', startDate: '2027-01-01', deleted: false },
      { id: 'old', startDate: '2025-11-01', deleted: false },
    ],
    attendance: [
      // t1 twice in 2026 (and a stale second copy of one row): one person, two person-times.
      { sessionId: 's1', traineeId: 't1', status: 'present', deleted: false },
      { sessionId: 's1', traineeId: 't1', status: 'present', deleted: false },
      { sessionId: 's2', traineeId: 't1', status: 'late', deleted: false },
      // t2 absent: not trained.
      { sessionId: 's1', traineeId: 't2', status: 'absent', deleted: false },
      // t3 next year only, and last year.
      { sessionId: 's3', traineeId: 't3', status: 'present', deleted: false },
      { sessionId: 'old', traineeId: 't3', status: 'present', deleted: false },
      // A deleted trainee never counts.
      { sessionId: 's1', traineeId: 'gone', status: 'present', deleted: false },
    ],
  });

  it('counts different people once and every attendance as a person-time, by the year the session starts', () => {
    const f2026 = metricFacts(data, 2026, '2026-12-31');
    expect(measure('peopleTrained', f2026, prefecture, TODAY).actual).toBe(1);
    expect(measure('trainingPersonTimes', f2026, prefecture, TODAY).actual).toBe(2);
    expect(measure('peopleTrained', f2026, areaOfCode(COUNTY_B), TODAY).actual).toBe(0);
    const f2027 = metricFacts(data, 2027, '2027-02-01');
    expect(measure('peopleTrained', f2027, areaOfCode(COUNTY_B), TODAY).actual).toBe(1);
    expect(measure('peopleTrained', metricFacts(data, 2025, TODAY), prefecture, TODAY).actual).toBe(
      1,
    );
  });
});

describe('central towns, pilots and shops', () => {
  const data = input({
    centralTowns: [
      { townshipCode: TOWN_A1, designatedYear: 2013, active: true, deleted: false },
      { townshipCode: TOWN_A2, designatedYear: 2027, active: true, deleted: false },
    ],
    stores: [
      { townshipCode: TOWN_A1, status: 'open', openedOn: '2026-05-01', deleted: false },
      { townshipCode: TOWN_A2, status: 'open', openedOn: '2026-01-01', deleted: false },
    ],
    pilots: [
      { townshipCode: TOWN_A1, year: 2026, status: 'accepted', deleted: false },
      { townshipCode: TOWN_A2, year: 2026, status: 'failed', deleted: false },
      { townshipCode: TOWN_A2, year: 2026, status: 'inProgress', deleted: false },
      { townshipCode: TOWN_A1, year: 2025, status: 'accepted', deleted: false },
    ],
    shops: [
      { regionCode: V_A1, onServicePlatform: true, joinedOn: '2025-06-01', deleted: false },
      { regionCode: TOWN_A2, onServicePlatform: true, joinedOn: '2027-01-02', deleted: false },
      { regionCode: V_B1, onServicePlatform: false, joinedOn: null, deleted: false },
    ],
  });

  it('counts a central town only when listed that year with a store opened by the year’s end', () => {
    expect(
      measure('centralTownsWithStore', metricFacts(data, 2026, TODAY), county, TODAY).actual,
    ).toBe(1);
    // In 2025 the store had not opened yet.
    expect(
      measure('centralTownsWithStore', metricFacts(data, 2025, TODAY), county, TODAY).actual,
    ).toBe(0);
  });

  it('counts only accepted pilots of the year, and shops on the platform by their joining year', () => {
    const facts = metricFacts(data, 2026, TODAY);
    expect(measure('pilotsAccepted', facts, county, TODAY).actual).toBe(1);
    expect(measure('agriShopsOnPlatform', facts, county, TODAY).actual).toBe(1);
    expect(
      measure('agriShopsOnPlatform', metricFacts(data, 2027, '2027-03-01'), county, TODAY).actual,
    ).toBe(2);
  });
});

describe('flows up to the day read (a month’s end for the trends)', () => {
  it('counts only sessions, acceptances and joinings on or before the day', () => {
    const data = input({
      trainees: [{ id: 't1', villageCode: V_A1, deleted: false }],
      sessions: [
        { id: 'mar', startDate: '2025-03-10', deleted: false },
        { id: 'oct', startDate: '2025-10-10', deleted: false },
      ],
      attendance: [
        { sessionId: 'mar', traineeId: 't1', status: 'present', deleted: false },
        { sessionId: 'oct', traineeId: 't1', status: 'present', deleted: false },
      ],
      pilots: [
        {
          townshipCode: TOWN_A1,
          year: 2025,
          status: 'accepted',
          statusHistory: [
            { status: 'proposed', date: '2025-01-05' },
            { status: 'approved', date: '2025-02-01' },
            { status: 'inProgress', date: '2025-03-01' },
            { status: 'accepted', date: '2025-10-20' },
          ],
          deleted: false,
        },
      ],
      shops: [
        { regionCode: V_A1, onServicePlatform: true, joinedOn: '2025-08-01', deleted: false },
      ],
    });
    const june = metricFacts(data, 2025, '2025-06-30');
    expect(measure('trainingPersonTimes', june, county, '2025-06-30').actual).toBe(1);
    expect(measure('pilotsAccepted', june, county, '2025-06-30').actual).toBe(0);
    expect(measure('agriShopsOnPlatform', june, county, '2025-06-30').actual).toBe(0);
    const year = metricFacts(data, 2025, TODAY);
    expect(measure('peopleTrained', year, county, TODAY).actual).toBe(1);
    expect(measure('trainingPersonTimes', year, county, TODAY).actual).toBe(2);
    expect(measure('pilotsAccepted', year, county, TODAY).actual).toBe(1);
    expect(measure('agriShopsOnPlatform', year, county, TODAY).actual).toBe(1);
  });
});

describe('targets of the same area only', () => {
  const data = input({
    points: [point(V_A1, [['open', '2026-01-10']])],
    targets: [
      target(2026, null, 'servicePoints', 100),
      target(2026, COUNTY_B, 'servicePoints', 8),
      target(2025, COUNTY_A, 'servicePoints', 50),
    ],
  });
  const facts = metricFacts(data, 2026, TODAY);

  it('sets a county against its own row, never the prefecture’s; a county without one gets a hint', () => {
    const a = measure('servicePointsOpen', facts, county, TODAY);
    expect(a).toMatchObject({ actual: 1, target: null, share: null, pace: null });
    // 淳安 holds 3 of the 4 rural villages of these fixtures: 3/4 of 100.
    expect(a.hint).toBe(75);
    expect(measure('servicePointsOpen', facts, areaOfCode(COUNTY_B), TODAY)).toMatchObject({
      target: 8,
      hint: null,
    });
    expect(measure('servicePointsOpen', facts, prefecture, TODAY)).toMatchObject({
      actual: 1,
      target: 100,
      share: 0.01,
    });
    // Townships have no targets, and no hint.
    expect(measure('servicePointsOpen', facts, areaOfCode(TOWN_A1), TODAY)).toMatchObject({
      target: null,
      hint: null,
    });
  });

  it('reads pace against the share of the year gone by', () => {
    expect(yearElapsed(2025, TODAY)).toBe(1);
    expect(yearElapsed(2027, TODAY)).toBe(0);
    expect(yearElapsed(2026, '2026-12-31')).toBe(1);
    expect(yearElapsed(2026, '2026-01-01')).toBeCloseTo(1 / 365);
    expect(paceOf(0.5, 0.5)).toBe('ahead');
    expect(paceOf(0.4, 0.5)).toBe('near');
    expect(paceOf(0.3, 0.5)).toBe('behind');
  });

  it('ranks areas by the share of their own target, unranked without one, ties sharing a rank', () => {
    const m = (code: string, share: number | null) => ({
      ...measure('servicePointsOpen', facts, areaOfCode(code), TODAY),
      share,
    });
    const ranks = rankByShare([
      m('330127', 0.5),
      m('330122', 0.9),
      m('330182', 0.5),
      m('330102', null),
    ]);
    expect(Object.fromEntries(ranks)).toEqual({
      '330122': 1,
      '330127': 2,
      '330182': 2,
      '330102': null,
    });
  });

  it('puts the metrics the role answers for first', () => {
    expect(metricsInOrder('trainer').slice(0, 2)).toEqual(['peopleTrained', 'trainingPersonTimes']);
    expect(metricsInOrder('admin')[0]).toBe('servicePointsOpen');
    expect(measureArea(facts, county, TODAY, 'officer')).toHaveLength(8);
  });
});

describe('docs/ASSESSMENT.md', () => {
  it('states every metric’s definition in Chinese and English, word for word', async () => {
    const { readFile } = await import('node:fs/promises');
    const doc = await readFile(new URL('../../docs/ASSESSMENT.md', import.meta.url), 'utf8');
    for (const id of METRIC_IDS) {
      const m = METRICS[id];
      expect(doc, id).toContain(m.counts['zh-CN']);
      expect(doc, id).toContain(m.counts.en);
      expect(doc, id).toContain(`\`${id}\``);
    }
  });
});
