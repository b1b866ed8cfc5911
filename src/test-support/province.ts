/**
 * A small province for tests of a province deployment (issue 16 part 2): 浙江省 with two of its
 * prefectures, 杭州市 and 宁波市, each with one county — enough for every level (province →
 * prefecture → county → township) without the real 1 MB gazetteer.
 */
import { deployment, type Deployment } from '../domain/deployment';

/**
 * The deployment of the two-prefecture province, built on `base` (the build's own deployment by
 * default) so only the area changes.
 */
export function twoPrefectureProvince(base: Deployment = deployment()): Deployment {
  return {
    ...base,
    code: '33',
    name: '浙江省',
    level: 'province',
    province: { code: '33', name: '浙江省' },
    bbox: [118.0, 27.0, 123.0, 31.2],
    prefectures: [
      ['3301', '杭州市', [118.3, 29.2, 120.7, 30.6]],
      ['3302', '宁波市', [120.9, 28.8, 122.3, 30.4]],
    ],
  };
}

export interface OneCountyFile {
  prefecture: string;
  name: string;
  county: string;
  countyName: string;
  /** Rural villages (村委会) in the county's first township; 3 unless given. */
  rural?: number;
  /** The county's townships' names; the first holds the villages. ['甲镇'] unless given. */
  townships?: string[];
  /** Villages that are not rural (社区), in the last township; none unless given. */
  communities?: number;
}

/** A prefecture's region file (the generator's shape) holding one county. */
export function oneCountyPrefectureFile(file: OneCountyFile) {
  const { county } = file;
  const townships = (file.townships ?? ['甲镇']).map((name, i) => [`${county}${100 + i}`, name]);
  const last = townships[townships.length - 1]![0];
  return {
    v: 1,
    source: 'test',
    prefecture: { code: file.prefecture, name: file.name },
    counties: [[county, file.countyName]],
    townships,
    villages: [
      ...Array.from({ length: file.rural ?? 3 }, (_, i) => [
        `${county}100${200 + i}`,
        `村${i}村委会`,
        1,
      ]),
      ...Array.from({ length: file.communities ?? 0 }, (_, i) => [
        `${last}${String(1 + i).padStart(3, '0')}`,
        `某社区${i}`,
        0,
      ]),
    ],
  };
}

/**
 * The two prefectures' gazetteer files as the server serves them (address → body), 杭州市 with
 * 淳安县 and 宁波市 with 象山县, each county's rural villages as given (3 unless given).
 */
export function twoPrefectureFiles(rural: { '3301'?: number; '3302'?: number } = {}) {
  const file = (prefecture: string, name: string, county: string, countyName: string) =>
    JSON.stringify(
      oneCountyPrefectureFile({
        prefecture,
        name,
        county,
        countyName,
        rural: rural[prefecture as '3301' | '3302'],
      }),
    );
  return {
    '/regions/3301.json': file('3301', '杭州市', '330127', '淳安县'),
    '/regions/3302.json': file('3302', '宁波市', '330225', '象山县'),
  };
}
