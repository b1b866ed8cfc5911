/**
 * The records' stamp is what makes kept figures safe to show: if any door that changes records
 * forgot to move it, a phone would show figures of records it no longer holds. Each door is
 * walked here on a real IndexedDB implementation (fake-indexeddb), and keeping figures counted
 * before a change is refused.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deleteRecord, saveRecord } from '../actions';
import type { Change } from '../domain/protocol';
import { newServicePointFields } from '../domain/servicePoint';
import { applyPullPage, applyRepair, finishRebootstrap, recordRejections } from './sync';
import {
  createDatabase,
  keepCountedFigures,
  readCountedFigures,
  readRecordsStamp,
  readRecordsWithStamp,
  wipeLocalData,
  writeManyWithOutbox,
  type CundianDb,
} from './index';
import { bucketOf } from '../domain/digest';

let db: CundianDb;
let n = 0;
beforeEach(() => {
  n += 1;
  db = createDatabase(`stamp-test-${Date.now()}-${n}`);
});
afterEach(async () => {
  db.close();
  await db.delete();
});

const ID_A = '01900000-0000-7000-8000-00000000000a';
const ID_B = '01900000-0000-7000-8000-00000000000b';

const fields = (name: string) => ({
  ...newServicePointFields('2026-03-01'),
  regionCode: '330127101201',
  name,
});

function serverChange(id: string, version: number, name: string): Change {
  return {
    entity: 'servicePoint',
    id,
    version,
    deleted: false,
    data: {
      ...fields(name),
      id,
      version,
      updatedAt: '2026-03-02T08:00:00.000Z',
      updatedBy: 'officer',
      deleted: false,
    },
  };
}

/** Runs `change` and says whether the stamp moved. */
async function moves(change: () => Promise<unknown>): Promise<boolean> {
  const before = await readRecordsStamp(db);
  await change();
  const after = await readRecordsStamp(db);
  return after !== null && after !== before;
}

describe('the records stamp moves with every change of records', () => {
  it('a local save, a local delete and a bulk write', async () => {
    expect(await moves(() => saveRecord('servicePoint', ID_A, fields('下姜村'), db))).toBe(true);
    expect(await moves(() => deleteRecord('servicePoint', ID_A, db))).toBe(true);
    expect(
      await moves(() =>
        writeManyWithOutbox(
          'servicePoint',
          [
            {
              recordId: ID_B,
              produce: () => ({
                row: {
                  ...fields('枫树岭'),
                  id: ID_B,
                  version: 0,
                  deleted: false,
                  updatedAt: null,
                  updatedBy: null,
                },
                op: 'upsert',
                changes: fields('枫树岭'),
                baseVersion: 0,
              }),
            },
          ],
          undefined,
          db,
        ),
      ),
    ).toBe(true);
  });

  it('a pulled page with records, but not a page with none', async () => {
    expect(
      await moves(() =>
        applyPullPage(db, {
          changes: [serverChange(ID_A, 1, '下姜村')],
          cursor: 'c1',
          hasMore: false,
          lastMutationId: 0,
        }),
      ),
    ).toBe(true);
    expect(
      await moves(() =>
        applyPullPage(db, { changes: [], cursor: 'c2', hasMore: false, lastMutationId: 0 }),
      ),
    ).toBe(false);
  });

  it('the end of a re-download that removes records', async () => {
    await applyPullPage(db, {
      changes: [serverChange(ID_A, 1, '下姜村'), serverChange(ID_B, 1, '枫树岭')],
      cursor: 'c1',
      hasMore: false,
      lastMutationId: 0,
    });
    expect(await moves(() => finishRebootstrap(db, new Set([`servicePoint:${ID_A}`]), 'c2'))).toBe(
      true,
    );
  });

  it('a refusal that removes a record the server never had', async () => {
    const saved = await saveRecord('servicePoint', ID_A, fields('下姜村'), db);
    expect(saved.mutationId).not.toBeNull();
    expect(
      await moves(() =>
        recordRejections(db, [
          { mutationId: saved.mutationId!, status: 'rejected', reason: 'invalid' },
        ]),
      ),
    ).toBe(true);
  });

  it('a completeness repair', async () => {
    expect(
      await moves(() =>
        applyRepair(db, 'servicePoint', [bucketOf(ID_A, 2)], [serverChange(ID_A, 3, '下姜村')]),
      ),
    ).toBe(true);
  });

  it('a wipe', async () => {
    await saveRecord('servicePoint', ID_A, fields('下姜村'), db);
    expect(await moves(() => wipeLocalData(db))).toBe(true);
  });
});

describe('figures kept with the stamp', () => {
  it('are kept when counted at the current stamp and read back with it', async () => {
    await saveRecord('servicePoint', ID_A, fields('下姜村'), db);
    const { stamp, records } = await readRecordsWithStamp(['servicePoint'], db);
    expect(records.servicePoint.map((p) => p.id)).toEqual([ID_A]);
    const figures = { value: { open: new Map([['3301', 1]]) }, stamp, inputs: 'day' };
    expect(await keepCountedFigures('test', figures, db)).toBe(true);
    const read = await readCountedFigures<{ open: Map<string, number> }>('test', db);
    expect(read.stamp).toBe(stamp);
    expect(read.kept?.stamp).toBe(stamp);
    expect(read.kept?.value.open.get('3301')).toBe(1);
  });

  it('are refused when a record changed while they were counted', async () => {
    await saveRecord('servicePoint', ID_A, fields('下姜村'), db);
    const { stamp } = await readRecordsWithStamp(['servicePoint'], db);
    await saveRecord('servicePoint', ID_B, fields('枫树岭'), db);
    expect(await keepCountedFigures('test', { value: 1, stamp, inputs: 'day' }, db)).toBe(false);
    expect((await readCountedFigures('test', db)).kept).toBeNull();
  });

  it('are gone after a wipe', async () => {
    await saveRecord('servicePoint', ID_A, fields('下姜村'), db);
    const { stamp } = await readRecordsWithStamp(['servicePoint'], db);
    await keepCountedFigures('test', { value: 1, stamp, inputs: 'day' }, db);
    await wipeLocalData(db);
    expect((await readCountedFigures('test', db)).kept).toBeNull();
  });
});
