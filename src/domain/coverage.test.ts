// Coverage is the figure the programme is judged by (≥ 1500 villages with a service point) and the
// colour every county gets on the map. A point counted twice, a closed point still counted, or a
// community counted as a village would make a county look done when it is not, and the villages
// that still need a point would drop off the coordinator's list. These tests pin each rule down on
// a small hand-made gazetteer, then check the real Hangzhou one end to end.
import { describe, expect, it } from 'vitest';
import {
  computeCoverage,
  coverageClass,
  coverageOf,
  coverageShare,
  outlineCoverage,
  sharePercent,
  uncoveredVillages,
  type CoveragePoint,
} from './coverage';
import { parseRegionFile, parseRegionParts } from './region';
import type { ServicePointStatus } from './servicePoint';
import { testRegions } from '../test-support/regions';

// Two counties: 330101 with two townships, 330102 with only communities.
const regions = parseRegionFile({
  v: 1,
  source: 'test',
  prefecture: { code: '3301', name: '测试市' },
  counties: [
    ['330101', '甲县'],
    ['330102', '乙区'],
  ],
  townships: [
    ['330101001', '一镇'],
    ['330101002', '二乡'],
    ['330102001', '街道'],
  ],
  villages: [
    ['330101001001', '王家村村委会', 1],
    ['330101001002', '李家村村委会', 1],
    ['330101001003', '镇东社区居委会', 0],
    ['330101002001', '张家村民委员会', 1],
    ['330101002002', '赵家村村委会', 1],
    ['330102001001', '河东社区', 0],
  ],
});

let seq = 0;
function point(regionCode: string, status: ServicePointStatus = 'open', deleted = false) {
  seq += 1;
  return { id: `p${seq}`, regionCode, status, deleted } satisfies CoveragePoint & { id: string };
}

describe('computeCoverage', () => {
  it('counts rural villages with at least one open point, per township, county and prefecture', () => {
    const report = computeCoverage(regions, [point('330101001001'), point('330101002001')]);
    expect(report.prefecture).toMatchObject({ covered: 2, rural: 4, share: 0.5, openPoints: 2 });
    expect(report.countyByCode.get('330101')).toMatchObject({ covered: 2, rural: 4 });
    expect(report.townshipByCode.get('330101001')).toMatchObject({ covered: 1, rural: 2 });
    expect(report.townshipByCode.get('330101002')).toMatchObject({ covered: 1, rural: 2 });
    expect([...report.coveredVillages].sort()).toEqual(['330101001001', '330101002001']);
  });

  it('does not count planned, approved, suspended or closed points, nor deleted open ones', () => {
    const statuses: ServicePointStatus[] = ['planned', 'approved', 'suspended', 'closed'];
    const report = computeCoverage(regions, [
      ...statuses.map((s) => point('330101001001', s)),
      point('330101001002', 'open', true),
    ]);
    expect(report.prefecture).toMatchObject({ covered: 0, rural: 4, share: 0, openPoints: 0 });
    expect(report.coveredVillages.size).toBe(0);
  });

  it('counts a village with two open points once (but both points as open points)', () => {
    const report = computeCoverage(regions, [point('330101001001'), point('330101001001')]);
    expect(report.townshipByCode.get('330101001')).toMatchObject({
      covered: 1,
      rural: 2,
      openPoints: 2,
    });
    expect(report.prefecture.covered).toBe(1);
  });

  it('an open point next to a closed one in the same village still covers it', () => {
    const report = computeCoverage(regions, [
      point('330101002002', 'closed'),
      point('330101002002', 'open'),
    ]);
    expect(report.coveredVillages.has('330101002002')).toBe(true);
  });

  it('does not count communities as rural villages, neither covered nor in the denominator', () => {
    const report = computeCoverage(regions, [point('330101001003'), point('330102001001')]);
    expect(report.prefecture).toMatchObject({ covered: 0, rural: 4 });
    expect(report.countyByCode.get('330101')).toMatchObject({ covered: 0, rural: 4 });
    // They are open points of their area all the same.
    expect(report.countyByCode.get('330102')?.openPoints).toBe(1);
  });

  it('gives an area with no rural village a null share, not 0 % or 100 %', () => {
    const report = computeCoverage(regions, [point('330102001001')]);
    expect(report.countyByCode.get('330102')).toMatchObject({ covered: 0, rural: 0, share: null });
    expect(report.townshipByCode.get('330102001')?.share).toBeNull();
    expect(coverageClass(null)).toBe(0);
  });

  it('lets a township station placed in a village cover it; points at township or county level cover none', () => {
    const report = computeCoverage(regions, [
      point('330101002002'), // e.g. a township station standing in 赵家村
      point('330101001'), // township station placed at the township
      point('330101'), // county centre
    ]);
    expect([...report.coveredVillages]).toEqual(['330101002002']);
    expect(report.countyByCode.get('330101')?.openPoints).toBe(3);
    expect(report.townshipByCode.get('330101001')?.openPoints).toBe(1);
  });

  it('counts open points with a place missing from the gazetteer as unknown, nowhere else', () => {
    const report = computeCoverage(regions, [
      point('330199001001'), // no such county
      point('330101009001'), // no such township
      point('330101001099'), // township exists, village does not
      point('330101001001'),
    ]);
    expect(report.unknownPlaces).toBe(3);
    expect(report.prefecture.covered).toBe(1);
    expect(report.prefecture.openPoints).toBe(1);
    expect(report.townshipByCode.get('330101001')?.openPoints).toBe(1);
  });

  it('lists every county and township, also those with nothing in them', () => {
    const report = computeCoverage(regions, []);
    expect(report.counties.map((c) => c.code)).toEqual(['330101', '330102']);
    expect(report.townships).toHaveLength(3);
    expect(report.prefecture).toEqual({ covered: 0, rural: 4, share: 0, openPoints: 0 });
  });
});

