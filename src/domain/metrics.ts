/**
 * The assessment's metrics (考核指标), one definition each (issue 12, docs/ASSESSMENT.md): what
 * exactly is counted, for which year, at which levels, and which target row it is measured
 * against. Every screen and export counts through `measure()`, so 概览, the county table, the
 * report and the workbook can never disagree — and a count is only ever set against the target
 * of the SAME area: a county's figure against the county's row, the prefecture's against the
 * prefecture's, a township's against none (there are no township targets).
 *
 * Dates: a year's figures are as of its last day (12-31), or as of `asOf` for the running year
 * (the device's today). "Open" for a service point is read from its dated status history, so a
 * point closed in June counts for last year and not for this one.
 *
 * Pure: no DOM, no Node, the same in the app, the server and the bench.
 */
import type { AgriShop } from './agriShop';
import type { Attendance } from './attendance';
import type { Bilingual } from './bilingual';
import type { CentralTown } from './centralTown';
import {
  attended,
  countsTowardPlatformTarget,
  findTarget,
  isAcceptedPilot,
  isStoreOpen,
} from './countRules';
import type { FlagshipStore } from './flagshipStore';
import type { PilotTown } from './pilotTown';
import type { EntityName } from './entities';
import type { Role } from './protocol';
import { ENTITY_ACCESS } from './scope';
import type { ServicePoint } from './servicePoint';
import type { Target, TargetMetric } from './target';
import type { Trainee } from './trainee';
import type { TrainingSession } from './trainingSession';
import { deployment } from './deployment';
import {
  AREA_LEVELS,
  LEVEL_DIGITS,
  codeAtLevel,
  isWholeArea,
  levelAbove,
  levelOfCode,
  type AreaLevel,
} from './levels';

export type { AreaLevel } from './levels';

/** A text in both languages (src/domain/bilingual.ts). */
export type BilingualText = Bilingual;

export const METRIC_IDS = [
  'servicePointsOpen',
  'villagesCovered',
  'villagesNewlyCovered',
  'peopleTrained',
  'trainingPersonTimes',
  'centralTownsWithStore',
  'pilotsAccepted',
  'agriShopsOnPlatform',
] as const;
export type MetricId = (typeof METRIC_IDS)[number];

export interface MetricDefinition {
  id: MetricId;
  name: BilingualText;
  /** What is counted, exactly (docs/ASSESSMENT.md repeats it). */
  counts: BilingualText;
  /**
   * 'stock': the state at the end of the year (points open on 12-31); 'flow': what happened
   * during the year (people trained in it). Pace is read the same way for both: the share of the
   * target reached against the share of the year gone by.
   */
  kind: 'stock' | 'flow';
  levels: readonly AreaLevel[];
  /** The target row it is measured against (Target.metric). */
  target: TargetMetric;
  /** Roles for whom it comes first on 概览 (what they are responsible for). */
  firstFor: readonly Role[];
}

/** A figure exists at every level (levels.ts): a province's, a prefecture's, a township's… */
const ALL_LEVELS: readonly AreaLevel[] = AREA_LEVELS;

