/**
 * Photos through the real sync engine and the real server (in-process, PGlite): a photo taken
 * on an officer's phone reaches the server after a sync — and a failed or refused upload never
 * holds back the records — and the coordinator's phone, which pulled the record, downloads the
 * photo and keeps it for offline use. Someone outside the record's area gets nothing.
 */
import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import { Blob, File } from 'node:buffer';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { saveRecord } from '../../src/actions';
import {
  getAttachment,
  listOutbox,
  readSession,
  storeAttachment,
  type CundianDb,
} from '../../src/db';
import { listAttachmentsToUpload, type StoredAttachment } from '../../src/db/attachments';
import {
  PHOTO_QUOTA_EXCEEDED,
  PHOTO_QUOTA_RETRY_MS,
  UNUSED_PHOTO_QUOTA_BYTES,
} from '../../src/domain/attachments';
import { newServicePointFields } from '../../src/domain/servicePoint';
import type { FetchLike } from '../../src/sync';
import { fetchAttachment, uploadPendingAttachments } from '../../src/sync/attachments';
import {
  COUNTY,
  createDevice,
  logIn,
  startTestServer,
  TOWNSHIP_A,
  TOWNSHIP_B,
  VILLAGE_A,
  type Device,
  type TestServer,
} from './harness';

Object.assign(globalThis, { Blob, File });

/** Like harness.injectFetch, but bodies are bytes both ways (photos are not text). */
function binaryInjectFetch(app: FastifyInstance): FetchLike {
  return async (url, init) => {
    const target = new URL(url);
    const body = init.body;
    const payload =
      typeof body === 'string'
        ? body
        : body instanceof ArrayBuffer
          ? Buffer.from(body)
          : body instanceof Uint8Array
            ? Buffer.from(body)
            : undefined;
    const response = await app.inject({
      method: (init.method ?? 'GET') as 'GET',
      url: `${target.pathname}${target.search}`,
      headers: (init.headers ?? {}) as Record<string, string>,
      ...(payload === undefined ? {} : { payload }),
    });
    const status = response.statusCode;
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(response.headers)) {
      if (value !== undefined)
        headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
    }
    const noBody = status === 204 || status === 304 || response.rawPayload.length === 0;
    return new Response(noBody ? null : new Uint8Array(response.rawPayload), { status, headers });
  };
}

let server: TestServer;
let fetchBytes: FetchLike;
const devices: Device[] = [];
/** Paths of the requests that reached the server, in order. */
const requests: string[] = [];

beforeAll(async () => {
  server = await startTestServer();
  const inner = binaryInjectFetch(server.app);
  fetchBytes = (url, init) => {
    requests.push(`${init.method ?? 'GET'} ${new URL(url).pathname}`);
    return inner(url, init);
  };
  await server.createUser('officer', 'officer', { level: 'township', code: TOWNSHIP_A });
  await server.createUser('officerb', 'officer', { level: 'township', code: TOWNSHIP_B });
  await server.createUser('coordinator', 'coordinator', { level: 'county', code: COUNTY });
});
afterAll(async () => {
  await server?.close();
});
afterEach(async () => {
  requests.length = 0;
  for (const device of devices.splice(0)) await device.close();
});

function device(name: string): Device {
  const d = createDevice({ ...server, fetch: fetchBytes }, name);
  devices.push(d);
  return d;
}

let photoCounter = 0;

/** A small "JPEG" (the signature, then unique bytes), as compressPhoto would have stored it. */
async function takePhoto(
  db: CundianDb,
  bytes?: Uint8Array,
): Promise<{ sha: string; bytes: Uint8Array }> {
  photoCounter++;
  const data =
    bytes ??
    new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...Buffer.from(`photo ${photoCounter} ${Date.now()}`)]);
  const sha = createHash('sha256').update(data).digest('hex');
  await storeAttachment(
    {
      sha256: sha,
      blob: new Blob([data], { type: 'image/jpeg' }) as unknown as globalThis.Blob,
      type: 'image/jpeg',
      size: data.length,
      width: 4,
      height: 3,
    },
    db,
  );
  return { sha, bytes: data };
}

async function pointWithPhotos(db: CundianDb, photos: string[]): Promise<string> {
  const { id } = await saveRecord(
    'servicePoint',
    null,
    {
      ...newServicePointFields('2026-03-01'),
      regionCode: VILLAGE_A,
      name: '浪洞村电商服务点',
      photos,
    },
    db,
  );
  return id;
}

