/**
 * Region gazetteer (DESIGN.md §2): prefecture → county/district (区县市) → township (乡镇/街道) →
 * village or community (村/社区), keyed by the 12-digit statistical codes.
 *
 * This file owns:
 * - the shape of the generated region file (public/regions/<code>.json, written by
 *   scripts/generate-regions.mjs) and its validation (parseRegionFile);
 * - the in-memory index the app and the server look regions up in (RegionIndex): by code, by
 *   parent, type-ahead search, display labels;
 * - the naming rules (rural = 村委会/村民委员会; short display names) and code-prefix helpers;
 * - isInsideArea, the cheap "is this GPS point in the deployment's area?" check.
 *
 * Pure: no DOM, no Node APIs, no UI libraries — it runs in the browser and on the server.
 */
import { deployment, type Deployment } from './deployment';
import { AREA_LEVELS, LEVEL_DIGITS } from './levels';
import { groupBy } from './groups';

// ---------------------------------------------------------------------------------------------
// File format (v1)

export const REGION_FILE_VERSION = 1;

/** Rows as stored; parent codes are the code prefixes (county = 6 digits, township = 9). */
export interface RegionFileV1 {
  v: 1;
  source: string;
  prefecture: { code: string; name: string };
  counties: [code6: string, name: string][];
  townships: [code9: string, name: string][];
  villages: [code12: string, name: string, rural: 0 | 1][];
}

export interface Prefecture {
  code: string;
  name: string;
}

export interface County {
  code: string;
  name: string;
}

export interface Township {
  code: string;
  name: string;
  countyCode: string;
}

export interface Village {
  code: string;
  /** Official name, e.g. 王家村村委会, 清波门社区. */
  name: string;
  /** Display name, e.g. 王家村 (see shortVillageName). */
  shortName: string;
  countyCode: string;
  townshipCode: string;
  /** A villagers' committee (村委会/村民委员会), as opposed to an urban community. */
  rural: boolean;
}

export interface VillageSearchOptions {
  /** Only villages under this county (6 digits) or township (9 digits). */
  scope?: string;
  /** At most this many results (default 20). */
  limit?: number;
}

export interface RegionIndex {
  readonly source: string;
  readonly prefecture: Prefecture;
  /** Sorted by code. */
  readonly counties: readonly County[];
  readonly townships: readonly Township[];
  readonly villages: readonly Village[];
  readonly countiesByCode: ReadonlyMap<string, County>;
  readonly townshipsByCode: ReadonlyMap<string, Township>;
  readonly villagesByCode: ReadonlyMap<string, Village>;
  /**
   * Rural villages under every area code (2, 4, 6 and 9 digits): the coverage denominators. Known
   * for every county of the index even where its villages are not loaded (parseRegionParts).
   */
  readonly ruralCounts: ReadonlyMap<string, number>;
  /**
   * The counties whose villages the index holds, or null for all of them. A county user's device
   * loads its own county's villages only (docs/REGIONS.md "Per-county gazetteer"): every other
   * county's and township's name and count, but no villages — a village code elsewhere is then
   * unknown, as a code of another prefecture is.
   */
  readonly villagesLoadedFor: ReadonlySet<string> | null;
  county(code: string): County | undefined;
  township(code: string): Township | undefined;
  village(code: string): Village | undefined;
  /** Townships of a county, by code; empty for an unknown county. */
  townshipsOf(countyCode: string): readonly Township[];
  /** Villages and communities of a township, by code; empty for an unknown township. */
  villagesOf(townshipCode: string): readonly Village[];
  /**
   * Type-ahead: villages whose official or short name contains the query. Exact short-name hits
   * come first, then prefix hits, then the rest, each group in code order. A blank query
   * returns nothing.
   */
  searchVillages(query: string, options?: VillageSearchOptions): Village[];
  /**
   * "某某县 · 某某镇 · 某某村" for a village code, "某某县 · 某某镇" for a township code,
   * "某某县" for a county code, "某某市" for a prefecture of a province deployment; undefined if
   * the code is not in the gazetteer.
   */
  placeLabel(code: string): string | undefined;
  /**
   * The most specific code for place names as people write them in a spreadsheet (county, then
   * township within it, then village within that; official or short names), or undefined when a
   * given name does not match. Empty names stop the descent: ('某某县', '', '') → the county code.
   */
  resolvePlace(county: string, township: string, village: string): string | undefined;
}