export const METRICS: Readonly<Record<MetricId, MetricDefinition>> = {
  servicePointsOpen: {
    id: 'servicePointsOpen',
    name: { 'zh-CN': '运营中的服务点', en: 'Service points open' },
    counts: {
      'zh-CN': '年末（当年为今天）状态为“运营中”的服务点，按其状态记录的日期判断；任何层级均计入',
      en: 'service points whose dated status history says "open" on the last day of the year (today for the running year), any tier',
    },
    kind: 'stock',
    levels: ALL_LEVELS,
    target: 'servicePoints',
    firstFor: ['officer', 'coordinator', 'admin'],
  },
  villagesCovered: {
    id: 'villagesCovered',
    name: { 'zh-CN': '已覆盖的行政村', en: 'Villages covered' },
    counts: {
      'zh-CN': '至少有一个运营中服务点的行政村（村委会；社区不计），以及占本区域行政村的比例',
      en: 'rural administrative villages (村委会; communities are not counted) with at least one open service point, and their share of the area’s rural villages',
    },
    kind: 'stock',
    levels: ALL_LEVELS,
    target: 'villagesCovered',
    firstFor: ['officer', 'coordinator', 'admin'],
  },
  villagesNewlyCovered: {
    id: 'villagesNewlyCovered',
    name: { 'zh-CN': '当年新覆盖的行政村', en: 'Villages newly covered' },
    counts: {
      'zh-CN': '年末已覆盖、而上一年末尚未覆盖的行政村',
      en: 'rural villages covered at the end of the year that were not covered at the end of the year before',
    },
    kind: 'flow',
    levels: ALL_LEVELS,
    target: 'villagesNewlyCovered',
    firstFor: ['coordinator'],
  },
  peopleTrained: {
    id: 'peopleTrained',
    name: { 'zh-CN': '当年培训人数', en: 'People trained this year' },
    counts: {
      'zh-CN': '当年至少参加（出席或迟到）一期培训的不同学员，每人只计一次；按学员所在村归属区域',
      en: 'different people who attended (present or late) at least one session starting in the year, each once; placed by the trainee’s village',
    },
    kind: 'flow',
    levels: ALL_LEVELS,
    target: 'traineesTrained',
    firstFor: ['trainer', 'coordinator', 'admin'],
  },
  trainingPersonTimes: {
    id: 'trainingPersonTimes',
    name: { 'zh-CN': '培训人次', en: 'Training person-times' },
    counts: {
      'zh-CN': '当年各期培训的出席人次（同一人参加三期计三次）；按学员所在村归属区域',
      en: 'attendances (present or late) at sessions starting in the year — one person at three sessions counts three times; placed by the trainee’s village',
    },
    kind: 'flow',
    levels: ALL_LEVELS,
    target: 'trainingPersonTimes',
    firstFor: ['trainer'],
  },
  centralTownsWithStore: {
    id: 'centralTownsWithStore',
    name: { 'zh-CN': '已开旗舰店的中心镇', en: 'Central towns with a flagship store' },
    counts: {
      'zh-CN': '当年在中心镇名单上、且有一家开业（开业日期不晚于年末）旗舰店的中心镇',
      en: 'towns on the central-town list that year with a flagship store open now and opened by the end of the year',
    },
    kind: 'stock',
    levels: ALL_LEVELS,
    target: 'centralTownsWithStore',
    firstFor: ['admin'],
  },
  pilotsAccepted: {
    id: 'pilotsAccepted',
    name: { 'zh-CN': '当年验收的中心镇试点', en: 'Central-town pilots accepted' },
    counts: {
      'zh-CN': '当年度的中心镇电子商务试点中已验收通过的（失败、进行中的不计）',
      en: 'central-town e-commerce pilots of the year that were accepted (failed and unfinished ones do not count)',
    },
    kind: 'flow',
    levels: ALL_LEVELS,
    target: 'pilotsAccepted',
    firstFor: ['coordinator', 'admin'],
  },
  agriShopsOnPlatform: {
    id: 'agriShopsOnPlatform',
    name: { 'zh-CN': '接入平台的农业网店', en: 'Agricultural shops on the platform' },
    counts: {
      'zh-CN': '已接入农村公共服务平台、且接入日期不晚于年末的农业网站或网店（累计）',
      en: 'agricultural sites and online shops on the rural public service platform that joined by the end of the year (cumulative)',
    },
    kind: 'stock',
    levels: ALL_LEVELS,
    target: 'agriShopsOnPlatform',
    firstFor: ['admin'],
  },
};

// ---------------------------------------------------------------------------------------------
// Areas and inputs

/** An area: a province (its 2-digit code), a prefecture (4), a county (6) or a township (9). */
export interface Area {
  level: AreaLevel;
  code: string;
}

export function areaOfCode(code: string): Area {
  const level = levelOfCode(code);
  if (!level) throw new Error(`not an area code: ${code}`);
  return { level, code };
}

/**
 * The key of an area's own target rows (Target.countyCode): null for the deployment's whole area
 * (REGION's province or prefecture), the county's code for a county, and for a prefecture inside
 * a province its own 4-digit code — its own row, never the province's (target.ts). A township has
 * no target rows (undefined).
 */
function targetKeyOf(area: Area): string | null | undefined {
  if (isWholeArea(area)) return null;
  if (area.level === 'county' || area.level === 'prefecture') return area.code;
  return undefined;
}

/** The area one level up inside the deployment, or null at its root. */
function parentArea(area: Area): Area | null {
  if (isWholeArea(area)) return null;
  const level = levelAbove(area.level);
  const code = level ? codeAtLevel(area.code, level) : null;
  if (!level || !code || !code.startsWith(deployment().code)) return null;
  return { level, code };
}

