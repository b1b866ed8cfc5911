/**
 * The map's drill-down through the levels (issue 16 part 2, docs/REGIONS.md "Drilling down"): a
 * province admin's map opens on the province and lists its prefectures; choosing one shows its
 * counties (outlined from that prefecture's outline file); choosing a county shows its townships
 * (the county → township behaviour the map always had), and the breadcrumb goes back up. No
 * Leaflet and no React here: the state is a function of the chosen code, so it is tested alone.
 *
 * The chosen area lives where it always did, in the map store's county filter (mapStore.ts):
 * '' is the user's whole area; in a province it may also hold a prefecture's 4 digits. A
 * deployment of one prefecture (REGION=3301) only ever holds '' or a county there, as before.
 */
import {
  areaAbove,
  areasBelow,
  areaTrail,
  type AreaGazetteer,
  type NamedArea,
} from '../../domain/areas';
import { deployment } from '../../domain/deployment';
import { codeAtLevel, levelOfCode, type AreaLevel } from '../../domain/levels';

export interface MapDrill {
  /** The area shown: the deployment's code for the whole area, else a prefecture, county or township. */
  area: string;
  level: AreaLevel;
  /** The widest area this user may go back up to (their scope, or the deployment's root). */
  top: string;
  /** From `top` down to `area` (the breadcrumb); one entry when there is nowhere to go up. */
  trail: string[];
  /** One step back up, or null at `top`. */
  up: string | null;
  /** The areas one level down, listed under the map (a province's prefectures…). */
  below: NamedArea[];
  /**
   * Whose outline file draws this area (public/regions/<code>-outlines.json): the prefecture's;
   * for a province as a whole the province's, one outline per prefecture (not 90 counties).
   */
  outlineFile: string;
  /** The value for the map store's county filter ('' for the user's whole area). */
  filter: string;
}

/**
 * The map's state for a chosen area (the store's county filter, '' for the whole area) and the
 * user's scope code ('' or undefined: the deployment's whole area). A choice outside the scope,
 * or not an area of the deployment, falls back to the scope.
 */
export function mapDrill(
  chosen: string,
  scope: string | undefined,
  regions: AreaGazetteer,
): MapDrill {
  const root = deployment().code;
  const top = scope && levelOfCode(scope) && scope.startsWith(root) ? scope : root;
  const asked = chosen === '' ? top : chosen;
  const known =
    asked === root ||
    (levelOfCode(asked) !== undefined &&
      (levelOfCode(asked) === 'prefecture'
        ? deployment().prefectures.some(([c]) => c === asked)
        : levelOfCode(asked) === 'county'
          ? regions.county(asked) !== undefined
          : regions.township(asked) !== undefined));
  const area = known && asked.startsWith(top) ? asked : top;
  const level = levelOfCode(area)!;
  const trail = areaTrail(area).filter((c) => c.length >= top.length);
  return {
    area,
    level,
    top,
    trail,
    up: area === top ? null : areaAbove(area),
    below: areasBelow(area, regions),
    outlineFile: level === 'province' ? area : (codeAtLevel(area, 'prefecture') ?? area),
    filter: area === top ? '' : area,
  };
}