// ---------------------------------------------------------------------------------------------
// Code and name helpers

const PREFECTURE_CODE = /^\d{4}$/;
const COUNTY_CODE = /^\d{6}$/;
const TOWNSHIP_CODE = /^\d{9}$/;
const VILLAGE_CODE = /^\d{12}$/;

/** The county (6-digit) code of a county, township or village code. */
export function countyCodeOf(code: string): string {
  if (!/^\d{6}(\d{3}(\d{3})?)?$/.test(code)) {
    throw new Error(`countyCodeOf: "${code}" is not a 6-, 9- or 12-digit region code`);
  }
  return code.slice(0, 6);
}

/** The township (9-digit) code of a township or village code. */
export function townshipCodeOf(code: string): string {
  if (!/^\d{9}(\d{3})?$/.test(code)) {
    throw new Error(`townshipCodeOf: "${code}" is not a 9- or 12-digit region code`);
  }
  return code.slice(0, 9);
}

const RURAL_SUFFIX = /(村委会|村民委员会)$/;

/** Rural village = villagers' committee: the official name ends in 村委会 or 村民委员会. */
export function isRuralVillageName(name: string): boolean {
  return RURAL_SUFFIX.test(name);
}

/**
 * Display name without the committee suffix. The official names come in these forms (the default area's,
 * 2023): 王家村村委会 and 富城村村民委员会 (village name + committee) → 王家村, 富城村;
 * 沿山村委会 (the 村 is shared with the committee) → 沿山村; 清波门社区 → unchanged;
 * 墨香湖社区居委会 / 凤林社区居民委员会 → 墨香湖社区, 凤林社区; 邓家居委会 / 下涯居民委员会 →
 * 邓家居委会, 下涯居委会 (without 社区 the bare place name would read like a village, so the
 * short form 居委会 stays). The source also has a doubled suffix (沈冠村村委会村委会 → 沈冠村).
 * Anything else (e.g. 围垦生活区) is returned unchanged.
 */
export function shortVillageName(name: string): string {
  let base = name;
  while (RURAL_SUFFIX.test(base)) base = base.replace(RURAL_SUFFIX, '');
  if (base !== name) {
    if (base === '') return name;
    return base.endsWith('村') ? base : `${base}村`;
  }
  const community = /^(.+社区)(居委会|居民委员会)$/.exec(name);
  if (community?.[1]) return community[1];
  if (name.endsWith('居民委员会') && name.length > '居民委员会'.length) {
    return `${name.slice(0, -'居民委员会'.length)}居委会`;
  }
  return name;
}

// ---------------------------------------------------------------------------------------------
// Parsing

