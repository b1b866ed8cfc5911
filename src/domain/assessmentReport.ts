/**
 * The yearly assessment report (年度考核表, issue 12 part 6) as data: for a county or the
 * prefecture and a year, every metric against the area's own target with the county's rank, the
 * villages still without a point, the year's pilots, the flagship stores and the training sessions
 * with their attendance. The printed page, the workbook and the zip of CSVs are all drawn from
 * this one model, so they can never disagree; every figure in it comes from `measure()`
 * (metrics.ts), nothing is counted here that metrics.ts counts.
 *
 * Also here: which report may be asked for (an area the report exists for, a year of the
 * programme) and who may open it — the rules the screen applies, stated once.
 *
 * Pure: no DOM, no Node, like the rest of src/domain.
 */
import { actionRefusal, may } from './actions';
import type { Attendance } from './attendance';
import type { AgriShop } from './agriShop';
import type { CentralTown } from './centralTown';
import { coverageShare, type TownshipCoverage } from './coverage';
import type { FlagshipStore, StoreStatus } from './flagshipStore';
import { buildGapList, countGaps, type GapGroup } from './gapList';
import {
  areaOfCode,
  measure,
  METRIC_IDS,
  periodEnd,
  type Area,
  type AreaTable,
  type Measure,
  type MetricFacts,
  type MetricId,
  type MetricInput,
} from './metrics';
import type { PilotStatus, PilotTown } from './pilotTown';
import type { Role, Scope } from './protocol';
import type { RegionIndex } from './region';
import type { ServicePoint } from './servicePoint';
import { centralTownsIn } from './townFigures';
import { areaNameOf } from './areas';
import { deployment } from './deployment';
import { levelOfCode } from './levels';
import type { Trainee } from './trainee';
import type { TrainingSession } from './trainingSession';
import { sessionYear, isOnRoster } from './countRules';

/**
 * The records the report reads: the metrics' input with whole records (the report lists pilots,
 * stores and sessions by name, not only counts them). What useMetricInput hands every screen.
 */
export interface AssessmentRecords extends MetricInput {
  points: readonly ServicePoint[];
  trainees: readonly Trainee[];
  sessions: readonly TrainingSession[];
  attendance: readonly Attendance[];
  centralTowns: readonly CentralTown[];
  stores: readonly FlagshipStore[];
  pilots: readonly PilotTown[];
  shops: readonly AgriShop[];
}

// ---------------------------------------------------------------------------------------------
// Which report, and who may open it

/** The programme's first year (the 2013 policy): there is nothing to assess before it. */
export const REPORT_FIRST_YEAR = 2013;

export type ReportRequest =
  | { ok: true; area: Area; year: number }
  | { ok: false; problem: 'unknownArea'; code: string }
  | { ok: false; problem: 'badYear'; text: string }
  | { ok: false; problem: 'yearBeforeProgramme'; year: number; first: number }
  | { ok: false; problem: 'yearInFuture'; year: number; current: number };

/**
 * Reads a report's address: the area is the prefecture (4 digits) or one of its counties (6) — a
 * township files no assessment — and the year one of the programme's, up to the running one (a
 * year that has not begun has nothing to assess; its targets are set in the targets grid).
 */
export function parseReportRequest(
  areaCode: string,
  yearText: string,
  regions: Pick<RegionIndex, 'prefecture' | 'county' | 'counties' | 'township'>,
  today: string,
): ReportRequest {
  let area: Area | null = null;
  // Any area of the deployment down to a county (areas.ts): the root (a province or a
  // prefecture), a province's prefecture, a county.
  const level = levelOfCode(areaCode);
  if (level !== undefined && level !== 'township' && areaNameOf(areaCode, regions) !== undefined) {
    area = areaOfCode(areaCode);
  }
  if (!area) return { ok: false, problem: 'unknownArea', code: areaCode };
  if (!/^\d{4}$/.test(yearText)) return { ok: false, problem: 'badYear', text: yearText };
  const year = Number(yearText);
  if (year < REPORT_FIRST_YEAR) {
    return { ok: false, problem: 'yearBeforeProgramme', year, first: REPORT_FIRST_YEAR };
  }
  const current = Number(today.slice(0, 4));
  if (year > current) return { ok: false, problem: 'yearInFuture', year, current };
  return { ok: true, area, year };
}

/** Years a report may be asked for, newest first. */
export function reportYears(today: string): number[] {
  const years: number[] = [];
  for (let y = Number(today.slice(0, 4)); y >= REPORT_FIRST_YEAR; y--) years.push(y);
  return years;
}

/**
 * Why a user may not open an area's report, or null when they may. The report is the county
 * office's and the city's (DESIGN.md §1: coordinators and the admin), and it is counted from the
 * device's records, so it exists only for an area the user's device holds entirely — their scope
 * covers it: the admin of the prefecture any county and the prefecture, a coordinator their own
 * county. Nobody signed in: the device holds only what was typed on it, which is no assessment.
 */
export type ReportRefusal = 'signedOut' | 'role' | 'outsideScope';

