// The county outlines are the part of the map that works with no network, and they are old
// (~2015). The map must read the shipped file as it is: every outline drawn, the two abolished
// districts kept but not matched to a current county, and the two districts of 2021 listed as
// having no outline rather than silently missing from the map and its figures.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { outlineBounds, outlineCentre, parseOutlineFile, OUTLINE_DATUM } from './outlines';

const file: unknown = JSON.parse(
  readFileSync(join(process.cwd(), 'public/regions/3301-outlines.json'), 'utf8'),
);

describe('parseOutlineFile', () => {
  const set = parseOutlineFile(file);

  it('reads the 13 Hangzhou outlines and the 2 counties without one', () => {
    expect(set.outlines).toHaveLength(13);
    expect(set.countiesWithoutOutline).toEqual([
      { code: '330113', name: '临平区' },
      { code: '330114', name: '钱塘区' },
    ]);
    expect(set.datum).toBe(OUTLINE_DATUM);
  });

  it('keeps 下城区 and 江干区 with no current code, and matches 临安市 to 临安区', () => {
    const former = set.outlines.filter((o) => o.code === null).map((o) => o.name);
    expect(former.sort()).toEqual(['下城区', '江干区'].sort());
    const linan = set.outlines.find((o) => o.code === '330112');
    expect(linan).toMatchObject({ name: '临安市', matchedName: '临安区' });
  });

  it('puts a county centre inside the county (淳安县 around 千岛湖)', () => {
    const chunan = set.outlines.find((o) => o.code === '330127')!;
    const centre = outlineCentre(chunan)!;
    const [[south, west], [north, east]] = outlineBounds([chunan])!;
    expect(centre.lat).toBeGreaterThan(south);
    expect(centre.lat).toBeLessThan(north);
    expect(centre.lng).toBeGreaterThan(west);
    expect(centre.lng).toBeLessThan(east);
    expect(centre.lat).toBeCloseTo(29.6, 0);
    expect(centre.lng).toBeCloseTo(118.9, 0);
  });

  it('bounds all outlines within the prefecture box', () => {
    const [[south, west], [north, east]] = outlineBounds(set.outlines)!;
    expect(south).toBeGreaterThan(29);
    expect(north).toBeLessThan(30.7);
    expect(west).toBeGreaterThan(118.2);
    expect(east).toBeLessThan(120.8);
  });

  it('refuses what is not an outline file, saying why', () => {
    expect(() => parseOutlineFile({ type: 'Feature' })).toThrow(/FeatureCollection/);
    expect(() =>
      parseOutlineFile({
        type: 'FeatureCollection',
        features: [{ properties: { name: 'x' }, geometry: { type: 'Point', coordinates: [1, 2] } }],
      }),
    ).toThrow(/feature 0/);
  });
});
