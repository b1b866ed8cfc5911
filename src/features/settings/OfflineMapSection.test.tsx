/**
 * 离线底图 as an officer uses it: the township of their area is offered with a count and a size
 * before anything is fetched, the download shows its progress and ends with a count that matches
 * what the cache holds, a second download fetches nothing, a county at deep zooms is refused in
 * words, cancel keeps what was stored, and delete empties the cache. Real region files, real
 * records in fake-indexeddb, an in-memory Cache Storage and a fake tile server.
 */
import { act, cleanup, configure, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { saveRecord } from '../../actions';
import { setLocale } from '../../i18n';
import { writeSession, type CundianDb } from '../../db';
import type { User } from '../../domain/protocol';
import { newServicePointFields } from '../../domain/servicePoint';
import { baseLayerById, OFFLINE_TILES } from '../../map/baseLayers';
import { FakeCacheStorage } from '../../test-support/fakeCaches';
import { boxAround, padBox, tileCount, tileRanges } from '../../map/offlineTiles';
import OfflineMapSection from './OfflineMapSection';
import { freshDatabase } from '../../test-support/database';
import { outlineFileText, regionFileText } from '../../test-support/regions';

configure({ asyncUtilTimeout: 10_000 });

const regionFile = regionFileText();
const outlineFile = outlineFileText();
const PNG = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 1, 2, 3, 4]);

const officer: User = {
  id: 'u1',
  username: 'officer',
  displayName: '王干事',
  role: 'officer',
  scope: { level: 'township', code: '330127101' }, // 文昌镇, 淳安县
};

// Two located points of 文昌镇 (WGS-84).
const POINTS = [
  { lat: 29.62, lng: 118.9 },
  { lat: 29.64, lng: 118.93 },
];

let db: CundianDb;
let storage: FakeCacheStorage;
let tileRequests: string[];
/** When set, tile requests wait for it (to cancel a download halfway). */
let gate: Promise<void> | null;

beforeEach(async () => {
  setLocale('zh-CN');
  localStorage.clear();
  db = freshDatabase('offline-map');
  storage = new FakeCacheStorage();
  tileRequests = [];
  gate = null;
  vi.stubGlobal('caches', storage.asCacheStorage());
  vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
    if (url.endsWith('-outlines.json')) return new Response(outlineFile, { status: 200 });
    if (url.startsWith('/regions/')) return new Response(regionFile, { status: 200 });
    // Only tiles are counted: the app's own requests (a same-origin /api/… asked by something
    // else the shared test process has loaded) are not this screen's downloads.
    if (!/^https?:/.test(url)) return new Response('', { status: 404 });
    tileRequests.push(url);
    if (gate && tileRequests.length > 8) {
      await gate;
      if (init?.signal?.aborted) throw new DOMException('aborted', 'AbortError');
    }
    return new Response(PNG, { status: 200, headers: { 'content-type': 'image/png' } });
  });
  await writeSession({ token: 't', user: officer, loggedInAt: '2026-03-01T00:00:00Z' }, db);
  for (const [i, p] of POINTS.entries()) {
    await saveRecord('servicePoint', null, {
      ...newServicePointFields('2026-03-01'),
      regionCode: i === 0 ? '330127101200' : '330127101207',
      name: `文昌服务点${i + 1}`,
      location: { ...p, accuracy: 8, source: 'gps', capturedAt: '2026-03-01T08:00:00.000Z' },
    });
  }
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const amap = baseLayerById('amap')!;
const townshipTiles = tileCount(
  tileRanges(padBox(boxAround(POINTS, 'WGS84')!, 2000), 10, 15, 'GCJ02'),
);

function storedTiles() {
  return storage.caches.get(OFFLINE_TILES.name)?.entries.size ?? 0;
}

