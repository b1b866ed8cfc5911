/**
 * A form that does not mislead (issue 13): an empty required field says 必填 and the summary
 * takes focus; a phone typed with full-width digits is stored as the 11 digits; a point that is
 * deleted or merged away while its form is open, or never existed, says so in words and keeps
 * what was typed; a trainer is offered neither the form nor the point's actions; the position is
 * watched until it is accurate enough, or taken worse on purpose. Geolocation is a fake object
 * (jsdom has no GPS) that the test drives fix by fix.
 */
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { deleteRecord, saveRecord } from '../../actions';
import {
  ENTITY_TABLES,
  getRecord,
  listRecords,
  loadDraft,
  writeSession,
  type CundianDb,
} from '../../db';
import type { Role } from '../../domain/protocol';
import { newServicePointFields } from '../../domain/servicePoint';
import { PointDetail } from './PointDetail';
import { PointForm } from './PointForm';
import { freshDatabase } from '../../test-support/database';
import { serveRegionFiles } from '../../test-support/regions';

let db: CundianDb;

beforeEach(() => {
  db = freshDatabase('point-form-honest');
  serveRegionFiles();
});

afterEach(() => {
  cleanup();
  localStorage.clear();
});

const FUCHENG = '330127100219';
const aPoint = () => ({
  ...newServicePointFields('2026-03-01'),
  tier: 'village' as const,
  regionCode: FUCHENG,
  name: '富城村服务点',
  services: ['purchasing' as const],
  operatorName: '王芳',
  operatorPhone: '13712346635',
});

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

const type = (label: string, value: string) =>
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
const save = () => act(async () => fireEvent.click(screen.getByRole('button', { name: '保存' })));

describe('PointForm: required fields and the summary', () => {
  it('says 必填 for an empty name (not "至少 2 个字") and moves focus to the summary', async () => {
    render(<PointForm />);
    const name = await screen.findByLabelText('服务点名称');
    expect(name.getAttribute('aria-required')).toBe('true');
    expect(name.closest('.field')!.querySelector('label')!.className).toContain('required-mark');
    expect(screen.getByText('带 * 的为必填项')).toBeTruthy();
    await save();
    const summaryLine = await screen.findByText('服务点名称：必填');
    expect(screen.queryByText(/至少 2 个字/)).toBeNull();
    // The element holding the summary has focus, so the next swipe or Tab reads what to fix.
    await waitFor(() => expect(document.activeElement?.contains(summaryLine)).toBe(true));
    expect(await listRecords('servicePoint')).toEqual([]);
  });
});

describe('PointForm: phones as people type them', () => {
  it('accepts 11 full-width digits with spaces and +86, and stores the 11 digits', async () => {
    const { id } = await saveRecord('servicePoint', null, { ...aPoint(), operatorPhone: null });
    render(<PointForm id={id} />);
    await screen.findByLabelText('运营人电话');
    type('运营人电话', '＋８６ １３８ １２３４ ５６７８');
    await save();
    await waitFor(async () =>
      expect((await getRecord('servicePoint', id))?.operatorPhone).toBe('13812345678'),
    );
    const edit = (await db.outbox.toArray()).at(-1); // after the create
    expect(edit?.changes).toEqual({ operatorPhone: '13812345678' });
  });
});

