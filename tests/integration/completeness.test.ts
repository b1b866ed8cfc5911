/**
 * Phones that check themselves and heal (issue 11), with the real sync engine against the real
 * server. A download that skipped records once left coordinators' phones with 0 of 61 demo
 * points and nothing said so. Now:
 * - after catching up, every phone compares a digest of what it holds with the server's, and
 *   repairs what differs by downloading only the differing buckets (src/sync/completeness.ts);
 * - a phone whose cursor came from the pull that skipped rows (cursor generation 1) is told to
 *   download again, and keeps its waiting changes and its drafts while doing so.
 */
import 'fake-indexeddb/auto';
import { Blob, File } from 'node:buffer';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { saveRecord } from '../../src/actions';
import {
  getClientId,
  listOutbox,
  listRecords,
  readSession,
  loadDraft,
  readPullCursor,
  saveDraft,
  type CundianDb,
} from '../../src/db';
import { readCompletenessCheck } from '../../src/db/sync';
import { newId } from '../../src/domain/common';
import { newServicePointFields } from '../../src/domain/servicePoint';
import { ApiClient } from '../../src/sync';
import { checkCompleteness } from '../../src/sync/completeness';
import {
  BASE_URL,
  COUNTY,
  createDevice,
  logIn,
  startTestServer,
  TOWNSHIP_A,
  VILLAGE_A,
  VILLAGE_A2,
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
  await server.createUser('coordinator', 'coordinator', { level: 'county', code: COUNTY });
});
afterAll(async () => {
  await server?.close();
});
afterEach(async () => {
  for (const d of devices.splice(0)) await d.close();
});

function device(name: string): Device {
  const d = createDevice(server, name, { completenessIntervalMs: 0 });
  devices.push(d);
  return d;
}

async function createPoints(d: Device, count: number, village = VILLAGE_A): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const { id } = await saveRecord(
      'servicePoint',
      null,
      { ...newServicePointFields('2026-03-01'), regionCode: village, name: `核对点${newId()}` },
      d.db,
    );
    ids.push(id);
  }
  expect(await d.engine.sync('manual')).toBe('synced');
  return ids;
}

/** The server's live points in an area, as id → version. */
async function serverPoints(area: string): Promise<Map<string, number>> {
  const { rows } = await server.db.query<{ id: string; version: string | number }>(
    `select id::text as id, version from records
     where entity = 'servicePoint' and not deleted and data ->> 'regionCode' like $1`,
    [`${area}%`],
  );
  return new Map(rows.map((r) => [r.id, Number(r.version)]));
}

async function devicePoints(db: CundianDb): Promise<Map<string, number>> {
  const rows = await listRecords('servicePoint', db);
  return new Map(rows.map((r) => [r.id, r.version]));
}

describe('the completeness check after catching up', () => {
  it('finds nothing to do on a phone that holds everything, and says when it looked', async () => {
    const officer = device('complete-officer');
    await logIn(officer, 'officer');
    await createPoints(officer, 3);
    const check = await readCompletenessCheck(officer.db);
    expect(check).toMatchObject({ outcome: 'complete', repaired: 0, entities: [] });
    expect(Date.parse(check!.at)).not.toBeNaN();
  });

  it('brings back records a download skipped and drops one the server no longer has, by buckets', async () => {
    const officer = device('writer');
    await logIn(officer, 'officer');
    await createPoints(officer, 12);
    await createPoints(officer, 4, VILLAGE_B); // another township: the officer may not
    const coordinator = device('skipped-coordinator');
    await logIn(coordinator, 'coordinator');
    expect(await coordinator.engine.sync('manual')).toBe('synced');
    const expected = await serverPoints(COUNTY);
    expect(await devicePoints(coordinator.db)).toEqual(expected);

    // What a phone of the old pull looked like: records missing, without an outbox entry,
    // and one record the server has deleted without the phone being told.
    const missing = [...expected.keys()].slice(0, 3);
    await coordinator.db.servicePoints.bulkDelete(missing);
    const ghost = newId();
    const template = (await listRecords('servicePoint', coordinator.db))[0]!;
    await coordinator.db.servicePoints.put({ ...template, id: ghost, version: 2 });

    expect(await coordinator.engine.sync('manual')).toBe('synced');
    expect(await devicePoints(coordinator.db)).toEqual(expected);
    const check = await readCompletenessCheck(coordinator.db);
    expect(check).toMatchObject({ outcome: 'repaired', entities: ['servicePoint'] });
    expect(check!.repaired).toBe(4);
    expect(await listOutbox(coordinator.db)).toEqual([]);
  });

  it('looks one level finer inside large differing buckets before downloading', async () => {
    const officer = device('finer-writer');
    await logIn(officer, 'officer');
    await createPoints(officer, 60);
    const coordinator = device('finer-coordinator');
    await logIn(coordinator, 'coordinator');
    expect(await coordinator.engine.sync('manual')).toBe('synced');
    const expected = await serverPoints(COUNTY);
    const missing = [...expected.keys()].filter((_, i) => i % 6 === 0);
    await coordinator.db.servicePoints.bulkDelete(missing);

    const asked: { path: string; body: Record<string, unknown> }[] = [];
    const api = new ApiClient({
      baseUrl: BASE_URL,
      fetch: async (url, init) => {
        asked.push({
          path: new URL(url).pathname,
          body: JSON.parse(String(init.body)) as Record<string, unknown>,
        });
        return server.fetch(url, init);
      },
    });
    const session = (await readSession(coordinator.db))!;
    const check = await checkCompleteness({
      api,
      db: coordinator.db,
      token: session.token!,
      clientId: await getClientId(coordinator.db),
      now: () => new Date(),
      // Small pages, so a few points count as "many records in the differing buckets".
      repairPageRecords: 4,
    });
    expect(check).toMatchObject({ outcome: 'repaired', repaired: missing.length });
    expect(await devicePoints(coordinator.db)).toEqual(expected);
    const finer = asked.find((a) => a.body.depth === 3);
    expect(finer?.body.within).toBeInstanceOf(Array);
    // Only records of the finer differing buckets came back: about the missing ones.
    const repairs = asked.filter((a) => a.path === '/api/sync/records');
    const asks = repairs.flatMap((a) => a.body.buckets as string[]);
    expect(asks.every((b) => b.length === 3)).toBe(true);
    expect(new Set(asks)).toEqual(new Set(missing.map((id) => id.slice(-3))));
  });

  it('notices a record the server holds but never put in the log (a skip on the server side)', async () => {
    const officer = device('server-skip');
    await logIn(officer, 'officer');
    await createPoints(officer, 2);
    // A point written to the records table and nowhere else: no pull will ever send it.
    const [template] = await listRecords('servicePoint', officer.db);
    const hidden = newId();
    await server.db.query(
      `insert into records (entity, id, data, version, county_code, township_code, created_at,
                            updated_at)
       values ('servicePoint', $1, $2::jsonb, 1, $3, $4, now(), now())`,
      [
        hidden,
        JSON.stringify({ ...template, id: hidden, version: 1, regionCode: VILLAGE_A2 }),
        COUNTY,
        TOWNSHIP_A,
      ],
    );
    expect(await officer.engine.sync('manual')).toBe('synced');
    expect((await devicePoints(officer.db)).get(hidden)).toBe(1);
    expect(await readCompletenessCheck(officer.db)).toMatchObject({
      outcome: 'repaired',
      repaired: 1,
    });
    // Not left for the other tests' phones to find.
    await server.db.query(`delete from records where id = $1`, [hidden]);
  });

  it('leaves a record with a change waiting alone, and keeps the change', async () => {
    const officer = device('pending-officer');
    await logIn(officer, 'officer');
    const [id] = await createPoints(officer, 2);
    officer.network.online = false;
    await saveRecord('servicePoint', id!, { notes: '等信号再发' }, officer.db);
    expect(await officer.engine.sync('manual')).toBe('failed');
    officer.network.online = true;
    expect(await officer.engine.sync('manual')).toBe('synced');
    expect(await readCompletenessCheck(officer.db)).toMatchObject({ outcome: 'complete' });
    const row = (await listRecords('servicePoint', officer.db)).find((r) => r.id === id);
    expect(row?.notes).toBe('等信号再发');
  });
});