export function reportRefusal(
  user: { role: Role; scope: Scope } | null,
  area: Area,
): ReportRefusal | null {
  // Who may open a report at all is the actions table's openReport (actions.ts). A township's
  // user is refused by its level there; here, as before, that is "outside your area": no
  // county's or the prefecture's report lies within a township.
  if (!user) return 'signedOut';
  const refusal = actionRefusal(user, 'openReport');
  if (refusal === 'role') return 'role';
  if (refusal !== null || !area.code.startsWith(user.scope.code)) return 'outsideScope';
  return null;
}

/** The area a user's report opens on (their own), or null when they have none to open. */
export function ownReportArea(user: { role: Role; scope: Scope } | null): Area | null {
  if (!user || !may(user, 'openReport')) return null;
  return areaOfCode(user.scope.code);
}

// ---------------------------------------------------------------------------------------------
// The report

export interface ReportMetricRow {
  measure: Measure;
  /** The county's rank among the counties on this metric (null: not ranked, no target). */
  rank: number | null;
  /** How many counties were ranked on it (the "of" in 第 3 / 11). */
  ranked: number;
}

export interface ReportPilot {
  id: string;
  townshipCode: string;
  townshipName: string;
  countyName: string;
  status: PilotStatus;
  /** The day each step was reached, from the pilot's dated history. */
  dates: Partial<Record<PilotStatus, string>>;
  milestonesDone: number;
  milestonesTotal: number;
}

export interface ReportStore {
  id: string;
  townshipCode: string;
  townshipName: string;
  countyName: string;
  /** On the central-town list in the report's year. */
  centralTown: boolean;
  storeName: string;
  platform: string;
  status: StoreStatus;
  openedOn: string | null;
  mainProducts: string;
  url: string | null;
}

export interface ReportSession {
  id: string;
  title: string;
  startDate: string;
  endDate: string;
  townshipCode: string;
  townshipName: string;
  countyName: string;
  trainer: string;
  hours: number;
  /** People on the session's list, and how each one's attendance was marked. */
  listed: number;
  present: number;
  late: number;
  absent: number;
}

export interface ReportGapCounty {
  code: string;
  name: string;
  rural: number;
  covered: number;
  uncovered: number;
  /** Townships with at least one uncovered village. */
  townships: number;
}

export interface AssessmentReport {
  area: Area;
  areaName: string;
  prefectureName: string;
  year: number;
  /** The day the figures are read on: the year's last day, or today for the running year. */
  asOf: string;
  metrics: ReportMetricRow[];
  /**
   * The counties ranked (every county × metric, the prefecture as the totals row): the body of
   * the prefecture's report; for a county, where its ranks come from. null: not available (a
   * county phone that never reached the server).
   */
  counties: AreaTable | null;
  /** County code → name, for every county of the prefecture (the county table's first column). */
  countyNames: ReadonlyMap<string, string>;
  /** Rural villages with no open point on `asOf`, by township, in code order. */
  gaps: GapGroup[];
  /** The same per county (the prefecture's report prints this; the workbook lists every village). */
  gapCounties: ReportGapCounty[];
  pilots: ReportPilot[];
  stores: ReportStore[];
  sessions: ReportSession[];
  /**
   * Whether the year has anything at all for the area: a figure above zero, a target of its own,
   * a pilot, a store or a session. A report without any says so instead of a page of zeros.
   */
  hasData: boolean;
}

export interface ReportSources {
  records: AssessmentRecords;
  facts: MetricFacts;
  regions: Pick<
    RegionIndex,
    'prefecture' | 'counties' | 'townships' | 'villages' | 'county' | 'township'
  >;
  area: Area;
  /** The device's today (YYYY-MM-DD). */
  today: string;
  /** The county table for the year (ranks), or null when the device has none. */
  countyTable: AreaTable | null;
}

const inArea = (code: string, area: Area) => code.startsWith(area.code);

