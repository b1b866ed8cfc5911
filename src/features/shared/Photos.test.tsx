/**
 * The photo picker serves the service point form (照片) and the pilot page, where the pictures are
 * acceptance materials (验收材料): the wording must follow the page, and a page that says nothing
 * keeps the photo wording.
 */
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeAttachment, useDatabaseNamed, type CundianDb } from '../../db';
import { markAttachmentRefused } from '../../db/attachments';
import { PHOTO_QUOTA_EXCEEDED } from '../../domain/attachments';
import { PhotoPicker, PhotoThumb } from './Photos';

afterEach(cleanup);

describe('PhotoPicker wording', () => {
  it('says 照片 by default', () => {
    render(<PhotoPicker photos={[]} onChange={() => undefined} />);
    const group = screen.getByRole('group', { name: '照片' });
    expect(within(group).getByLabelText('拍照或选择照片')).toBeTruthy();
  });

  it('uses the page’s words, keeping the default for what it leaves out', () => {
    render(
      <PhotoPicker
        photos={[]}
        onChange={() => undefined}
        wording={{ legend: '验收材料', add: '拍照或选择验收材料' }}
      />,
    );
    const group = screen.getByRole('group', { name: '验收材料' });
    expect(within(group).getByLabelText('拍照或选择验收材料')).toBeTruthy();
    expect(screen.queryByText('照片')).toBeNull();
  });
});

/**
 * A photo the server did not take says why on the photo itself, where the officer looks: for the
 * quota of unused photos, that it waits and will be tried again — not that it is not a photo.
 */
describe('PhotoThumb after a refusal', () => {
  let db: CundianDb;
  let n = 0;
  beforeEach(() => {
    n += 1;
    db = useDatabaseNamed(`photos-test-${Date.now()}-${n}`);
  });
  afterEach(async () => {
    cleanup();
    db.close();
    await db.delete();
  });

  async function refused(code: string, status: number): Promise<string> {
    const sha = `${n}`.padStart(64, '0');
    await storeAttachment(
      { sha256: sha, blob: new Blob(['x']), type: 'image/jpeg', size: 1, width: 1, height: 1 },
      db,
    );
    await markAttachmentRefused(sha, { status, code, at: '2026-03-02T08:00:00.000Z' }, db);
    return sha;
  }

  it.each([
    [PHOTO_QUOTA_EXCEEDED, 429, '暂未上传：你上传但还没有记录用到的照片已达上限，稍后自动重试'],
    ['unsupportedMediaType', 415, '服务器拒收（不是有效的照片）'],
    ['tooLarge', 413, '服务器拒收（照片太大）'],
    ['hashMismatch', 400, '服务器拒收这张照片'],
  ])('says why for %s', async (code, status, words) => {
    const sha = await refused(code, status);
    render(<PhotoThumb sha256={sha} />);
    expect(await screen.findByText(words)).toBeTruthy();
  });
});
