/**
 * A photo is named by its sha256 everywhere (record, device store, upload URL): the same bytes must
 * give the same name, and a photo chosen twice must be stored once. Sizing keeps the aspect.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import {
  getAttachment,
  listPendingAttachments,
  markAttachmentUploaded,
  storeAttachment,
  type CundianDb,
} from '../../db';
import { fitWithin, sha256Hex } from './photos';
import { freshDatabase } from '../../test-support/database';

let db: CundianDb;
beforeEach(() => {
  db = freshDatabase('photos');
});

describe('photos', () => {
  it('caps the long side at 1600 px and keeps the aspect; never enlarges', () => {
    expect(fitWithin(4000, 3000)).toEqual({ width: 1600, height: 1200 });
    expect(fitWithin(3000, 4000)).toEqual({ width: 1200, height: 1600 });
    expect(fitWithin(800, 600)).toEqual({ width: 800, height: 600 });
  });

  it('hashes bytes with sha256 (hex)', async () => {
    expect(await sha256Hex(new Blob(['abc']))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('stores a photo once, keeps it pending until uploaded, and returns the blob', async () => {
    const blob = new Blob([new Uint8Array([1, 2, 3])], { type: 'image/jpeg' });
    const sha256 = await sha256Hex(blob);
    const row = { sha256, blob, type: 'image/jpeg', size: 3, width: 1, height: 1 };
    await storeAttachment(row);
    await storeAttachment(row);
    expect(await db.attachments.count()).toBe(1);
    expect((await listPendingAttachments()).map((a) => a.sha256)).toEqual([sha256]);
    await markAttachmentUploaded(sha256);
    expect(await listPendingAttachments()).toEqual([]);
    await storeAttachment(row); // choosing it again does not make it pending again
    expect((await getAttachment(sha256))!.uploadState).toBe('uploaded');
    expect(new Uint8Array(await (await getAttachment(sha256))!.blob.arrayBuffer())).toEqual(
      new Uint8Array([1, 2, 3]),
    );
  });
});
