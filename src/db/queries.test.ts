/**
 * The list's first screen reads only the rows it shows (newestRecords): the order, the page's
 * edges and the count must be exactly what reading every record would give — tombstones of
 * deletes waiting for their push included.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deleteRecord, saveRecord } from '../actions';
import { newServicePointFields } from '../domain/servicePoint';
import { createDatabase, listRecords, newestRecords, type CundianDb } from './index';

let db: CundianDb;
let n = 0;
beforeEach(() => {
  n += 1;
  db = createDatabase(`queries-test-${Date.now()}-${n}`);
});
afterEach(async () => {
  db.close();
  await db.delete();
});

/** UUIDv7-shaped ids whose order is their number (9 → 10 crosses a digit). */
const idOf = (i: number) => `01900000-0000-7000-8000-${String(i).padStart(12, '0')}`;

async function savePoints(count: number) {
  for (let i = 1; i <= count; i++) {
    await saveRecord(
      'servicePoint',
      idOf(i),
      { ...newServicePointFields('2026-03-01'), regionCode: '330127101201', name: `点${i}` },
      db,
    );
  }
}

describe('newestRecords', () => {
  it('is empty with a count of 0 on an empty device', async () => {
    expect(await newestRecords('servicePoint', 50, db)).toEqual({ rows: [], total: 0 });
  });

  it('gives the newest first, cut at the page edge, with the count of all', async () => {
    await savePoints(12);
    const all = (await listRecords('servicePoint', db))
      .map((p) => p.id)
      .sort()
      .reverse();
    for (const limit of [1, 11, 12, 13]) {
      const page = await newestRecords('servicePoint', limit, db);
      expect(page.rows.map((p) => p.id)).toEqual(all.slice(0, limit));
      expect(page.total).toBe(12);
    }
  });

  it('leaves out and does not count a delete waiting for its push', async () => {
    await savePoints(3);
    await deleteRecord('servicePoint', idOf(3), db);
    await deleteRecord('servicePoint', idOf(1), db);
    const page = await newestRecords('servicePoint', 2, db);
    expect(page.rows.map((p) => p.id)).toEqual([idOf(2)]);
    expect(page.total).toBe(1);
    expect(page.total).toBe((await listRecords('servicePoint', db)).length);
  });
});