describe('healing a phone whose cursor came from the pull that skipped rows', () => {
  it('downloads again, keeps its waiting changes and drafts, and then holds everything', async () => {
    const writer = device('heal-writer');
    await logIn(writer, 'coordinator');
    await createPoints(writer, 6);
    const phone = device('heal-phone');
    await logIn(phone, 'officer');
    expect(await phone.engine.sync('manual')).toBe('synced');

    // The phone as the old server left it: a generation-1 cursor, records missing…
    const cursor = (await readPullCursor(phone.db))!;
    const json = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as object;
    const old = Buffer.from(JSON.stringify({ ...json, v: 1 })).toString('base64url');
    await phone.db.meta.put({ key: 'pullCursor', value: old });
    const held = await devicePoints(phone.db);
    await phone.db.servicePoints.bulkDelete([...held.keys()].slice(0, 4));
    // …and what the officer was doing: a point typed offline, a half-filled form.
    phone.network.online = false;
    const { id: typed } = await saveRecord(
      'servicePoint',
      null,
      { ...newServicePointFields('2026-03-01'), regionCode: VILLAGE_A, name: '离线新点' },
      phone.db,
    );
    await saveDraft('servicePoint:new', { name: '没写完的' }, phone.db);
    phone.network.online = true;

    const pulls: string[] = [];
    const answers: unknown[] = [];
    const original = phone.engine.api;
    const spy = new Proxy(original, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver) as unknown;
        if (key === 'pull' && typeof value === 'function') {
          return async (...args: unknown[]) => {
            pulls.push(String(args[2]));
            const answer = await (value as (...a: unknown[]) => Promise<unknown>).apply(
              target,
              args,
            );
            answers.push(answer);
            return answer;
          };
        }
        return value;
      },
    });
    Object.defineProperty(phone.engine, 'api', { value: spy });

    expect(await phone.engine.sync('manual')).toBe('synced');
    // The old cursor was answered resetRequired, and the download started again from null.
    expect(pulls[0]).toBe(old);
    expect(answers[0]).toEqual({ resetRequired: true });
    expect(pulls[1]).toBe('null');
    expect(await devicePoints(phone.db)).toEqual(await serverPoints(TOWNSHIP_A));
    expect((await devicePoints(phone.db)).has(typed)).toBe(true);
    expect(await listOutbox(phone.db)).toEqual([]);
    expect(await loadDraft('servicePoint:new', phone.db)).toMatchObject({
      value: { name: '没写完的' },
    });
    const fresh = JSON.parse(
      Buffer.from((await readPullCursor(phone.db))!, 'base64url').toString('utf8'),
    ) as { v: number };
    expect(fresh.v).toBe(2);
    expect(await readCompletenessCheck(phone.db)).toMatchObject({ outcome: 'complete' });
  });
});
