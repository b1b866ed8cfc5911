/**
 * The map's points kept in IndexedDB as columns (domain/mapPoint.ts) and read back through the
 * kept figures' rows (stamp.ts): real structured clone (fake-indexeddb), 0, 1 and 10,000+
 * points; and the value is read out of the database only when it changed — a live query
 * starting right after the first answer reads the small header, not 10,000 points again.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { saveRecord } from '../actions';
import { MAP_POINTS_CODEC, type MapPoint, type MapPointColumns } from '../domain/mapPoint';
import { newServicePointFields } from '../domain/servicePoint';
import { samplePoint } from '../test-support/mapPoints';
import {
  createDatabase,
  keepCountedFigures,
  readCountedFigures,
  readRecordsStamp,
  wipeLocalData,
  type CundianDb,
} from './index';

let db: CundianDb;
let n = 0;
beforeEach(async () => {
  n += 1;
  db = createDatabase(`kept-map-points-${Date.now()}-${n}`);
  // A stamp to keep against: one record written.
  await saveRecord(
    'servicePoint',
    null,
    { ...newServicePointFields('2026-03-01'), regionCode: '330127101201', name: '下姜村' },
    db,
  );
});
afterEach(async () => {
  db.close();
  await db.delete();
});

async function keepAndReadBack(points: MapPoint[]): Promise<readonly MapPoint[]> {
  const stamp = await readRecordsStamp(db);
  const stored = MAP_POINTS_CODEC.store(points);
  expect(await keepCountedFigures('mapPoints', { value: stored, stamp, inputs: '2' }, db)).toBe(
    true,
  );
  const read = await readCountedFigures<unknown>('mapPoints', db);
  expect(read.kept?.stamp).toBe(stamp);
  expect(read.kept?.inputs).toBe('2');
  return MAP_POINTS_CODEC.restore(read.kept?.value);
}

describe('the map’s points kept in IndexedDB', () => {
  it('no point', async () => {
    expect(await keepAndReadBack([])).toEqual([]);
  });

  it('one point', async () => {
    expect(await keepAndReadBack([samplePoint(1)])).toEqual([samplePoint(1)]);
  });

  it('10,001 points, stored as typed arrays and strings', async () => {
    const points = Array.from({ length: 10_001 }, (_, i) => samplePoint(i));
    expect(await keepAndReadBack(points)).toEqual(points);
    const raw = (await db.meta.get('kept:counted-value:mapPoints'))?.value as MapPointColumns;
    expect(Object.prototype.toString.call(raw.lat)).toBe('[object Float64Array]');
    expect(raw.lat.length).toBe(10_001);
    expect(typeof raw.names.text).toBe('string');
  });

  it('reads the value again only when it changed', async () => {
    const stamp = await readRecordsStamp(db);
    await keepCountedFigures('names', { value: { list: ['a'] }, stamp, inputs: 'x' }, db);
    const first = await readCountedFigures<{ list: string[] }>('names', db);
    const again = await readCountedFigures<{ list: string[] }>('names', db);
    // The same object: not a second copy out of the database (a structured clone is always new).
    expect(again.kept?.value).toBe(first.kept?.value);
    expect(again.kept?.value).toEqual({ list: ['a'] });

    await keepCountedFigures('names', { value: { list: ['b'] }, stamp, inputs: 'x' }, db);
    const changed = await readCountedFigures<{ list: string[] }>('names', db);
    expect(changed.kept?.value).toEqual({ list: ['b'] });

    // Another database of the same name's figures is never answered from this one's.
    const other = createDatabase(`${db.name}-other`);
    try {
      expect((await readCountedFigures('names', other)).kept).toBeNull();
    } finally {
      other.close();
      await other.delete();
    }
  });

  it('still reads figures an older app kept inline, and nothing after a wipe', async () => {
    const stamp = await readRecordsStamp(db);
    await db.meta.put({
      key: 'kept:counted:old',
      value: { value: JSON.stringify([samplePoint(2)]), stamp, inputs: '1' },
    });
    const old = await readCountedFigures<unknown>('old', db);
    expect(old.kept?.inputs).toBe('1');
    expect(MAP_POINTS_CODEC.restore(old.kept?.value)).toEqual([samplePoint(2)]);

    await keepAndReadBack([samplePoint(3)]);
    await wipeLocalData(db);
    expect((await readCountedFigures('mapPoints', db)).kept).toBeNull();
    expect(await db.meta.get('kept:counted-value:mapPoints')).toBeUndefined();
  });
});