describe("a county user's gazetteer (its own county's villages, every area's counts)", () => {
  it('takes the denominators from the counts: the same figures as the whole file', () => {
    const names = {
      v: 1,
      kind: 'names',
      source: 'test',
      prefecture: { code: '3301', name: '测试市' },
      counties: [
        ['330101', '甲县'],
        ['330102', '乙区'],
      ],
      townships: [
        ['330101001', '一镇', 2],
        ['330101002', '二乡', 2],
        ['330102001', '街道', 0],
      ],
    };
    // 乙区's user: its villages only (no rural one), yet 甲县's four rural villages are known.
    const own = {
      v: 1,
      source: 'test',
      prefecture: { code: '3301', name: '测试市' },
      counties: [['330102', '乙区']],
      townships: [['330102001', '街道']],
      villages: [['330102001001', '河东社区', 0]],
    };
    const partial = parseRegionParts(names, [own]);
    const points = [point('330101001001'), point('330102001001')];
    const whole = computeCoverage(regions, points);
    const mine = computeCoverage(partial, points);
    expect(mine.prefecture.rural).toBe(whole.prefecture.rural);
    expect(mine.countyByCode.get('330101')?.rural).toBe(4);
    expect(mine.townshipByCode.get('330101002')?.rural).toBe(2);
    // A village it does not hold is counted nowhere (as one of another prefecture).
    expect(mine.coveredVillages.size).toBe(0);
    expect(mine.unknownPlaces).toBe(1);
    expect(uncoveredVillages(partial, mine)).toEqual([]);
  });
});

describe('helpers', () => {
  it("outlineCoverage: a county's figures, or a prefecture's on a province map", () => {
    const report = computeCoverage(regions, [point('330101001001')]);
    expect(outlineCoverage(report, '330101', 'x')).toMatchObject({ name: '甲县', covered: 1 });
    expect(outlineCoverage(report, '3301', '测试市')).toMatchObject({
      name: '测试市',
      covered: 1,
      rural: 4,
    });
    expect(outlineCoverage(report, '3302', '别市')).toBeUndefined();
    expect(outlineCoverage(report, '330199', '无')).toBeUndefined();
  });

  it('coverageOf finds the prefecture, a county or a township by code', () => {
    const report = computeCoverage(regions, [point('330101001001')]);
    expect(coverageOf(report, '')?.covered).toBe(1);
    expect(coverageOf(report, '3301')?.rural).toBe(4);
    expect(coverageOf(report, '330101')?.covered).toBe(1);
    expect(coverageOf(report, '330101002')?.covered).toBe(0);
    expect(coverageOf(report, '330199')).toBeUndefined();
  });

  it('uncoveredVillages lists rural villages without an open point in a scope', () => {
    const report = computeCoverage(regions, [point('330101001001')]);
    expect(uncoveredVillages(regions, report).map((v) => v.code)).toEqual([
      '330101001002',
      '330101002001',
      '330101002002',
    ]);
    expect(uncoveredVillages(regions, report, '330101001').map((v) => v.code)).toEqual([
      '330101001002',
    ]);
  });

  it('shares, percentages and classes', () => {
    expect(coverageShare(0, 0)).toBeNull();
    expect(coverageShare(1, 4)).toBe(0.25);
    expect(sharePercent(0.284)).toBe(28);
    expect(sharePercent(null)).toBeNull();
    expect([0, 0.01, 0.25, 0.26, 0.5, 0.75, 0.76, 1].map(coverageClass)).toEqual([
      1, 2, 2, 3, 3, 4, 5, 5,
    ]);
  });
});

describe('Hangzhou gazetteer', () => {
  const hangzhou = testRegions();

  it('has 1906 rural villages to cover and two urban districts with none', () => {
    const report = computeCoverage(hangzhou, []);
    expect(report.prefecture.rural).toBe(1906);
    expect(report.counties).toHaveLength(13);
    const noRural = report.counties.filter((c) => c.share === null).map((c) => c.name);
    expect(noRural.sort()).toEqual(['拱墅区', '滨江区'].sort());
    // 临平区 and 钱塘区 have no outline on the map but are counted like every other county.
    expect(report.countyByCode.get('330113')?.rural).toBe(57);
    expect(report.countyByCode.get('330114')?.rural).toBe(59);
  });

  it('adds up: townships sum to their county, counties to the prefecture', () => {
    const rural = hangzhou.villages.filter((v) => v.rural);
    const points = rural
      .filter((_, i) => i % 3 === 0)
      .map((v, i) => point(v.code, i % 5 === 0 ? 'closed' : 'open'));
    const report = computeCoverage(hangzhou, points);
    for (const county of report.counties) {
      const townships = report.townships.filter((t) => t.countyCode === county.code);
      expect(townships.reduce((s, t) => s + t.covered, 0)).toBe(county.covered);
      expect(townships.reduce((s, t) => s + t.rural, 0)).toBe(county.rural);
    }
    expect(report.counties.reduce((s, c) => s + c.covered, 0)).toBe(report.prefecture.covered);
    expect(report.prefecture.covered).toBe(points.filter((p) => p.status === 'open').length);
  });
});
