/**
 * Coverage maths for the map and the gap list (DESIGN.md §1: ≥ 1500 village service points):
 * per county, per township and for the whole prefecture, how many RURAL villages (村委会, see
 * isRuralVillageName) have at least one OPEN service point.
 *
 * The rules, each a decision someone will ask about:
 * - only a point that is open and not deleted serves its village (isOperating): planned and
 *   approved points do not serve anyone yet, suspended and closed ones no longer do;
 * - a point covers the village whose 12-digit code it is placed in, whatever its tier: a township
 *   station sitting in a village serves that village too. Points placed at a township or county
 *   code cover no village;
 * - a village with two open points counts once;
 * - communities (社区/居委会) are not rural villages: a point there covers nothing in the
 *   denominator, and they are never listed as gaps;
 * - an area with no rural village has no share (null), not 0 % and not 100 %: urban districts
 *   (拱墅区, 滨江区) have nothing to cover.
 *
 * Pure: no DOM, no Node APIs, runs the same in the browser, the server and the bench.
 */
import { deployment } from './deployment';
import type { County, RegionIndex, Township, Village } from './region';
import type { ServicePoint } from './servicePoint';
import { isOperating } from './servicePointValues';

/** What coverage needs of a service point. */
export type CoveragePoint = Pick<ServicePoint, 'regionCode' | 'status' | 'deleted'>;

/** What coverage needs of the gazetteer. */
/**
 * The gazetteer's parts coverage reads. With `ruralCounts` (RegionIndex's) the denominators come
 * from it, so a county user's device, which holds its own county's villages only, still knows
 * every county's and township's rural villages (docs/REGIONS.md "Per-county gazetteer").
 */
export type CoverageRegions = Pick<RegionIndex, 'counties' | 'townships' | 'villages'> &
  Partial<Pick<RegionIndex, 'ruralCounts'>>;

export interface CoverageCount {
  /** Rural villages with at least one open point. */
  covered: number;
  /** Rural villages in the area (the denominator). */
  rural: number;
  /** covered / rural in 0..1, or null when the area has no rural village. */
  share: number | null;
  /** Open points placed anywhere in the area (any tier, villages and communities alike). */
  openPoints: number;
}

export interface CountyCoverage extends CoverageCount {
  code: string;
  name: string;
}

export interface TownshipCoverage extends CoverageCount {
  code: string;
  name: string;
  countyCode: string;
}

export interface CoverageReport {
  prefecture: CoverageCount;
  /** Every county of the gazetteer, in code order (also those with no outline on the map). */
  counties: readonly CountyCoverage[];
  /** Every township of the gazetteer, in code order. */
  townships: readonly TownshipCoverage[];
  countyByCode: ReadonlyMap<string, CountyCoverage>;
  townshipByCode: ReadonlyMap<string, TownshipCoverage>;
  /** Codes of the rural villages with at least one open point. */
  coveredVillages: ReadonlySet<string>;
  /** Open points whose place is not in the gazetteer (a stale code): counted nowhere, shown. */
  unknownPlaces: number;
}

/** covered / rural, or null when there is nothing to cover. */
export function coverageShare(covered: number, rural: number): number | null {
  return rural > 0 ? covered / rural : null;
}

/** A share as a whole percentage for display (0.284 → 28); null stays null. */
export function sharePercent(share: number | null): number | null {
  return share === null ? null : Math.round(share * 100);
}

interface Tally {
  covered: number;
  rural: number;
  openPoints: number;
}

const emptyTally = (): Tally => ({ covered: 0, rural: 0, openPoints: 0 });

const finish = (t: Tally): CoverageCount => ({
  covered: t.covered,
  rural: t.rural,
  share: coverageShare(t.covered, t.rural),
  openPoints: t.openPoints,
});

/**
 * The coverage of every county and township and of the prefecture. One pass over the points
 * and one over the villages: about a millisecond for 10,000 points and 3,320 villages, so it is
 * simply recomputed whenever the points change.
 */
