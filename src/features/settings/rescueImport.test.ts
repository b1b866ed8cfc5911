/**
 * The rescue file read back, against a real (fake-indexeddb) database and the real write path:
 * work typed through the actions is exported, the phone is wiped as a logout wipes it, and the
 * import puts the same changes back in the outbox and the drafts back — once, however often the
 * file is imported. A broken file, a newer format's, another user's or another server's is
 * refused with a sentence saying what is wrong, and nothing is written.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { saveRecord } from '../../actions';
import { t } from '../../i18n';
import {
  createDatabase,
  listOutbox,
  listRejected,
  saveDraft,
  unsyncedSummary,
  wipeLocalData,
  writeSession,
  type CundianDb,
} from '../../db';
import { recordRejections } from '../../db/sync';
import { newServicePointFields } from '../../domain/servicePoint';
import type { User } from '../../domain/protocol';
import { buildUnsyncedExport } from '../../sync';
import { readRescueFile, rescueProblemText, restoreRescueFile } from './rescueImport';

const officer: User = {
  id: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
  username: 'zhangwei',
  displayName: '张伟',
  role: 'officer',
  scope: { level: 'county', code: '330127' },
};
const other = { id: '0190a1b2-c3d4-7e5f-8a9b-ffffffffffff', username: 'lina' };

let db: CundianDb;
let n = 0;
beforeEach(async () => {
  n += 1;
  db = createDatabase(`rescue-import-${Date.now()}-${n}`);
  await writeSession({ token: 'tok', user: officer, loggedInAt: '2026-03-01T08:00:00.000Z' }, db);
});
afterEach(async () => {
  db.close();
  await db.delete();
});

const point = (name: string) => ({
  ...newServicePointFields('2026-03-01'),
  regionCode: '330127101201',
  name,
});

/** Two creates, an edit, a refused change and a draft, typed through the real actions. */
async function typeSomeWork() {
  const a = await saveRecord('servicePoint', null, point('下姜村电商服务点'), db);
  await saveRecord('servicePoint', a.id, { name: '下姜村服务点（改）' }, db);
  const b = await saveRecord('servicePoint', null, point('枫林港村服务点'), db);
  const refused = await saveRecord('servicePoint', null, point('被退回的点'), db);
  await recordRejections(db, [
    {
      mutationId: refused.mutationId!,
      status: 'rejected',
      reason: 'scopeDenied',
      message: { 'zh-CN': '不在您的范围内', en: 'Outside your area' },
    },
  ]);
  await saveDraft('trainee:new', { name: '王芳', phone: '138' }, db);
  return { a: a.id, b: b.id };
}

const comparable = (entries: Awaited<ReturnType<typeof listOutbox>>) =>
  entries.map(({ mutationId: _, ...rest }) => rest);

async function exportWipeLogin() {
  const file = await buildUnsyncedExport(db, new Date('2026-03-02T10:00:00.000Z'));
  const before = await listOutbox(db);
  await wipeLocalData(db);
  // The same user logs in again on the wiped phone.
  await writeSession({ token: 'tok2', user: officer, loggedInAt: '2026-03-02T11:00:00.000Z' }, db);
  return { text: file.json, before };
}

