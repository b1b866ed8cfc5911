/**
 * A year's targets as one plan (issue 12, part 5): the grid an admin edits — the prefecture and
 * every county × every target metric — with the starting points it offers (last year's figures,
 * the prefecture's figure split over the counties by their rural villages, the policy's own
 * figures for 2013–2015) and the checks a cell must pass before anything is saved.
 *
 * The plan is a draft: nothing here writes. Saving is one ordinary Target record per changed
 * cell, through the actions (src/actions/towns.ts setTarget), each with its history and
 * conflicts like any other record. The policy's figures live here as SUGGESTIONS for the grid
 * only: the counting code never reads them (targets are data, DESIGN.md §1).
 *
 * Pure: no DOM, no Node.
 */
import { policyApplies } from './deployment';
import { TARGET_METRICS, type Target, type TargetMetric } from './target';
import { findTarget } from './countRules';

/** A cell of the plan: a county (6 digits) or the prefecture (null), and a metric. */
export interface PlanCell {
  countyCode: string | null;
  metric: TargetMetric;
}

/** The cell's key in a plan's map: "all|servicePoints", "330127|servicePoints". */
export function cellKey(countyCode: string | null, metric: TargetMetric): string {
  return `${countyCode ?? 'all'}|${metric}`;
}

export function cellOfKey(key: string): PlanCell {
  const [county, metric] = key.split('|') as [string, TargetMetric];
  return { countyCode: county === 'all' ? null : county, metric };
}

/** Cell key → value as typed ('' for empty). */
export type PlanDraft = Readonly<Record<string, string>>;

/**
 * The stored targets of a year as a draft: every cell of the area's own row (`top`: null for the
 * deployment's whole area, a prefecture's code for a prefecture of a province) and of the areas
 * one level down (`counties`: counties, or a province's prefectures).
 */
export function draftOfYear(
  targets: readonly Target[],
  year: number,
  counties: readonly string[],
  top: string | null = null,
): Record<string, string> {
  const draft: Record<string, string> = {};
  for (const countyCode of [top, ...counties]) {
    for (const metric of TARGET_METRICS) {
      const value = findTarget(targets, year, metric, countyCode)?.value;
      draft[cellKey(countyCode, metric)] = value === undefined ? '' : String(value);
    }
  }
  return draft;
}

/**
 * Fills the EMPTY cells of a draft from `source` (last year's figures, the policy's): a starting
 * point never overwrites what is already set or typed. Returns the new draft and how many cells
 * it filled.
 */
export function fillEmpty(
  draft: PlanDraft,
  source: PlanDraft,
): { draft: Record<string, string>; filled: number } {
  const next = { ...draft };
  let filled = 0;
  for (const [key, value] of Object.entries(source)) {
    if (value === '' || (next[key] ?? '') !== '') continue;
    next[key] = value;
    filled += 1;
  }
  return { draft: next, filled };
}

/**
 * Splits a whole number over weights so the parts sum to it exactly (largest remainder: each
 * gets the floor of its quota, the units left over go to the largest fractions; ties to the
 * larger weight, then the earlier item). All weights zero: nothing can be split, all zero.
 */
export function splitByWeights(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0) return weights.map(() => 0);
  const quotas = weights.map((w) => (total * w) / sum);
  const parts = quotas.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = quotas
    .map((q, i) => ({ i, fraction: q - Math.floor(q), weight: weights[i]! }))
    .sort((a, b) => b.fraction - a.fraction || b.weight - a.weight || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    parts[i]! += 1;
    left -= 1;
  }
  return parts;
}

/**
 * The prefecture's figure for one metric split over the counties by their rural villages, as
 * draft values. A starting point the admin asked for: it replaces the counties' cells of that
 * metric (and only those), and the parts sum to the prefecture's figure. A county with no rural
 * village (a city district) gets no share and no cell: a target of 0 would read as "met" and
 * rank it first, so its cell is left as it was.
 */
export function splitOverCounties(
  total: number,
  metric: TargetMetric,
  ruralVillages: readonly { countyCode: string; villages: number }[],
): Record<string, string> {
  const parts = splitByWeights(
    total,
    ruralVillages.map((c) => c.villages),
  );
  return Object.fromEntries(
    ruralVillages
      .map((c, i) => [cellKey(c.countyCode, metric), String(parts[i])] as const)
      .filter((_, i) => ruralVillages[i]!.villages > 0),
  );
}

// ---------------------------------------------------------------------------------------------
// The policy's own figures (shared/seed §四, 2013): suggestions for 2013–2015 only

export const POLICY_YEARS = [2013, 2014, 2015] as const;

/** The policy's figures as suggestions: for its years, and only in its own area. */
export function hasPolicyDefaults(year: number): boolean {
  return policyApplies() && (POLICY_YEARS as readonly number[]).includes(year);
}