export function computeCoverage(
  regions: CoverageRegions,
  points: Iterable<CoveragePoint>,
): CoverageReport {
  const countyTally = new Map<string, Tally>();
  const townshipTally = new Map<string, Tally>();
  for (const c of regions.counties) countyTally.set(c.code, emptyTally());
  for (const t of regions.townships) townshipTally.set(t.code, emptyTally());
  const prefecture = emptyTally();

  const placeCodes = new Set<string>();
  for (const village of regions.villages) placeCodes.add(village.code);

  // Open points per place first (one map operation a point), then each place once: 10,000
  // points sit in a few hundred villages, and slicing and looking up every point's county and
  // township was the larger part of the map's first figures on a slow phone (docs/PERFORMANCE.md,
  // tenth session).
  const openByPlace = new Map<string, number>();
  for (const point of points) {
    if (!isOperating(point)) continue;
    const code = point.regionCode;
    openByPlace.set(code, (openByPlace.get(code) ?? 0) + 1);
  }

  // Villages (and communities) that have an open point placed in them.
  const servedPlaces = new Set<string>();
  let unknownPlaces = 0;
  for (const [code, open] of openByPlace) {
    const county = countyTally.get(code.slice(0, 6));
    const township = code.length >= 9 ? townshipTally.get(code.slice(0, 9)) : undefined;
    // A stale code (a village merged away since the point was registered, a mistyped import)
    // is counted nowhere rather than in the wrong place; the map says how many there are.
    if (
      !county ||
      (code.length >= 9 && !township) ||
      (code.length === 12 && !placeCodes.has(code))
    ) {
      unknownPlaces += open;
      continue;
    }
    prefecture.openPoints += open;
    county.openPoints += open;
    if (township) township.openPoints += open;
    if (code.length === 12) servedPlaces.add(code);
  }

  const coveredVillages = new Set<string>();
  for (const village of regions.villages) {
    if (!village.rural) continue;
    const county = countyTally.get(village.countyCode);
    const township = townshipTally.get(village.townshipCode);
    prefecture.rural += 1;
    if (county) county.rural += 1;
    if (township) township.rural += 1;
    if (servedPlaces.has(village.code)) {
      coveredVillages.add(village.code);
      prefecture.covered += 1;
      if (county) county.covered += 1;
      if (township) township.covered += 1;
    }
  }

  const counts = regions.ruralCounts;
  if (counts) {
    prefecture.rural = 0;
    for (const [code, t] of countyTally) {
      t.rural = counts.get(code) ?? 0;
      prefecture.rural += t.rural;
    }
    for (const [code, t] of townshipTally) t.rural = counts.get(code) ?? 0;
  }

  const counties = regions.counties.map((c: County): CountyCoverage => ({
    code: c.code,
    name: c.name,
    ...finish(countyTally.get(c.code) ?? emptyTally()),
  }));
  const townships = regions.townships.map((t: Township): TownshipCoverage => ({
    code: t.code,
    name: t.name,
    countyCode: t.countyCode,
    ...finish(townshipTally.get(t.code) ?? emptyTally()),
  }));

  return {
    prefecture: finish(prefecture),
    counties,
    townships,
    countyByCode: new Map(counties.map((c) => [c.code, c])),
    townshipByCode: new Map(townships.map((t) => [t.code, t])),
    coveredVillages,
    unknownPlaces,
  };
}

/**
 * The coverage of one area by code: '' or the deployment's code for its whole area (a
 * prefecture's, or a province's), a prefecture inside a province (the sum of its counties: its
 * own villages, never the province's), a 6-digit county or 9-digit township code; undefined for
 * an unknown code.
 */
export function coverageOf(report: CoverageReport, code: string): CoverageCount | undefined {
  if (code === '' || code === deployment().code) return report.prefecture;
  if (code.length === 4) {
    const counties = report.counties.filter((c) => c.code.startsWith(code));
    if (counties.length === 0) return undefined;
    const sum = counties.reduce(
      (acc, c) => ({
        covered: acc.covered + c.covered,
        rural: acc.rural + c.rural,
        openPoints: acc.openPoints + c.openPoints,
      }),
      { covered: 0, rural: 0, openPoints: 0 },
    );
    return { ...sum, share: coverageShare(sum.covered, sum.rural) };
  }
  if (code.length === 6) return report.countyByCode.get(code);
  if (code.length === 9) return report.townshipByCode.get(code);
  return undefined;
}

/**
 * The figures of a map outline: a county's, or on a province's map a prefecture's (its own
 * counties summed, coverageOf) under the outline's name; undefined for a code the report does
 * not know.
 */
export function outlineCoverage(
  report: CoverageReport,
  code: string,
  name: string,
): (CoverageCount & { name: string }) | undefined {
  const county = report.countyByCode.get(code);
  if (county) return county;
  if (code.length !== 4) return undefined;
  const prefecture = coverageOf(report, code);
  return prefecture ? { name, ...prefecture } : undefined;
}

/** Rural villages in an area (undefined or '' = everywhere) with no open point, in code order. */
export function uncoveredVillages(
  regions: Pick<RegionIndex, 'villages'>,
  report: Pick<CoverageReport, 'coveredVillages'>,
  scope?: string,
): Village[] {
  const prefix = scope ?? '';
  return regions.villages.filter(
    (v) => v.rural && v.code.startsWith(prefix) && !report.coveredVillages.has(v.code),
  );
}

/**
 * Choropleth class of a share: 0 = no rural village to cover, 1 = none covered yet (0 %), then
 * 2..5 = up to 25 %, 50 %, 75 % and 100 %. "Nothing yet" gets a class of its own because it is
 * the first thing a coordinator looks for; the bounds are inclusive at the top (0.25 → 2).
 */
export function coverageClass(share: number | null): 0 | 1 | 2 | 3 | 4 | 5 {
  if (share === null) return 0;
  if (share <= 0) return 1;
  if (share <= 0.25) return 2;
  if (share <= 0.5) return 3;
  if (share <= 0.75) return 4;
  return 5;
}

/** Upper bounds of classes 2..5 in percent, for the legend. */
export const COVERAGE_CLASS_BOUNDS = [25, 50, 75, 100] as const;
