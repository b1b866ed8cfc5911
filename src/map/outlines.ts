/**
 * County outlines for the map: loaded lazily from /regions/<prefecture>-outlines.json (generated
 * by scripts/generate-regions.mjs, precached by the service worker, so drawn with no network and
 * no tiles), validated, and reduced to what the map needs. Owns the outline file's reading and
 * the geometry helpers on it (centre, bounds). No Leaflet here: the gap list uses the centres
 * without loading the map.
 *
 * Honest about the data (docs/REGIONS.md): the outlines are of about 2015. 下城区 and 江干区 no
 * longer exist (their outlines are kept with code null); 临平区 and 钱塘区 have no outline and
 * come as `countiesWithoutOutline`, which the map lists instead of dropping.
 */
import { useEffect, useState } from 'react';
import { deployment } from '../domain/deployment';
import type { Datum, LatLng } from './datum';

/**
 * The outline file does not document its datum; the shapes come from AMap, so they are taken
 * as GCJ-02 and converted like any other GCJ-02 geometry (a few hundred metres at most, which
 * at county scale only shows along the borders).
 */
export const OUTLINE_DATUM: Datum = 'GCJ02';

/** [lng, lat] rings, outer ring first, as in GeoJSON. */
export type Ring = [number, number][];

export interface CountyOutline {
  /** Current 6-digit county code, or null for a county that no longer exists (下城区, 江干区). */
  code: string | null;
  /** Name in the outline file (临安市 for today's 临安区). */
  name: string;
  /** Current name, or null. */
  matchedName: string | null;
  /** Polygons, each a list of rings (outer first, then holes). */
  polygons: Ring[][];
}

export interface OutlineSet {
  outlines: CountyOutline[];
  countiesWithoutOutline: { code: string; name: string }[];
  datum: Datum;
}

function isPosition(value: unknown): value is [number, number] {
  return (
    Array.isArray(value) &&
    value.length >= 2 &&
    typeof value[0] === 'number' &&
    typeof value[1] === 'number'
  );
}

function asRings(value: unknown): Ring[] | null {
  if (!Array.isArray(value)) return null;
  const rings: Ring[] = [];
  for (const ring of value) {
    if (!Array.isArray(ring) || !ring.every(isPosition)) return null;
    rings.push(ring.map(([lng, lat]) => [lng, lat]));
  }
  return rings;
}

/** Validates the outline file; throws an Error saying what is wrong. */
export function parseOutlineFile(json: unknown): OutlineSet {
  const file = json as { type?: unknown; features?: unknown; countiesWithoutOutline?: unknown };
  if (typeof json !== 'object' || json === null || file.type !== 'FeatureCollection') {
    throw new Error('Outline file: expected a GeoJSON FeatureCollection');
  }
  if (!Array.isArray(file.features)) throw new Error('Outline file: "features" must be an array');
  const outlines = file.features.map((feature: unknown, i): CountyOutline => {
    const f = feature as {
      properties?: { code?: unknown; name?: unknown; matchedName?: unknown };
      geometry?: { type?: unknown; coordinates?: unknown };
    };
    const props = f.properties ?? {};
    const geometry = f.geometry ?? {};
    let polygons: Ring[][] | null = null;
    if (geometry.type === 'Polygon') {
      const rings = asRings(geometry.coordinates);
      polygons = rings ? [rings] : null;
    } else if (geometry.type === 'MultiPolygon' && Array.isArray(geometry.coordinates)) {
      const all = geometry.coordinates.map(asRings);
      polygons = all.every((p) => p !== null) ? (all as Ring[][]) : null;
    }
    if (!polygons || typeof props.name !== 'string') {
      throw new Error(`Outline file: feature ${i} needs a name and a (Multi)Polygon`);
    }
    return {
      code: typeof props.code === 'string' ? props.code : null,
      name: props.name,
      matchedName: typeof props.matchedName === 'string' ? props.matchedName : null,
      polygons,
    };
  });
  const without = Array.isArray(file.countiesWithoutOutline) ? file.countiesWithoutOutline : [];
  const countiesWithoutOutline = without
    .filter((row): row is [string, string] => Array.isArray(row) && typeof row[0] === 'string')
    .map(([code, name]) => ({ code, name: String(name) }));
  return { outlines, countiesWithoutOutline, datum: OUTLINE_DATUM };
}

