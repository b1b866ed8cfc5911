/**
 * REGION, the deployment's area (docs/REGIONS.md "The deployment's area"): what the server does
 * with each kind of value before it serves anything.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countyCodeSchema } from '../src/domain/common';
import { deployment, setDeployment } from '../src/domain/deployment';
import { isInsideArea, parseRegionFile } from '../src/domain/region';
import { checkRegionSetting, parseAreaFile } from './area-file';
import { rootScope } from '../src/domain/levels';
import {
  builtRegion,
  configureDeployment,
  describeScope,
  readDeployment,
  regionExists,
  RegionSettingError,
  scopeExists,
  serverRegions,
} from './regions';
import { generatedRegions } from './test-support/generated-regions';

const REPO_ROOT = resolve(import.meta.dirname, '..');
const BUILT = deployment();
afterAll(() => setDeployment(BUILT));

/** A root holding only the default area's files, like a fresh clone. */
function freshRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'cundian-region-'));
  mkdirSync(join(root, 'public', 'regions'), { recursive: true });
  for (const name of ['3301.json', '3301-outlines.json', '3301-area.json']) {
    cpSync(join(REPO_ROOT, 'public', 'regions', name), join(root, 'public', 'regions', name));
  }
  return root;
}

describe('readDeployment', () => {
  const root = freshRoot();
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const refusal = (REGION: string | undefined): string => {
    try {
      readDeployment({ REGION }, root);
    } catch (error) {
      expect(error).toBeInstanceOf(RegionSettingError);
      return (error as Error).message;
    }
    throw new Error(`REGION=${REGION} was accepted`);
  };

  it('serves 3301 when REGION is unset or blank, from its area file', () => {
    expect(readDeployment({}, root)).toMatchObject({ code: '3301', name: '杭州市' });
    expect(readDeployment({ REGION: '  ' }, root).code).toBe('3301');
    // The build's copy leaves out the source line (vite.config.ts).
    expect({ ...readDeployment({ REGION: ' 3301 ' }, root), source: '' }).toEqual(BUILT);
  });

  it('says what to write for a malformed value', () => {
    for (const value of ['abc', '330127', '3', '33-01']) {
      expect(refusal(value)).toMatch(/不是地级市的 4 位或省的 2 位统计代码.*4-digit.*REGION=3301/);
    }
  });

  it('refuses a list, saying one code works', () => {
    expect(refusal('3301,3302')).toMatch(
      /REGION=3301,3302: .*不能是几个地区的列表.*not a list.*write one code/,
    );
    expect(refusal('33,34')).toMatch(/not a list/);
  });

  it('tells a code the official divisions do not know from one not generated yet', () => {
    expect(refusal('99')).toMatch(/REGION=99: .*中没有这个省.*no province has this code/);
    expect(refusal('3399')).toMatch(/REGION=3399: .*中没有这个地级市.*no prefecture has this code/);
    expect(refusal('3302')).toMatch(/REGION=3302: .*npm run regions -- 3302/);
    // A province is served like a prefecture: it only needs its data.
    expect(refusal('33')).toMatch(/REGION=33: .*npm run regions -- 33/);
  });
});

describe('configureDeployment', () => {
  it('makes the area and its gazetteer the process-wide ones', () => {
    const area = configureDeployment({ REGION: '3301' });
    expect(deployment()).toBe(area);
    expect(serverRegions().prefecture).toEqual({ code: '3301', name: '杭州市' });
  });
});

