/**
 * The assessment's figures for a whole prefecture (issue 12: ≤ 100 ms), printed, never pass/fail:
 * 10,000 service points, 5,000 trainees, 600 sessions and 50,000 attendance rows over Hangzhou's
 * gazetteer; the facts counted once (metricFacts), then the prefecture's board (8 metrics), the
 * county table (13 counties × 8 metrics, with ranks) and every township's board; then the trends'
 * monthly lines (issue 12, part 4): a year read on each month's end through metricFacts, this
 * year and last, which the trends screen counts month by month and keeps per year.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { newId } from '../src/domain/common';
import {
  areaOfCode,
  measureArea,
  metricFacts,
  METRIC_IDS,
  measure,
  rankByShare,
  type MetricInput,
} from '../src/domain/metrics';
import { parseRegionFile } from '../src/domain/region';
import { targetId, TARGET_METRICS, type Target } from '../src/domain/target';
import { monthlyFacts, trendOf } from '../src/domain/trend';
import { mulberry32 } from './random';
import { medianMs, printTable } from './table';

const regions = parseRegionFile(
  JSON.parse(readFileSync(new URL('../public/regions/3301.json', import.meta.url), 'utf8')),
);
const rural = regions.villages.filter((v) => v.rural);
const TODAY = '2026-09-15';
const YEAR = 2026;

const random = mulberry32(12);
const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;

const points = Array.from({ length: 10_000 }, () => {
  const opened = `${2013 + Math.floor(random() * 14)}-0${1 + Math.floor(random() * 9)}-15`;
  const closed = random() < 0.1;
  return {
    regionCode: pick(rural).code,
    statusHistory: [
      { status: 'planned' as const, date: '2013-01-01' },
      { status: 'open' as const, date: opened },
      ...(closed ? [{ status: 'closed' as const, date: '2026-06-01' }] : []),
    ].filter((e) => e.date <= TODAY),
    deleted: false,
  };
});
const trainees = Array.from({ length: 5_000 }, () => ({
  id: newId(),
  villageCode: pick(rural).code,
  deleted: false,
}));
const sessions = Array.from({ length: 600 }, (_, i) => ({
  id: newId(),
  startDate: `${2025 + (i % 2)}-${String(1 + (i % 12)).padStart(2, '0')}-10`,
  deleted: false,
}));
const attendance = Array.from({ length: 50_000 }, () => ({
  sessionId: pick(sessions).id,
  traineeId: pick(trainees).id,
  status: random() < 0.9 ? ('present' as const) : ('absent' as const),
  deleted: false,
}));
const targets: Target[] = [];
for (const county of [null, ...regions.counties.map((c) => c.code)]) {
  for (const metric of TARGET_METRICS) {
    targets.push({
      id: targetId(YEAR, county, metric),
      year: YEAR,
      countyCode: county,
      metric,
      value: county === null ? 1500 : 100,
      version: 1,
      deleted: false,
      updatedAt: null,
      updatedBy: null,
    } as unknown as Target);
  }
}
const input: MetricInput = {
  villages: regions.villages,
  points,
  trainees,
  sessions,
  attendance,
  centralTowns: regions.townships.slice(0, 40).map((t) => ({
    townshipCode: t.code,
    designatedYear: 2013,
    active: true,
    deleted: false,
  })),
  stores: regions.townships.slice(0, 30).map((t) => ({
    townshipCode: t.code,
    status: 'open' as const,
    openedOn: '2015-01-01',
    deleted: false,
  })),
  pilots: regions.townships.slice(0, 60).map((t, i) => ({
    townshipCode: t.code,
    year: YEAR,
    status: i % 3 === 0 ? ('accepted' as const) : ('inProgress' as const),
    deleted: false,
  })),
  shops: Array.from({ length: 300 }, () => ({
    regionCode: pick(rural).code,
    onServicePlatform: true,
    joinedOn: '2024-05-01',
    deleted: false,
  })),
  targets,
};

const prefecture = areaOfCode(regions.prefecture.code);
const counties = regions.counties.map((c) => areaOfCode(c.code));
const townships = regions.townships.map((t) => areaOfCode(t.code));

let facts = metricFacts(input, YEAR, TODAY);
const factsMs = medianMs(() => {
  facts = metricFacts(input, YEAR, TODAY);
});
const boardMs = medianMs(() => {
  measureArea(facts, prefecture, TODAY, 'admin');
});
const tableMs = medianMs(() => {
  for (const metric of METRIC_IDS) {
    rankByShare(counties.map((area) => measure(metric, facts, area, TODAY)));
  }
});
const townshipsMs = medianMs(() => {
  for (const area of townships) measureArea(facts, area, TODAY, 'coordinator');
});
const allMs = medianMs(() => {
  const f = metricFacts(input, YEAR, TODAY);
  measureArea(f, prefecture, TODAY, 'admin');
  for (const metric of METRIC_IDS) {
    rankByShare(counties.map((area) => measure(metric, f, area, TODAY)));
  }
});

const monthMs = medianMs(() => {
  metricFacts(input, YEAR, '2026-06-30');
});
let thisYear = monthlyFacts(input, YEAR, TODAY);
let lastYear = monthlyFacts(input, YEAR - 1, TODAY);
const yearMs = medianMs(() => {
  thisYear = monthlyFacts(input, YEAR, TODAY);
}, 5);
const lastYearMs = medianMs(() => {
  lastYear = monthlyFacts(input, YEAR - 1, TODAY);
}, 5);
const linesMs = medianMs(() => {
  for (const metric of METRIC_IDS) {
    for (const area of [prefecture, ...counties]) {
      trendOf(metric, area, YEAR, thisYear, lastYear, targets, TODAY);
    }
  }
});

console.log(
  `\nAssessment figures: ${points.length.toLocaleString('en')} points, ${trainees.length.toLocaleString('en')} trainees, ${sessions.length} sessions, ${attendance.length.toLocaleString('en')} attendance rows, ${regions.villages.length.toLocaleString('en')} villages; median of 7; load average ${loadavg()[0]!.toFixed(1)}\n`,
);
printTable([
  { measure: 'count the facts once (metricFacts)', ms: factsMs, note: '' },
  { measure: 'the prefecture’s board (8 metrics)', ms: boardMs, note: '' },
  {
    measure: `the county table (${counties.length} counties × 8 metrics, ranked)`,
    ms: tableMs,
    note: '',
  },
  { measure: `every township’s board (${townships.length} × 8)`, ms: townshipsMs, note: '' },
  {
    measure: 'facts + board + county table (what 概览 and the table need)',
    ms: allMs,
    note: 'goal ≤ 100 ms',
  },
  { measure: 'trends: one month read (metricFacts on 06-30)', ms: monthMs, note: '' },
  {
    measure: `trends: this year, ${thisYear.filter(Boolean).length} months (to ${TODAY})`,
    ms: yearMs,
    note: 'counted once per year and kept',
  },
  { measure: 'trends: last year, 12 months', ms: lastYearMs, note: 'kept while records unchanged' },
  {
    measure: `trends: every line from the months (8 metrics × ${counties.length + 1} areas)`,
    ms: linesMs,
    note: 'switching metric or area',
  },
]);