/**
 * What the policy says for a year of 2013–2015, as draft values (empty for any other year):
 * - ≥ 1500 service points "within 3 years", and ≥ 100 agricultural shops on the platform: the
 *   end figure for 2015, reached on a straight path (500 / 1000 / 1500; 34 / 67 / 100) — the
 *   policy names only the end, so the earlier years are a suggestion to edit;
 * - 800 village officials and young entrepreneurs trained every year;
 * - every central town with a flagship store by 2015: the towns on the list that year;
 * - ≥ 2 central-town pilots a year in each 县（市）— the policy's words: counties (…县) and
 *   county-level cities (…市), not the city's districts (…区) — and their sum for the prefecture.
 */
export function policyDefaults(
  year: number,
  counties: readonly { code: string; name: string }[],
  centralTownsThatYear: number,
): Record<string, string> {
  if (!hasPolicyDefaults(year)) return {};
  const step = year - 2012; // 1, 2, 3
  const draft: Record<string, string> = {
    [cellKey(null, 'servicePoints')]: String(Math.ceil((1500 * step) / 3)),
    [cellKey(null, 'agriShopsOnPlatform')]: String(Math.ceil((100 * step) / 3)),
    [cellKey(null, 'traineesTrained')]: '800',
  };
  if (year === 2015 && centralTownsThatYear > 0) {
    draft[cellKey(null, 'centralTownsWithStore')] = String(centralTownsThatYear);
  }
  const piloting = counties.filter((c) => /[县市]$/.test(c.name));
  for (const c of piloting) draft[cellKey(c.code, 'pilotsAccepted')] = '2';
  if (piloting.length > 0) draft[cellKey(null, 'pilotsAccepted')] = String(2 * piloting.length);
  return draft;
}

// ---------------------------------------------------------------------------------------------
// Checking a cell, and the whole save

/** The largest target a cell takes (the record schema's limit). */
export const MAX_TARGET = 1_000_000;
/** A target over this many times last year's is asked about before it is saved. */
export const ABSURD_FACTOR = 100;

export type CellProblem =
  | { kind: 'notNumber' }
  | { kind: 'notInteger' }
  | { kind: 'negative' }
  | { kind: 'tooLarge'; max: number };

/**
 * A typed value as a target: a whole number from 0 to MAX_TARGET. Full-width digits (１５００)
 * and thousands separators (1,500 / 1，500) are read as people type them on a Chinese keyboard.
 * '' is "no change" and is never saved (a target is never deleted from the grid).
 */
export function parseTargetValue(
  typed: string,
): { ok: true; value: number } | { ok: false; problem: CellProblem } {
  const text = typed
    .trim()
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[，,\s]/g, '')
    .replace('－', '-')
    .replace('．', '.');
  if (!/^-?\d+(\.\d+)?$/.test(text)) {
    return { ok: false, problem: { kind: 'notNumber' } };
  }
  const value = Number(text);
  if (value < 0) return { ok: false, problem: { kind: 'negative' } };
  if (!Number.isInteger(value)) return { ok: false, problem: { kind: 'notInteger' } };
  if (value > MAX_TARGET) return { ok: false, problem: { kind: 'tooLarge', max: MAX_TARGET } };
  return { ok: true, value };
}

export interface PlanChange extends PlanCell {
  key: string;
  value: number;
  /** The stored value it replaces (null: a new row). */
  before: number | null;
}

export interface AbsurdChange extends PlanChange {
  lastYear: number;
}

export type PlanCheck =
  /** Nothing to save. */
  | { status: 'unchanged' }
  /** Every changed cell is a valid target; `absurd` ones need the user's yes first. */
  | { status: 'ok'; changes: PlanChange[]; absurd: AbsurdChange[] }
  /** At least one changed cell is not a target: nothing may be saved. */
  | { status: 'invalid'; problems: (PlanCell & { key: string; problem: CellProblem })[] };

/**
 * The cells a save would write — those whose typed value differs from the stored one — checked
 * all together, so a save writes every change or none: one wrong cell stops the whole save and
 * is named. A value over ABSURD_FACTOR × last year's (same county, same metric, last year > 0)
 * is valid but listed in `absurd`, to be confirmed in words.
 */
export function checkPlan(draft: PlanDraft, targets: readonly Target[], year: number): PlanCheck {
  const changes: PlanChange[] = [];
  const problems: (PlanCell & { key: string; problem: CellProblem })[] = [];
  for (const [key, typed] of Object.entries(draft)) {
    if (typed.trim() === '') continue;
    const cell = cellOfKey(key);
    const before = findTarget(targets, year, cell.metric, cell.countyCode)?.value ?? null;
    const parsed = parseTargetValue(typed);
    if (!parsed.ok) {
      problems.push({ ...cell, key, problem: parsed.problem });
      continue;
    }
    if (parsed.value !== before) changes.push({ ...cell, key, value: parsed.value, before });
  }
  if (problems.length > 0) return { status: 'invalid', problems };
  if (changes.length === 0) return { status: 'unchanged' };
  const absurd: AbsurdChange[] = [];
  for (const change of changes) {
    const lastYear = findTarget(targets, year - 1, change.metric, change.countyCode)?.value;
    if (lastYear !== undefined && lastYear > 0 && change.value > ABSURD_FACTOR * lastYear) {
      absurd.push({ ...change, lastYear });
    }
  }
  return { status: 'ok', changes, absurd };
}
