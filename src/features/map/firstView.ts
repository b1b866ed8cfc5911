/**
 * Which area the map screen shows, from the user's area code alone: the screen's own rule
 * (MapScreen's CoverageScreen) and the first view's guess before the screen exists (mapReads.ts
 * hands the cluster worker the points of that view as soon as they are read), so the two cannot
 * disagree.
 */
import { deployment } from '../../domain/deployment';
import { codeAtLevel } from '../../domain/levels';
import type { PointFilters } from '../../domain/pointFilter';

/** A county (6 digits) or township (9 digits) code the screen is narrowed to, else undefined. */
export function validScopeOf(scope: string | undefined): string | undefined {
  return scope && /^\d{6}(\d{3})?$/.test(scope) ? scope : undefined;
}

/**
 * A province's deployment drills down (drill.ts) for a user without a county or township of
 * their own: which area it shows then depends on the gazetteer.
 */
export function drillsFor(validScope: string | undefined): boolean {
  return deployment().level === 'province' && !validScope;
}

/**
 * The filters the service points start with: the screen's filters with its county — the user's
 * own for a county or township user, else the chosen one. Null when the gazetteer decides it
 * (a province's drill).
 */
export function firstPointFilters(
  scope: string | undefined,
  filters: PointFilters,
): PointFilters | null {
  const validScope = validScopeOf(scope);
  if (drillsFor(validScope)) return null;
  return { ...filters, county: validScope ? validScope.slice(0, 6) : filters.county };
}

/**
 * Whose outlines the screen draws: a province's deployment, the prefecture looked at (the chosen
 * county's, or a county or township user's own prefecture), else the province's; one
 * prefecture's deployment, its own file. The map's first reads fetch the same file (mapReads.ts):
 * a county user of a province no longer fetches the province's outlines as well.
 */
export function outlinesCodeOf(scope: string | undefined, chosenCounty: string): string {
  const { level, code } = deployment();
  if (level !== 'province') return code;
  return codeAtLevel(chosenCounty || scope || code, 'prefecture') ?? code;
}
