/**
 * Drilling down a province (issue 16 part 2): which areas lie one level below each area, the way
 * back up, and the figures at every level — a prefecture measured against its OWN target, never
 * the province's, and a county's hint from its own prefecture's target. A small two-prefecture
 * gazetteer (parseRegionFiles, as a province deployment loads it) and a province descriptor
 * (setDeployment); no whole-province file needed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { areaAbove, areaNameOf, areasBelow, areaTrail, isDeploymentArea } from './areas';
import { deployment, setDeployment } from './deployment';
import { oneCountyPrefectureFile, twoPrefectureProvince } from '../test-support/province';
import { areaOfCode, areaTable, measure, metricFacts, type MetricInput } from './metrics';
import { parseRegionFiles, type RegionIndex } from './region';
import { targetId, type Target, type TargetMetric } from './target';

const built = deployment();
afterEach(() => setDeployment(built));

const province = twoPrefectureProvince(built);

const file = (prefecture: [string, string], county: [string, string], rural: number) =>
  oneCountyPrefectureFile({
    prefecture: prefecture[0],
    name: prefecture[1],
    county: county[0],
    countyName: county[1],
    rural,
    townships: ['甲镇', '乙镇'],
    communities: 1,
  });

function gazetteer(): RegionIndex {
  return parseRegionFiles(
    [
      file(['3301', '杭州市'], ['330127', '淳安县'], 3),
      file(['3302', '宁波市'], ['330225', '象山县'], 1),
    ],
    { code: '33', name: '浙江省' },
  );
}

function target(countyCode: string | null, metric: TargetMetric, value: number): Target {
  return {
    id: targetId(2026, countyCode, metric),
    year: 2026,
    countyCode,
    metric,
    value,
    version: 1,
    deleted: false,
    updatedAt: '2026-01-01T00:00:00Z',
    updatedBy: 'admin',
  } as Target;
}

function openPoint(regionCode: string) {
  return {
    regionCode,
    statusHistory: [{ status: 'open', date: '2026-01-10' }] as never,
    deleted: false,
  };
}

function input(regions: RegionIndex, targets: Target[]): MetricInput {
  return {
    villages: regions.villages,
    points: [openPoint('330127100200'), openPoint('330127100201'), openPoint('330225100200')],
    trainees: [],
    sessions: [],
    attendance: [],
    centralTowns: [],
    stores: [],
    pilots: [],
    shops: [],
    targets,
  };
}

describe('the areas of a province deployment', () => {
  it('lists one level down at every level: prefectures, counties, townships, then nothing', () => {
    setDeployment(province);
    const regions = gazetteer();
    const codes = (code: string) => areasBelow(code, regions).map((a) => `${a.level}:${a.name}`);
    expect(codes('33')).toEqual(['prefecture:杭州市', 'prefecture:宁波市']);
    expect(codes('3301')).toEqual(['county:淳安县']);
    expect(codes('3302')).toEqual(['county:象山县']);
    expect(codes('330127')).toEqual(['township:甲镇', 'township:乙镇']);
    expect(codes('330127100')).toEqual([]);
    expect(codes('3303')).toEqual([]);
  });

  it('names every level and knows what is not an area of the deployment', () => {
    setDeployment(province);
    const regions = gazetteer();
    expect(['33', '3302', '330225', '330225101'].map((c) => areaNameOf(c, regions))).toEqual([
      '浙江省',
      '宁波市',
      '象山县',
      '乙镇',
    ]);
    expect(isDeploymentArea('3303', regions)).toBe(false);
    expect(isDeploymentArea('330127100200', regions)).toBe(false); // a village is a place
  });

  it('goes back up to the root: the breadcrumb of a county is province › prefecture › county', () => {
    setDeployment(province);
    expect(areaTrail('330127')).toEqual(['33', '3301', '330127']);
    expect(areaTrail('33')).toEqual(['33']);
    expect(areaAbove('330127')).toBe('3301');
    expect(areaAbove('3301')).toBe('33');
    expect(areaAbove('33')).toBeNull();
    // Outside the deployment: home is the root.
    expect(areaTrail('4401')).toEqual(['33']);
  });

  it('starts at the prefecture in a prefecture deployment (REGION=3301 as before)', () => {
    expect(deployment().level).toBe('prefecture');
    expect(areaTrail('330127100')).toEqual(['3301', '330127', '330127100']);
    expect(areaAbove('3301')).toBeNull();
  });
});

describe('figures at every level of a province', () => {
  it('counts a province, its prefectures and their counties, each against its own target', () => {
    setDeployment(province);
    const regions = gazetteer();
    const targets = [
      target(null, 'villagesCovered', 40), // the province's own row
      target('330127', 'villagesCovered', 2),
    ];
    const facts = metricFacts(input(regions, targets), 2026, '2026-12-31');
    const at = (code: string) => measure('villagesCovered', facts, areaOfCode(code), '2026-12-31');

    expect(at('33')).toMatchObject({ actual: 3, of: 4, target: 40 });
    // 杭州市 has no row of its own: 未设目标 — never the province's 40.
    expect(at('3301')).toMatchObject({ actual: 2, of: 3, target: null, share: null });
    // …but a hint from the province's target by its share of the province's rural villages.
    expect(at('3301').hint).toBe(30);
    expect(at('3302')).toMatchObject({ actual: 1, of: 1, target: null, hint: 10 });
    // A county against its own row.
    expect(at('330127')).toMatchObject({ actual: 2, target: 2, share: 1 });
    // A county without a row gets no hint from the province: its prefecture has no target.
    expect(at('330225')).toMatchObject({ target: null, hint: null });
    // Townships have no targets.
    expect(at('330127100')).toMatchObject({ actual: 2, target: null, hint: null });
  });

  it('a prefecture with its own row is measured against it, and its counties hinted from it', () => {
    setDeployment(province);
    const regions = gazetteer();
    const targets = [
      target(null, 'villagesCovered', 40),
      // A prefecture's own row (target.ts does not yet accept writing one: docs/REGIONS.md).
      target('3301', 'villagesCovered', 4),
    ];
    const facts = metricFacts(input(regions, targets), 2026, '2026-12-31');
    const at = (code: string) => measure('villagesCovered', facts, areaOfCode(code), '2026-12-31');
    expect(at('3301')).toMatchObject({ target: 4, share: 0.5, hint: null });
    expect(at('330127').hint).toBe(4); // all of 杭州市's rural villages are 淳安县's
  });

  it('the province table ranks its prefectures, with the province as the totals row', () => {
    setDeployment(province);
    const regions = gazetteer();
    const facts = metricFacts(
      input(regions, [target(null, 'servicePoints', 10)]),
      2026,
      '2026-12-31',
    );
    const table = areaTable(
      facts,
      areasBelow('33', regions).map((a) => areaOfCode(a.code)),
      areaOfCode('33'),
      '2026-12-31',
    );
    expect(table.rows.map((r) => [r.area.code, r.measures.servicePointsOpen.actual])).toEqual([
      ['3301', 2],
      ['3302', 1],
    ]);
    expect(table.total.area).toEqual({ level: 'province', code: '33' });
    expect(table.total.measures.servicePointsOpen).toMatchObject({ actual: 3, target: 10 });
    // No prefecture has its own target: none is ranked (never against the province's).
    expect(table.rows.every((r) => r.ranks.servicePointsOpen === null)).toBe(true);
  });
});