describe('PointForm: a point that is not there', () => {
  it('says an unknown id was not found instead of opening an empty edit form', async () => {
    render(<PointForm id="01900000-0000-7000-8000-000000000000" />);
    expect(await screen.findByRole('heading', { name: '找不到这条记录' })).toBeTruthy();
    expect(screen.queryByRole('heading', { name: '修改服务点' })).toBeNull();
    expect(screen.queryByRole('button', { name: '保存' })).toBeNull();
  });

  it('says a deleted point was not found', async () => {
    const { id } = await saveRecord('servicePoint', null, aPoint());
    await deleteRecord('servicePoint', id);
    render(<PointForm id={id} />);
    expect(await screen.findByRole('heading', { name: '找不到这条记录' })).toBeTruthy();
  });

  it('a point merged away while the form is open: says so, keeps the typing as a draft, saves nothing', async () => {
    const { id } = await saveRecord('servicePoint', null, aPoint());
    render(<PointForm id={id} />);
    await screen.findByDisplayValue('富城村服务点');
    type('服务点名称', '富城村电商服务站');
    // A coordinator's merge, pulled while the form is open: the row goes from the phone.
    await act(async () => {
      await db.table(ENTITY_TABLES.servicePoint).delete(id);
    });
    expect(await screen.findByText('这条记录已经不在了')).toBeTruthy();
    await waitFor(async () =>
      expect(
        (await loadDraft<{ fields: { name: string } }>(`servicePoint:${id}`))?.value.fields.name,
      ).toBe('富城村电商服务站'),
    );
    expect((screen.getByRole('button', { name: '保存' }) as HTMLButtonElement).disabled).toBe(true);
    expect(await getRecord('servicePoint', id)).toBeUndefined();
  });

  it('a save racing the deletion is refused in words, not an unhandled RecordNotFound', async () => {
    const { id } = await saveRecord('servicePoint', null, aPoint());
    render(<PointForm id={id} />);
    await screen.findByDisplayValue('富城村服务点');
    type('服务点名称', '富城村电商服务站');
    // Deleted in the same tick as the tap on 保存, before the live query has seen it.
    await act(async () => {
      const gone = deleteRecord('servicePoint', id);
      fireEvent.click(screen.getByRole('button', { name: '保存' }));
      await gone;
    });
    expect(await screen.findByText('这条记录已经不在了')).toBeTruthy();
    expect((await getRecord('servicePoint', id))?.deleted).toBe(true);
    expect((await getRecord('servicePoint', id))?.name).toBe('富城村服务点');
  });
});

describe('roles shown honestly', () => {
  it('offers a trainer neither 修改服务点 nor 更改状态 on a point, and shows the phone masked', async () => {
    const { id } = await saveRecord('servicePoint', null, aPoint());
    await signIn('trainer');
    render(<PointDetail id={id} />);
    expect(await screen.findByRole('heading', { name: '富城村服务点' })).toBeTruthy();
    expect(await screen.findByText('137****6635')).toBeTruthy();
    expect(screen.queryByRole('link', { name: '修改服务点' })).toBeNull();
    expect(screen.queryByRole('button', { name: '更改状态' })).toBeNull();
    expect(screen.queryByLabelText('改为')).toBeNull();
  });

  it('offers an officer of the area both', async () => {
    const { id } = await saveRecord('servicePoint', null, aPoint());
    await signIn('officer');
    render(<PointDetail id={id} />);
    expect(await screen.findByRole('link', { name: '修改服务点' })).toBeTruthy();
  });

  it('refuses the edit route to a trainer with words, never a form with the masked phone', async () => {
    const { id } = await saveRecord('servicePoint', null, aPoint());
    await signIn('trainer');
    render(<PointForm id={id} />);
    expect(await screen.findByRole('heading', { name: '您不能修改这条记录' })).toBeTruthy();
    expect(screen.queryByDisplayValue(/\*/)).toBeNull();
    expect(screen.queryByRole('button', { name: '保存' })).toBeNull();
  });
});

