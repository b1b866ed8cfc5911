/**
 * Photos, end to end on PGlite and (with TEST_DATABASE_URL) PostgreSQL: an upload is stored only
 * when its bytes are the hash it is named by, small enough and really an image; only roles that
 * edit records holding photos may upload, and each user only so much that no record uses; a
 * download is served only to someone who may read a live record listing the photo through a
 * listing made by someone who could see it — knowing a hash is not enough — and looks exactly
 * like a missing photo to anyone else.
 */
import type { FastifyInstance } from 'fastify';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  PHOTO_QUOTA_EXCEEDED,
  UNUSED_PHOTO_QUOTA_BYTES,
  UNUSED_PHOTO_QUOTA_DAYS,
} from '../../src/domain/attachments';
import { newId } from '../../src/domain/common';
import type { Db } from '../db';
import {
  buildTestApp,
  CHUNAN,
  QIANDAOHU,
  QIANDAOHU_VILLAGE,
  seedUser,
  servicePointFields,
  TestClock,
  TestDevice,
  testBackends,
  TONGLU,
  TONGLU_VILLAGE,
  useTestDatabase,
  WENCHANG,
  WENCHANG_VILLAGE,
} from '../test-support/sync';
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
      await seedUser(db, 'officer2', 'officer', { level: 'township', code: QIANDAOHU });
      await seedUser(db, 'tonglu', 'officer', { level: 'county', code: TONGLU });
    });

    let clock: TestClock;
    beforeEach(async () => {
      db = database();
      clock = new TestClock();
      app = await buildTestApp(db, clock);
      return () => app.close();
    });

    /** Creates a point listing `photos` in `regionCode` from the device; returns its id. */
    async function pointWith(
      device: TestDevice,
      regionCode: string,
      photos: string[],
    ): Promise<string> {
      const id = newId();
      const answer = await device.push([
        device.mutation('servicePoint', id, servicePointFields(regionCode, { photos })),
      ]);
      expect(answer.results[0]!.status).toBe('applied');
      return id;
    }

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

    it('does not serve a photo to someone who only copied its hash into a record of their own', async () => {
      const officer = await TestDevice.signIn(app, 'officer1');
      const tonglu = await TestDevice.signIn(app, 'tonglu');
      const wenchang = await TestDevice.signIn(app, 'wenchang');
      const coordinator = await TestDevice.signIn(app, 'coordinator');
      const photo = fakeJpeg('千岛湖的照片');
      const sha = sha256Hex(photo);
      expect((await put(app, officer.token, sha, photo)).statusCode).toBe(201);
      await pointWith(officer, QIANDAOHU_VILLAGE, [sha]);
      expect((await get(app, officer.token, sha)).statusCode).toBe(200);

      // The case: another county's officer lists the hash in a point of their own
      // area. The point is accepted (it is theirs to write), the photo is not theirs to see.
      await pointWith(tonglu, TONGLU_VILLAGE, [sha]);
      const copied = await get(app, tonglu.token, sha);
      expect(copied.statusCode).toBe(404);
      expect(copied.json()).toEqual(
        (await get(app, tonglu.token, sha256Hex(fakeJpeg('never uploaded')))).json(),
      );
      // The same inside the county: another township's officer.
      await pointWith(wenchang, WENCHANG_VILLAGE, [sha]);
      expect((await get(app, wenchang.token, sha)).statusCode).toBe(404);

      // The county's coordinator sees it (through the officer's point) and puts it in a point of
      // 文昌镇: a listing by someone who could see it, so 文昌镇 may see it there.
      await pointWith(coordinator, WENCHANG_VILLAGE, [sha]);
      expect((await get(app, wenchang.token, sha)).statusCode).toBe(200);
      expect((await get(app, tonglu.token, sha)).statusCode).toBe(404);
    });

    it("trusts a listing made before the upload once its lister uploads the bytes, and nobody else's", async () => {
      const officer = await TestDevice.signIn(app, 'officer1');
      const tonglu = await TestDevice.signIn(app, 'tonglu');
      const photo = fakeJpeg('listed first');
      const sha = sha256Hex(photo);
      // Someone who came across the hash lists it before the photo exists on the server…
      await pointWith(tonglu, TONGLU_VILLAGE, [sha]);
      // …then its owner pushes the point (the app's order: record first, photo after).
      await pointWith(officer, QIANDAOHU_VILLAGE, [sha]);
      expect((await get(app, officer.token, sha)).statusCode).toBe(404); // not uploaded yet
      expect((await put(app, officer.token, sha, photo)).statusCode).toBe(201);
      expect((await get(app, officer.token, sha)).statusCode).toBe(200);
      expect((await get(app, tonglu.token, sha)).statusCode).toBe(404);
      // Uploading the same bytes proves having them: then the early listing is trusted too.
      expect((await put(app, tonglu.token, sha, photo)).statusCode).toBe(200);
      expect((await get(app, tonglu.token, sha)).statusCode).toBe(200);
    });

    it('keeps photos visible through a merge and through a restored conflict', async () => {
      const one = await TestDevice.signIn(app, 'officer1');
      const two = await TestDevice.signIn(app, 'officer2');
      const coordinator = await TestDevice.signIn(app, 'coordinator');
      const [a, b, c] = ['甲的照片', '乙的照片', '甲的第二张'].map((label) => fakeJpeg(label));
      const [shaA, shaB, shaC] = [a, b, c].map((bytes) => sha256Hex(bytes!));
      expect((await put(app, one.token, shaA!, a!)).statusCode).toBe(201);
      expect((await put(app, one.token, shaC!, c!)).statusCode).toBe(201);
      expect((await put(app, two.token, shaB!, b!)).statusCode).toBe(201);

      // Two registrations of one shop; the coordinator keeps the first: it takes both photos,
      // the second point is deleted. Officer 1 sees B through the kept point now.
      const first = await pointWith(one, QIANDAOHU_VILLAGE, [shaA!]);
      const second = await pointWith(two, QIANDAOHU_VILLAGE, [shaB!]);
      const { rows } = await db.query<{ id: number }>('select id from duplicate_flags');
      const merged = await app.inject({
        method: 'POST',
        url: `/api/duplicates/${rows[0]!.id}/merge`,
        headers: { authorization: `Bearer ${coordinator.token}` },
        payload: { keep: first, take: [], versions: { [first]: 1, [second]: 1 } },
      });
      expect(merged.statusCode, merged.body).toBe(200);
      await one.pullAll();
      expect(one.data('servicePoint', first)).toMatchObject({ photos: [shaA, shaB] });
      expect((await get(app, one.token, shaB!)).statusCode).toBe(200);

      // Officer 1 adds a photo; officer 2, from the version before, sets none: officer 2's
      // change arrives later and wins, officer 1's photos wait in the conflicts inbox.
      await one.push([one.mutation('servicePoint', first, { photos: [shaA, shaB, shaC] }, 2)]);
      await two.push([two.mutation('servicePoint', first, { photos: [] }, 2)]);
      expect((await get(app, one.token, shaC!)).statusCode).toBe(404);
      const inbox = await app.inject({
        method: 'GET',
        url: '/api/conflicts',
        headers: { authorization: `Bearer ${coordinator.token}` },
      });
      const [conflict] = (inbox.json() as { conflicts: { id: number; field: string }[] }).conflicts;
      expect(conflict).toMatchObject({ field: 'photos' });
      // Restored by the coordinator, who could not see C anywhere at that moment: the photos
      // come back to the record that listed them, and so does who may see them.
      const restored = await app.inject({
        method: 'POST',
        url: `/api/conflicts/${conflict!.id}/resolve`,
        headers: { authorization: `Bearer ${coordinator.token}` },
        payload: { restore: 'loser' },
      });
      expect(restored.statusCode, restored.body).toBe(200);
      for (const sha of [shaA!, shaB!, shaC!]) {
        expect((await get(app, one.token, sha)).statusCode).toBe(200);
        expect((await get(app, two.token, sha)).statusCode).toBe(200);
      }
    });

    describe('quota of photos no record uses', () => {
      /** Makes `user` hold `bytes` of unused uploads from `daysAgo` days ago (one stored row). */
      async function unusedUploads(username: string, bytes: number, daysAgo = 1) {
        const filler = fakeJpeg(`filler ${username} ${bytes} ${daysAgo}`);
        const sha = sha256Hex(filler);
        const at = new Date(clock.now().getTime() - daysAgo * 86_400_000);
        await db.query(
          `insert into attachments (sha256, content, content_type, size, uploaded_by, created_at)
           select $1, $2, 'image/jpeg', $3, id, $4 from users where username = $5`,
          [sha, filler, bytes, at, username],
        );
        await db.query(
          `insert into attachment_uploads (sha256, user_id, uploaded_at)
           select $1, id, $2 from users where username = $3`,
          [sha, at, username],
        );
        return sha;
      }

      it('refuses new bytes no record lists beyond the quota (429, both languages); never what a record lists', async () => {
        const officer = await TestDevice.signIn(app, 'officer1');
        const old = await unusedUploads('officer1', UNUSED_PHOTO_QUOTA_BYTES - 100);
        const photo = fakeJpeg('one too many', 200);
        const refused = await put(app, officer.token, sha256Hex(photo), photo);
        expect(refused.statusCode).toBe(429);
        expect(refused.json()).toMatchObject({
          error: PHOTO_QUOTA_EXCEEDED,
          messages: { 'zh-CN': expect.stringContaining('100 MB'), en: expect.any(String) },
        });
        expect(refused.headers['retry-after']).toBe('3600');
        const { rows } = await db.query('select 1 from attachments where sha256 = $1', [
          sha256Hex(photo),
        ]);
        expect(rows).toEqual([]);

        // A photo its point already lists (the app pushes the point first) is always taken.
        const listed = fakeJpeg('the point came first', 200);
        await pointWith(officer, QIANDAOHU_VILLAGE, [sha256Hex(listed)]);
        expect((await put(app, officer.token, sha256Hex(listed), listed)).statusCode).toBe(201);
        // Small ones still fit; the same bytes again cost nothing.
        const small = fakeJpeg('fits', 64);
        expect((await put(app, officer.token, sha256Hex(small), small)).statusCode).toBe(201);
        expect((await put(app, officer.token, sha256Hex(small), small)).statusCode).toBe(200);

        // Once a record uses the old uploads, there is room again.
        await pointWith(officer, QIANDAOHU_VILLAGE, [old]);
        expect((await put(app, officer.token, sha256Hex(photo), photo)).statusCode).toBe(201);
        // The quota is per user: a colleague is not held up, and what the colleague uploads
        // again of the officer's stored bytes costs the colleague nothing.
        const colleague = await TestDevice.signIn(app, 'officer2');
        await unusedUploads('officer2', UNUSED_PHOTO_QUOTA_BYTES - 100);
        expect((await put(app, colleague.token, sha256Hex(small), small)).statusCode).toBe(200);
        const theirs = fakeJpeg('a colleague', 64);
        expect((await put(app, colleague.token, sha256Hex(theirs), theirs)).statusCode).toBe(201);
      });

      it(`counts only the last ${UNUSED_PHOTO_QUOTA_DAYS} days`, async () => {
        const officer = await TestDevice.signIn(app, 'officer1');
        await unusedUploads('officer1', UNUSED_PHOTO_QUOTA_BYTES, UNUSED_PHOTO_QUOTA_DAYS + 1);
        const photo = fakeJpeg('a month later', 200);
        expect((await put(app, officer.token, sha256Hex(photo), photo)).statusCode).toBe(201);
      });
    });
  },
);
