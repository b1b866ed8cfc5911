/**
 * Photos, end to end on PGlite and (with TEST_DATABASE_URL) PostgreSQL: an upload is stored only
 * when its bytes are the hash it is named by, small enough and really an image; only roles that
 * edit records holding photos may upload; a download is served only to someone who may read a
 * live record listing the photo, and looks exactly like a missing photo to anyone else.
 */
import type { FastifyInstance } from 'fastify';
import { beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../src/domain/common';
import type { Db } from '../db';
import {
  buildTestApp,
  CHUNAN,
  QIANDAOHU,
  QIANDAOHU_VILLAGE,
  seedUser,
  servicePointFields,
  TestDevice,
  testBackends,
  useTestDatabase,
  WENCHANG,
} from '../sync/test-support';
import {
  ATTACHMENT_CACHE_CONTROL,
  MAX_ATTACHMENT_BYTES,
  sha256Hex,
  sniffImageType,
} from './routes';

/** A small "JPEG": the signature, then bytes that make it unique. */
function fakeJpeg(label: string, size = 64): Buffer {
  const bytes = Buffer.alloc(size, 0x20);
  bytes.set([0xff, 0xd8, 0xff, 0xe0]);
  bytes.write(label, 4);
  return bytes;
}

function put(
  app: FastifyInstance,
  token: string | null,
  sha256: string,
  body: Buffer,
  type = 'image/jpeg',
) {
  return app.inject({
    method: 'PUT',
    url: `/api/attachments/${sha256}`,
    headers: {
      'content-type': type,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    payload: body,
  });
}

function get(app: FastifyInstance, token: string | null, sha256: string) {
  return app.inject({
    method: 'GET',
    url: `/api/attachments/${sha256}`,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
}

describe('sniffImageType', () => {
  it('knows JPEG, PNG and WebP by their first bytes, and nothing else', () => {
    expect(sniffImageType(fakeJpeg('x'))).toBe('image/jpeg');
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);
    expect(sniffImageType(png)).toBe('image/png');
    const webp = Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 ')]);
    expect(sniffImageType(webp)).toBe('image/webp');
    expect(sniffImageType(Buffer.from('RIFF\0\0\0\0WAVEfmt '))).toBeNull();
    expect(sniffImageType(Buffer.from('hello, this is text'))).toBeNull();
    expect(sniffImageType(Buffer.from([0xff, 0xd8]))).toBeNull();
  });
});

describe.each(testBackends('server/attachments/routes.test.ts'))(
  'attachments on $kind',
  (backend) => {
    let db: Db;
    let app: FastifyInstance;
    const database = useTestDatabase(backend, async (db) => {
      await seedUser(db, 'officer1', 'officer', { level: 'township', code: QIANDAOHU });
      await seedUser(db, 'wenchang', 'officer', { level: 'township', code: WENCHANG });
      await seedUser(db, 'coordinator', 'coordinator', { level: 'county', code: CHUNAN });
      await seedUser(db, 'trainer', 'trainer', { level: 'county', code: CHUNAN });
    });

    beforeEach(async () => {
      db = database();
      app = await buildTestApp(db);
      return () => app.close();
    });

    async function count(): Promise<number> {
      const { rows } = await db.query<{ n: number }>('select count(*) as n from attachments');
      return rows[0]!.n;
    }

    it('stores a photo once: a second PUT of the same bytes is a 200 that changes nothing', async () => {
      const officer = await TestDevice.signIn(app, 'officer1');
      const photo = fakeJpeg('first');
      const sha = sha256Hex(photo);
      const first = await put(app, officer.token, sha, photo);
      expect(first.statusCode).toBe(201);
      expect(first.json()).toEqual({ sha256: sha, size: photo.length, type: 'image/jpeg' });
      const again = await put(app, officer.token, sha, photo);
      expect(again.statusCode).toBe(200);
      expect(await count()).toBe(1);
      const { rows } = await db.query<{ size: number; content_type: string }>(
        'select size, content_type from attachments',
      );
      expect(rows).toEqual([{ size: photo.length, content_type: 'image/jpeg' }]);
    });

    it('refuses bytes that are not the hash in the URL (400 hashMismatch)', async () => {
      const officer = await TestDevice.signIn(app, 'officer1');
      const response = await put(app, officer.token, sha256Hex(fakeJpeg('a')), fakeJpeg('b'));
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ error: 'hashMismatch' });
      expect(response.json().messages).toMatchObject({
        'zh-CN': expect.any(String),
        en: expect.any(String),
      });
      const badName = await put(app, officer.token, 'ABC', fakeJpeg('a'));
      expect(badName.statusCode).toBe(400);
      expect(await count()).toBe(0);
    });

    it('refuses a body over 1 MiB with 413 and a message', async () => {
      const officer = await TestDevice.signIn(app, 'officer1');
      const big = fakeJpeg('big', MAX_ATTACHMENT_BYTES + 1);
      const response = await put(app, officer.token, sha256Hex(big), big);
      expect(response.statusCode).toBe(413);
      expect(response.json()).toMatchObject({ error: 'tooLarge' });
      expect(response.json().messages.en).toMatch(/too large/);
      // Exactly the limit is fine.
      const edge = fakeJpeg('edge', MAX_ATTACHMENT_BYTES);
      expect((await put(app, officer.token, sha256Hex(edge), edge)).statusCode).toBe(201);
      expect(await count()).toBe(1);
    });

    it('refuses what is not an image by its bytes (a text file called .jpg) with 415', async () => {
      const officer = await TestDevice.signIn(app, 'officer1');
      const text = Buffer.from('just some notes, renamed to photo.jpg\n');
      const response = await put(app, officer.token, sha256Hex(text), text, 'image/jpeg');
      expect(response.statusCode).toBe(415);
      expect(response.json()).toMatchObject({ error: 'unsupportedMediaType' });
      expect(response.json().messages['zh-CN']).toMatch(/JPEG/);
      const asText = await put(app, officer.token, sha256Hex(text), text, 'text/plain');
      expect(asText.statusCode).toBe(415);
      const unknownType = await put(app, officer.token, sha256Hex(text), text, 'application/x-foo');
      expect(unknownType.statusCode).toBe(415);
      expect(await count()).toBe(0);
    });

    it('answers 401 without a session, and 403 to a role that edits no record with photos', async () => {
      const photo = fakeJpeg('anon');
      const sha = sha256Hex(photo);
      const anonymous = await put(app, null, sha, photo);
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.json()).toMatchObject({ error: 'unauthorized' });
      expect((await get(app, null, sha)).statusCode).toBe(401);
      const trainer = await TestDevice.signIn(app, 'trainer');
      const refused = await put(app, trainer.token, sha, photo);
      expect(refused.statusCode).toBe(403);
      expect(refused.json()).toMatchObject({ error: 'roleDenied' });
      expect(await count()).toBe(0);
    });

    it('serves a photo only to those who may read a live record listing it', async () => {
      const officer = await TestDevice.signIn(app, 'officer1');
      const wenchang = await TestDevice.signIn(app, 'wenchang');
      const coordinator = await TestDevice.signIn(app, 'coordinator');
      const trainer = await TestDevice.signIn(app, 'trainer');
      const photo = fakeJpeg('qiandaohu point');
      const sha = sha256Hex(photo);
      expect((await put(app, officer.token, sha, photo)).statusCode).toBe(201);

      // Uploaded but listed by no record yet: nobody gets it, not even the uploader.
      expect((await get(app, officer.token, sha)).statusCode).toBe(404);

      const pointId = newId();
      await officer.push([
        officer.mutation(
          'servicePoint',
          pointId,
          servicePointFields(QIANDAOHU_VILLAGE, { photos: [sha] }),
        ),
      ]);

      const own = await get(app, officer.token, sha);
      expect(own.statusCode).toBe(200);
      expect(own.headers['content-type']).toBe('image/jpeg');
      expect(own.headers.etag).toBe(`"${sha}"`);
      expect(own.headers['cache-control']).toBe(ATTACHMENT_CACHE_CONTROL);
      expect(own.rawPayload.equals(photo)).toBe(true);
      const revalidated = await app.inject({
        method: 'GET',
        url: `/api/attachments/${sha}`,
        headers: { authorization: `Bearer ${officer.token}`, 'if-none-match': `"${sha}"` },
      });
      expect(revalidated.statusCode).toBe(304);

      // The county's coordinator and trainer read the county's points.
      expect((await get(app, coordinator.token, sha)).statusCode).toBe(200);
      expect((await get(app, trainer.token, sha)).statusCode).toBe(200);

      // Another township's officer: the same answer as for a photo that does not exist.
      const outside = await get(app, wenchang.token, sha);
      expect(outside.statusCode).toBe(404);
      const missing = await get(app, wenchang.token, sha256Hex(fakeJpeg('never uploaded')));
      expect(outside.json()).toEqual(missing.json());

      // Deleted: the record no longer grants it.
      await officer.push([officer.mutation('servicePoint', pointId, {}, 1, 'delete')]);
      expect((await get(app, officer.token, sha)).statusCode).toBe(404);
    });
  },
);
