/**
 * Map datums (DESIGN.md §5). Everything is STORED in WGS-84, what GPS gives. Chinese commercial
 * tiles are drawn in GCJ-02 (AMap/Gaode, Tencent) or BD-09 (Baidu), offset from WGS-84 by up to
 * ~0.5 km in eastern China, so each base map declares its datum and every position is converted
 * for display on it, and back to WGS-84 when the user picks a point on it.
 *
 * This module owns that conversion (through gcoord, a maintained implementation of the published
 * GCJ-02/BD-09 formulas; GCJ-02 → WGS-84 is iterated to 1e-6°, about 0.1 m). Outside China the
 * offsets do not apply and gcoord returns the input unchanged.
 */
import gcoord from 'gcoord';

import type { Datum } from '../domain/baseMaps';

export { DATUMS, type Datum } from '../domain/baseMaps';

export interface LatLng {
  lat: number;
  lng: number;
}

const CRS: Record<Datum, typeof gcoord.WGS84 | typeof gcoord.GCJ02 | typeof gcoord.BD09> = {
  WGS84: gcoord.WGS84,
  GCJ02: gcoord.GCJ02,
  BD09: gcoord.BD09,
};

/** A position from one datum to another. Same datum: returned as is (no copy, no rounding). */
export function convertDatum(position: LatLng, from: Datum, to: Datum): LatLng {
  if (from === to) return position;
  const [lng, lat] = gcoord.transform([position.lng, position.lat], CRS[from], CRS[to]) as [
    number,
    number,
  ];
  return { lat, lng };
}

/** A stored (WGS-84) position where it must be drawn on a base map in `display`. */
export function toDisplay(wgs84: LatLng, display: Datum): LatLng {
  return convertDatum(wgs84, 'WGS84', display);
}

/** A position picked on a base map in `display`, as it must be stored (WGS-84). */
export function fromDisplay(picked: LatLng, display: Datum): LatLng {
  return convertDatum(picked, display, 'WGS84');
}

/** Converts [lng, lat] rings (GeoJSON order) between datums; new arrays, the input is kept. */
export function convertRings(
  rings: readonly (readonly (readonly [number, number])[])[],
  from: Datum,
  to: Datum,
): [number, number][][] {
  return rings.map((ring) =>
    ring.map(([lng, lat]) => {
      const p = convertDatum({ lat, lng }, from, to);
      return [p.lng, p.lat] as [number, number];
    }),
  );
}

const EARTH_RADIUS_M = 6_371_008.8;

/** Great-circle distance in metres (haversine): how far a conversion moved a point. */
export function distanceMetres(a: LatLng, b: LatLng): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}