/** A geolocation the test drives: each fix and error is sent by hand. */
function fakeGeolocation() {
  let success: PositionCallback | null = null;
  let failure: PositionErrorCallback | null = null;
  const geo = {
    watching: 0,
    cleared: [] as number[],
    watchPosition: vi.fn((ok: PositionCallback, err?: PositionErrorCallback | null) => {
      success = ok;
      failure = err ?? null;
      geo.watching += 1;
      return geo.watching;
    }),
    clearWatch: vi.fn((id: number) => geo.cleared.push(id)),
    getCurrentPosition: vi.fn(),
    fix(accuracy: number, lat = 29.6, lng = 119.04) {
      act(() =>
        success?.({
          coords: { latitude: lat, longitude: lng, accuracy } as GeolocationCoordinates,
          timestamp: Date.parse('2026-03-01T02:00:00Z'),
        } as GeolocationPosition),
      );
    },
    fail(code: 1 | 2 | 3) {
      act(() =>
        failure?.({
          code,
          message: '',
          PERMISSION_DENIED: 1,
          POSITION_UNAVAILABLE: 2,
          TIMEOUT: 3,
        } as GeolocationPositionError),
      );
    },
  };
  Object.defineProperty(navigator, 'geolocation', { configurable: true, value: geo });
  return geo;
}

describe('PointForm: GPS like ODK', () => {
  it('shows the accuracy as it improves and takes the fix by itself within the threshold', async () => {
    const geo = fakeGeolocation();
    render(<PointForm />);
    fireEvent.click(await screen.findByRole('button', { name: '获取位置' }));
    expect(geo.watchPosition).toHaveBeenCalledTimes(1);
    expect(screen.getByText('正在定位，等待 GPS 信号…')).toBeTruthy();
    geo.fix(180);
    expect(screen.getByTestId('gps-accuracy').textContent).toContain('± 180 米');
    geo.fix(64);
    expect(screen.getByTestId('gps-accuracy').textContent).toContain('± 64 米');
    expect(screen.getByRole('button', { name: '就用这个位置（± 64 米）' })).toBeTruthy();
    geo.fix(12); // default threshold 50 m
    expect(screen.getByTestId('location-readout').textContent).toContain('精度约 12 米');
    expect(screen.queryByTestId('gps-accuracy')).toBeNull();
    expect(geo.clearWatch).toHaveBeenCalledWith(1);
  });

  it('follows the threshold set in settings, and lets the officer take a worse fix knowingly', async () => {
    localStorage.setItem('cundian.gpsAccuracyThreshold', '20');
    const geo = fakeGeolocation();
    render(<PointForm />);
    fireEvent.click(await screen.findByRole('button', { name: '获取位置' }));
    geo.fix(35); // within 50 m but not within 20 m: keeps watching
    expect(screen.queryByTestId('location-readout')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: '就用这个位置（± 35 米）' }));
    expect(screen.getByTestId('location-readout').textContent).toContain('精度约 35 米');
    expect(geo.clearWatch).toHaveBeenCalledWith(1);
    // And the form still says it is worse than the threshold.
    expect(screen.getByText(/35/, { selector: '.banner *' })).toBeTruthy();
  });

  it('a denied permission says what to do; leaving the form stops the watch', async () => {
    const geo = fakeGeolocation();
    const { unmount } = render(<PointForm />);
    fireEvent.click(await screen.findByRole('button', { name: '获取位置' }));
    geo.fail(1);
    expect(screen.getByText(/没有定位权限。请在浏览器或手机设置里允许/)).toBeTruthy();
    expect(geo.clearWatch).toHaveBeenCalledWith(1);
    fireEvent.click(screen.getByRole('button', { name: '获取位置' }));
    geo.fix(200);
    unmount();
    expect(geo.clearWatch).toHaveBeenCalledWith(2);
  });

  it('a timeout before any fix says to go outdoors; after a fix it keeps watching', async () => {
    const geo = fakeGeolocation();
    render(<PointForm />);
    fireEvent.click(await screen.findByRole('button', { name: '获取位置' }));
    geo.fix(90);
    geo.fail(3);
    expect(screen.getByTestId('gps-accuracy').textContent).toContain('± 90 米');
    fireEvent.click(screen.getByRole('button', { name: '停止定位' }));
    fireEvent.click(screen.getByRole('button', { name: '获取位置' }));
    geo.fail(3);
    expect(screen.getByText(/很久没有收到 GPS 信号。请到室外开阔处/)).toBeTruthy();
  });
});
