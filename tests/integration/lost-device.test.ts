/**
 * Lost phones, the real engine against the real server (docs/SECURITY.md "丢失设备 / Lost
 * devices"): told to wipe, a phone first gets what it holds to the server — applied when its user
 * may still write, handed in (kept, not applied) when the user is disabled — and only then removes
 * the user's data and shows the sign-in screen with the reason. Offline, it keeps everything.
 */
import 'fake-indexeddb/auto';
import { Blob, File } from 'node:buffer';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { saveRecord } from '../../src/actions';
import { getClientId, listOutbox, readSession } from '../../src/db';
import { newServicePointFields } from '../../src/domain/servicePoint';
import type { User } from '../../src/domain/protocol';
import {
  createDevice,
  logIn,
  startTestServer,
  TOWNSHIP_A,
  VILLAGE_A,
  type Device,
  type TestServer,
} from './harness';

Object.assign(globalThis, { Blob, File });

let server: TestServer;
let officer: User;
let adminToken: string;
const devices: Device[] = [];

beforeAll(async () => {
  server = await startTestServer();
  officer = await server.createUser('officer', 'officer', { level: 'township', code: TOWNSHIP_A });
  await server.createUser('admin', 'admin', { level: 'prefecture', code: '3301' });
  const admin = createDevice(server, 'admin');
  devices.push(admin);
  await logIn(admin, 'admin');
  adminToken = (await readSession(admin.db))!.token!;
});
afterAll(async () => {
  await server?.close();
});
afterEach(async () => {
  for (const device of devices.splice(1)) await device.close();
  await server.db.query('update users set disabled = false');
});

function device(name: string): Device {
  const d = createDevice(server, name);
  devices.push(d);
  return d;
}

const point = (name: string) => ({
  ...newServicePointFields('2026-03-01'),
  regionCode: VILLAGE_A,
  name,
});

async function asAdmin(method: 'POST' | 'PATCH', url: string, payload: object) {
  const response = await server.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${adminToken}` },
    payload,
  });
  expect(response.statusCode, response.body).toBe(200);
}

async function serverHas(recordId: string): Promise<boolean> {
  const { rows } = await server.db.query('select 1 from records where id = $1::uuid', [recordId]);
  return rows.length === 1;
}

async function localCounts(phone: Device) {
  return {
    points: await phone.db.servicePoints.count(),
    outbox: (await listOutbox(phone.db)).length,
    session: (await readSession(phone.db)) != null,
  };
}

describe('a phone told to wipe', () => {
  it('marked lost: pushes what it holds (applied), then wipes and says why', async () => {
    const phone = device('lost');
    await logIn(phone, 'officer');
    await saveRecord('servicePoint', null, point('已同步的服务点'), phone.db);
    expect(await phone.engine.sync()).toBe('synced');
    const clientId = await getClientId(phone.db);

    await asAdmin('POST', `/api/users/${officer.id}/devices/${clientId}/lost`, {});
    const { id } = await saveRecord('servicePoint', null, point('丢失前录入的服务点'), phone.db);
    expect(await localCounts(phone)).toMatchObject({ outbox: 1, session: true });
    expect(await phone.db.servicePoints.get(id)).toBeDefined();

    expect(await phone.engine.sync()).toBe('blocked');
    expect(await serverHas(id)).toBe(true); // nothing typed was lost
    expect(await localCounts(phone)).toEqual({ points: 0, outbox: 0, session: false });
    expect(phone.store.getState()).toMatchObject({
      blocked: 'loggedOut',
      lastError: { code: 'deviceWipe', messages: { 'zh-CN': expect.stringContaining('丢失') } },
    });
  });

  it("a disabled user's phone hands its outbox in, then wipes; offline it keeps everything", async () => {
    const phone = device('disabled');
    await logIn(phone, 'officer');
    expect(await phone.engine.sync()).toBe('synced');
    const clientId = await getClientId(phone.db);
    await asAdmin('PATCH', `/api/users/${officer.id}`, { disabled: true });
    const { id } = await saveRecord(
      'servicePoint',
      null,
      point('停用后仍在手机上的服务点'),
      phone.db,
    );

    const before = await localCounts(phone);
    expect(before).toMatchObject({ outbox: 1, session: true });
    expect(await phone.db.servicePoints.get(id)).toBeDefined();

    phone.network.online = false;
    expect(await phone.engine.sync()).toBe('failed');
    expect(await localCounts(phone)).toEqual(before);

    phone.network.online = true;
    expect(await phone.engine.sync()).toBe('blocked');
    expect(await localCounts(phone)).toEqual({ points: 0, outbox: 0, session: false });
    expect(await serverHas(id)).toBe(false); // a disabled user writes nothing...
    // This phone's hand-in: the file's server is shared, and the next test's phone hands one in
    // too (in a shuffled order it runs first).
    const kept = await server.db.query<{ mutations: { recordId: string }[] }>(
      'select mutations from rescued_outboxes where client_id = $1::uuid',
      [clientId],
    );
    expect(kept.rows.flatMap((r) => r.mutations.map((m) => m.recordId))).toEqual([id]); // ...but it is kept
    expect(phone.store.getState().lastError).toMatchObject({
      code: 'deviceWipe',
      messages: { 'zh-CN': expect.stringContaining('停用') },
    });
  });

  it('keeps everything when the hand-in cannot reach the server, and finishes on the next run', async () => {
    const phone = device('flaky');
    await logIn(phone, 'officer');
    expect(await phone.engine.sync()).toBe('synced');
    await asAdmin('PATCH', `/api/users/${officer.id}`, { disabled: true });
    await saveRecord('servicePoint', null, point('交不上去的服务点'), phone.db);
    const before = await localCounts(phone);
    expect(before).toMatchObject({ outbox: 1, session: true });
    phone.network.fault = (path) => (path === '/api/devices/rescue' ? 'dropRequest' : 'ok');
    expect(await phone.engine.sync()).toBe('failed');
    expect(await localCounts(phone)).toEqual(before);
    phone.network.fault = undefined;
    expect(await phone.engine.sync()).toBe('blocked');
    expect(await localCounts(phone)).toEqual({ points: 0, outbox: 0, session: false });
  });
});
