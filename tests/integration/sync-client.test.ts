/**
 * The real sync engine against the real server (buildApp on PGlite, in-process). These are the
 * promises a coordinator relies on when an officer comes back from a week in the villages: what
 * was typed reaches the server exactly once (even when the answer is lost), a crash while saving
 * what arrived leaves the phone as it was, an app update does not strand the changes it held, a
 * 401 or a too-old app keeps every waiting change, and records of an area the user no longer
 * holds leave the phone.
 */
import 'fake-indexeddb/auto';
import { Blob, File } from 'node:buffer';
import { Dexie } from 'dexie';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { deleteRecord, saveRecord } from '../../src/actions';
import {
  createDatabase,
  listOutbox,
  listRecords,
  listRejected,
  readPullCursor,
  readSession,
  type CundianDb,
} from '../../src/db';
import { SCHEMA_VERSIONS } from '../../src/db/schema';
import { newServicePointFields } from '../../src/domain/servicePoint';
import { createSyncStore, SyncEngine } from '../../src/sync';
import {
  BASE_URL,
  COUNTY,
  createDevice,
  logIn,
  startTestServer,
  TOWNSHIP_A,
  TOWNSHIP_B,
  unreliableFetch,
  VILLAGE_A,
  VILLAGE_B,
  type Device,
  type TestServer,
} from './harness';

Object.assign(globalThis, { Blob, File });

let server: TestServer;
const devices: Device[] = [];

beforeAll(async () => {
  server = await startTestServer();
  await server.createUser('officer', 'officer', { level: 'township', code: TOWNSHIP_A });
  await server.createUser('officer2', 'officer', { level: 'township', code: TOWNSHIP_A });
  await server.createUser('coordinator', 'coordinator', { level: 'county', code: COUNTY });
  await server.createUser('admin', 'admin', { level: 'prefecture', code: '3301' });
});
afterAll(async () => {
  await server?.close();
});
afterEach(async () => {
  for (const device of devices.splice(0)) await device.close();
});

function device(name: string, options: Parameters<typeof createDevice>[2] = {}): Device {
  const d = createDevice(server, name, options);
  devices.push(d);
  return d;
}

const point = (name: string, regionCode = VILLAGE_A) => ({
  ...newServicePointFields('2026-03-01'),
  regionCode,
  name,
});

async function serverRecordCount(recordId: string): Promise<number> {
  const { rows } = await server.db.query<{ n: number }>(
    'select count(*)::int as n from change_log where record_id = $1::uuid',
    [recordId],
  );
  return rows[0]!.n;
}