describe('builtRegion', () => {
  it("reads the build's area, or nothing when the build predates it", () => {
    const dir = mkdtempSync(join(tmpdir(), 'cundian-dist-'));
    expect(builtRegion(dir)).toBeUndefined();
    cpSync(join(REPO_ROOT, 'public', 'regions', '3301-area.json'), join(dir, 'deployment.json'));
    expect(builtRegion(dir)).toBe('3301');
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('the code names no area', () => {
  it('src/ and server/ name neither the default prefecture nor the demo county, outside the demo and tests', () => {
    const named = /杭州|淳安|千岛湖|Hangzhou|Chun'?an/;
    const found: string[] = [];
    for (const dir of ['src', 'server']) {
      for (const file of readdirSync(join(REPO_ROOT, dir), { recursive: true }) as string[]) {
        const path = join(dir, file);
        if (!/\.(ts|tsx|css|html)$/.test(path)) continue;
        if (/\.test\.tsx?$|test-support|[/\\]demo[/\\]/.test(path)) continue;
        const text = readFileSync(join(REPO_ROOT, path), 'utf8');
        text.split('\n').forEach((line, i) => {
          if (named.test(line)) found.push(`${path}:${i + 1}: ${line.trim()}`);
        });
      }
    }
    expect(found).toEqual([]);
  });
});

describe('checkRegionSetting and parseAreaFile', () => {
  it.each([
    ['3301', null],
    [' 3302 ', null],
    ['33', null],
    ['3301,3302', 'list'],
    ['33, 34', 'list'],
    ['', 'format'],
    ['330127', 'format'],
    ['hangzhou', 'format'],
    ['3', 'format'],
  ] as const)('%j → %s', (value, kind) => {
    expect(checkRegionSetting(value)?.kind ?? null).toBe(kind);
  });

  it('refuses a malformed area file with what is wrong', () => {
    const area = JSON.parse(
      readFileSync(join(REPO_ROOT, 'public', 'regions', '3301-area.json'), 'utf8'),
    ) as Record<string, unknown>;
    expect(() => parseAreaFile({ ...area, prefectures: [] })).toThrow(/prefectures/);
    expect(() => parseAreaFile({ ...area, bbox: [1, 2, 3] })).toThrow(/bbox/);
    expect(() => parseAreaFile({ ...area, v: 2 })).toThrow(/v1/);
    expect({ ...parseAreaFile(area), source: '' }).toEqual(BUILT);
  });
});

describe('another area, generated', () => {
  let outDir = '';
  beforeAll(() => {
    // The whole province: its 11 prefectures' files and one area file for all of it.
    outDir = generatedRegions('33');
  });
  afterAll(() => {
    configureDeployment({ REGION: BUILT.code });
    setDeployment(BUILT);
  });
  const generated = (relPath: string): unknown =>
    JSON.parse(readFileSync(join(outDir, relPath), 'utf8'));

  it("writes the province's area: its 11 prefectures, a bbox holding each", () => {
    const province = parseAreaFile(generated('public/regions/33-area.json'));
    expect(province).toMatchObject({ code: '33', name: '浙江省', level: 'province' });
    expect(province.prefectures.map(([code]) => code)).toEqual(
      Array.from({ length: 11 }, (_, i) => `33${String(i + 1).padStart(2, '0')}`),
    );
    const [minLng, minLat, maxLng, maxLat] = province.bbox!;
    for (const [, , bbox] of province.prefectures) {
      expect(bbox![0]).toBeGreaterThanOrEqual(minLng);
      expect(bbox![1]).toBeGreaterThanOrEqual(minLat);
      expect(bbox![2]).toBeLessThanOrEqual(maxLng);
      expect(bbox![3]).toBeLessThanOrEqual(maxLat);
    }
  });

  it('serves the province: its area, one gazetteer over its 11 prefectures, its scopes', () => {
    const area = configureDeployment({ REGION: '33' }, outDir);
    expect(area).toMatchObject({ code: '33', name: '浙江省', level: 'province' });
    expect(rootScope()).toEqual({ level: 'province', code: '33' });
    const regions = serverRegions();
    expect(regions.prefecture).toEqual({ code: '33', name: '浙江省' });
    expect(regions.county('330127')?.name).toBe('淳安县');
    expect(regions.county('330225')?.name).toBe('象山县');
    expect(new Set(regions.counties.map((c) => c.code.slice(0, 4))).size).toBe(11);
    expect(regionExists(regions, '3302')).toBe(true);
    expect(regionExists(regions, '3399')).toBe(false);
    // The province is a scope only here; prefectures are ordinary areas one level below it.
    expect(scopeExists(regions, { level: 'province', code: '33' })).toBe(true);
    expect(scopeExists(regions, { level: 'province', code: '34' })).toBe(false);
    expect(scopeExists(regions, { level: 'prefecture', code: '3302' })).toBe(true);
    expect(scopeExists(regions, { level: 'prefecture', code: '3312' })).toBe(false);
    expect(scopeExists(regions, { level: 'prefecture', code: '3401' })).toBe(false);
    expect(scopeExists(regions, { level: 'county', code: '330225' })).toBe(true);
    expect(describeScope(regions, { level: 'province', code: '33' })).toBe('浙江省');
    expect(describeScope(regions, { level: 'prefecture', code: '3302' })).toBe('宁波市');
    expect(describeScope(regions, { level: 'county', code: '330225' })).toBe('象山县');

    // Back to the default area: no province scope there, only its own prefecture.
    configureDeployment({ REGION: '3301' });
    const hangzhou = serverRegions();
    expect(scopeExists(hangzhou, { level: 'province', code: '33' })).toBe(false);
    expect(scopeExists(hangzhou, { level: 'prefecture', code: '3301' })).toBe(true);
    expect(scopeExists(hangzhou, { level: 'prefecture', code: '3302' })).toBe(false);
    expect(scopeExists(hangzhou, { level: 'county', code: '330225' })).toBe(false);
  });

  it("another prefecture's area moves the GPS check and the code schemas with it", () => {
    const ningbo = parseAreaFile(generated('public/regions/3302-area.json'));
    expect(ningbo).toMatchObject({ code: '3302', name: '宁波市', level: 'prefecture' });
    // 3302's gazetteer parses with the same parser as the committed one.
    const ningboRegions = parseRegionFile(generated('public/regions/3302.json'));
    const county = ningboRegions.counties[0]!.code;
    setDeployment(ningbo);
    expect(isInsideArea(29.87, 121.55)).toBe(true); // Ningbo
    expect(isInsideArea(30.245, 120.14)).toBe(false); // West Lake
    expect(countyCodeSchema.safeParse(county).success).toBe(true);
    expect(countyCodeSchema.safeParse('330127').success).toBe(false);
    setDeployment(BUILT);
    expect(isInsideArea(30.245, 120.14)).toBe(true);
    expect(countyCodeSchema.safeParse('330127').success).toBe(true);
    expect(countyCodeSchema.safeParse(county).success).toBe(false);
  });
});