export interface MetricVillage {
  code: string;
  rural: boolean;
}

/** Everything the metrics read: the device's (or the server's) records and the gazetteer. */
/** The entities MetricInput's records come from (the app's facts and the server's count). */
export const METRIC_ENTITIES = [
  'servicePoint',
  'trainee',
  'trainingSession',
  'attendance',
  'centralTown',
  'flagshipStore',
  'pilotTown',
  'agriShop',
  'target',
] as const;

export interface MetricInput {
  villages: readonly MetricVillage[];
  /**
   * Rural villages per area code (RegionIndex.ruralCounts), when the villages above are not the
   * whole area's (a county user's device holds its own county's villages only: docs/REGIONS.md
   * "Per-county gazetteer"). Without it the denominators are counted from `villages`.
   */
  ruralCounts?: ReadonlyMap<string, number>;
  points: readonly Pick<ServicePoint, 'regionCode' | 'statusHistory' | 'deleted'>[];
  trainees: readonly Pick<Trainee, 'id' | 'villageCode' | 'deleted'>[];
  sessions: readonly Pick<TrainingSession, 'id' | 'startDate' | 'deleted'>[];
  attendance: readonly Pick<
    Attendance,
    'sessionId' | 'traineeId' | 'status' | 'deleted' | 'onRoster'
  >[];
  centralTowns: readonly Pick<
    CentralTown,
    'townshipCode' | 'designatedYear' | 'active' | 'deleted'
  >[];
  stores: readonly Pick<FlagshipStore, 'townshipCode' | 'status' | 'openedOn' | 'deleted'>[];
  pilots: readonly (Pick<PilotTown, 'townshipCode' | 'year' | 'status' | 'deleted'> &
    Partial<Pick<PilotTown, 'statusHistory'>>)[];
  shops: readonly Pick<AgriShop, 'regionCode' | 'onServicePlatform' | 'joinedOn' | 'deleted'>[];
  targets: readonly Target[];
}

/** The day a year's figures are read at: its last day, or `today` while it runs. */
export function periodEnd(year: number, today: string): string {
  const last = `${year}-12-31`;
  return today < last ? today : last;
}

/** The status a dated history says on a day (null before its first entry). */
export function statusOn<S extends string>(
  history: readonly { status: S; date: string }[],
  day: string,
): S | null {
  let status: S | null = null;
  for (const entry of history) {
    if (entry.date > day) break;
    status = entry.status;
  }
  return status;
}

// ---------------------------------------------------------------------------------------------
// Counting, once per input (the board and the table measure many areas from one pass)

/**
 * What a year's figures are summed from, counted once: for each metric, how many records lie in
 * each area (every prefix of their place code: 4, 6 and 9 digits), so measuring any area after
 * that is a lookup — the board, the county table and every township's figures from one pass.
 */
export interface MetricFacts {
  year: number;
  /** Per metric: area code (2, 4, 6 or 9 digits) → actual. */
  tallies: Readonly<Record<MetricId, ReadonlyMap<string, number>>>;
  /** Rural villages per area code (the share's denominator and the county hint's weight). */
  rural: ReadonlyMap<string, number>;
  /**
   * The rural villages covered on the period's last day (what villagesCovered counts), so a list
   * of the villages still without a point (the report's gap list) reads the same day's state.
   */
  coveredVillages: ReadonlySet<string>;
  targets: readonly Target[];
}

/** The code lengths of the levels, widest first: 2, 4, 6, 9. */
const PREFIX_LENGTHS = AREA_LEVELS.map((level) => LEVEL_DIGITS[level]);

/** Counts codes under every area prefix they belong to (province, prefecture, county, township). */
function tally(codes: Iterable<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const code of codes) {
    for (const length of PREFIX_LENGTHS) {
      if (code.length < length) break;
      const prefix = code.slice(0, length);
      counts.set(prefix, (counts.get(prefix) ?? 0) + 1);
    }
  }
  return counts;
}

function coveredOn(
  input: Pick<MetricInput, 'points' | 'villages'>,
  rural: ReadonlySet<string>,
  day: string,
): { covered: Set<string>; open: string[] } {
  const covered = new Set<string>();
  const open: string[] = [];
  for (const p of input.points) {
    if (p.deleted || statusOn(p.statusHistory, day) !== 'open') continue;
    open.push(p.regionCode);
    if (rural.has(p.regionCode)) covered.add(p.regionCode);
  }
  return { covered, open };
}