/** Twice the signed area and the centroid sums of a ring (shoelace formula). */
function ringMoments(ring: Ring): { area2: number; cx: number; cy: number } {
  let area2 = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [x0, y0] = ring[j]!;
    const [x1, y1] = ring[i]!;
    const cross = x0 * y1 - x1 * y0;
    area2 += cross;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
  }
  return { area2, cx, cy };
}

/**
 * The area-weighted centroid of an outline's outer rings (in the outline's own datum). For a
 * county a plain centroid on lon/lat degrees is good enough: it is only where the map goes.
 */
export function outlineCentre(outline: Pick<CountyOutline, 'polygons'>): LatLng | null {
  let area2 = 0;
  let cx = 0;
  let cy = 0;
  for (const polygon of outline.polygons) {
    const outer = polygon[0];
    if (!outer || outer.length < 3) continue;
    const m = ringMoments(outer);
    area2 += m.area2;
    cx += m.cx;
    cy += m.cy;
  }
  if (area2 === 0) return null;
  return { lng: cx / (3 * area2), lat: cy / (3 * area2) };
}

/** [[south, west], [north, east]] of a set of outlines, or null when there is none. */
export function outlineBounds(
  outlines: readonly Pick<CountyOutline, 'polygons'>[],
): [[number, number], [number, number]] | null {
  let south = Infinity;
  let west = Infinity;
  let north = -Infinity;
  let east = -Infinity;
  for (const o of outlines) {
    for (const polygon of o.polygons) {
      for (const [lng, lat] of polygon[0] ?? []) {
        south = Math.min(south, lat);
        north = Math.max(north, lat);
        west = Math.min(west, lng);
        east = Math.max(east, lng);
      }
    }
  }
  return Number.isFinite(south)
    ? [
        [south, west],
        [north, east],
      ]
    : null;
}

const loading = new Map<string, Promise<OutlineSet>>();
const loaded = new Map<string, OutlineSet>();

/**
 * Fetches and parses an outline file once per page (precached in a prefecture: works offline;
 * a province's are kept at run time): the deployment's own by default; in a province, the file
 * of the prefecture being looked at, and for the province as a whole (2 digits) its prefectures'
 * outlines (one feature per prefecture, code 4 digits: docs/REGIONS.md "Per-county gazetteer").
 */
export function loadOutlines(code: string = deployment().code): Promise<OutlineSet> {
  let pending = loading.get(code);
  if (!pending) {
    pending = fetch(`/regions/${code}-outlines.json`)
      .then((res) => {
        if (!res.ok) throw new Error(`county outlines: HTTP ${res.status}`);
        return res.json() as Promise<unknown>;
      })
      .then((json) => {
        const set = parseOutlineFile(json);
        loaded.set(code, set);
        return set;
      })
      .catch((error: unknown) => {
        loading.delete(code); // the next caller tries again (e.g. after coming back online)
        throw error;
      });
    loading.set(code, pending);
  }
  return pending;
}

/** Forgets the outlines loaded or asked for (tests: each file starts without them). */
export function forgetOutlines(): void {
  loading.clear();
  loaded.clear();
}

export type OutlinesState =
  | { status: 'loading' }
  | { status: 'ready'; outlines: OutlineSet }
  | { status: 'error'; error: Error };

/**
 * The outlines of a prefecture (the deployment's by default; a province's: its prefectures) for a
 * component; re-renders once when they arrive, and again when the code changes.
 */
export function useOutlines(code: string = deployment().code): OutlinesState {
  const ready = (): OutlinesState | null => {
    const set = loaded.get(code);
    return set ? { status: 'ready', outlines: set } : null;
  };
  const [held, setState] = useState<{ code: string; state: OutlinesState }>(() => ({
    code,
    state: ready() ?? { status: 'loading' },
  }));
  // Another prefecture asked for: what is held is not its outlines.
  const state = held.code === code ? held.state : (ready() ?? { status: 'loading' });
  useEffect(() => {
    if (state.status === 'ready') return;
    let cancelled = false;
    loadOutlines(code).then(
      (outlines) => !cancelled && setState({ code, state: { status: 'ready', outlines } }),
      (error: unknown) =>
        !cancelled &&
        setState({
          code,
          state: {
            status: 'error',
            error: error instanceof Error ? error : new Error(String(error)),
          },
        }),
    );
    return () => {
      cancelled = true;
    };
  }, [state.status, code]);
  return state;
}
