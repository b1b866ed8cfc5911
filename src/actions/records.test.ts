/**
 * Every user write is a row and an outbox entry, written together or not at all. If the two ever
 * came apart, a change would show on the phone and never reach the server (or the reverse), which
 * is exactly the "lost work" this app exists to prevent.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newServicePointFields } from '../domain/servicePoint';
import { createDatabase, listOutbox, type CundianDb } from '../db';
import {
  changeServicePointStatus,
  deleteRecord,
  saveRecord,
  TransitionRefused,
  ValidationFailed,
  WriteNotAllowed,
} from './index';
import { writeSession } from '../db';
import type { Role, Scope } from '../domain/protocol';

let db: CundianDb;
let n = 0;
beforeEach(() => {
  n += 1;
  db = createDatabase(`actions-test-${Date.now()}-${n}`);
});
afterEach(async () => {
  db.close();
  await db.delete();
});

const point = () => ({
  ...newServicePointFields('2026-03-01'),
  regionCode: '330127101201',
  name: '下姜村电商服务点',
});

describe('saveRecord', () => {
  it('writes the row and an outbox entry with every field on create', async () => {
    const { id, mutationId } = await saveRecord('servicePoint', null, point(), db);
    const row = await db.servicePoints.get(id);
    expect(row).toMatchObject({ name: '下姜村电商服务点', version: 0, deleted: false });
    const outbox = await listOutbox(db);
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({
      mutationId,
      entity: 'servicePoint',
      recordId: id,
      op: 'upsert',
      baseVersion: 0,
    });
    expect(Object.keys(outbox[0]!.changes).sort()).toEqual(Object.keys(point()).sort());
  });

  it('records only the changed fields on update, with increasing mutation ids', async () => {
    const { id } = await saveRecord('servicePoint', null, point(), db);
    await saveRecord('servicePoint', id, { notes: '周一休息', name: '下姜村电商服务点' }, db);
    const outbox = await listOutbox(db);
    expect(outbox.map((e) => e.mutationId)).toEqual([1, 2]);
    expect(outbox[1]!.changes).toEqual({ notes: '周一休息' });
  });

  it('writes nothing when nothing changed', async () => {
    const { id } = await saveRecord('servicePoint', null, point(), db);
    const again = await saveRecord('servicePoint', id, { name: '下姜村电商服务点' }, db);
    expect(again.mutationId).toBeNull();
    expect(await db.outbox.count()).toBe(1);
  });

  it('refuses an invalid record and writes neither row nor outbox entry', async () => {
    const error = await saveRecord(
      'servicePoint',
      null,
      { ...point(), operatorPhone: '12345' },
      db,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationFailed);
    expect((error as ValidationFailed).problems.map((p) => p.path)).toEqual(['operatorPhone']);
    expect(await db.servicePoints.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it('a failure after the row is written rolls the row back too', async () => {
    const { id } = await saveRecord('servicePoint', null, point(), db);
    // Force the outbox write to fail after the row's put has run in the same transaction.
    const failOutbox = () => {
      throw new Error('disk full (simulated)');
    };
    db.outbox.hook('creating', failOutbox);
    await expect(saveRecord('servicePoint', id, { notes: '不会保存' }, db)).rejects.toThrow(
      'disk full',
    );
    db.outbox.hook('creating').unsubscribe(failOutbox);

    expect((await db.servicePoints.get(id))!.notes).toBe('');
    expect(await db.outbox.count()).toBe(1);
    // The mutation counter did not advance either: the next write gets the next id.
    await saveRecord('servicePoint', id, { notes: '会保存' }, db);
    expect((await listOutbox(db)).map((e) => e.mutationId)).toEqual([1, 2]);
  });
});

describe('deleteRecord', () => {
  it('keeps a tombstone and queues a delete', async () => {
    const { id } = await saveRecord('servicePoint', null, point(), db);
    await deleteRecord('servicePoint', id, db);
    expect(await db.servicePoints.get(id)).toMatchObject({ deleted: true });
    expect((await listOutbox(db)).at(-1)).toMatchObject({
      op: 'delete',
      recordId: id,
      changes: {},
    });
    await expect(saveRecord('servicePoint', id, { notes: 'x' }, db)).rejects.toThrow('not found');
  });
});

describe('changeServicePointStatus', () => {
  it('appends to the history, and refuses a step that makes no sense without writing', async () => {
    const { id } = await saveRecord('servicePoint', null, point(), db);
    await changeServicePointStatus(id, 'approved', '2026-03-05', undefined, db);
    await expect(
      changeServicePointStatus(id, 'planned', '2026-03-06', undefined, db),
    ).rejects.toBeInstanceOf(TransitionRefused);
    const row = await db.servicePoints.get(id);
    expect(row!.statusHistory.map((h) => h.status)).toEqual(['planned', 'approved']);
    expect(await db.outbox.count()).toBe(2);
  });
});

describe('a write the signed-in user’s role may not make', () => {
  const signIn = (role: Role, scope: Scope) =>
    writeSession(
      {
        token: 't',
        user: { id: 'u', username: 'u', displayName: '用户', role, scope },
        loggedInAt: '2026-03-01T00:00:00Z',
      },
      db,
    );

  it('is refused as WriteNotAllowed (not a validation or a generic failure), writing nothing', async () => {
    const { id } = await saveRecord('servicePoint', null, point(), db);
    await signIn('trainer', { level: 'county', code: '330127' });
    await expect(
      changeServicePointStatus(id, 'approved', '2026-03-05', undefined, db),
    ).rejects.toBeInstanceOf(WriteNotAllowed);
    await expect(saveRecord('servicePoint', id, { name: '改名' }, db)).rejects.toBeInstanceOf(
      WriteNotAllowed,
    );
    await expect(deleteRecord('servicePoint', id, db)).rejects.toBeInstanceOf(WriteNotAllowed);
    expect((await db.servicePoints.get(id))?.status).toBe('planned');
    expect(await listOutbox(db)).toHaveLength(1); // the create, from before the sign-in
  });

  it('leaves a place outside the area to the server, whose refusal the phone keeps with its reason', async () => {
    const { id } = await saveRecord('servicePoint', null, point(), db); // 枫树岭镇 下姜村
    await signIn('officer', { level: 'township', code: '330127101' });
    await saveRecord('servicePoint', id, { regionCode: '330127100219' }, db);
    expect((await db.servicePoints.get(id))?.regionCode).toBe('330127100219');
    expect(await listOutbox(db)).toHaveLength(2);
  });
});
