/**
 * The areas of the deployment as a tree to drill down (issue 16 part 2, docs/REGIONS.md "Drilling
 * down"): the area a code names, its name, the areas one level below it and the path back up to
 * the deployment's root. The board, the assessment's table, the trends, the report and the map all
 * ask these questions here, so "one level down" means the same everywhere:
 *
 *   province (33)    → its prefectures, from the area file (deployment().prefectures): the
 *                      gazetteer of a province is rooted at the province and has no prefecture rows
 *   prefecture (3301) → its counties (the gazetteer's, under the prefecture's code)
 *   county (330127)  → its townships
 *   township         → nothing (villages are places, never an area with figures of its own)
 *
 * Levels come from the code's length (levels.ts), never from a screen's idea of what is on top.
 *
 * Pure: no DOM, no Node.
 */
import { deployment } from './deployment';
import { AREA_LEVELS, LEVEL_DIGITS, levelOfCode, type AreaLevel } from './levels';
import type { RegionIndex } from './region';

export interface NamedArea {
  level: AreaLevel;
  code: string;
  name: string;
}

/** What of the gazetteer these questions read (a RegionIndex, or a test's small one). */
export type AreaGazetteer = Pick<RegionIndex, 'prefecture' | 'counties' | 'county' | 'township'> &
  Partial<Pick<RegionIndex, 'townshipsOf'>>;

/** The deployment's root: its code and level (a province for REGION=33, else a prefecture). */
function root(): { code: string; level: AreaLevel } {
  const area = deployment();
  return { code: area.code, level: area.level === 'province' ? 'province' : 'prefecture' };
}

/** True when `code` names an area of the deployment (the root or one inside it). */
export function isDeploymentArea(code: string, regions: AreaGazetteer): boolean {
  return areaNameOf(code, regions) !== undefined;
}

/** The official name of an area of the deployment, or undefined when it is none. */
export function areaNameOf(code: string, regions: AreaGazetteer): string | undefined {
  if (code === root().code) return deployment().name;
  switch (levelOfCode(code)) {
    case 'prefecture':
      return deployment().prefectures.find(([c]) => c === code)?.[1];
    case 'county':
      return regions.county(code)?.name;
    case 'township':
      return regions.township(code)?.name;
    default:
      return undefined;
  }
}

/**
 * The areas one level below `code`, in code order: a province's prefectures, a prefecture's
 * counties, a county's townships; none below a township (or for a code that is no area).
 */
export function areasBelow(code: string, regions: AreaGazetteer): NamedArea[] {
  const level = levelOfCode(code);
  if (level === 'province') {
    return deployment()
      .prefectures.filter(([c]) => c.startsWith(code))
      .map(([c, name]) => ({ level: 'prefecture' as const, code: c, name }));
  }
  if (level === 'prefecture') {
    return regions.counties
      .filter((c) => c.code.startsWith(code))
      .map((c) => ({ level: 'county' as const, code: c.code, name: c.name }));
  }
  if (level === 'county') {
    return (regions.townshipsOf?.(code) ?? []).map((t) => ({
      level: 'township' as const,
      code: t.code,
      name: t.name,
    }));
  }
  return [];
}

/**
 * The codes from the deployment's root down to `code`, both included: ['33', '3301', '330127'] in
 * a province, ['3301', '330127'] in a prefecture's deployment. A code outside the deployment (or
 * no area) gives the root alone, so a breadcrumb always has a way home.
 */
export function areaTrail(code: string): string[] {
  const top = root();
  const level = levelOfCode(code);
  if (!level || !code.startsWith(top.code)) return [top.code];
  const from = AREA_LEVELS.indexOf(top.level);
  const to = AREA_LEVELS.indexOf(level);
  if (to < from) return [top.code];
  return AREA_LEVELS.slice(from, to + 1).map((l) => code.slice(0, LEVEL_DIGITS[l]));
}

/** The area one level up inside the deployment, or null at its root (or for no area). */
export function areaAbove(code: string): string | null {
  const trail = areaTrail(code);
  return trail.length >= 2 && trail[trail.length - 1] === code ? trail[trail.length - 2]! : null;
}
