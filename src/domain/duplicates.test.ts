/**
 * Two officers in the same village, offline, can register the same shop twice. These rules decide
 * what is worth a warning before saving and a coordinator's review after sync.
 */
import { describe, expect, it } from 'vitest';
import { distanceMetres, findLikelyDuplicates, normalisePointName } from './duplicates';

const loc = (lat: number, lng: number) => ({
  lat,
  lng,
  accuracy: 10,
  source: 'gps' as const,
  capturedAt: '2026-03-01T00:00:00.000Z',
});
const V = '330127100219';
const p = (
  id: string,
  name: string,
  regionCode = V,
  location: ReturnType<typeof loc> | null = null,
  deleted = false,
) => ({
  id,
  name,
  regionCode,
  location,
  deleted,
});

describe('duplicate service points', () => {
  it('normalises names: width, spaces, punctuation and the 服务点 suffix', () => {
    expect(normalisePointName('富城村 电商服务点')).toBe('富城村');
    expect(normalisePointName('富城村（电子商务服务站）')).toBe(normalisePointName('富城村'));
    expect(normalisePointName('ＡＢＣ 小店')).toBe('abc小店');
  });

  it('measures distance sensibly', () => {
    // 0.001° of latitude ≈ 111 m
    expect(distanceMetres(loc(29.6, 119), loc(29.601, 119))).toBeGreaterThan(105);
    expect(distanceMetres(loc(29.6, 119), loc(29.601, 119))).toBeLessThan(117);
  });

  it('same village within 200 m is a likely duplicate; farther apart is a weaker warning', () => {
    const existing = [
      p('a', '村口小卖部', V, loc(29.6, 119)),
      p('b', '王家超市', V, loc(29.61, 119)),
    ];
    const found = findLikelyDuplicates(p('new', '富城村服务点', V, loc(29.6012, 119)), existing);
    expect(found.map((m) => [m.point.id, m.reason])).toEqual([
      ['a', 'sameVillageNearby'],
      ['b', 'sameVillage'],
    ]);
    expect(found[0]!.distance).toBeLessThan(200);
  });

  it('the same normalised name anywhere is a likely duplicate, first in the list', () => {
    const existing = [p('a', '富城村电商服务点', '330127101201'), p('b', '别的店', V)];
    const found = findLikelyDuplicates(p('new', '富城村 服务站', V), existing);
    expect(found.map((m) => [m.point.id, m.reason])).toEqual([
      ['a', 'sameName'],
      ['b', 'sameVillage'],
    ]);
  });

  it('ignores deleted points, the record itself, and other villages', () => {
    const existing = [p('a', '甲', V, null, true), p('new', '乙', V), p('c', '丙', '330127101201')];
    expect(findLikelyDuplicates(p('new', '乙', V), existing)).toEqual([]);
  });
});