async function serverHas(sha: string): Promise<boolean> {
  const { rows } = await server.db.query('select 1 from attachments where sha256 = $1', [sha]);
  return rows.length === 1;
}

async function bytesOf(blob: globalThis.Blob): Promise<Uint8Array> {
  return new Uint8Array(await blob.arrayBuffer());
}

describe('photos through sync', () => {
  it('uploads a photo after the records, and the coordinator’s phone downloads and keeps it', async () => {
    const officer = device('officer');
    const coordinator = device('coordinator');
    await logIn(officer, 'officer');
    await logIn(coordinator, 'coordinator');

    officer.network.online = false;
    const photo = await takePhoto(officer.db);
    const id = await pointWithPhotos(officer.db, [photo.sha]);
    expect(await officer.engine.sync()).toBe('failed');
    expect((await getAttachment(photo.sha, officer.db))?.uploadState).toBe('pending');

    officer.network.online = true;
    expect(await officer.engine.sync()).toBe('synced');
    expect((await getAttachment(photo.sha, officer.db))?.uploadState).toBe('uploaded');
    expect(await serverHas(photo.sha)).toBe(true);
    // The records went first, the photo after them.
    const pushAt = requests.indexOf('POST /api/sync/push');
    const putAt = requests.indexOf(`PUT /api/attachments/${photo.sha}`);
    expect(pushAt).toBeGreaterThanOrEqual(0);
    expect(putAt).toBeGreaterThan(pushAt);

    // A later sync sends nothing again.
    requests.length = 0;
    expect(await officer.engine.sync()).toBe('synced');
    expect(requests.filter((r) => r.startsWith('PUT'))).toEqual([]);

    // The coordinator pulls the record: its photo is not on that phone yet.
    expect(await coordinator.engine.sync()).toBe('synced');
    expect((await coordinator.db.servicePoints.get(id))?.photos).toEqual([photo.sha]);
    expect(await getAttachment(photo.sha, coordinator.db)).toBeUndefined();

    // PhotoThumb asks for it: downloaded, checked, kept as 'uploaded' (never sent back).
    expect(await fetchAttachment(photo.sha, coordinator.engine.api, coordinator.db)).toBe(true);
    const copy = await getAttachment(photo.sha, coordinator.db);
    expect(copy).toMatchObject({
      uploadState: 'uploaded',
      type: 'image/jpeg',
      size: photo.bytes.length,
    });
    expect(await bytesOf(copy!.blob)).toEqual(photo.bytes);

    // Offline from now on, the photo is still there.
    coordinator.network.online = false;
    expect((await getAttachment(photo.sha, coordinator.db))?.uploadState).toBe('uploaded');
    coordinator.network.online = true;
    requests.length = 0;
    expect(await coordinator.engine.sync()).toBe('synced');
    expect(requests.filter((r) => r.startsWith('PUT'))).toEqual([]);
  });

  it('a failed upload never holds back the records, and goes with the next sync', async () => {
    const officer = device('officer');
    await logIn(officer, 'officer');
    const photo = await takePhoto(officer.db);
    await pointWithPhotos(officer.db, [photo.sha]);

    officer.network.fault = (path) => (path.startsWith('/api/attachments/') ? 'dropRequest' : 'ok');
    expect(await officer.engine.sync()).toBe('synced');
    expect(await listOutbox(officer.db)).toEqual([]);
    expect((await getAttachment(photo.sha, officer.db))?.uploadState).toBe('pending');
    expect(await serverHas(photo.sha)).toBe(false);

    officer.network.fault = undefined;
    expect(await officer.engine.sync()).toBe('synced');
    expect((await getAttachment(photo.sha, officer.db))?.uploadState).toBe('uploaded');
    expect(await serverHas(photo.sha)).toBe(true);
  });

  it('a photo the server refuses is kept with the reason and not sent again and again', async () => {
    const officer = device('officer');
    await logIn(officer, 'officer');
    const text = new Uint8Array(Buffer.from(`not a photo at all ${Date.now()}`));
    const refused = await takePhoto(officer.db, text);
    const good = await takePhoto(officer.db);
    await pointWithPhotos(officer.db, [refused.sha, good.sha]);

    expect(await officer.engine.sync()).toBe('synced');
    const kept = (await getAttachment(refused.sha, officer.db)) as StoredAttachment | undefined;
    expect(kept).toMatchObject({
      uploadState: 'pending',
      uploadFailure: { status: 415, code: 'unsupportedMediaType' },
    });
    // The refusal did not stop the next photo.
    expect((await getAttachment(good.sha, officer.db))?.uploadState).toBe('uploaded');
    expect(await listAttachmentsToUpload(officer.db)).toEqual([]);

    requests.length = 0;
    expect(await officer.engine.sync()).toBe('synced');
    expect(requests.filter((r) => r.startsWith('PUT'))).toEqual([]);
  });

  it('someone outside the record’s area cannot download its photo', async () => {
    const officer = device('officer');
    const other = device('officerb');
    await logIn(officer, 'officer');
    await logIn(other, 'officerb');
    const photo = await takePhoto(officer.db);
    await pointWithPhotos(officer.db, [photo.sha]);
    expect(await officer.engine.sync()).toBe('synced');
    expect(await serverHas(photo.sha)).toBe(true);

    expect(await other.engine.sync()).toBe('synced');
    expect(await fetchAttachment(photo.sha, other.engine.api, other.db)).toBe(false);
    expect(await getAttachment(photo.sha, other.db)).toBeUndefined();
  });

  it('waits to upload a photo until a saved record uses it', async () => {
    const officer = device('officer');
    await logIn(officer, 'officer');
    // Taken in a form that is not saved yet (its draft holds it): nothing to send.
    const photo = await takePhoto(officer.db);
    expect(await officer.engine.sync()).toBe('synced');
    expect(requests.filter((r) => r.startsWith('PUT'))).toEqual([]);
    expect((await getAttachment(photo.sha, officer.db))?.uploadState).toBe('pending');

    await pointWithPhotos(officer.db, [photo.sha]);
    expect(await officer.engine.sync()).toBe('synced');
    expect(requests.filter((r) => r.startsWith('PUT'))).toEqual([
      `PUT /api/attachments/${photo.sha}`,
    ]);
    expect((await getAttachment(photo.sha, officer.db))?.uploadState).toBe('uploaded');
  });

  it('a photo refused for the quota says so, is not sent again within the hour, and goes once its record is on the server', async () => {
    const officer = device('officer');
    await logIn(officer, 'officer');
    // The officer's account already holds its quota of photos no record uses.
    const filler = Buffer.from('ffd8ff00', 'hex');
    const fillerSha = createHash('sha256').update('filler').digest('hex');
    await server.db.query(
      `insert into attachments (sha256, content, content_type, size, uploaded_by, created_at)
       select $1, $2, 'image/jpeg', $3, id, now() from users where username = 'officer'`,
      [fillerSha, filler, UNUSED_PHOTO_QUOTA_BYTES],
    );
    await server.db.query(
      `insert into attachment_uploads (sha256, user_id, uploaded_at)
       select $1, id, now() from users where username = 'officer'`,
      [fillerSha],
    );
    const photo = await takePhoto(officer.db);
    await pointWithPhotos(officer.db, [photo.sha]);
    const { token } = (await readSession(officer.db))!;
    const start = new Date();

    // Uploaded before its record reached the server (as a phone whose push was refused would):
    // the server has no record listing it, and the account no room.
    const first = await uploadPendingAttachments(
      officer.engine.api,
      token!,
      officer.db,
      () => start,
    );
    expect(first).toEqual({ uploaded: 0, refused: 1, remaining: 0 });
    expect(await getAttachment(photo.sha, officer.db)).toMatchObject({
      uploadState: 'pending',
      uploadFailure: { status: 429, code: PHOTO_QUOTA_EXCEEDED },
    });

    // The record goes with the next sync; the photo waits for its hour.
    requests.length = 0;
    expect(await officer.engine.sync()).toBe('synced');
    expect(requests).toContain('POST /api/sync/push');
    expect(requests.filter((r) => r.startsWith('PUT'))).toEqual([]);

    const later = new Date(start.getTime() + PHOTO_QUOTA_RETRY_MS);
    const retry = await uploadPendingAttachments(
      officer.engine.api,
      token!,
      officer.db,
      () => later,
    );
    expect(retry).toEqual({ uploaded: 1, refused: 0, remaining: 0 });
    const uploaded = (await getAttachment(photo.sha, officer.db)) as StoredAttachment;
    expect(uploaded.uploadState).toBe('uploaded');
    expect(uploaded.uploadFailure).toBeUndefined();
    expect(await serverHas(photo.sha)).toBe(true);
  });
});
