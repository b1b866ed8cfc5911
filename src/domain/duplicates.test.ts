/**
 * Two officers in the same village, offline, can register the same shop twice. These rules decide
 * what is worth a warning before saving and a coordinator's review after sync.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  defaultMergeTake,
  differingMergeFields,
  distanceMetres,
  duplicateKeyOf,
  duplicateReasonByKey,
  findLikelyDuplicates,
  mergeServicePoints,
  normalisePointName,
} from './duplicates';
import { MAX_PHOTOS } from './servicePoint';

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

describe('merging a flagged pair', () => {
  const base = {
    name: '富城村服务点',
    tier: 'village' as const,
    regionCode: V,
    services: ['purchasing' as const],
    operatorName: '',
    operatorPhone: null,
    location: null,
    notes: '',
    photos: ['a'.repeat(64)],
  };
  const other = {
    ...base,
    name: '村口小卖部',
    services: ['parcels' as const, 'purchasing' as const],
    operatorName: '李四',
    operatorPhone: '13900002222',
    location: loc(29.6, 119),
    photos: ['b'.repeat(64), 'a'.repeat(64)],
  };

  it('offers the fields that differ, and by default takes what the kept point lacks', () => {
    expect(differingMergeFields(base, other)).toEqual([
      'name',
      'services',
      'operatorName',
      'operatorPhone',
      'location',
    ]);
    expect(defaultMergeTake(base, other)).toEqual(['operatorName', 'operatorPhone', 'location']);
    // Services in another order are the same services.
    expect(differingMergeFields(other, { ...other, services: ['purchasing', 'parcels'] })).toEqual(
      [],
    );
  });

  it('takes the chosen fields, keeps the rest, and always combines the photos once each', () => {
    const changes = mergeServicePoints(base, other, ['operatorPhone', 'name']);
    expect(changes).toEqual({
      name: '村口小卖部',
      operatorPhone: '13900002222',
      photos: ['a'.repeat(64), 'b'.repeat(64)],
    });
    // Place moves tier and region code together.
    const moved = mergeServicePoints(
      base,
      { ...other, tier: 'township', regionCode: '330127100' },
      ['place'],
    );
    expect(moved).toMatchObject({ tier: 'township', regionCode: '330127100' });
    // Nothing to take and the same photos: no change at all.
    expect(mergeServicePoints(base, { ...base }, [])).toEqual({});
  });

  it('never exceeds the photo limit', () => {
    const many = (c: string, n: number) =>
      Array.from({ length: n }, (_, i) => c.repeat(62) + String(i).padStart(2, '0'));
    const changes = mergeServicePoints(
      { ...base, photos: many('a', 10) },
      { ...other, photos: many('b', 10) },
      [],
    );
    expect(changes.photos).toHaveLength(MAX_PHOTOS);
    expect(changes.photos!.slice(0, 10)).toEqual(many('a', 10));
  });
});

describe('the pairwise rule on normalised keys', () => {
  it('is symmetric', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('富城村服务点', '富城村', '王家超市', '服务站'),
        fc.constantFrom('富城村 服务站', '王家 超市', '村口'),
        fc.constantFrom(V, '330127101201'),
        fc.option(fc.double({ min: 29.59, max: 29.61, noNaN: true }), { nil: null }),
        fc.option(fc.double({ min: 29.59, max: 29.61, noNaN: true }), { nil: null }),
        (nameA, nameB, region, latA, latB) => {
          const a = duplicateKeyOf({
            name: nameA,
            regionCode: V,
            location: latA === null ? null : loc(latA, 119),
          });
          const b = duplicateKeyOf({
            name: nameB,
            regionCode: region,
            location: latB === null ? null : loc(latB, 119),
          });
          expect(duplicateReasonByKey(a, b)).toEqual(duplicateReasonByKey(b, a));
        },
      ),
    );
  });
});