/**
 * Accepted on or before `day`: read from the pilot's dated history when it has one (a pilot
 * accepted in October is not yet accepted at the end of June), else from its status.
 */
function acceptedBy(pilot: MetricInput['pilots'][number], day: string): boolean {
  if (!isAcceptedPilot(pilot)) return false;
  return pilot.statusHistory ? statusOn(pilot.statusHistory, day) === 'accepted' : true;
}

export function metricFacts(input: MetricInput, year: number, today: string): MetricFacts {
  const end = periodEnd(year, today);
  const rural = new Set(input.villages.filter((v) => v.rural).map((v) => v.code));
  const now = coveredOn(input, rural, end);
  const before = coveredOn(input, rural, `${year - 1}-12-31`);

  // A flow counts what happened in the year up to its end day, so the same call read on each
  // month's last day gives the year's monthly line (src/domain/trend.ts).
  const sessionIndex = new Map<string, number>();
  for (const s of input.sessions) {
    if (!s.deleted && Number(s.startDate.slice(0, 4)) === year && s.startDate <= end) {
      sessionIndex.set(s.id, sessionIndex.size);
    }
  }
  const traineeIndex = new Map<string, number>();
  const traineeVillages: string[] = [];
  for (const t of input.trainees) {
    if (t.deleted) continue;
    const known = traineeIndex.get(t.id);
    if (known === undefined) {
      traineeIndex.set(t.id, traineeVillages.length);
      traineeVillages.push(t.villageCode);
    } else traineeVillages[known] = t.villageCode;
  }
  // Pairs as numbers, not joined id strings: 50,000 rows cost a few milliseconds, not thirty.
  const pairs = new Set<number>();
  const trained = new Set<number>();
  const attendanceVillages: string[] = [];
  for (const a of input.attendance) {
    if (a.deleted || !attended(a)) continue;
    const session = sessionIndex.get(a.sessionId);
    if (session === undefined) continue;
    const trainee = traineeIndex.get(a.traineeId);
    if (trainee === undefined) continue;
    const pair = session * traineeVillages.length + trainee;
    if (pairs.has(pair)) continue; // a stale second copy of one row counts once
    pairs.add(pair);
    attendanceVillages.push(traineeVillages[trainee]!);
    trained.add(trainee);
  }

  const openStoreTowns = new Set(
    input.stores
      .filter((s) => isStoreOpen(s) && (s.openedOn === null || s.openedOn <= end))
      .map((s) => s.townshipCode),
  );
  const townsWithStore = input.centralTowns
    .filter(
      (c) =>
        c.active && !c.deleted && c.designatedYear <= year && openStoreTowns.has(c.townshipCode),
    )
    .map((c) => c.townshipCode);
  // One town listed twice (two devices, before the derived id) counts once.
  const uniqueTowns = [...new Set(townsWithStore)];

  const newly = [...now.covered].filter((v) => !before.covered.has(v));
  return {
    year,
    tallies: {
      servicePointsOpen: tally(now.open),
      villagesCovered: tally(now.covered),
      villagesNewlyCovered: tally(newly),
      peopleTrained: tally([...trained].map((i) => traineeVillages[i]!)),
      trainingPersonTimes: tally(attendanceVillages),
      centralTownsWithStore: tally(uniqueTowns),
      pilotsAccepted: tally(
        input.pilots
          .filter((p) => p.year === year && acceptedBy(p, end))
          .map((p) => p.townshipCode),
      ),
      agriShopsOnPlatform: tally(
        input.shops
          .filter(
            (s) => countsTowardPlatformTarget(s) && (s.joinedOn === null || s.joinedOn <= end),
          )
          .map((s) => s.regionCode),
      ),
    },
    rural: input.ruralCounts ? new Map(input.ruralCounts) : tally(rural),
    coveredVillages: now.covered,
    targets: input.targets,
  };
}

// ---------------------------------------------------------------------------------------------
// Measuring an area

export type Pace = 'ahead' | 'near' | 'behind';

