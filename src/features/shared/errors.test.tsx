/**
 * A full phone. When IndexedDB refuses a write with QuotaExceededError, the form says so in
 * words that say what to do, and nothing the user typed is lost: the values stay in the form,
 * the draft stays in the database (when the drafts can still be written), and neither the row
 * nor its outbox entry is half-saved. The refusal comes from the database's lowest layer (a
 * Dexie DBCore middleware throwing a real DOMException for one table), so it travels the real
 * path: saveRecord → writeWithOutbox's transaction → the form's one error mapper.
 */
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { saveRecord } from '../../actions';
import { setLocale } from '../../i18n';
import { loadDraft, type CundianDb } from '../../db';
import { newServicePointFields } from '../../domain/servicePoint';
import { isQuotaError, writeErrorKind } from './errors';
import { useRecordForm } from './recordForm';
import { freshDatabase } from '../../test-support/database';

type Middleware = Parameters<CundianDb['use']>[0];

/** Every write to `tables` fails as a full disk makes IndexedDB fail. */
function storageFullFor(tables: readonly string[]): Middleware {
  return {
    stack: 'dbcore',
    name: 'storage-full',
    create: (down) => ({
      ...down,
      table: (name) => {
        const table = down.table(name);
        if (!tables.includes(name)) return table;
        return {
          ...table,
          mutate: () =>
            Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError')),
        };
      },
    }),
  };
}

let db: CundianDb;
beforeEach(() => {
  db = freshDatabase('storage-full');
});
afterEach(() => {
  cleanup();
  setLocale('zh-CN');
});

const fields = { ...newServicePointFields('2026-03-01'), regionCode: '330127101201' };

function PointNameForm() {
  const form = useRecordForm<{ name: string }>({
    entity: 'servicePoint',
    id: undefined,
    draftKey: 'servicePoint:new',
    start: { state: { name: '' }, restoredAt: null },
  });
  return (
    <form
      onSubmit={form.submit(
        () => saveRecord('servicePoint', null, { ...fields, name: form.form.name }),
        () => undefined,
      )}
    >
      <label>
        名称
        <input value={form.form.name} onChange={(e) => form.set({ name: e.target.value })} />
      </label>
      <button type="submit">保存</button>
      {form.failure ? <p role="alert">{form.failure}</p> : null}
    </form>
  );
}

const FULL =
  '没有保存：手机存储空间已满。您填写的内容还在，请先释放空间再保存：联网同步后释放已同步的数据，或在“同步与设置”里删除离线地图，或清理其他应用。';

async function typeAndSave(name: string) {
  fireEvent.change(screen.getByLabelText('名称'), { target: { value: name } });
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: '保存' }));
  });
}

describe('a write refused for a full phone', () => {
  it('is recognised through the real write path, and writes neither row nor outbox entry', async () => {
    db.use(storageFullFor(['servicePoints']));
    const error = await saveRecord('servicePoint', null, { ...fields, name: '下姜村' }, db).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).not.toBeNull();
    expect(isQuotaError(error)).toBe(true);
    expect(writeErrorKind(error)).toBe('storageFull');
    expect(await db.outbox.count()).toBe(0);
    expect(await db.servicePoints.count()).toBe(0);
  });

  it('tells what to do, keeps the typed values in the form and the draft', async () => {
    db.use(storageFullFor(['servicePoints', 'outbox']));
    render(<PointNameForm />);
    await typeAndSave('下姜村电商服务点');
    expect((await screen.findByRole('alert')).textContent).toBe(FULL);
    expect((screen.getByLabelText('名称') as HTMLInputElement).value).toBe('下姜村电商服务点');
    // The draft (kept as the user typed) is still there: a failed save does not clear it.
    await waitFor(async () =>
      expect((await loadDraft<{ name: string }>('servicePoint:new'))?.value).toEqual({
        name: '下姜村电商服务点',
      }),
    );
    expect(await db.outbox.count()).toBe(0);
  });

  it('keeps the values in the form when not even the draft can be written', async () => {
    db.use(storageFullFor(['servicePoints', 'outbox', 'drafts', 'meta']));
    setLocale('en');
    render(<PointNameForm />);
    await typeAndSave('Xiajiang');
    expect((await screen.findByRole('alert')).textContent).toContain(
      'the phone’s storage is full. What you typed is still here.',
    );
    expect((screen.getByLabelText('名称') as HTMLInputElement).value).toBe('Xiajiang');
    expect(await db.outbox.count()).toBe(0);
  });

  it('reads the error however Dexie wraps it', () => {
    const quota = new DOMException('full', 'QuotaExceededError');
    const abort = Object.assign(new Error('aborted'), { name: 'AbortError', inner: quota });
    const deeper = Object.assign(new Error('tx'), { name: 'AbortError', inner: abort });
    expect([quota, abort, deeper, new Error('x', { cause: quota })].map(isQuotaError)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(isQuotaError(new DOMException('gone', 'NotFoundError'))).toBe(false);
    expect(isQuotaError('QuotaExceededError')).toBe(false);
  });
});
