/**
 * The map's drill-down (issue 16 part 2): which areas are listed at each level of a province, the
 * breadcrumb and the step back up, the outline file each level draws from, and that a choice
 * outside the user's area falls back to it. REGION=3301 (the build's deployment) keeps the map it
 * had: the prefecture on top, its counties listed, a county's townships below.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { deployment, setDeployment } from '../../domain/deployment';
import { oneCountyPrefectureFile, twoPrefectureProvince } from '../../test-support/province';
import { parseRegionFiles, type RegionIndex } from '../../domain/region';
import { mapDrill } from './drill';

const built = deployment();
afterEach(() => setDeployment(built));

const province = twoPrefectureProvince(built);

const file = (prefecture: string, name: string, county: string, countyName: string) =>
  oneCountyPrefectureFile({
    prefecture,
    name,
    county,
    countyName,
    rural: 1,
    townships: ['甲镇', '乙镇'],
  });

function gazetteer(): RegionIndex {
  return parseRegionFiles(
    [file('3301', '杭州市', '330127', '淳安县'), file('3302', '宁波市', '330225', '象山县')],
    { code: '33', name: '浙江省' },
  );
}

const names = (drill: ReturnType<typeof mapDrill>) => drill.below.map((a) => a.name);

describe('the map drilling down a province', () => {
  it("opens on the province with its prefectures listed and the province's prefecture outlines", () => {
    setDeployment(province);
    const drill = mapDrill('', undefined, gazetteer());
    expect(drill).toMatchObject({ area: '33', level: 'province', up: null, filter: '' });
    expect(names(drill)).toEqual(['杭州市', '宁波市']);
    expect(drill.trail).toEqual(['33']);
    expect(drill.outlineFile).toBe('33'); // 33-outlines.json: one outline per prefecture
  });

  it('a prefecture lists its counties from its own outline file, and goes back up to the province', () => {
    setDeployment(province);
    const drill = mapDrill('3302', undefined, gazetteer());
    expect(drill).toMatchObject({ area: '3302', level: 'prefecture', up: '33', filter: '3302' });
    expect(names(drill)).toEqual(['象山县']);
    expect(drill.trail).toEqual(['33', '3302']);
    expect(drill.outlineFile).toBe('3302');
  });

  it('a county lists its townships: 浙江省 › 杭州市 › 淳安县, one step up is 杭州市', () => {
    setDeployment(province);
    const drill = mapDrill('330127', undefined, gazetteer());
    expect(names(drill)).toEqual(['甲镇', '乙镇']);
    expect(drill.trail).toEqual(['33', '3301', '330127']);
    expect(drill.up).toBe('3301');
    expect(drill.outlineFile).toBe('3301');
  });

  it('a prefecture admin starts on their prefecture and cannot go above it', () => {
    setDeployment(province);
    const own = mapDrill('', '3301', gazetteer());
    expect(own).toMatchObject({ area: '3301', top: '3301', up: null, filter: '' });
    expect(own.trail).toEqual(['3301']);
    // Another prefecture, or the province, is outside their area: they stay on their own.
    expect(mapDrill('3302', '3301', gazetteer()).area).toBe('3301');
    expect(mapDrill('33', '3301', gazetteer()).area).toBe('3301');
    expect(mapDrill('330127', '3301', gazetteer()).trail).toEqual(['3301', '330127']);
  });

  it('an unknown code falls back to the whole area', () => {
    setDeployment(province);
    expect(mapDrill('3305', undefined, gazetteer()).area).toBe('33');
    expect(mapDrill('330199', undefined, gazetteer()).area).toBe('33');
  });
});

describe('the map of one prefecture (REGION=3301) as before', () => {
  it('the prefecture on top with its counties, a county with its townships', () => {
    expect(deployment().level).toBe('prefecture');
    const regions = parseRegionFiles([file(built.code, built.name, `${built.code}27`, '某县')], {
      code: built.code,
      name: built.name,
    });
    const top = mapDrill('', undefined, regions);
    expect(top).toMatchObject({ area: built.code, level: 'prefecture', up: null, filter: '' });
    expect(names(top)).toEqual(['某县']);
    expect(top.outlineFile).toBe(built.code);
    const county = mapDrill(`${built.code}27`, undefined, regions);
    expect(names(county)).toEqual(['甲镇', '乙镇']);
    expect(county.up).toBe(built.code);
  });
});
