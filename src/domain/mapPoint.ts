/**
 * What the map needs of a service point — its place, its colour and shape, its filters and its
 * popup — and nothing else. The map screen reads these (kept on the device with the records'
 * stamp, src/db/stamp.ts useKeptDerivation) instead of 10,000 whole records: on a cheap phone
 * reading and decoding whole records was most of the map's cold start (docs/PERFORMANCE.md).
 * Type-only import of the record: this module stays free of zod.
 */
import type { ServicePoint } from './servicePoint';
import {
  SERVICE_POINT_SERVICES,
  SERVICE_POINT_STATUSES,
  SERVICE_POINT_TIERS,
  type ServicePointService,
} from './servicePointValues';

export type MapPoint = Pick<
  ServicePoint,
  | 'id'
  | 'name'
  | 'status'
  | 'tier'
  | 'regionCode'
  | 'location'
  | 'services'
  | 'openedOn'
  | 'deleted'
>;

/**
 * The shape of kept map points: raise it when MapPoint or its stored form changes, so points kept
 * by an older app are derived again rather than read with missing fields. 2: columns (below).
 */
export const MAP_POINTS_FORMAT = 2;

export function toMapPoint(point: ServicePoint): MapPoint {
  return {
    id: point.id,
    name: point.name,
    status: point.status,
    tier: point.tier,
    regionCode: point.regionCode,
    location: point.location,
    services: point.services,
    openedOn: point.openedOn,
    deleted: point.deleted,
  };
}

/** Live points only (a deleted record is never on the map). */
export function toMapPoints(points: readonly ServicePoint[]): MapPoint[] {
  const out: MapPoint[] = [];
  for (const point of points) if (!point.deleted) out.push(toMapPoint(point));
  return out;
}

/**
 * Strings of one field, end to end in one string, with each one's length (-1: null). One string
 * crosses IndexedDB's structured clone in one copy; 10,000 strings would be 10,000 steps.
 */
export interface StringColumn {
  text: string;
  lengths: Int32Array;
}

/**
 * The map's points as columns: typed arrays for numbers and closed lists, one string per text
 * field. Read out of IndexedDB this is a few copies of flat memory, where the JSON string it
 * replaced (format 1, 10,000 points) was a 475 ms task at 4× to read plus 130 ms to parse
 * (docs/PERFORMANCE.md, fifth session).
 */
export interface MapPointColumns {
  count: number;
  ids: StringColumn;
  names: StringColumn;
  regionCodes: StringColumn;
  openedOn: StringColumn;
  capturedAt: StringColumn;
  /** Index in SERVICE_POINT_STATUSES / SERVICE_POINT_TIERS. */
  status: Uint8Array;
  tier: Uint8Array;
  /** How many services each point offers, and their indexes in SERVICE_POINT_SERVICES, in order. */
  serviceCounts: Uint8Array;
  services: Uint8Array;
  /** 0: no location; 1 + index in LOCATION_SOURCES. */
  source: Uint8Array;
  lat: Float64Array;
  lng: Float64Array;
  /** NaN: null. */
  accuracy: Float64Array;
  deleted: Uint8Array;
}

const LOCATION_SOURCES = ['gps', 'map'] as const;

function stringColumn(values: readonly (string | null)[]): StringColumn {
  const lengths = new Int32Array(values.length);
  const parts: string[] = [];
  values.forEach((value, i) => {
    if (value === null) {
      lengths[i] = -1;
    } else {
      lengths[i] = value.length;
      parts.push(value);
    }
  });
  return { text: parts.join(''), lengths };
}

function readStrings(column: StringColumn): (string | null)[] {
  const out = new Array<string | null>(column.lengths.length);
  let at = 0;
  for (let i = 0; i < column.lengths.length; i++) {
    const length = column.lengths[i]!;
    if (length < 0) {
      out[i] = null;
    } else {
      out[i] = column.text.slice(at, at + length);
      at += length;
    }
  }
  if (at !== column.text.length) throw new Error('map points: a text column does not add up');
  return out;
}

/** Index of `value` in `list`, or -1 (a value this app does not know: then no columns). */
function indexIn(list: readonly string[], value: string): number {
  return list.indexOf(value);
}

/**
 * The columns of `points`, or null when a point has a value outside the closed lists this app
 * knows (a newer server's status): such points are kept as JSON instead (MAP_POINTS_CODEC).
 */
