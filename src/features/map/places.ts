/**
 * Where the map goes when a list row is tapped: a township's centre is the mean position of its
 * service points (where the work is); with no located point, its county outline's centre. A
 * county's centre is its outline's, or for the 2021 districts with no outline (临平区, 钱塘区) the
 * mean of their located points; with neither, the place is unknown and the list says so. No Leaflet here:
 * the lists work before the map chunk has loaded.
 */
import { townshipCentres } from '../../domain/pointFilter';
import type { ServicePoint } from '../../domain/servicePoint';
import { outlineCentre, type OutlineSet } from '../../map/outlines';
import type { FocusRequest } from './mapStore';

export type PlaceTarget = Omit<FocusRequest, 'seq'>;

const TOWNSHIP_ZOOM = 13;
const COUNTY_ZOOM = 10;

export interface PlaceLocator {
  township(code: string): PlaceTarget | null;
  county(code: string): PlaceTarget | null;
}

type LocatedPoint = Pick<ServicePoint, 'regionCode' | 'location' | 'deleted'>;

/**
 * The township centres of one array of points, counted once: the outlines arriving (or a datum
 * change) makes a new locator, and averaging 10,000 points again was ~0.2 s at 4× on a slow
 * phone (docs/PERFORMANCE.md, seventh session). The map's points are one array per read.
 */
const centresByPoints = new WeakMap<readonly LocatedPoint[], ReturnType<typeof townshipCentres>>();

function centresOf(points: readonly LocatedPoint[]) {
  let centres = centresByPoints.get(points);
  if (!centres) {
    centres = townshipCentres(points);
    centresByPoints.set(points, centres);
  }
  return centres;
}

export function placeLocator(
  points: readonly LocatedPoint[],
  outlines: OutlineSet | null,
): PlaceLocator {
  const centres = centresOf(points);
  const countyCentres = new Map<string, PlaceTarget>();
  for (const outline of outlines?.outlines ?? []) {
    const centre = outline.code ? outlineCentre(outline) : null;
    if (outline.code && centre) {
      countyCentres.set(outline.code, { ...centre, datum: outlines!.datum, zoom: COUNTY_ZOOM });
    }
  }
  // Counties with no outline (临平区, 钱塘区) still have a place once they have located points.
  const pointSums = new Map<string, { lat: number; lng: number; n: number }>();
  for (const [township, c] of centres) {
    const sum = pointSums.get(township.slice(0, 6)) ?? { lat: 0, lng: 0, n: 0 };
    sum.lat += c.lat * c.points;
    sum.lng += c.lng * c.points;
    sum.n += c.points;
    pointSums.set(township.slice(0, 6), sum);
  }
  const county = (code: string): PlaceTarget | null => {
    const outlined = countyCentres.get(code);
    if (outlined) return outlined;
    const sum = pointSums.get(code);
    return sum
      ? { lat: sum.lat / sum.n, lng: sum.lng / sum.n, datum: 'WGS84', zoom: COUNTY_ZOOM + 1 }
      : null;
  };
  const township = (code: string): PlaceTarget | null => {
    const centre = centres.get(code);
    if (centre) return { lat: centre.lat, lng: centre.lng, datum: 'WGS84', zoom: TOWNSHIP_ZOOM };
    return county(code.slice(0, 6));
  };
  return { township, county };
}
