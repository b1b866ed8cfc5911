/**
 * The yearly assessment report as data, on the real gazetteer and a handful of hand-made records in
 * 淳安县 and 桐庐县: each figure against the county's own target with its rank among the counties,
 * the villages without a point read on the same day as the coverage figure (a point closed in June
 * 2026 covers its village in the 2025 report and not in 2026's), only the year's pilots, stores
 * as of the year, sessions with their attendance, nothing of the other county — and a year with
 * nothing in it said to be empty. Then which reports may be asked for, and by whom.
 */
import { describe, expect, it } from 'vitest';
import {
  buildAssessmentReport,
  ownReportArea,
  parseReportRequest,
  reportRefusal,
  reportYears,
  type AssessmentRecords,
} from './assessmentReport';
import { areaOfCode, areaTable, metricFacts } from './metrics';
import type { Role, Scope } from './protocol';
import { targetId, type Target, type TargetMetric } from './target';
import { testRegions } from '../test-support/regions';

const regions = testRegions();

const CHUNAN = '330127';
const TONGLU = '330122';
const QIANDAOHU = '330127100';
const WENCHANG = '330127101';
const LANGDONG = '330127101200'; // 浪洞村, 文昌镇
const WENPING = '330127101207'; // 文屏村, 文昌镇
const JIUXIAN = '330122002200'; // 旧县村, 桐庐县
const TODAY = '2026-12-05';

const meta = (id: string) => ({
  id,
  version: 1,
  updatedAt: '2026-01-01T00:00:00Z',
  updatedBy: 'seed',
  deleted: false,
});

function target(countyCode: string | null, metric: TargetMetric, value: number, year = 2026) {
  return { ...meta(targetId(year, countyCode, metric)), year, countyCode, metric, value } as Target;
}

function point(id: string, regionCode: string, history: [string, string][]) {
  const statusHistory = history.map(([status, date]) => ({ status, date }));
  return {
    ...meta(id),
    regionCode,
    statusHistory,
    status: statusHistory.at(-1)!.status,
  } as never;
}

function records(): AssessmentRecords {
  return {
    villages: regions.villages,
    points: [
      // 浪洞村: open since 2024 — covered in both years.
      point('p1', LANGDONG, [
        ['planned', '2024-01-01'],
        ['open', '2024-03-01'],
      ]),
      // 文屏村: open in 2025, closed June 2026 — covered for 2025 only.
      point('p2', WENPING, [
        ['open', '2025-04-01'],
        ['closed', '2026-06-15'],
      ]),
      // 桐庐县: someone else's county.
      point('p3', JIUXIAN, [['open', '2025-01-01']]),
    ],
    trainees: [
      { ...meta('t1'), name: '王一', kind: 'youth', villageCode: LANGDONG, phone: null },
      { ...meta('t2'), name: '李二', kind: 'official', villageCode: WENPING, phone: null },
      { ...meta('t3'), name: '赵三', kind: 'youth', villageCode: JIUXIAN, phone: null },
    ] as never,
    sessions: [
      session('s1', QIANDAOHU, '2026-03-01', '农村电商入门'),
      session('s2', WENCHANG, '2025-11-01', '去年的课'),
      session('s3', '330122002', '2026-04-01', '桐庐的课'),
    ],
    attendance: [
      attendance('s1', 't1', 'present'),
      attendance('s1', 't2', 'late'),
      attendance('s1', 't3', 'absent'),
      attendance('s2', 't1', 'present'),
      attendance('s3', 't3', 'present'),
    ],
    centralTowns: [
      { ...meta('c1'), townshipCode: QIANDAOHU, designatedYear: 2013, active: true },
    ] as never,
    stores: [
      store('st1', QIANDAOHU, '千岛湖有机鱼旗舰店', 'open', '2024-05-18'),
      store('st2', WENCHANG, '文昌茶叶店', 'planned', null),
      store('st3', QIANDAOHU, '明年才开的店', 'open', '2027-01-02'),
    ],
    pilots: [
      pilot('pl1', QIANDAOHU, 2026, [
        ['proposed', '2026-01-10'],
        ['approved', '2026-02-01'],
        ['inProgress', '2026-02-20'],
        ['accepted', '2026-11-30'],
      ]),
      pilot('pl2', WENCHANG, 2025, [['proposed', '2025-01-10']]),
      pilot('pl3', '330122002', 2026, [['proposed', '2026-01-10']]),
    ],
    shops: [],
    targets: [
      target(CHUNAN, 'servicePoints', 4),
      target(CHUNAN, 'traineesTrained', 4),
      target(CHUNAN, 'pilotsAccepted', 2),
      target(TONGLU, 'servicePoints', 2),
      target(TONGLU, 'pilotsAccepted', 1),
      target(null, 'servicePoints', 1500),
    ],
  };
}

