/**
 * The levels of an area, widest first (issue 16, docs/REGIONS.md "The plan for a province"): a
 * province (2 digits), a prefecture (4), a county (6), a township (9). Region codes nest by
 * prefix, so "the level below" and "is this inside that" come from the code's length, not from
 * names written in screens. Villages (12 digits) are places, never a scope.
 *
 * The deployment's whole area is the ROOT: a province for REGION=33, a prefecture for REGION=3301.
 * `isWholeArea` is the one question "does this user see everything the deployment holds?" —
 * never `scope.level === 'prefecture'`, which in a province deployment is one prefecture of many.
 *
 * Pure: no DOM, no Node.
 */
import { deployment } from './deployment';

export const AREA_LEVELS = ['province', 'prefecture', 'county', 'township'] as const;
export type AreaLevel = (typeof AREA_LEVELS)[number];

/** The length of a code at each level. */
export const LEVEL_DIGITS: Readonly<Record<AreaLevel, number>> = {
  province: 2,
  prefecture: 4,
  county: 6,
  township: 9,
};

/** The level a code of this length names, or undefined (a village, a typo). */
export function levelOfCode(code: string): AreaLevel | undefined {
  if (!/^\d+$/.test(code)) return undefined;
  return AREA_LEVELS.find((level) => LEVEL_DIGITS[level] === code.length);
}

/** The level one step narrower, or null below a township. */
export function levelBelow(level: AreaLevel): AreaLevel | null {
  return AREA_LEVELS[AREA_LEVELS.indexOf(level) + 1] ?? null;
}

/** The level one step wider, or null above a province. */
export function levelAbove(level: AreaLevel): AreaLevel | null {
  const index = AREA_LEVELS.indexOf(level);
  return index > 0 ? (AREA_LEVELS[index - 1] ?? null) : null;
}

/** The code of the area at `level` that contains `code` (its prefix), or null when wider. */
export function codeAtLevel(code: string, level: AreaLevel): string | null {
  const digits = LEVEL_DIGITS[level];
  return code.length >= digits ? code.slice(0, digits) : null;
}

/** The level of the deployment's whole area: its root scope's level. */
export function rootLevel(): 'province' | 'prefecture' {
  return deployment().level === 'province' ? 'province' : 'prefecture';
}

/** The deployment's whole area as a scope (what a top admin holds). */
export function rootScope(): { level: 'province' | 'prefecture'; code: string } {
  return { level: rootLevel(), code: deployment().code };
}

/** True when the scope is the deployment's whole area (everything the deployment holds). */
export function isWholeArea(scope: { code: string }): boolean {
  return scope.code === deployment().code;
}

/** True when a level is wider than a county (places without a county may belong to it). */
export function isAboveCounty(level: AreaLevel): boolean {
  return level === 'province' || level === 'prefecture';
}