describe('sync engine against the real server', () => {
  it('brings an officer’s offline work to the coordinator', async () => {
    const officer = device('officer');
    const coordinator = device('coordinator');
    await logIn(officer, 'officer');
    await logIn(coordinator, 'coordinator');
    expect(await coordinator.engine.sync()).toBe('synced');

    officer.network.online = false;
    const { id } = await saveRecord('servicePoint', null, point('浪洞村电商服务点'), officer.db);
    await saveRecord('servicePoint', id, { notes: '周一休息' }, officer.db);
    expect(await officer.engine.sync()).toBe('failed');
    expect(officer.store.getState().lastError?.kind).toBe('offline');
    expect(await listOutbox(officer.db)).toHaveLength(2);

    officer.network.online = true;
    expect(await officer.engine.sync()).toBe('synced');
    expect(await listOutbox(officer.db)).toEqual([]);
    const mine = await officer.db.servicePoints.get(id);
    expect(mine).toMatchObject({ notes: '周一休息', version: 2, updatedBy: expect.any(String) });

    expect(await coordinator.engine.sync()).toBe('synced');
    expect(await coordinator.db.servicePoints.get(id)).toMatchObject({
      name: '浪洞村电商服务点',
      notes: '周一休息',
      version: 2,
    });
  });

  it('applies a push exactly once when the answer is lost and the push is retried', async () => {
    const officer = device('officer');
    await logIn(officer, 'officer');
    await officer.engine.sync();
    const { id } = await saveRecord('servicePoint', null, point('答复丢失的服务点'), officer.db);
    officer.network.fault = (path) => (path === '/api/sync/push' ? 'dropResponse' : 'ok');
    expect(await officer.engine.sync()).toBe('failed');
    expect(await serverRecordCount(id)).toBe(1); // the server did commit it
    expect(await listOutbox(officer.db)).toHaveLength(1); // the device does not know yet

    officer.network.fault = (path) => (path === '/api/sync/push' ? 'duplicate' : 'ok');
    expect(await officer.engine.sync()).toBe('synced');
    expect(await serverRecordCount(id)).toBe(1);
    expect(await listOutbox(officer.db)).toEqual([]);
    expect(await officer.db.servicePoints.get(id)).toMatchObject({ version: 1 });
  });

  it('leaves the device as before the page when applying a pulled page crashes', async () => {
    const officer = device('officer');
    const reader = device('officer2', { pullLimit: 3 });
    await logIn(officer, 'officer');
    await logIn(reader, 'officer2');
    for (let i = 0; i < 4; i++) {
      await saveRecord('servicePoint', null, point(`崩溃测试点${i}`), officer.db);
    }
    expect(await officer.engine.sync()).toBe('synced');
    expect(await reader.engine.sync()).toBe('synced');
    const before = await reader.db.servicePoints.count();
    const cursorBefore = await readPullCursor(reader.db);

    // Five new points on the server; the reader's own edit waits in its outbox.
    for (let i = 0; i < 5; i++) {
      await saveRecord('servicePoint', null, point(`新的点${i}`), officer.db);
    }
    await officer.engine.sync();
    const someId = (await listRecords('servicePoint', reader.db))[0]!.id;
    await saveRecord('servicePoint', someId, { notes: '读者的修改' }, reader.db);
    reader.network.fault = (path) => (path === '/api/sync/push' ? 'dropRequest' : 'ok');

    let writes = 0;
    const crash = () => {
      writes += 1;
      if (writes === 2) throw new Error('the phone died');
    };
    reader.db.servicePoints.hook('creating', crash);
    expect(await reader.engine.sync()).toBe('failed');

    expect(await reader.db.servicePoints.count()).toBe(before);
    expect(await readPullCursor(reader.db)).toBe(cursorBefore);
    expect(await listOutbox(reader.db)).toHaveLength(1);
    expect(await reader.db.servicePoints.get(someId)).toMatchObject({ notes: '读者的修改' });

    reader.db.servicePoints.hook('creating').unsubscribe(crash);
    reader.network.fault = undefined;
    expect(await reader.engine.sync()).toBe('synced');
    expect(await reader.db.servicePoints.count()).toBe(before + 5);
    expect(await reader.db.servicePoints.get(someId)).toMatchObject({ notes: '读者的修改' });
  });

  it('pushes everything a pending outbox held across an app upgrade', async () => {
    // The phone ran the app at the first schema version and queued work offline…
    const name = `it-upgrade-${Date.now()}`;
    const first = SCHEMA_VERSIONS[0]!.version;
    const old = new Dexie(name);
    old.version(first).stores(SCHEMA_VERSIONS[0]!.stores);
    await old.open();
    const oldDb = old as unknown as CundianDb;
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const id = `01900000-0000-7000-8000-0000000001${String(i).padStart(2, '0')}`;
      ids.push(id);
      const fields = point(`旧版本登记${i}`);
      await oldDb.table('servicePoints').put({
        ...fields,
        id,
        version: 0,
        updatedAt: null,
        updatedBy: null,
        deleted: false,
      });
      await oldDb.table('outbox').put({
        mutationId: i + 1,
        entity: 'servicePoint',
        recordId: id,
        op: 'upsert',
        changes: fields,
        baseVersion: 0,
        createdAt: '2026-03-01T08:00:00.000Z',
      });
    }
    await oldDb.table('meta').put({ key: 'nextMutationId', value: 4 });
    old.close();

    // …then the new version of the app opened the same database and logged in.
    const db = createDatabase(name);
    const store = createSyncStore();
    const engine = new SyncEngine({
      db,
      store,
      fetch: unreliableFetch(server.fetch, { online: true }),
      baseUrl: BASE_URL,
    });
    try {
      const login = await engine.login('officer', 'demo-2026-test');
      expect(login.ok).toBe(true);
      expect(await engine.sync()).toBe('synced');
      expect(await listOutbox(db)).toEqual([]);
      for (const id of ids) expect(await serverRecordCount(id)).toBe(1);
      const { id: later } = await saveRecord('servicePoint', null, point('升级后登记'), db);
      expect((await listOutbox(db))[0]!.mutationId).toBe(4);
      expect(await engine.sync()).toBe('synced');
      expect(await serverRecordCount(later)).toBe(1);
    } finally {
      db.close();
      await db.delete();
    }
  });

  it('keeps the outbox on 401 and pushes it after the same user logs in again', async () => {
    const officer = device('officer');
    await logIn(officer, 'officer');
    await officer.engine.sync();
    const { id } = await saveRecord('servicePoint', null, point('401 之前登记'), officer.db);
    // The session ends on the server (an admin reset, expiry): the device's token is dead.
    const token = (await readSession(officer.db))!.token!;
    await server.fetch(`${BASE_URL}/api/auth/logout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(await officer.engine.sync()).toBe('blocked');
    expect(officer.store.getState().blocked).toBe('unauthorized');
    expect(await listOutbox(officer.db)).toHaveLength(1);
    expect(await readSession(officer.db)).toMatchObject({
      token: null,
      user: { username: 'officer' },
    });

    await logIn(officer, 'officer');
    expect(await listOutbox(officer.db)).toHaveLength(1);
    expect(await officer.engine.sync()).toBe('synced');
    expect(await serverRecordCount(id)).toBe(1);
  });

  it('keeps the outbox when the server says the app is too old, and pushes after the update', async () => {
    const officer = device('officer');
    await logIn(officer, 'officer');
    await officer.engine.sync();
    await saveRecord('servicePoint', null, point('旧应用登记'), officer.db);
    // This build of the app is older than the server accepts: every request says protocol 0.
    let tooOld = true;
    const realFetch = server.fetch;
    const oldApp = new SyncEngine({
      db: officer.db,
      store: officer.store,
      baseUrl: BASE_URL,
      fetch: (url, init) => {
        if (!tooOld || typeof init.body !== 'string') return realFetch(url, init);
        const body = JSON.parse(init.body) as Record<string, unknown>;
        return realFetch(url, { ...init, body: JSON.stringify({ ...body, protocolVersion: 0 }) });
      },
    });
    expect(await oldApp.sync()).toBe('blocked');
    expect(officer.store.getState()).toMatchObject({
      blocked: 'clientTooOld',
      lastError: { kind: 'clientTooOld', status: 426 },
    });
    expect(officer.store.getState().lastError?.messages?.['zh-CN']).toContain('更新');
    expect(await listOutbox(officer.db)).toHaveLength(1);

    tooOld = false; // the app was updated
    expect(await oldApp.sync('start')).toBe('synced');
    expect(await listOutbox(officer.db)).toEqual([]);
  });

  it('removes the records of an area the user no longer holds', async () => {
    await server.createUser('mover', 'officer', { level: 'township', code: TOWNSHIP_A });
    const mover = device('mover');
    await logIn(mover, 'mover');
    const { id } = await saveRecord('servicePoint', null, point('文昌镇的点'), mover.db);
    expect(await mover.engine.sync()).toBe('synced');
    expect(await mover.db.servicePoints.get(id)).toBeDefined();

    // The admin moves the officer to another township.
    const admin = device('admin');
    await logIn(admin, 'admin');
    const adminToken = (await readSession(admin.db))!.token!;
    const moverId = (await readSession(mover.db))!.user.id;
    await admin.engine.api.updateUser(adminToken, moverId, {
      scope: { level: 'township', code: TOWNSHIP_B },
    });

    // A change waiting on the device survives the re-download even though its record leaves.
    const { id: waiting } = await saveRecord('servicePoint', null, point('等待中的点'), mover.db);
    mover.network.fault = (path) => (path === '/api/sync/push' ? 'dropRequest' : 'ok');
    await mover.engine.sync();
    mover.network.fault = undefined;
    expect(await mover.engine.sync()).toBe('synced');
    expect(await mover.db.servicePoints.get(id)).toBeUndefined();
    expect(await mover.db.servicePoints.count()).toBe(0);
    expect(mover.store.getState().lastError).toBeNull();
    // The waiting point lies outside the new area: refused, and kept with the reason — not lost.
    const rejected = await listRejected(mover.db);
    expect(rejected.map((r) => [r.recordId, r.reason])).toEqual([[waiting, 'scopeDenied']]);
    expect(await mover.db.servicePoints.get(waiting)).toBeUndefined();
    // The device knows its new area.
    expect((await readSession(mover.db))!.user.scope).toEqual({
      level: 'township',
      code: TOWNSHIP_B,
    });
  });

  it('keeps a refused change with its reason and restores the record', async () => {
    const officer = device('officer');
    await logIn(officer, 'officer');
    // A point in another township: the server refuses it (scope), the device keeps the words.
    const { id } = await saveRecord(
      'servicePoint',
      null,
      point('别的乡镇的点', VILLAGE_B),
      officer.db,
    );
    expect(await officer.engine.sync()).toBe('synced');
    const rejected = await listRejected(officer.db);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatchObject({ recordId: id, reason: 'scopeDenied' });
    expect(rejected[0]!.message?.['zh-CN']).toBeTruthy();
    expect(await officer.db.servicePoints.get(id)).toBeUndefined();
    expect(await listOutbox(officer.db)).toEqual([]);
  });

  it('shows a delete that wins over an edit made offline', async () => {
    const officer = device('officer');
    const coordinator = device('coordinator');
    await logIn(officer, 'officer');
    await logIn(coordinator, 'coordinator');
    const { id } = await saveRecord('servicePoint', null, point('将被删除的点'), officer.db);
    await officer.engine.sync();
    await coordinator.engine.sync();
    await deleteRecord('servicePoint', id, coordinator.db);
    await saveRecord('servicePoint', id, { notes: '离线时的修改' }, officer.db);
    expect(await coordinator.engine.sync()).toBe('synced');
    expect(await officer.engine.sync()).toBe('synced');
    expect((await listRecords('servicePoint', officer.db)).some((p) => p.id === id)).toBe(false);
    expect(await listOutbox(officer.db)).toEqual([]);
  });
});