function session(id: string, townshipCode: string, startDate: string, title: string) {
  return {
    ...meta(id),
    title,
    startDate,
    endDate: startDate,
    townshipCode,
    trainer: '张老师',
    hours: 6,
    topics: [],
    capacity: null,
  } as never;
}

function attendance(sessionId: string, traineeId: string, status: string) {
  return {
    ...meta(`${sessionId}-${traineeId}`),
    sessionId,
    traineeId,
    status,
    checkedInAt: null,
  } as never;
}

function store(
  id: string,
  townshipCode: string,
  storeName: string,
  status: string,
  openedOn: string | null,
) {
  return {
    ...meta(id),
    townshipCode,
    platform: 'taobao',
    storeName,
    url: null,
    openedOn,
    status,
    mainProducts: '鱼',
    operator: '',
    monthlyFigures: [],
  } as never;
}

function pilot(id: string, townshipCode: string, year: number, history: [string, string][]) {
  const statusHistory = history.map(([status, date]) => ({ status, date }));
  return {
    ...meta(id),
    townshipCode,
    year,
    status: statusHistory.at(-1)!.status,
    statusHistory,
    milestones: [
      { id: 'm1', title: '建站', done: true, doneOn: '2026-02-25' },
      { id: 'm2', title: '培训', done: false, doneOn: null },
    ],
    notes: '',
    photos: [],
  } as never;
}

function report(areaCode: string, year: number) {
  const input = records();
  const facts = metricFacts(input, year, TODAY);
  const counties = regions.counties.map((c) => areaOfCode(c.code));
  const table = areaTable(facts, counties, areaOfCode('3301'), TODAY);
  return buildAssessmentReport({
    records: input,
    facts,
    regions,
    area: areaOfCode(areaCode),
    today: TODAY,
    countyTable: table,
  });
}

describe('a county’s report', () => {
  const r = report(CHUNAN, 2026);
  const row = (id: string) => r.metrics.find((m) => m.measure.metric === id)!;

  it('sets each figure against the county’s own target and gives its rank among the counties', () => {
    expect(r.areaName).toBe('淳安县');
    expect(r.asOf).toBe(TODAY);
    // Only 浪洞村's point is open on 2026-12-05 (文屏村's closed in June); 桐庐县's is not ours.
    expect(row('servicePointsOpen').measure).toMatchObject({ actual: 1, target: 4, share: 0.25 });
    // 桐庐县 has 1 of 2 (50 %): first; 淳安县 second of the two counties with a target.
    expect(row('servicePointsOpen')).toMatchObject({ rank: 2, ranked: 2 });
    // Two of 淳安县's people came (present, late) to a 2026 session; 赵三 is 桐庐县's.
    expect(row('peopleTrained').measure).toMatchObject({ actual: 2, target: 4 });
    expect(row('pilotsAccepted')).toMatchObject({ rank: 1, ranked: 2 });
    expect(row('pilotsAccepted').measure).toMatchObject({ actual: 1, target: 2, share: 0.5 });
    // No target of its own: not ranked, and never the prefecture's 1500.
    expect(row('agriShopsOnPlatform')).toMatchObject({ rank: null });
    expect(row('agriShopsOnPlatform').measure.target).toBeNull();
  });

  it('lists the villages without a point on the same day as the coverage figure', () => {
    const covered = row('villagesCovered').measure;
    const uncovered = r.gaps.reduce((n, g) => n + g.villages.length, 0);
    expect(covered.actual + uncovered).toBe(covered.of);
    const wenchang = r.gaps.find((g) => g.townshipCode === WENCHANG)!;
    const codes = wenchang.villages.map((v) => v.code);
    expect(codes).not.toContain(LANGDONG);
    expect(codes).toContain(WENPING); // closed in June 2026
    expect(r.gaps.every((g) => g.countyCode === CHUNAN)).toBe(true);
    // In 2025, 文屏村's point was open on 12-31: not a gap then.
    const last = report(CHUNAN, 2025);
    expect(last.asOf).toBe('2025-12-31');
    const wenchang2025 = last.gaps.find((g) => g.townshipCode === WENCHANG)!;
    expect(wenchang2025.villages.map((v) => v.code)).not.toContain(WENPING);
    expect(last.gapCounties).toEqual([
      expect.objectContaining({ code: CHUNAN, covered: 2, uncovered: covered.of! - 2 }),
    ]);
  });

  it('lists the year’s pilots with the day of each step, and the stores as of the year', () => {
    expect(r.pilots).toEqual([
      expect.objectContaining({
        townshipName: '千岛湖镇',
        status: 'accepted',
        dates: {
          proposed: '2026-01-10',
          approved: '2026-02-01',
          inProgress: '2026-02-20',
          accepted: '2026-11-30',
        },
        milestonesDone: 1,
        milestonesTotal: 2,
      }),
    ]);
    // Opened by the year's end, or still being prepared in the running year; not one of 2027.
    expect(r.stores.map((s) => [s.storeName, s.centralTown])).toEqual([
      ['千岛湖有机鱼旗舰店', true],
      ['文昌茶叶店', false],
    ]);
    // A past year: no store still in preparation, and 2025's own pilot.
    const last = report(CHUNAN, 2025);
    expect(last.stores.map((s) => s.storeName)).toEqual(['千岛湖有机鱼旗舰店']);
    expect(last.pilots.map((p) => p.townshipCode)).toEqual([WENCHANG]);
  });

  it('lists the sessions held in the county in the year, with how everyone was marked', () => {
    expect(r.sessions).toEqual([
      expect.objectContaining({
        title: '农村电商入门',
        townshipName: '千岛湖镇',
        listed: 3,
        present: 1,
        late: 1,
        absent: 1,
      }),
    ]);
  });

  it('says a year with nothing in it is empty, and one with figures is not', () => {
    expect(r.hasData).toBe(true);
    expect(report(CHUNAN, 2025).hasData).toBe(true);
    expect(report(CHUNAN, 2014).hasData).toBe(false);
  });
});

