/**
 * 从备份文件恢复 on the screen: a backup made before a logout is picked, what it holds is shown
 * (whose, how many changes of which kind, drafts) and nothing is written until the officer
 * confirms; then the outbox holds the changes again and the counts say what was skipped. Another
 * user's file is refused in words, and nothing is written. Real database (fake-indexeddb).
 */
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { saveRecord } from '../../actions';
import { setLocale } from '../../i18n';
import { saveDraft, unsyncedSummary, wipeLocalData, writeSession, type CundianDb } from '../../db';
import type { User } from '../../domain/protocol';
import { newServicePointFields } from '../../domain/servicePoint';
import { buildUnsyncedExport } from '../../sync';
import { RescueImportSection } from './RescueImportSection';
import { freshDatabase } from '../../test-support/database';

const officer: User = {
  id: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
  username: 'zhangwei',
  displayName: '张伟',
  role: 'officer',
  scope: { level: 'county', code: '330127' },
};

let db: CundianDb;
beforeEach(async () => {
  db = freshDatabase('rescue-section');
  await writeSession({ token: 't', user: officer, loggedInAt: '2026-03-01T00:00:00Z' }, db);
});
afterEach(() => {
  cleanup();
  setLocale('zh-CN');
});

/** Work typed, exported, and the phone wiped by a logout; then `user` logs in. */
async function backupThenLogout(user: User): Promise<string> {
  const fields = { ...newServicePointFields('2026-03-01'), regionCode: '330127101201' };
  await saveRecord('servicePoint', null, { ...fields, name: '下姜村服务点' }, db);
  await saveRecord('servicePoint', null, { ...fields, name: '枫林港村服务点' }, db);
  await saveDraft('trainee:new', { name: '王芳' }, db);
  const { json } = await buildUnsyncedExport(db, new Date('2026-03-02T10:00:00Z'));
  await wipeLocalData(db);
  await writeSession({ token: 't2', user, loggedInAt: '2026-03-02T11:00:00Z' }, db);
  return json;
}

async function pick(text: string, label = '选择备份文件') {
  await act(async () => {
    fireEvent.change(screen.getByLabelText(label), {
      target: { files: [new File([text], 'cundian-unsynced-zhangwei.json')] },
    });
  });
}

describe('RescueImportSection', () => {
  it('shows what the file holds, restores on confirm, and says what was skipped the second time', async () => {
    const json = await backupThenLogout(officer);
    render(<RescueImportSection />);
    await pick(json);

    expect(await screen.findByText('导出人：张伟（zhangwei）')).toBeTruthy();
    expect(screen.getByText('未同步的修改：2 条')).toBeTruthy();
    expect(screen.getByText('服务点：2')).toBeTruthy();
    expect(screen.getByText('未保存的表单草稿：1 份')).toBeTruthy();
    expect(screen.getByText('学员：1')).toBeTruthy();
    // Nothing written before the officer confirms.
    expect(await unsyncedSummary(db)).toEqual({ outbox: 0, rejected: 0, drafts: 0 });

    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '恢复到本机' }));
    });
    expect(
      await screen.findByText('未同步的修改：新加入 2 条，已在手机上而跳过 0 条。'),
    ).toBeTruthy();
    expect(await unsyncedSummary(db)).toEqual({ outbox: 2, rejected: 0, drafts: 1 });

    await pick(json);
    const confirm = await screen.findByRole('button', { name: '恢复到本机' });
    await act(async () => {
      fireEvent.click(confirm);
    });
    expect(
      await screen.findByText('未同步的修改：新加入 0 条，已在手机上而跳过 2 条。'),
    ).toBeTruthy();
    expect(screen.getByText('草稿：新恢复 0 份，同一表单已有草稿而跳过 1 份。')).toBeTruthy();
    expect(await unsyncedSummary(db)).toEqual({ outbox: 2, rejected: 0, drafts: 1 });
  });

  it('refuses another user’s file in words and writes nothing', async () => {
    const json = await backupThenLogout({
      ...officer,
      id: '0190a1b2-c3d4-7e5f-8a9b-000000000001',
      username: 'lina',
    });
    render(<RescueImportSection />);
    await pick(json);
    expect(
      await screen.findByText(
        '这个备份文件属于账号 zhangwei，当前登录的是 lina。恢复后这些修改会记在您名下，所以不能恢复。请让 zhangwei 登录后再恢复。',
      ),
    ).toBeTruthy();
    expect(screen.queryByRole('button', { name: '恢复到本机' })).toBeNull();
    expect(await unsyncedSummary(db)).toEqual({ outbox: 0, rejected: 0, drafts: 0 });
  });

  it('speaks English', async () => {
    setLocale('en');
    render(<RescueImportSection />);
    await pick('{"kind":"cundian-unsynced-export"', 'Choose a backup file');
    expect(await screen.findByText(/This file cannot be opened/)).toBeTruthy();
  });
});
