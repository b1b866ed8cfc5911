/**
 * The region gazetteer on the server: the same generated file the app downloads
 * (public/regions/<prefecture>.json), parsed once with the same parser (src/domain/region.ts).
 * Push checks that a record's place exists; user management checks scope codes.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PREFECTURE } from '../src/domain/generated/prefecture';
import type { Scope } from '../src/domain/protocol';
import { parseRegionFile, type RegionIndex } from '../src/domain/region';

const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));

let loaded: RegionIndex | undefined;

/** The prefecture's gazetteer, read from public/regions on first use. */
export function serverRegions(): RegionIndex {
  loaded ??= parseRegionFile(
    JSON.parse(
      readFileSync(resolve(REPO_ROOT, 'public', 'regions', `${PREFECTURE.code}.json`), 'utf8'),
    ) as unknown,
  );
  return loaded;
}

/** True when the code is the prefecture, or one of its counties, townships or villages. */
export function regionExists(regions: RegionIndex, code: string): boolean {
  if (code === regions.prefecture.code) return true;
  switch (code.length) {
    case 6:
      return regions.county(code) !== undefined;
    case 9:
      return regions.township(code) !== undefined;
    case 12:
      return regions.village(code) !== undefined;
    default:
      return false;
  }
}

/** True when a user's scope names a real area of this prefecture at the level it claims. */
export function scopeExists(regions: RegionIndex, scope: Scope): boolean {
  if (scope.level === 'prefecture') return scope.code === regions.prefecture.code;
  return regionExists(regions, scope.code);
}

/** "淳安县", "淳安县 · 千岛湖镇", "杭州市" for a scope, for messages and the CLI. */
export function describeScope(regions: RegionIndex, scope: Scope): string {
  if (scope.level === 'prefecture') return regions.prefecture.name;
  return regions.placeLabel(scope.code) ?? scope.code;
}
