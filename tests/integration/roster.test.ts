/**
 * The roll call and the server agree (issue 15 §7), with the real sync engine on two phones
 * against the real server. Trainer A takes X off a session's list; trainer B, at the door with no
 * signal and not knowing, taps X present. Whichever phone syncs first, both end with X on the
 * list, present, and counted — with nothing refused that B typed and no coordinator restoring
 * anything. Before membership was a field, A's removal was a delete, B's tap was refused by the
 * server (a delete wins) and the phone that showed 已到 lost it at the next sync.
 */
import 'fake-indexeddb/auto';
import { Blob, File } from 'node:buffer';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addToRoster, markAttendance, removeFromRoster, saveRecord } from '../../src/actions';
import { listOutbox, listRejected, type CundianDb } from '../../src/db';
import { attendanceId } from '../../src/domain/attendance';
import { countRollCall } from '../../src/domain/rollCall';
import {
  COUNTY,
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
const devices: Device[] = [];

beforeAll(async () => {
  server = await startTestServer();
  await server.createUser('trainer_a', 'trainer', { level: 'county', code: COUNTY });
  await server.createUser('trainer_b', 'trainer', { level: 'county', code: COUNTY });
});
afterAll(async () => {
  await server?.close();
});
afterEach(async () => {
  for (const device of devices.splice(0)) await device.close();
});

async function phone(username: string): Promise<Device> {
  const d = createDevice(server, username);
  devices.push(d);
  await logIn(d, username);
  return d;
}

/** A session with X on its list, made on phone A and pulled by phone B. */
async function sessionWithX(a: Device, b: Device) {
  const sessionId = (
    await saveRecord(
      'trainingSession',
      null,
      {
        title: '文昌镇电商培训',
        startDate: '2026-03-10',
        endDate: '2026-03-10',
        townshipCode: TOWNSHIP_A,
        trainer: '陈老师',
        hours: 4,
        topics: ['网店开设'],
        capacity: 40,
      },
      a.db,
    )
  ).id;
  const x = (
    await saveRecord(
      'trainee',
      null,
      { name: '王芳', kind: 'youth', villageCode: VILLAGE_A, phone: null },
      a.db,
    )
  ).id;
  await addToRoster(sessionId, [x], undefined, a.db);
  expect(await a.engine.sync()).toBe('synced');
  expect(await b.engine.sync()).toBe('synced');
  return { sessionId, x, id: attendanceId(sessionId, x) };
}

async function rollOf(db: CundianDb, sessionId: string) {
  return countRollCall(await db.attendance.where('sessionId').equals(sessionId).toArray());
}

const HERE = { expected: 1, present: 1, late: 0, absent: 0, arrived: 1 };

describe('a removal and a tap on two phones', () => {
  it('A takes X off the list, B taps X present offline, both sync: X is here and counted', async () => {
    const a = await phone('trainer_a');
    const b = await phone('trainer_b');
    const { sessionId, x, id } = await sessionWithX(a, b);

    b.network.online = false;
    await removeFromRoster(sessionId, x, a.db);
    expect(await a.engine.sync()).toBe('synced');
    await markAttendance(sessionId, x, 'present', b.db);
    expect(await rollOf(b.db, sessionId)).toEqual(HERE); // 已到 on B at once

    b.network.online = true;
    expect(await b.engine.sync()).toBe('synced');
    expect(await a.engine.sync()).toBe('synced');
    for (const device of [a, b]) {
      expect(await device.db.attendance.get(id)).toMatchObject({
        status: 'present',
        onRoster: true,
        deleted: false,
      });
      expect(await rollOf(device.db, sessionId)).toEqual(HERE);
      expect(await listRejected(device.db)).toEqual([]);
      expect(await listOutbox(device.db)).toEqual([]);
    }
  });

  it('the other order: B’s tap reaches the server first; A’s removal is refused and says why', async () => {
    const a = await phone('trainer_a');
    const b = await phone('trainer_b');
    const { sessionId, x, id } = await sessionWithX(a, b);

    await markAttendance(sessionId, x, 'present', b.db);
    expect(await b.engine.sync()).toBe('synced');
    await removeFromRoster(sessionId, x, a.db); // A has not heard of the tap
    await a.engine.sync();
    const refused = await listRejected(a.db);
    expect(refused).toHaveLength(1);
    expect(JSON.stringify(refused[0])).toContain('已签到');
    expect(await a.engine.sync()).toBe('synced');
    for (const device of [a, b]) {
      expect(await device.db.attendance.get(id)).toMatchObject({
        status: 'present',
        onRoster: true,
      });
      expect(await rollOf(device.db, sessionId)).toEqual(HERE);
    }
  });
});
