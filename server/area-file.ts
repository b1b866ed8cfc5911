/**
 * The area file and REGION as an operator writes it (docs/REGIONS.md, "The deployment's area"):
 * read by the server, the scripts and the build (vite.config.ts), never by the app, which gets
 * the area baked in (deployment.ts). Kept apart so the first screen does not carry the parser.
 *
 * Pure: no DOM, no Node APIs.
 */
import type { Bbox, Deployment } from '../src/domain/deployment';

// ---------------------------------------------------------------------------------------------
// REGION: what an operator may write, checked before any file is read

/** What REGION may be: one prefecture's 4 digits or one province's 2. */
const AREA_REGION = /^(\d{2}|\d{4})$/;

export type RegionSettingProblem =
  { kind: 'format'; value: string } | { kind: 'list'; value: string };

/**
 * Checks REGION's shape: a 4-digit prefecture code or a 2-digit province code. A list of them is
 * recognised and refused with its own reason: its area would have no one root scope (one admin
 * over exactly those prefectures) and no name (docs/REGIONS.md, "A province deployment").
 */
export function checkRegionSetting(value: string): RegionSettingProblem | null {
  const trimmed = value.trim();
  if (AREA_REGION.test(trimmed)) return null;
  if (/^\d{2}(\d{2})?(,\s*\d{2}(\d{2})?)+$/.test(trimmed)) return { kind: 'list', value: trimmed };
  return { kind: 'format', value };
}

// ---------------------------------------------------------------------------------------------
// The area file

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function isBbox(value: unknown): value is Bbox {
  return (
    Array.isArray(value) &&
    value.length === 4 &&
    value.every((n) => typeof n === 'number' && Number.isFinite(n))
  );
}

function isRing(value: unknown): value is number[][] {
  return (
    Array.isArray(value) &&
    value.every(
      (p) =>
        Array.isArray(p) &&
        p.length === 2 &&
        p.every((n) => typeof n === 'number' && Number.isFinite(n)),
    )
  );
}

/** The generated area file (public/regions/<REGION>-area.json) as a Deployment; throws if malformed. */
export function parseAreaFile(json: unknown): Deployment {
  const fail = (what: string): never => {
    throw new Error(`area file: ${what}`);
  };
  if (!isRecord(json) || json.v !== 1) return fail('not a v1 area file');
  const { code, name, level, province, prefectures, bbox, outline, source } = json;
  if (typeof code !== 'string' || !/^\d{2}(\d{2})?(,\d{2}(\d{2})?)*$/.test(code)) {
    return fail('"code" must be a REGION');
  }
  if (typeof name !== 'string' || name === '') return fail('"name" must be a name');
  if (level !== 'prefecture' && level !== 'province' && level !== 'prefectures') {
    return fail('"level" must be prefecture, province or prefectures');
  }
  let provinceOf: Deployment['province'] = null;
  if (province !== null) {
    if (
      !isRecord(province) ||
      typeof province.code !== 'string' ||
      typeof province.name !== 'string'
    ) {
      return fail('"province" must be {code, name} or null');
    }
    provinceOf = { code: province.code, name: province.name };
  }
  if (
    !Array.isArray(prefectures) ||
    prefectures.length === 0 ||
    !prefectures.every(
      (p) =>
        Array.isArray(p) &&
        typeof p[0] === 'string' &&
        /^\d{4}$/.test(p[0]) &&
        typeof p[1] === 'string' &&
        (p[2] === null || isBbox(p[2])),
    )
  ) {
    return fail('"prefectures" must be [[code4, name, bbox | null], ...]');
  }
  if (bbox !== null && !isBbox(bbox))
    return fail('"bbox" must be [minLng, minLat, maxLng, maxLat]');
  if (!Array.isArray(outline) || !outline.every(isRing)) return fail('"outline" must be rings');
  return {
    code,
    name,
    level,
    province: provinceOf,
    prefectures: prefectures as Deployment['prefectures'],
    bbox,
    outline,
    source: typeof source === 'string' ? source : '',
  };
}