export function toColumns(points: readonly MapPoint[]): MapPointColumns | null {
  const n = points.length;
  const status = new Uint8Array(n);
  const tier = new Uint8Array(n);
  const serviceCounts = new Uint8Array(n);
  const services: number[] = [];
  const source = new Uint8Array(n);
  const lat = new Float64Array(n);
  const lng = new Float64Array(n);
  const accuracy = new Float64Array(n);
  const deleted = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const point = points[i]!;
    const s = indexIn(SERVICE_POINT_STATUSES, point.status);
    const t = indexIn(SERVICE_POINT_TIERS, point.tier);
    if (s < 0 || t < 0 || point.services.length > 255) return null;
    status[i] = s;
    tier[i] = t;
    serviceCounts[i] = point.services.length;
    for (const service of point.services) {
      const v = indexIn(SERVICE_POINT_SERVICES, service);
      if (v < 0) return null;
      services.push(v);
    }
    const location = point.location;
    if (location) {
      const src = indexIn(LOCATION_SOURCES, location.source);
      if (src < 0) return null;
      source[i] = src + 1;
      lat[i] = location.lat;
      lng[i] = location.lng;
      accuracy[i] = location.accuracy ?? NaN;
    } else {
      accuracy[i] = NaN;
    }
    deleted[i] = point.deleted ? 1 : 0;
  }
  return {
    count: n,
    ids: stringColumn(points.map((p) => p.id)),
    names: stringColumn(points.map((p) => p.name)),
    regionCodes: stringColumn(points.map((p) => p.regionCode)),
    openedOn: stringColumn(points.map((p) => p.openedOn)),
    capturedAt: stringColumn(points.map((p) => p.location?.capturedAt ?? null)),
    status,
    tier,
    serviceCounts,
    services: Uint8Array.from(services),
    source,
    lat,
    lng,
    accuracy,
    deleted,
  };
}

/**
 * One frozen array per list of services met (a handful: a point offers some of three), instead of
 * one array per point: 10,000 arrays fewer to build and collect on the map's cold start, where
 * this runs once, unoptimised (docs/PERFORMANCE.md, sixth session). Frozen, because points share
 * them. Lists of more than 6 services (none today) get an array of their own (the key is exact up to 6).
 */
function sharedServices(): (
  codes: Uint8Array,
  from: number,
  count: number,
) => ServicePointService[] {
  const lists = new Map<number, ServicePointService[]>();
  return (codes, from, count) => {
    if (count > 6) {
      return Array.from(codes.subarray(from, from + count), (c) => SERVICE_POINT_SERVICES[c]!);
    }
    let key = count;
    for (let k = 0; k < count; k++) key = key * 257 + codes[from + k]! + 1;
    let list = lists.get(key);
    if (!list) {
      list = Object.freeze(
        Array.from(codes.subarray(from, from + count), (c) => SERVICE_POINT_SERVICES[c]!),
      ) as ServicePointService[];
      lists.set(key, list);
    }
    return list;
  };
}

/** The points back from their columns: equal, field for field, to what toColumns was given. */
export function fromColumns(columns: MapPointColumns): MapPoint[] {
  const n = columns.count;
  const ids = readStrings(columns.ids);
  const names = readStrings(columns.names);
  const regionCodes = readStrings(columns.regionCodes);
  const openedOn = readStrings(columns.openedOn);
  const capturedAt = readStrings(columns.capturedAt);
  const out = new Array<MapPoint>(n);
  const servicesOf = sharedServices();
  let service = 0;
  for (let i = 0; i < n; i++) {
    const count = columns.serviceCounts[i]!;
    const services = servicesOf(columns.services, service, count);
    service += count;
    const src = columns.source[i]!;
    const accuracy = columns.accuracy[i]!;
    out[i] = {
      id: ids[i]!,
      name: names[i]!,
      status: SERVICE_POINT_STATUSES[columns.status[i]!]!,
      tier: SERVICE_POINT_TIERS[columns.tier[i]!]!,
      regionCode: regionCodes[i]!,
      location:
        src === 0
          ? null
          : {
              lat: columns.lat[i]!,
              lng: columns.lng[i]!,
              accuracy: Number.isNaN(accuracy) ? null : accuracy,
              source: LOCATION_SOURCES[src - 1]!,
              capturedAt: capturedAt[i]!,
            },
      services,
      openedOn: openedOn[i] ?? null,
      deleted: columns.deleted[i] === 1,
    };
  }
  return out;
}

function isColumns(stored: unknown): stored is MapPointColumns {
  return (
    typeof stored === 'object' &&
    stored !== null &&
    typeof (stored as MapPointColumns).count === 'number' &&
    // Not `instanceof`: a value read back from storage may come from another realm (a test's
    // IndexedDB in Node); the tag says what it is in any realm.
    Object.prototype.toString.call((stored as MapPointColumns).lat) === '[object Float64Array]'
  );
}

/**
 * Kept as columns (above); points with a value this app does not know as ONE JSON string, which
 * the database also hands back in one copy (format 1's way).
 */
export const MAP_POINTS_CODEC = {
  store: (points: readonly MapPoint[]): MapPointColumns | string =>
    toColumns(points) ?? JSON.stringify(points),
  /**
   * The points of a kept value. Columns are decoded once per value object (the database hands
   * the same object back until the value changes): the map's first read decodes them in a task
   * of its own, and the screen's first render then finds them decoded (docs/PERFORMANCE.md,
   * eighth session). The points are shared: read-only to every caller.
   */
  restore: (stored: unknown): readonly MapPoint[] => {
    if (typeof stored === 'string') return JSON.parse(stored) as MapPoint[];
    if (!isColumns(stored)) return [];
    const known = decoded.get(stored);
    if (known) return known;
    let points: readonly MapPoint[];
    try {
      points = fromColumns(stored);
    } catch {
      points = []; // columns that do not add up: shown as none, like any unknown shape
    }
    decoded.set(stored, points);
    return points;
  },
};

/** Columns already decoded, by the value object the database handed back (MAP_POINTS_CODEC). */
const decoded = new WeakMap<MapPointColumns, readonly MapPoint[]>();