describe('OfflineMapSection', () => {
  it('estimates, downloads, resumes and deletes the tiles of the officer’s township', async () => {
    render(<OfflineMapSection />);
    const area = (await screen.findByLabelText('地区')) as HTMLSelectElement;
    expect(area.selectedOptions[0]!.textContent).toContain('文昌镇');
    expect((screen.getByLabelText('从第几级') as HTMLSelectElement).value).toBe('10');
    expect((screen.getByLabelText('到第几级') as HTMLSelectElement).value).toBe('15');
    // OpenStreetMap is not offered, and the screen says why.
    expect(screen.getByText(/OpenStreetMap的使用规定不允许预先批量下载/)).toBeTruthy();
    expect(
      [...(screen.getByLabelText('底图') as HTMLSelectElement).options].map((o) => o.value),
    ).not.toContain('osm');

    const estimate = screen.getByTestId('tile-estimate');
    const count = townshipTiles.toLocaleString('zh-CN');
    expect(estimate.textContent).toContain(`约 ${count} 张图块`);
    expect(townshipTiles).toBeGreaterThan(50);
    expect(tileRequests).toHaveLength(0); // nothing fetched before the tap
    expect((await screen.findByTestId('tiles-stored')).textContent).toBe('手机上还没有离线底图。');

    fireEvent.click(screen.getByRole('button', { name: '下载离线底图' }));
    expect(await screen.findByText(`下载完成：新存 ${count} 张，原来已有 0 张。`)).toBeTruthy();
    expect(storedTiles()).toBe(townshipTiles);
    expect(tileRequests).toHaveLength(townshipTiles);
    expect(tileRequests.every((u) => u.startsWith('https://webrd0'))).toBe(true);
    expect(screen.getByTestId('tiles-stored').textContent).toContain(`${count} 张图块`);
    expect(screen.getByText(/文昌镇 · 高德地图 · 10–15 级/)).toBeTruthy();

    // Again: everything is there, nothing is fetched.
    fireEvent.click(screen.getByRole('button', { name: '下载离线底图' }));
    expect(await screen.findByText(`下载完成：新存 0 张，原来已有 ${count} 张。`)).toBeTruthy();
    expect(tileRequests).toHaveLength(townshipTiles);

    fireEvent.click(screen.getByRole('button', { name: '删除离线底图' }));
    expect(screen.getByText(/删除全部离线底图/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '确定删除' }));
    expect(await screen.findByText('离线底图已删除。')).toBeTruthy();
    expect(storage.caches.has(OFFLINE_TILES.name)).toBe(false);
    expect(screen.getByTestId('tiles-stored').textContent).toBe('手机上还没有离线底图。');
  });

  it('refuses a download above the cap in words', async () => {
    render(<OfflineMapSection />);
    const area = (await screen.findByLabelText('地区')) as HTMLSelectElement;
    fireEvent.change(area, { target: { value: '330127' } });
    expect(area.selectedOptions[0]!.textContent).toContain('淳安县');
    expect((screen.getByLabelText('到第几级') as HTMLSelectElement).value).toBe('13');
    expect(screen.queryByText(/太多了/)).toBeNull();
    fireEvent.change(screen.getByLabelText('到第几级'), { target: { value: '16' } });
    expect(
      screen.getByText(
        `太多了，不能下载：最多 ${OFFLINE_TILES.maxTiles.toLocaleString('zh-CN')} 张图块（手机上已存 0 张）。请选小一点的地区，或少选几级。`,
      ),
    ).toBeTruthy();
    const button = screen.getByRole('button', { name: '下载离线底图' }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    fireEvent.click(button);
    expect(tileRequests).toHaveLength(0);
    expect(amap.offline).toBeDefined();
  });

  it('cancels halfway and keeps what was stored', async () => {
    let open!: () => void;
    gate = new Promise((resolve) => (open = resolve));
    render(<OfflineMapSection />);
    await screen.findByLabelText('地区');
    fireEvent.click(screen.getByRole('button', { name: '下载离线底图' }));
    const bar = await screen.findByRole('progressbar', { name: '离线底图下载进度' });
    await screen.findByText(new RegExp(`已完成 8 / ${townshipTiles.toLocaleString('zh-CN')} 张`));
    expect(bar).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '取消下载' }));
    await act(async () => open());
    expect(await screen.findByText('已取消。已存的 8 张保留，再点下载会接着下。')).toBeTruthy();
    expect(storedTiles()).toBe(8);
    const stored = screen.getByTestId('tiles-stored');
    expect(within(stored.parentElement!).getByText(/8 张图块/)).toBeTruthy();
  });
});
