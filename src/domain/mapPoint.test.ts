/**
 * The map's kept points as columns (mapPoint.ts): what goes in comes back field for field — no
 * point, one, many, odd names, absent locations and dates — and a point this app cannot put in
 * columns (a status it does not know) is kept as JSON rather than lost or changed.
 */
import { describe, expect, it } from 'vitest';
import { fromColumns, MAP_POINTS_CODEC, toColumns, toMapPoints, type MapPoint } from './mapPoint';
import type { ServicePoint } from './servicePoint';
import { samplePoint } from '../test-support/mapPoints';

const roundTrip = (points: MapPoint[]) => fromColumns(toColumns(points)!);

describe('map points as columns', () => {
  it('no point at all', () => {
    const columns = toColumns([])!;
    expect(columns.count).toBe(0);
    expect(columns.ids.text).toBe('');
    expect(fromColumns(columns)).toEqual([]);
  });

  it('one point, with and without a location', () => {
    expect(roundTrip([samplePoint(1)])).toEqual([samplePoint(1)]);
    expect(samplePoint(3).location).toBeNull();
    expect(roundTrip([samplePoint(3)])).toEqual([samplePoint(3)]);
  });

  it('10,001 points, in their order', () => {
    const points = Array.from({ length: 10_001 }, (_, i) => samplePoint(i));
    const back = roundTrip(points);
    expect(back).toHaveLength(10_001);
    expect(back).toEqual(points);
  });

  it('names of any characters, an empty one, services in their own order', () => {
    const odd: MapPoint[] = [
      { ...samplePoint(0), name: '' },
      { ...samplePoint(1), name: 'a\u0000b\nc' },
      { ...samplePoint(2), name: '𠀀𩸽 emoji 🙂 and a lone \ud800' },
      { ...samplePoint(4), services: ['payments', 'purchasing'] },
      { ...samplePoint(5), services: [] },
      { ...samplePoint(6), deleted: true, openedOn: null },
    ];
    expect(roundTrip(odd)).toEqual(odd);
  });

  it('points offering the same services share one frozen list; another order is another list', () => {
    const seven: MapPoint['services'] = [
      'purchasing',
      'produceSales',
      'youthStartup',
      'payments',
      'purchasing',
      'produceSales',
      'youthStartup',
    ];
    const points: MapPoint[] = [
      { ...samplePoint(0), services: ['purchasing', 'payments'] },
      { ...samplePoint(1), services: ['purchasing', 'payments'] },
      { ...samplePoint(2), services: ['payments', 'purchasing'] },
      { ...samplePoint(4), services: [] },
      { ...samplePoint(5), services: [] },
      { ...samplePoint(6), services: seven },
      { ...samplePoint(7), services: seven },
    ];
    const back = roundTrip(points);
    expect(back).toEqual(points);
    expect(back[1]!.services).toBe(back[0]!.services);
    expect(Object.isFrozen(back[0]!.services)).toBe(true);
    expect(back[2]!.services).not.toBe(back[0]!.services);
    expect(back[4]!.services).toBe(back[3]!.services);
    // Longer than the shared keys go: each its own list, still equal.
    expect(back[6]!.services).not.toBe(back[5]!.services);
  });

  it('a status this app does not know: kept as JSON, read back unchanged', () => {
    const newer = { ...samplePoint(1), status: 'archived' } as unknown as MapPoint;
    expect(toColumns([samplePoint(0), newer])).toBeNull();
    const stored = MAP_POINTS_CODEC.store([samplePoint(0), newer]);
    expect(typeof stored).toBe('string');
    expect(MAP_POINTS_CODEC.restore(stored)).toEqual([samplePoint(0), newer]);
  });

  it('restores columns, JSON of the first format, and nothing from anything else', () => {
    const points = [samplePoint(7), samplePoint(8)];
    expect(MAP_POINTS_CODEC.restore(MAP_POINTS_CODEC.store(points))).toEqual(points);
    expect(MAP_POINTS_CODEC.restore(JSON.stringify(points))).toEqual(points);
    expect(MAP_POINTS_CODEC.restore(undefined)).toEqual([]);
    const broken = toColumns(points)!;
    expect(MAP_POINTS_CODEC.restore({ ...broken, names: { ...broken.names, text: 'x' } })).toEqual(
      [],
    );
  });

  it('decodes one kept value once: the same points for the same object, new ones for another', () => {
    const points = [samplePoint(3), samplePoint(4)];
    const stored = MAP_POINTS_CODEC.store(points);
    const first = MAP_POINTS_CODEC.restore(stored);
    expect(first).toEqual(points);
    expect(MAP_POINTS_CODEC.restore(stored)).toBe(first);
    // Another value (a write in between gives the database's reader a new object): decoded anew.
    const again = MAP_POINTS_CODEC.restore(MAP_POINTS_CODEC.store(points));
    expect(again).not.toBe(first);
    expect(again).toEqual(points);
    // Broken columns are remembered as none, not decoded again into an error.
    const broken = { ...toColumns(points)!, names: { ...toColumns(points)!.names, text: 'x' } };
    expect(MAP_POINTS_CODEC.restore(broken)).toEqual([]);
    expect(MAP_POINTS_CODEC.restore(broken)).toBe(MAP_POINTS_CODEC.restore(broken));
  });

  it('toMapPoints leaves deleted records out and keeps only the map’s fields', () => {
    const record = (i: number, deleted: boolean) =>
      ({
        ...samplePoint(i),
        deleted,
        operatorPhone: '13800000000',
        notes: '…',
      }) as unknown as ServicePoint;
    const out = toMapPoints([record(1, false), record(2, true)]);
    expect(out).toEqual([samplePoint(1)]);
    expect(Object.keys(out[0]!)).not.toContain('operatorPhone');
  });
});