describe('rescue import', () => {
  it('puts the exported changes back in the outbox, and the drafts back, after a wipe', async () => {
    const { a } = await typeSomeWork();
    const { text, before } = await exportWipeLogin();
    expect(await unsyncedSummary(db)).toEqual({ outbox: 0, rejected: 0, drafts: 0 });

    const read = readRescueFile(text, officer, location.origin);
    if (!read.ok) throw new Error(rescueProblemText(t, read.problem));
    expect(read.file.formatVersion).toBe(2);
    expect(read.summary.changes).toEqual([{ entity: 'servicePoint', count: 3 }]);
    expect(read.summary.drafts).toEqual([{ entity: 'trainee', count: 1 }]);
    expect(read.summary.rejected).toBe(1);
    expect(read.summary.user).toEqual({ username: 'zhangwei', displayName: '张伟' });

    const result = await restoreRescueFile(read.file, db);
    expect(result).toEqual({
      outbox: { added: 3, skipped: 0 },
      rejected: { added: 1, skipped: 0 },
      drafts: { added: 1, skipped: 0 },
    });
    const after = await listOutbox(db);
    expect(comparable(after)).toEqual(comparable(before));
    // New mutation ids of this device, in the same order.
    const ids = after.map((e) => e.mutationId);
    expect(ids).toEqual([...ids].sort((x, y) => x - y));
    expect(new Set(ids).size).toBe(3);
    // The phone shows what was typed: the record as after its last edit.
    expect(await db.servicePoints.get(a)).toMatchObject({
      name: '下姜村服务点（改）',
      version: 0,
      deleted: false,
    });
    expect((await db.drafts.get('trainee:new'))?.value).toEqual({ name: '王芳', phone: '138' });
    const rejected = await listRejected(db);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatchObject({ reason: 'scopeDenied', changes: { name: '被退回的点' } });
  });

  it('adds nothing the second time, even after the first import was pushed', async () => {
    await typeSomeWork();
    const { text } = await exportWipeLogin();
    const read = readRescueFile(text, officer, location.origin);
    if (!read.ok) throw new Error('unreadable');
    await restoreRescueFile(read.file, db);
    const once = await listOutbox(db);

    const again = await restoreRescueFile(read.file, db);
    expect(again).toEqual({
      outbox: { added: 0, skipped: 3 },
      rejected: { added: 0, skipped: 1 },
      drafts: { added: 0, skipped: 1 },
    });
    expect(await listOutbox(db)).toEqual(once);
    expect(await listRejected(db)).toHaveLength(1);

    // The sync pushed them and the server confirmed (the outbox is empty): still nothing again.
    await db.outbox.clear();
    const third = await restoreRescueFile(read.file, db);
    expect(third.outbox).toEqual({ added: 0, skipped: 3 });
    expect(await db.outbox.count()).toBe(0);
  });

  it('skips what the phone still holds when the file is imported without a wipe', async () => {
    await typeSomeWork();
    const text = (await buildUnsyncedExport(db)).json;
    const read = readRescueFile(text, officer, location.origin);
    if (!read.ok) throw new Error('unreadable');
    const result = await restoreRescueFile(read.file, db);
    expect(result.outbox).toEqual({ added: 0, skipped: 3 });
    expect(result.drafts).toEqual({ added: 0, skipped: 1 });
    expect(await db.outbox.count()).toBe(3);
  });

  it('reads the first shape of the file (no formatVersion, no origin), which shipped', async () => {
    await typeSomeWork();
    const { text } = await exportWipeLogin();
    const old = JSON.parse(text) as Record<string, unknown>;
    delete old.formatVersion;
    delete old.origin;
    old.user = { id: officer.id, username: officer.username };
    const read = readRescueFile(JSON.stringify(old), officer, location.origin);
    if (!read.ok) throw new Error('unreadable');
    expect(read.file.formatVersion).toBe(1);
    expect((await restoreRescueFile(read.file, db)).outbox.added).toBe(3);
  });

  it('brings a file of an app on record schema 1 to the current shape (agriShop.onPlatform)', async () => {
    await typeSomeWork();
    const { text } = await exportWipeLogin();
    const old = JSON.parse(text) as Record<string, unknown> & {
      outbox: Record<string, unknown>[];
      drafts: Record<string, unknown>[];
    };
    // What the old app exported: its schema version, a pending agriShop with the old name, and
    // a half-filled shop form.
    old.schemaVersion = 1;
    old.outbox.push({
      ...old.outbox[0],
      mutationId: 99,
      entity: 'agriShop',
      recordId: '0190a1b2-c3d4-7e5f-8a9b-000000000099',
      baseVersion: 4,
      changes: { onPlatform: true, joinedOn: '2026-02-01' },
    });
    old.drafts.push({
      key: 'agriShop:new',
      value: { name: '网店', onPlatform: true },
      updatedAt: old.exportedAt,
    });
    const read = readRescueFile(JSON.stringify(old), officer, location.origin);
    if (!read.ok) throw new Error('unreadable');
    expect(read.file.schemaVersion).toBe(2);
    await restoreRescueFile(read.file, db);
    const shopChange = (await listOutbox(db)).find((e) => e.entity === 'agriShop');
    expect(shopChange?.changes).toEqual({ onServicePlatform: true, joinedOn: '2026-02-01' });
    expect((await db.drafts.get('agriShop:new'))?.value).toEqual({
      name: '网店',
      onServicePlatform: true,
    });
    // The rest of the file is as it was.
    expect((await db.drafts.get('trainee:new'))?.value).toEqual({ name: '王芳', phone: '138' });
  });

  describe('refuses, in words, and writes nothing', () => {
    async function refusal(edit: (doc: Record<string, unknown>) => string, who = officer) {
      await typeSomeWork();
      const { text } = await exportWipeLogin();
      const read = readRescueFile(
        edit(JSON.parse(text) as Record<string, unknown>),
        who,
        location.origin,
      );
      expect(read.ok).toBe(false);
      expect(await unsyncedSummary(db)).toEqual({ outbox: 0, rejected: 0, drafts: 0 });
      return read.ok ? '' : rescueProblemText(t, read.problem);
    }

    it('a file cut short', async () => {
      expect(await refusal((doc) => JSON.stringify(doc).slice(0, 200))).toBe(
        '这个文件打不开：它不是完整的 JSON 文件，可能只下载了一半或已损坏。请选择退出登录时导出的 .json 备份文件。',
      );
    });

    it('another JSON file', async () => {
      expect(await refusal(() => '{"type":"FeatureCollection"}')).toContain(
        '这不是村电通的备份文件',
      );
    });

    it('a newer format', async () => {
      expect(await refusal((doc) => JSON.stringify({ ...doc, formatVersion: 3 }))).toBe(
        '这个备份文件由更新版本的村电通导出（格式 3），当前版本读不了。请先更新应用（同步与设置 → 关于）再恢复。',
      );
    });

    it('an edited change, saying where', async () => {
      const text = await refusal((doc) => {
        (doc.outbox as { recordId: string }[])[1]!.recordId = 'not-an-id';
        return JSON.stringify(doc);
      });
      expect(text).toBe(
        '这个备份文件内容不完整或被修改过（出错位置：outbox · #2 · recordId），无法恢复。请换一份原始的备份文件。',
      );
    });

    it('another user’s file', async () => {
      expect(await refusal((doc) => JSON.stringify(doc), { ...officer, ...other })).toBe(
        '这个备份文件属于账号 zhangwei，当前登录的是 lina。恢复后这些修改会记在您名下，所以不能恢复。请让 zhangwei 登录后再恢复。',
      );
    });

    it('another server’s file', async () => {
      expect(
        await refusal((doc) => JSON.stringify({ ...doc, origin: 'https://test.example.cn' })),
      ).toBe(
        '这个备份文件来自另一个服务器（https://test.example.cn），不能恢复到这里。请在原来的网址登录后再恢复。',
      );
    });

    it('a file that does not say whose it is', async () => {
      expect(await refusal((doc) => JSON.stringify({ ...doc, user: null }))).toContain(
        '没有记录是谁导出的',
      );
    });
  });
});