export interface Measure {
  metric: MetricId;
  area: Area;
  year: number;
  actual: number;
  /** The area's own target row, or null (未设目标). */
  target: number | null;
  /** actual / target (may pass 1), or null without a target. */
  share: number | null;
  /** Against the share of the year gone by; null without a target. */
  pace: Pace | null;
  /**
   * For a county (or a province's prefecture) without its own target: what it would need for the
   * area one level up to meet its target, by its share of that area's rural villages. A hint,
   * never its target: a county's hint comes from its prefecture's row, never the province's.
   */
  hint: number | null;
  /** villagesCovered: the area's rural villages (the share's denominator). */
  of?: number;
}

/** How far into the year `today` is, 0..1 (1 for a past year, 0 for a future one). */
export function yearElapsed(year: number, today: string): number {
  const current = Number(today.slice(0, 4));
  if (year < current) return 1;
  if (year > current) return 0;
  const start = Date.UTC(year, 0, 1);
  const days = (Date.UTC(year + 1, 0, 1) - start) / 86_400_000;
  const day = (Date.parse(`${today}T00:00:00Z`) - start) / 86_400_000 + 1;
  return Math.min(1, Math.max(0, day / days));
}

/**
 * Pace: the share of the target reached against the share of the year gone by. Ahead (green) at
 * or past it; near (amber) within 15 points of it; behind (red) further back.
 */
export function paceOf(share: number, elapsed: number): Pace {
  if (share >= elapsed) return 'ahead';
  if (share >= elapsed - 0.15) return 'near';
  return 'behind';
}

/** The area's own target for a metric and year: its own row, never another area's (null: none). */
export function ownTarget(
  targets: readonly Target[],
  year: number,
  metric: MetricId,
  area: Area,
): number | null {
  const key = targetKeyOf(area);
  if (key === undefined) return null;
  return findTarget(targets, year, METRICS[metric].target, key)?.value ?? null;
}

export function measure(metric: MetricId, facts: MetricFacts, area: Area, today: string): Measure {
  const year = facts.year;
  const actual = facts.tallies[metric].get(area.code) ?? 0;
  const target = ownTarget(facts.targets, year, metric, area);
  const share = target === null ? null : target === 0 ? 1 : actual / target;
  const pace = share === null ? null : paceOf(share, yearElapsed(year, today));
  let hint: number | null = null;
  const parent = parentArea(area);
  if (target === null && parent && targetKeyOf(area) !== undefined) {
    const whole = ownTarget(facts.targets, year, metric, parent);
    if (whole !== null) {
      const all = facts.rural.get(parent.code) ?? 0;
      const mine = facts.rural.get(area.code) ?? 0;
      hint = all === 0 ? null : Math.ceil((whole * mine) / all);
    }
  }
  const result: Measure = { metric, area, year, actual, target, share, pace, hint };
  if (metric === 'villagesCovered') result.of = facts.rural.get(area.code) ?? 0;
  return result;
}

/** Every metric of an area, in the order the role is responsible for them. */
export function measureArea(
  facts: MetricFacts,
  area: Area,
  today: string,
  role: Role | null = null,
): Measure[] {
  return metricsInOrder(role)
    .filter((m) => METRICS[m].levels.includes(area.level))
    .map((m) => measure(m, facts, area, today));
}

/** The metrics, those the role is responsible for first (stable otherwise). */
export function metricsInOrder(role: Role | null): MetricId[] {
  if (role === null) return [...METRIC_IDS];
  const first = METRIC_IDS.filter((m) => METRICS[m].firstFor.includes(role));
  return [...first, ...METRIC_IDS.filter((m) => !first.includes(m))];
}

/**
 * Ranks of areas on one metric: by share of their own target, highest first; areas without a
 * target are not ranked (null). Ties share a rank (1, 2, 2, 4).
 */
export function rankByShare(measures: readonly Measure[]): Map<string, number | null> {
  const ranked = measures
    .filter((m) => m.share !== null)
    .sort((a, b) => b.share! - a.share! || a.area.code.localeCompare(b.area.code));
  const ranks = new Map<string, number | null>();
  for (const m of measures) ranks.set(m.area.code, null);
  let previous: number | null = null;
  let rank = 0;
  for (const [i, m] of ranked.entries()) {
    if (m.share !== previous) rank = i + 1;
    previous = m.share;
    ranks.set(m.area.code, rank);
  }
  return ranks;
}

// ---------------------------------------------------------------------------------------------
// Tables of areas (the county table, a county's townships)