function fileError(detail: string): Error {
  return new Error(`Not a v1 region file: ${detail}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkRows(
  file: Record<string, unknown>,
  key: 'counties' | 'townships' | 'villages',
  codePattern: RegExp,
  width: 2 | 3,
): unknown[][] {
  const rows = file[key];
  if (!Array.isArray(rows)) throw fileError(`"${key}" must be an array`);
  const expected = width === 2 ? '[code, name]' : '[code, name, 0|1]';
  rows.forEach((row: unknown, i) => {
    const ok =
      Array.isArray(row) &&
      row.length === width &&
      typeof row[0] === 'string' &&
      codePattern.test(row[0]) &&
      typeof row[1] === 'string' &&
      row[1] !== '' &&
      (width === 2 || row[2] === 0 || row[2] === 1);
    if (!ok) {
      throw fileError(`${key}[${i}] should be ${expected}, got ${JSON.stringify(row)}`);
    }
  });
  return rows as unknown[][];
}

/**
 * Validates a parsed region file and builds its index. Throws an Error saying what is wrong if
 * `json` is not a v1 region file, or if a row's parent is missing (the parent codes are
 * code prefixes, so an orphan means a truncated or mixed-up file).
 */
export function parseRegionFile(json: unknown): RegionIndex {
  return buildRegionIndex(checkRegionFile(json));
}

/**
 * Several prefectures' region files as one index under the area they make up (a province, or a
 * list of prefectures: the deployment's area, deployment.ts), whose code and name the index
 * carries as its `prefecture` (the root of its places). Each file is validated as
 * parseRegionFile does; a county of one prefecture filed under another is refused.
 */
export function parseRegionFiles(
  jsons: readonly unknown[],
  area: { code: string; name: string },
): RegionIndex {
  const files = jsons.map(checkRegionFile);
  if (files.length === 0) throw fileError('no region files');
  // Each file's counties under its own prefecture (their townships and villages hang below them).
  for (const file of files) {
    const stray = file.counties.find(([code]) => !code.startsWith(file.prefecture.code));
    if (stray) throw fileError(`${stray[0]} is not under prefecture ${file.prefecture.code}`);
  }
  return buildRegionIndex(
    {
      v: 1,
      source: files[0]!.source,
      prefecture: { code: area.code, name: area.name },
      counties: files.flatMap((f) => f.counties),
      townships: files.flatMap((f) => f.townships),
      villages: files.flatMap((f) => f.villages),
    },
    files.map((f) => f.prefecture.code),
  );
}

/**
 * The names-and-counts file of a prefecture (public/regions/<prefecture>-names.json): every
 * county and township with its name, each township with its rural-village count. No villages.
 */
export interface RegionNamesFileV1 {
  v: 1;
  kind: 'names';
  source: string;
  prefecture: { code: string; name: string };
  counties: [code6: string, name: string][];
  townships: [code9: string, name: string, rural: number][];
}

function checkNamesFile(json: unknown): RegionNamesFileV1 {
  if (!isRecord(json) || json.kind !== 'names') throw fileError('expected a names file');
  const base = checkRegionFile({ ...json, townships: [], villages: [] });
  const rows = json.townships;
  if (!Array.isArray(rows)) throw fileError('"townships" must be an array');
  rows.forEach((row: unknown, i) => {
    const ok =
      Array.isArray(row) &&
      row.length === 3 &&
      typeof row[0] === 'string' &&
      TOWNSHIP_CODE.test(row[0]) &&
      typeof row[1] === 'string' &&
      row[1] !== '' &&
      Number.isInteger(row[2]) &&
      (row[2] as number) >= 0;
    if (!ok) {
      throw fileError(
        `townships[${i}] should be [code, name, rural count], got ${JSON.stringify(row)}`,
      );
    }
  });
  return {
    v: 1,
    kind: 'names',
    source: base.source,
    prefecture: base.prefecture,
    counties: base.counties,
    townships: rows as RegionNamesFileV1['townships'],
  };
}

/**
 * A county user's gazetteer (docs/REGIONS.md "Per-county gazetteer"): the prefecture's names and
 * counts (every county and township, the rural-village counts) with the villages of the given
 * county files only. One RegionIndex as for a whole file: `villages`, `village(code)`, the
 * searches and `villagesOf` know the loaded counties' villages; a village elsewhere is unknown.
 * A county file of another prefecture, or one whose townships the names file lacks, is refused.
 */
export function parseRegionParts(names: unknown, countyFiles: readonly unknown[]): RegionIndex {
  const head = checkNamesFile(names);
  const parts = countyFiles.map(checkRegionFile);
  for (const part of parts) {
    if (part.prefecture.code !== head.prefecture.code) {
      throw fileError(
        `county file of prefecture ${part.prefecture.code}, names of ${head.prefecture.code}`,
      );
    }
  }
  const loaded = new Set(parts.flatMap((part) => part.counties.map(([code]) => code)));
  const ruralCounts = new Map<string, number>();
  for (const [code, , rural] of head.townships) {
    if (rural > 0) addUnderPrefixes(ruralCounts, code, rural);
  }
  return buildRegionIndex(
    {
      v: 1,
      source: head.source,
      prefecture: head.prefecture,
      counties: head.counties,
      townships: head.townships.map(([code, name]) => [code, name]),
      villages: parts.flatMap((part) => part.villages),
    },
    [head.prefecture.code],
    { ruralCounts, villagesLoadedFor: loaded },
  );
}

/** The code lengths of the levels (province, prefecture, county, township): levels.ts. */
const AREA_PREFIX_LENGTHS = AREA_LEVELS.map((level) => LEVEL_DIGITS[level]);

function addUnderPrefixes(counts: Map<string, number>, code: string, n: number): void {
  for (const length of AREA_PREFIX_LENGTHS) {
    if (code.length < length) break;
    const prefix = code.slice(0, length);
    counts.set(prefix, (counts.get(prefix) ?? 0) + n);
  }
}

function checkRegionFile(json: unknown): RegionFileV1 {
  if (!isRecord(json)) throw fileError('expected an object');
  if (json.v !== REGION_FILE_VERSION) {
    throw fileError(`"v" is ${JSON.stringify(json.v)}, expected ${REGION_FILE_VERSION}`);
  }
  if (typeof json.source !== 'string') throw fileError('"source" must be a string');
  const prefecture = json.prefecture;
  if (
    !isRecord(prefecture) ||
    typeof prefecture.code !== 'string' ||
    !/^\d{4}$/.test(prefecture.code) ||
    typeof prefecture.name !== 'string'
  ) {
    throw fileError('"prefecture" must be {code: 4 digits, name}');
  }
  const counties = checkRows(json, 'counties', COUNTY_CODE, 2);
  const townships = checkRows(json, 'townships', TOWNSHIP_CODE, 2);
  const villages = checkRows(json, 'villages', VILLAGE_CODE, 3);

  const file: RegionFileV1 = {
    v: 1,
    source: json.source,
    prefecture: { code: prefecture.code, name: prefecture.name },
    counties: counties as RegionFileV1['counties'],
    townships: townships as RegionFileV1['townships'],
    villages: villages as RegionFileV1['villages'],
  };
  return file;
}

// ---------------------------------------------------------------------------------------------
// Index

const byCode = <T extends { code: string }>(a: T, b: T): number =>
  a.code < b.code ? -1 : a.code > b.code ? 1 : 0;

/** NFKC so full-width and half-width forms match (艾溪（西湖）社区 vs 艾溪(西湖)). */
const normalizeForSearch = (text: string): string => text.normalize('NFKC').replace(/\s+/g, '');

/** `prefixes`: the prefectures the counties must lie in (one file: its own). */
function buildRegionIndex(
  file: RegionFileV1,
  prefixes: readonly string[] = [file.prefecture.code],
  partial?: { ruralCounts: Map<string, number>; villagesLoadedFor: ReadonlySet<string> },
): RegionIndex {
  const outsidePrefecture = (code: string): Error =>
    fileError(`${code} is not under prefecture ${prefixes.join(', ')}`);

  const counties: County[] = file.counties.map(([code, name]) => {
    if (!prefixes.some((prefix) => code.startsWith(prefix))) throw outsidePrefecture(code);
    return { code, name };
  });
  counties.sort(byCode);
  const countiesByCode = new Map(counties.map((c) => [c.code, c]));

  const townships: Township[] = file.townships.map(([code, name]) => {
    const countyCode = code.slice(0, 6);
    if (!countiesByCode.has(countyCode)) throw fileError(`township ${code} has no county`);
    return { code, name, countyCode };
  });
  townships.sort(byCode);
  const townshipsByCode = new Map(townships.map((t) => [t.code, t]));

  const villages: Village[] = file.villages.map(([code, name, rural]) => {
    const townshipCode = code.slice(0, 9);
    if (!townshipsByCode.has(townshipCode)) throw fileError(`village ${code} has no township`);
    return {
      code,
      name,
      shortName: shortVillageName(name),
      countyCode: code.slice(0, 6),
      townshipCode,
      rural: rural === 1,
    };
  });
  villages.sort(byCode);
  const villagesByCode = new Map(villages.map((v) => [v.code, v]));
  let ruralCounts = partial?.ruralCounts;
  if (!ruralCounts) {
    ruralCounts = new Map<string, number>();
    for (const v of villages) if (v.rural) addUnderPrefixes(ruralCounts, v.code, 1);
  }

  for (const [label, list] of [
    ['county', counties],
    ['township', townships],
    ['village', villages],
  ] as const) {
    for (let i = 1; i < list.length; i++) {
      if (list[i]?.code === list[i - 1]?.code)
        throw fileError(`duplicate ${label} ${list[i]?.code}`);
    }
  }

  const townshipsOfCounty = groupBy(townships, (t) => t.countyCode);
  const villagesOfTownship = groupBy(villages, (v) => v.townshipCode);
  const villagesOfCounty = groupBy(villages, (v) => v.countyCode);
  const searchKeys = new Map(
    villages.map((v) => [v, [normalizeForSearch(v.name), normalizeForSearch(v.shortName)]]),
  );

  const searchVillages = (query: string, options: VillageSearchOptions = {}): Village[] => {
    const { scope, limit = 20 } = options;
    const needle = normalizeForSearch(query);
    if (needle === '' || limit <= 0) return [];
    let candidates: readonly Village[] = villages;
    if (scope !== undefined) {
      if (TOWNSHIP_CODE.test(scope)) candidates = villagesOfTownship.get(scope) ?? [];
      else if (COUNTY_CODE.test(scope)) candidates = villagesOfCounty.get(scope) ?? [];
      else throw new Error(`searchVillages: scope "${scope}" is not a 6- or 9-digit code`);
    }
    // Three buckets keep the ranking stable and the scan a single pass over ~3,000 rows.
    const exact: Village[] = [];
    const prefix: Village[] = [];
    const other: Village[] = [];
    for (const village of candidates) {
      const [name = '', short = ''] = searchKeys.get(village) ?? [];
      if (short === needle || name === needle) exact.push(village);
      else if (short.startsWith(needle) || name.startsWith(needle)) prefix.push(village);
      else if (name.includes(needle) || short.includes(needle)) other.push(village);
      if (exact.length >= limit) break;
    }
    return [...exact, ...prefix, ...other].slice(0, limit);
  };

  const placeLabel = (code: string): string | undefined => {
    // A province's prefecture (4 digits) is named from the deployment, which lists them.
    if (PREFECTURE_CODE.test(code)) return deployment().prefectures.find(([c]) => c === code)?.[1];
    const county = countiesByCode.get(code.slice(0, 6));
    if (!county) return undefined;
    if (COUNTY_CODE.test(code)) return county.name;
    const township = townshipsByCode.get(code.slice(0, 9));
    if (!township) return undefined;
    if (TOWNSHIP_CODE.test(code)) return `${county.name} · ${township.name}`;
    const village = VILLAGE_CODE.test(code) ? villagesByCode.get(code) : undefined;
    if (!village) return undefined;
    return `${county.name} · ${township.name} · ${village.shortName}`;
  };

  const resolvePlace = (countyName: string, townshipName: string, villageName: string) => {
    const same = (a: string, b: string) => normalizeForSearch(a) === normalizeForSearch(b);
    const county = counties.find((c) => same(c.name, countyName));
    if (!county) return undefined;
    if (townshipName.trim() === '') return villageName.trim() === '' ? county.code : undefined;
    const township = (townshipsOfCounty.get(county.code) ?? []).find((t) =>
      same(t.name, townshipName),
    );
    if (!township) return undefined;
    if (villageName.trim() === '') return township.code;
    const village = (villagesOfTownship.get(township.code) ?? []).find(
      (v) => same(v.name, villageName) || same(v.shortName, villageName),
    );
    return village?.code;
  };

  return {
    source: file.source,
    prefecture: { ...file.prefecture },
    counties,
    townships,
    villages,
    countiesByCode,
    townshipsByCode,
    villagesByCode,
    ruralCounts,
    villagesLoadedFor: partial?.villagesLoadedFor ?? null,
    county: (code) => countiesByCode.get(code),
    township: (code) => townshipsByCode.get(code),
    village: (code) => villagesByCode.get(code),
    townshipsOf: (countyCode) => townshipsOfCounty.get(countyCode) ?? [],
    villagesOf: (townshipCode) => villagesOfTownship.get(townshipCode) ?? [],
    searchVillages,
    placeLabel,
    resolvePlace,
  };
}

// ---------------------------------------------------------------------------------------------
// GPS check

/**
 * Points this close to a ring edge count as inside. The bundled rings are simplified to ~1.3 km
 * (tolerance 0.012°) and the county rings of the source do not tile exactly, so a point on a
 * county border or just inside the prefecture border may fall outside every ring.
 */
const EDGE_TOLERANCE_KM = 1.5;
const KM_PER_DEG_LAT = 110.574;
const KM_PER_DEG_LNG_AT_EQUATOR = 111.32;

interface PreparedRing {
  points: readonly number[][];
  minLng: number;
  minLat: number;
  maxLng: number;
  maxLat: number;
}

let prepared: { area: Deployment; rings: PreparedRing[] } | undefined;

function prepareRings(): PreparedRing[] {
  const area = deployment();
  if (prepared?.area === area) return prepared.rings;
  const rings = area.outline
    .filter((ring) => ring.length >= 3)
    .map((points) => {
      let minLng = Infinity;
      let minLat = Infinity;
      let maxLng = -Infinity;
      let maxLat = -Infinity;
      for (const [lng = NaN, lat = NaN] of points) {
        minLng = Math.min(minLng, lng);
        maxLng = Math.max(maxLng, lng);
        minLat = Math.min(minLat, lat);
        maxLat = Math.max(maxLat, lat);
      }
      return { points, minLng, minLat, maxLng, maxLat };
    });
  prepared = { area, rings };
  return rings;
}

/** Even-odd ray casting; the ring may or may not repeat its first point at the end. */
function isInsideRing(lng: number, lat: number, points: readonly number[][]): boolean {
  let inside = false;
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
    const [xi = 0, yi = 0] = points[i] ?? [];
    const [xj = 0, yj = 0] = points[j] ?? [];
    if (yi > lat !== yj > lat && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Distance in km from the point to the ring's nearest edge (equirectangular, fine at 2 km). */
function distanceToRingKm(lng: number, lat: number, points: readonly number[][]): number {
  const kmPerDegLng = KM_PER_DEG_LNG_AT_EQUATOR * Math.cos((lat * Math.PI) / 180);
  let best = Infinity;
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
    const [xi = 0, yi = 0] = points[i] ?? [];
    const [xj = 0, yj = 0] = points[j] ?? [];
    // Edge from a to b in km, relative to the point.
    const ax = (xj - lng) * kmPerDegLng;
    const ay = (yj - lat) * KM_PER_DEG_LAT;
    const dx = (xi - xj) * kmPerDegLng;
    const dy = (yi - yj) * KM_PER_DEG_LAT;
    const lengthSq = dx * dx + dy * dy;
    const t = lengthSq === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / lengthSq));
    best = Math.min(best, Math.hypot(ax + t * dx, ay + t * dy));
  }
  return best;
}

/**
 * Whether a WGS-84 point lies in the deployment's area: inside any of its coarse county rings or
 * within 1.5 km of one of their edges. Meant to catch a wrong GPS fix or swapped lat/lng, not to
 * decide which county a point is in. The outline source has an undocumented datum (a few hundred
 * metres, well inside the tolerance). If the area has no outline (its area file's is empty,
 * see docs/REGIONS.md) nothing can be checked and every valid coordinate is accepted.
 */
export function isInsideArea(lat: number, lng: number): boolean {
  if (!Number.isFinite(lat) || !Number.isFinite(lng) || Math.abs(lat) > 90 || Math.abs(lng) > 180) {
    return false;
  }
  const rings = prepareRings();
  if (rings.length === 0) return true;
  const marginLat = EDGE_TOLERANCE_KM / KM_PER_DEG_LAT;
  const marginLng =
    EDGE_TOLERANCE_KM /
    (KM_PER_DEG_LNG_AT_EQUATOR * Math.max(0.01, Math.cos((lat * Math.PI) / 180)));
  const near = rings.filter(
    (r) =>
      lng >= r.minLng - marginLng &&
      lng <= r.maxLng + marginLng &&
      lat >= r.minLat - marginLat &&
      lat <= r.maxLat + marginLat,
  );
  if (near.some((r) => isInsideRing(lng, lat, r.points))) return true;
  return near.some((r) => distanceToRingKm(lng, lat, r.points) <= EDGE_TOLERANCE_KM);
}