export function buildAssessmentReport(sources: ReportSources): AssessmentReport {
  const { records, facts, regions, area, today, countyTable } = sources;
  const year = facts.year;
  const asOf = periodEnd(year, today);
  const countyName = (code: string) => regions.county(code.slice(0, 6))?.name ?? code.slice(0, 6);
  const townshipName = (code: string) => regions.township(code)?.name ?? code;

  const ownRow = countyTable?.rows.find((r) => r.area.code === area.code);
  const metrics = METRIC_IDS.map((metric: MetricId): ReportMetricRow => {
    const m = measure(metric, facts, area, today);
    return {
      measure: m,
      rank: ownRow?.ranks[metric] ?? null,
      ranked: countyTable?.rows.filter((r) => r.ranks[metric] !== null).length ?? 0,
    };
  });

  // The gap list reads the same day as villagesCovered (facts.coveredVillages), township tallies
  // from the same facts, so the list and the figure above it always add up.
  const townshipByCode = new Map<string, TownshipCoverage>();
  for (const t of regions.townships) {
    if (!inArea(t.code, area)) continue;
    const covered = facts.tallies.villagesCovered.get(t.code) ?? 0;
    const rural = facts.rural.get(t.code) ?? 0;
    townshipByCode.set(t.code, {
      code: t.code,
      name: t.name,
      countyCode: t.countyCode,
      covered,
      rural,
      share: coverageShare(covered, rural),
      openPoints: facts.tallies.servicePointsOpen.get(t.code) ?? 0,
    });
  }
  const gaps = buildGapList(
    regions,
    { coveredVillages: facts.coveredVillages, townshipByCode },
    area.code,
  );
  const gapCounties = regions.counties
    .filter((c) => inArea(c.code, area))
    .map((c): ReportGapCounty => {
      const own = gaps.filter((g) => g.countyCode === c.code);
      return {
        code: c.code,
        name: c.name,
        rural: facts.rural.get(c.code) ?? 0,
        covered: facts.tallies.villagesCovered.get(c.code) ?? 0,
        uncovered: countGaps(own),
        townships: own.length,
      };
    });

  const pilots = records.pilots
    .filter((p) => !p.deleted && p.year === year && inArea(p.townshipCode, area))
    .sort((a, b) => a.townshipCode.localeCompare(b.townshipCode))
    .map((p): ReportPilot => {
      const dates: Partial<Record<PilotStatus, string>> = {};
      for (const step of p.statusHistory) dates[step.status] = step.date;
      return {
        id: p.id,
        townshipCode: p.townshipCode,
        townshipName: townshipName(p.townshipCode),
        countyName: countyName(p.townshipCode),
        status: p.status,
        dates,
        milestonesDone: p.milestones.filter((m) => m.done).length,
        milestonesTotal: p.milestones.length,
      };
    });

  // A store has no dated history (docs/ASSESSMENT.md): it is listed as it is now, for the years
  // from its opening on; one still being prepared (no opening date) only for the running year.
  const running = year === Number(today.slice(0, 4));
  const listedTowns = new Set(
    centralTownsIn(records.centralTowns, year).map((c) => c.townshipCode),
  );
  const stores = records.stores
    .filter(
      (s) =>
        !s.deleted &&
        inArea(s.townshipCode, area) &&
        (s.openedOn === null ? running : s.openedOn <= asOf),
    )
    .sort(
      (a, b) =>
        a.townshipCode.localeCompare(b.townshipCode) ||
        a.storeName.localeCompare(b.storeName, 'zh-CN'),
    )
    .map((s): ReportStore => ({
      id: s.id,
      townshipCode: s.townshipCode,
      townshipName: townshipName(s.townshipCode),
      countyName: countyName(s.townshipCode),
      centralTown: listedTowns.has(s.townshipCode),
      storeName: s.storeName,
      platform: s.platform,
      status: s.status,
      openedOn: s.openedOn,
      mainProducts: s.mainProducts,
      url: s.url,
    }));

  // Sessions are listed where they were held; the people-trained figures place each person by
  // their own village (metrics.ts) — the page says so under the table.
  const ofYear = records.sessions.filter(
    (s) => !s.deleted && sessionYear(s) === year && inArea(s.townshipCode, area),
  );
  const marks = new Map<
    string,
    { listed: number; present: number; late: number; absent: number }
  >();
  for (const s of ofYear) marks.set(s.id, { listed: 0, present: 0, late: 0, absent: 0 });
  const seen = new Set<string>();
  for (const a of records.attendance) {
    const tally = marks.get(a.sessionId);
    if (!tally || !isOnRoster(a)) continue; // deleted, or taken off the list
    const pair = `${a.sessionId}|${a.traineeId}`;
    if (seen.has(pair)) continue; // a stale second copy of one row counts once, as in metrics.ts
    seen.add(pair);
    tally.listed += 1;
    tally[a.status] += 1;
  }
  const sessions = ofYear
    .sort((a, b) => a.startDate.localeCompare(b.startDate) || a.title.localeCompare(b.title))
    .map((s): ReportSession => ({
      id: s.id,
      title: s.title,
      startDate: s.startDate,
      endDate: s.endDate,
      townshipCode: s.townshipCode,
      townshipName: townshipName(s.townshipCode),
      countyName: countyName(s.townshipCode),
      trainer: s.trainer,
      hours: s.hours,
      ...marks.get(s.id)!,
    }));

  const hasData =
    metrics.some((row) => row.measure.actual > 0 || row.measure.target !== null) ||
    pilots.length > 0 ||
    stores.length > 0 ||
    sessions.length > 0;

  return {
    area,
    areaName: areaNameOf(area.code, regions) ?? countyName(area.code),
    prefectureName: regions.prefecture.name,
    year,
    asOf,
    metrics,
    counties: countyTable,
    // Counties, and a province's prefectures (the rows of a province's table).
    countyNames: new Map([
      ...deployment().prefectures.map(([code, name]): [string, string] => [code, name]),
      ...regions.counties.map((c): [string, string] => [c.code, c.name]),
    ]),
    gaps,
    gapCounties,
    pilots,
    stores,
    sessions,
    hasData,
  };
}
