/**
 * Screens read the database through live queries: a write anywhere (this form, the sync engine, a
 * second tab) must show on screen without a reload. This test writes through the real actions
 * into fake-indexeddb and watches the real list update.
 */
import { act, cleanup, render, screen, within } from '@testing-library/react';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { changeServicePointStatus, deleteRecord, saveRecord } from '../../actions';
import { useDatabaseNamed, type CundianDb } from '../../db';
import { newServicePointFields } from '../../domain/servicePoint';
import { PointList } from './PointList';

let db: CundianDb;
let n = 0;

beforeEach(() => {
  n += 1;
  db = useDatabaseNamed(`point-list-${Date.now()}-${n}`);
  // The region file as the server would serve it (the gazetteer the app ships).
  const regionFile = readFileSync(join(process.cwd(), 'public/regions/3301.json'), 'utf8');
  vi.stubGlobal('fetch', async () => new Response(regionFile, { status: 200 }));
});

afterEach(async () => {
  cleanup();
  vi.unstubAllGlobals();
  db.close();
  await db.delete();
});

const point = (name: string) => ({
  ...newServicePointFields('2026-03-01'),
  regionCode: '330127100219', // 淳安县 千岛湖镇 富城村
  name,
});

describe('PointList', () => {
  it('shows new, changed and deleted records without a reload', async () => {
    render(<PointList />);
    expect(await screen.findByText('还没有服务点')).toBeTruthy();

    let id = '';
    await act(async () => {
      ({ id } = await saveRecord('servicePoint', null, point('富城村服务点')));
    });
    const item = await screen.findByRole('link', { name: /富城村服务点/ });
    expect(within(item).getByText('筹建中')).toBeTruthy();
    expect(within(item).getByText('待同步')).toBeTruthy();
    expect(await within(item).findByText('淳安县 · 千岛湖镇 · 富城村')).toBeTruthy();
    expect(screen.getByText('共 1 个')).toBeTruthy();

    await act(async () => {
      await changeServicePointStatus(id, 'approved', '2026-03-02');
    });
    expect(
      await within(screen.getByRole('link', { name: /富城村服务点/ })).findByText('已审批'),
    ).toBeTruthy();

    await act(async () => {
      await saveRecord('servicePoint', null, point('<img src=x onerror=alert(1)>'));
    });
    // Pasted markup is shown as text, not parsed.
    expect(await screen.findByText('<img src=x onerror=alert(1)>')).toBeTruthy();
    expect(document.querySelector('img')).toBeNull();
    expect(screen.getByText('共 2 个')).toBeTruthy();

    await act(async () => {
      await deleteRecord('servicePoint', id);
    });
    await vi.waitFor(() => expect(screen.queryByRole('link', { name: /富城村服务点/ })).toBeNull());
    expect(screen.getByText('共 1 个')).toBeTruthy();
  });
});