describe('the prefecture’s report', () => {
  const r = report('3301', 2026);

  it('carries every county ranked and the prefecture’s own figures against its own target', () => {
    expect(r.areaName).toBe('杭州市');
    expect(r.counties?.rows).toHaveLength(13);
    const points = r.metrics.find((m) => m.measure.metric === 'servicePointsOpen')!;
    // 浪洞村 and 旧县村: the sum of the counties, set against the prefecture's own 1500.
    expect(points.measure).toMatchObject({ actual: 2, target: 1500 });
    expect(points.rank).toBeNull();
    expect(r.gapCounties).toHaveLength(13);
    expect(r.sessions.map((s) => s.countyName)).toEqual(['淳安县', '桐庐县']);
  });
});

describe('which report may be asked for', () => {
  it('takes the prefecture or one of its counties, and a year of the programme up to this one', () => {
    expect(parseReportRequest('330127', '2026', regions, TODAY)).toEqual({
      ok: true,
      area: { level: 'county', code: CHUNAN },
      year: 2026,
    });
    expect(parseReportRequest('3301', '2013', regions, TODAY)).toMatchObject({ ok: true });
    expect(parseReportRequest('330127100', '2026', regions, TODAY)).toMatchObject({
      problem: 'unknownArea',
    });
    expect(parseReportRequest('330199', '2026', regions, TODAY)).toMatchObject({
      problem: 'unknownArea',
    });
    expect(parseReportRequest('3302', '2026', regions, TODAY)).toMatchObject({
      problem: 'unknownArea',
    });
    expect(parseReportRequest('330127', '26', regions, TODAY)).toMatchObject({
      problem: 'badYear',
    });
    expect(parseReportRequest('330127', '2012', regions, TODAY)).toMatchObject({
      problem: 'yearBeforeProgramme',
      first: 2013,
    });
    expect(parseReportRequest('330127', '2027', regions, TODAY)).toMatchObject({
      problem: 'yearInFuture',
      current: 2026,
    });
    expect(reportYears(TODAY)).toHaveLength(14);
    expect(reportYears(TODAY)[0]).toBe(2026);
  });

  it('opens for the admin anywhere in the prefecture and for a coordinator in their county', () => {
    const user = (role: Role, scope: Scope) => ({ role, scope });
    const admin = user('admin', { level: 'prefecture', code: '3301' });
    const coordinator = user('coordinator', { level: 'county', code: CHUNAN });
    const chunan = areaOfCode(CHUNAN);
    expect(reportRefusal(admin, chunan)).toBeNull();
    expect(reportRefusal(admin, areaOfCode('3301'))).toBeNull();
    expect(reportRefusal(coordinator, chunan)).toBeNull();
    expect(reportRefusal(coordinator, areaOfCode(TONGLU))).toBe('outsideScope');
    expect(reportRefusal(coordinator, areaOfCode('3301'))).toBe('outsideScope');
    expect(reportRefusal(user('trainer', { level: 'county', code: CHUNAN }), chunan)).toBe('role');
    expect(reportRefusal(user('officer', { level: 'township', code: QIANDAOHU }), chunan)).toBe(
      'role',
    );
    expect(reportRefusal(null, chunan)).toBe('signedOut');
    expect(ownReportArea(coordinator)).toEqual(chunan);
    expect(ownReportArea(admin)).toEqual(areaOfCode('3301'));
    expect(ownReportArea(user('officer', { level: 'township', code: QIANDAOHU }))).toBeNull();
  });
});
