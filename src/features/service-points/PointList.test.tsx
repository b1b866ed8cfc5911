/**
 * Screens read the database through live queries: a write anywhere (this form, the sync engine, a
 * second tab) must show on screen without a reload. This test writes through the real actions
 * into fake-indexeddb and watches the real list update.
 */
import { act, render, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { changeServicePointStatus, deleteRecord, saveRecord } from '../../actions';
import { writeSession, type CundianDb } from '../../db';
import type { Role } from '../../domain/protocol';
import { newServicePointFields } from '../../domain/servicePoint';
import { PointList } from './PointList';
import { POINT_FIRST_ROWS, POINT_PAGE } from './pointListReads';
import { freshDatabase } from '../../test-support/database';
import { serveRegionFiles } from '../../test-support/regions';

let db: CundianDb;

beforeEach(() => {
  db = freshDatabase('point-list');
  // The region file as the server would serve it (the gazetteer the app ships).
  serveRegionFiles();
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

  it('shows the rows a phone screen holds first, the rest of the page a frame later, newest first', async () => {
    const names = Array.from(
      { length: POINT_PAGE + 10 },
      (_, i) => `服务点${String(i).padStart(2, '0')}`,
    );
    for (const name of names) await saveRecord('servicePoint', null, point(name));
    const newestFirst = names.toReversed();
    const shownNames = () =>
      [...document.querySelectorAll('ul.record-list > li .record-list__title')].map(
        (el) => el.textContent,
      );
    // Only the frame is faked: the database and the gazetteer run as they do.
    vi.useFakeTimers({ toFake: ['requestAnimationFrame', 'cancelAnimationFrame'] });
    try {
      render(<PointList />);
      expect(await screen.findByText(`共 ${names.length} 个`)).toBeTruthy();
      expect(shownNames()).toEqual(newestFirst.slice(0, POINT_FIRST_ROWS));
      expect(screen.queryByRole('button', { name: /再显示/ })).toBeNull();
      act(() => {
        vi.advanceTimersToNextFrame();
      });
      await vi.waitFor(() => expect(shownNames()).toEqual(newestFirst.slice(0, POINT_PAGE)));
    } finally {
      vi.useRealTimers();
    }
    // 更多 adds the rest, in the same order; a write still shows at the top.
    await act(async () => {
      screen.getByRole('button', { name: '再显示 10 个' }).click();
    });
    await vi.waitFor(() => expect(shownNames()).toEqual(newestFirst));
    await act(async () => {
      await saveRecord('servicePoint', null, point('最新的服务点'));
    });
    await vi.waitFor(() => expect(shownNames()[0]).toBe('最新的服务点'));
    // The gazetteer this render started has answered before the file ends.
    expect(await screen.findAllByText('淳安县 · 千岛湖镇 · 富城村')).not.toHaveLength(0);
  });

  describe('operator phones by role', () => {
    const signIn = (role: Role) =>
      writeSession(
        {
          token: 't',
          user: {
            id: 'u1',
            username: 'u1',
            displayName: '用户',
            role,
            scope: { level: 'county', code: '330127' },
          },
          loggedInAt: '2026-03-01T00:00:00Z',
        },
        db,
      );
    const withOperator = async () => {
      await saveRecord('servicePoint', null, {
        ...point('富城村服务点'),
        operatorName: '王芳',
        operatorPhone: '13812345678',
      });
    };

    it('gives an officer the full number as a call link, outside the row’s own link', async () => {
      await signIn('officer');
      await withOperator();
      render(<PointList />);
      const call = await screen.findByRole('link', { name: '拨打 王芳 13812345678' });
      expect(call.getAttribute('href')).toBe('tel:13812345678');
      expect(call.textContent).toBe('13812345678');
      const row = screen.getByRole('link', { name: /富城村服务点/ });
      expect(row.contains(call)).toBe(false); // links do not nest
      expect(screen.queryByText('138****5678')).toBeNull();
    });

    it('shows a trainer the number masked, with nothing to call', async () => {
      await withOperator(); // typed before the trainer signed in: a trainer may not write points
      await signIn('trainer');
      render(<PointList />);
      expect(await screen.findByText('138****5678')).toBeTruthy();
      expect(screen.queryByText('13812345678')).toBeNull();
      expect(document.querySelector('a[href^="tel:"]')).toBeNull();
    });

    it('shows the number in full with nobody signed in (typed on this device)', async () => {
      await withOperator();
      render(<PointList />);
      const call = await screen.findByRole('link', { name: '拨打 王芳 13812345678' });
      expect(call.getAttribute('href')).toBe('tel:13812345678');
    });
  });
});
