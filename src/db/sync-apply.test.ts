/**
 * Applying the server's answers is where a sync engine loses work if it is careless: a page
 * half-applied, an outbox entry dropped before its effect arrived, a pending edit overwritten by
 * older server data, a refused change that simply vanishes. These tests pin each of those down
 * on a real IndexedDB implementation (fake-indexeddb).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { saveRecord, deleteRecord } from '../actions';
import { newServicePointFields } from '../domain/servicePoint';
import type { Change } from '../domain/protocol';
import {
  createDatabase,
  isResyncRequired,
  listOutbox,
  listRejected,
  readPullCursor,
  type CundianDb,
} from './index';
import { applyPullPage, finishRebootstrap, recordRejections } from './sync';

let db: CundianDb;
let n = 0;
beforeEach(() => {
  n += 1;
  db = createDatabase(`sync-apply-test-${Date.now()}-${n}`);
});
afterEach(async () => {
  db.close();
  await db.delete();
});

const fields = (name = '下姜村电商服务点') => ({
  ...newServicePointFields('2026-03-01'),
  regionCode: '330127101201',
  name,
});

function serverChange(id: string, version: number, name: string, extra = {}): Change {
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
      ...extra,
    },
  };
}

const ID_A = '01900000-0000-7000-8000-00000000000a';
const ID_B = '01900000-0000-7000-8000-00000000000b';

describe('applyPullPage', () => {
  it('writes rows, advances the cursor and drops acknowledged outbox entries together', async () => {
    const { id, mutationId } = await saveRecord('servicePoint', null, fields(), db);
    const summary = await applyPullPage(db, {
      changes: [serverChange(id, 1, '下姜村电商服务点'), serverChange(ID_B, 3, '枫树岭镇服务站')],
      cursor: 'c1',
      hasMore: false,
      lastMutationId: mutationId!,
    });
    expect(summary).toEqual({ applied: 2, acknowledged: 1 });
    expect(await db.servicePoints.get(id)).toMatchObject({ version: 1, updatedBy: 'officer' });
    expect(await db.servicePoints.get(ID_B)).toMatchObject({ name: '枫树岭镇服务站' });
    expect(await listOutbox(db)).toEqual([]);
    expect(await readPullCursor(db)).toBe('c1');
  });

  it('keeps showing a waiting edit on top of newer server data (no flip back)', async () => {
    await applyPullPage(db, {
      changes: [serverChange(ID_A, 1, '旧名字')],
      cursor: 'c1',
      hasMore: false,
      lastMutationId: 0,
    });
    await saveRecord('servicePoint', ID_A, { name: '新名字' }, db);
    // Someone else changed the notes meanwhile; our rename has not reached the server yet.
    await applyPullPage(db, {
      changes: [serverChange(ID_A, 2, '旧名字', { notes: '周一休息' })],
      cursor: 'c2',
      hasMore: false,
      lastMutationId: 0,
    });
    const row = await db.servicePoints.get(ID_A);
    expect(row).toMatchObject({ name: '新名字', notes: '周一休息', version: 2 });
    expect(await listOutbox(db)).toHaveLength(1);
  });

  it('removes tombstones and records that left the scope, unless an edit waits', async () => {
    await applyPullPage(db, {
      changes: [serverChange(ID_A, 1, '甲'), serverChange(ID_B, 1, '乙')],
      cursor: 'c1',
      hasMore: false,
      lastMutationId: 0,
    });
    await saveRecord('servicePoint', ID_B, { name: '乙改' }, db);
    await applyPullPage(db, {
      changes: [
        { entity: 'servicePoint', id: ID_A, version: 2, deleted: false, data: null },
        { entity: 'servicePoint', id: ID_B, version: 2, deleted: true, data: null },
      ],
      cursor: 'c2',
      hasMore: false,
      lastMutationId: 0,
    });
    expect(await db.servicePoints.get(ID_A)).toBeUndefined();
    // The delete wins, but the row (with the waiting edit) stays until the push settles it.
    expect(await db.servicePoints.get(ID_B)).toMatchObject({ deleted: true, name: '乙改' });
  });

  it('uses only the last change of a record within a page', async () => {
    await applyPullPage(db, {
      changes: [
        serverChange(ID_A, 1, '甲'),
        { entity: 'servicePoint', id: ID_A, version: 2, deleted: true, data: null },
      ],
      cursor: 'c1',
      hasMore: false,
      lastMutationId: 0,
    });
    expect(await db.servicePoints.get(ID_A)).toBeUndefined();
  });

  it('changes nothing when the page fails half way (one transaction)', async () => {
    const { mutationId } = await saveRecord('servicePoint', null, fields(), db);
    await applyPullPage(db, {
      changes: [serverChange(ID_A, 1, '甲')],
      cursor: 'c1',
      hasMore: false,
      lastMutationId: 0,
    });
    let written = 0;
    // A "crash" after a few rows: the hook throws inside the page's transaction.
    db.servicePoints.hook('creating', () => {
      written += 1;
      if (written === 3) throw new Error('power cut');
    });
    const page = {
      changes: [1, 2, 3, 4].map((i) =>
        serverChange(`01900000-0000-7000-8000-00000000010${i}`, 1, `点${i}`),
      ),
      cursor: 'c2',
      hasMore: false,
      lastMutationId: mutationId!,
    };
    await expect(applyPullPage(db, page)).rejects.toThrow('power cut');
    expect(await db.servicePoints.count()).toBe(2);
    expect(await listOutbox(db)).toHaveLength(1);
    expect(await readPullCursor(db)).toBe('c1');
  });
});

describe('finishRebootstrap', () => {
  it('removes rows the download did not contain, but never rows with a waiting change', async () => {
    await applyPullPage(db, {
      changes: [serverChange(ID_A, 1, '甲'), serverChange(ID_B, 1, '乙')],
      cursor: 'c1',
      hasMore: false,
      lastMutationId: 0,
    });
    const { id: localOnly } = await saveRecord('servicePoint', null, fields('本机新建'), db);
    const removed = await finishRebootstrap(db, new Set([`servicePoint:${ID_B}`]), 'c9');
    expect(removed).toBe(1);
    expect(await db.servicePoints.get(ID_A)).toBeUndefined();
    expect(await db.servicePoints.get(ID_B)).toBeDefined();
    expect(await db.servicePoints.get(localOnly)).toBeDefined();
    expect(await readPullCursor(db)).toBe('c9');
  });
});

describe('recordRejections', () => {
  it('moves a refused change to `rejected` with its reason, once', async () => {
    const { id, mutationId } = await saveRecord('servicePoint', null, fields(), db);
    const results = [
      {
        mutationId: mutationId!,
        status: 'rejected' as const,
        reason: 'scopeDenied' as const,
        message: { 'zh-CN': '不在您的管辖范围', en: 'Outside your area' },
      },
    ];
    expect(await recordRejections(db, results)).toEqual({ recorded: 1, resyncRequired: false });
    // A retried push answers the same: nothing is recorded twice.
    expect(await recordRejections(db, results)).toEqual({ recorded: 0, resyncRequired: false });
    expect(await listOutbox(db)).toEqual([]);
    const rejected = await listRejected(db);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatchObject({
      recordId: id,
      reason: 'scopeDenied',
      message: { en: 'Outside your area' },
      changes: { name: '下姜村电商服务点' },
    });
    // A create the server never accepted is not shown as if it existed.
    expect(await db.servicePoints.get(id)).toBeUndefined();
  });

  it('flags a re-download when a refused edit hides the server state', async () => {
    await applyPullPage(db, {
      changes: [serverChange(ID_A, 4, '甲')],
      cursor: 'c1',
      hasMore: false,
      lastMutationId: 0,
    });
    const { mutationId } = await saveRecord('servicePoint', ID_A, { name: '甲改' }, db);
    const outcome = await recordRejections(db, [
      { mutationId: mutationId!, status: 'rejected', reason: 'invalid' },
    ]);
    expect(outcome.resyncRequired).toBe(true);
    expect(await isResyncRequired(db)).toBe(true);
  });

  it('removes the record when the refusal says the server deleted it', async () => {
    await applyPullPage(db, {
      changes: [serverChange(ID_A, 4, '甲')],
      cursor: 'c1',
      hasMore: false,
      lastMutationId: 0,
    });
    const { mutationId } = await deleteRecord('servicePoint', ID_A, db);
    await recordRejections(db, [
      { mutationId: mutationId!, status: 'rejected', reason: 'deleted' },
    ]);
    expect(await db.servicePoints.get(ID_A)).toBeUndefined();
    expect(await isResyncRequired(db)).toBe(false);
  });
});