export interface AreaRow {
  area: Area;
  measures: Readonly<Record<MetricId, Measure>>;
  /** Per metric, its rank among the table's rows (null: no target, not ranked). */
  ranks: Readonly<Record<MetricId, number | null>>;
}

export interface AreaTable {
  year: number;
  /** The day the figures were read on (YYYY-MM-DD). */
  today: string;
  rows: AreaRow[];
  /**
   * The parent area's own figures against its own targets (the prefecture for the county
   * table): the totals row. Never the sum of the rows' targets.
   */
  total: AreaRow;
}

/**
 * Every area of `areas` × every metric, ranked per metric by the share of each area's own target,
 * with `parent` as the totals row (ranked nowhere). Areas in the order given.
 */
export function areaTable(
  facts: MetricFacts,
  areas: readonly Area[],
  parent: Area,
  today: string,
): AreaTable {
  const measured = areas.map((area) => ({
    area,
    measures: Object.fromEntries(
      METRIC_IDS.map((m) => [m, measure(m, facts, area, today)]),
    ) as Record<MetricId, Measure>,
  }));
  const ranks = Object.fromEntries(
    METRIC_IDS.map((m) => [m, rankByShare(measured.map((row) => row.measures[m]))]),
  ) as Record<MetricId, Map<string, number | null>>;
  const unranked = Object.fromEntries(METRIC_IDS.map((m) => [m, null])) as Record<
    MetricId,
    number | null
  >;
  return {
    year: facts.year,
    today,
    rows: measured.map((row) => ({
      ...row,
      ranks: Object.fromEntries(
        METRIC_IDS.map((m) => [m, ranks[m].get(row.area.code) ?? null]),
      ) as Record<MetricId, number | null>,
    })),
    total: {
      area: parent,
      measures: Object.fromEntries(
        METRIC_IDS.map((m) => [m, measure(m, facts, parent, today)]),
      ) as Record<MetricId, Measure>,
      ranks: unranked,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The county table on the wire (GET /api/assessment/counties): its schema and type are in
// metricsWire.ts, with zod, which the start page's board does not load (docs/PERFORMANCE.md,
// "Size"); metricsWire imports this file, so this one does not name it back (no import circle).

// ---------------------------------------------------------------------------------------------
// Which metrics a role's device can count

/** The records each metric counts (besides the gazetteer and the target rows). */
export const METRIC_RECORDS: Readonly<Record<MetricId, readonly EntityName[]>> = {
  servicePointsOpen: ['servicePoint'],
  villagesCovered: ['servicePoint'],
  villagesNewlyCovered: ['servicePoint'],
  peopleTrained: ['trainee', 'trainingSession', 'attendance'],
  trainingPersonTimes: ['trainee', 'trainingSession', 'attendance'],
  centralTownsWithStore: ['centralTown', 'flagshipStore'],
  pilotsAccepted: ['pilotTown'],
  agriShopsOnPlatform: ['agriShop'],
};

/**
 * Whether a role's device holds every record a metric counts (ENTITY_ACCESS). An officer never
 * receives trainees or attendance, so their phone would count 0 people trained — a figure nobody
 * measured, not a result: screens leave such a metric out and say why. Nobody signed in (null):
 * the device holds only what was typed on it, and may count all of it.
 */
export function isMetricKeptFor(metric: MetricId, role: Role | null): boolean {
  if (role === null) return true;
  return METRIC_RECORDS[metric].every((entity) => ENTITY_ACCESS[entity].read[role] !== 'none');
}

/**
 * Whether the role's own work moves a metric: it writes at least one kind of record the metric
 * counts (ENTITY_ACCESS). A trainer cannot open a service point, so a service-point figure behind
 * pace is not a notice for them; a coordinator opens flagship stores, so central towns without
 * one are.
 */
export function canMoveMetric(metric: MetricId, role: Role): boolean {
  return (
    isMetricKeptFor(metric, role) &&
    METRIC_RECORDS[metric].some((entity) => ENTITY_ACCESS[entity].write[role] !== 'none')
  );
}

/**
 * The version of what metricFacts counts. Phones keep the facts they counted (the start page's
 * figures, src/features/shared/useAssessment.ts) and reuse them while no record changed: raise
 * this number with any change to metricFacts or MetricFacts, or phones would show figures counted
 * the old way until their next record change.
 */
export const METRIC_FACTS_FORMAT = 2; // 2: tallies per province too (2-digit prefixes)
