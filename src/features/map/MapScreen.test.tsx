/**
 * The map screen is the coordinator's view of the programme: the figures must follow the local
 * database as points are registered and opened (live queries, also offline), the districts the
 * map cannot draw must still be listed with their figures, and the gap list must export what it
 * shows. This test writes real records through the actions into fake-indexeddb, serves the
 * shipped region files, and reads the screen as a user would.
 */
import { act, cleanup, configure, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { changeServicePointStatus, saveRecord } from '../../actions';
import { newServicePointFields } from '../../domain/servicePoint';
import { CoverageScreen } from './MapScreen';
import { centralTownId } from '../../domain/centralTown';
import { NO_FILTERS } from '../../domain/pointFilter';
import { setOverlay, useMapStore } from './mapStore';
import { freshDatabase } from '../../test-support/database';
import { outlineFileText, regionFileText } from '../../test-support/regions';

// The whole gazetteer is parsed and the map chunk loaded: give a busy machine time.
configure({ asyncUtilTimeout: 10_000 });

let downloads: { name: string; blob: Blob }[] = [];

const regionFile = regionFileText();
const outlineFile = outlineFileText();

beforeEach(() => {
  freshDatabase('map-screen');
  vi.stubGlobal('fetch', async (url: string) =>
    url.endsWith('-outlines.json')
      ? new Response(outlineFile, { status: 200 })
      : new Response(regionFile, { status: 200 }),
  );
  downloads = [];
  let lastBlob: Blob | null = null;
  vi.stubGlobal(
    'URL',
    Object.assign(URL, {
      createObjectURL: (blob: Blob) => {
        lastBlob = blob;
        return 'blob:test';
      },
      revokeObjectURL: () => undefined,
    }),
  );
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
    this: HTMLAnchorElement,
  ) {
    if (lastBlob) downloads.push({ name: this.download, blob: lastBlob });
  });
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

async function openPoint(regionCode: string, name: string, lat: number, lng: number) {
  const { id } = await saveRecord('servicePoint', null, {
    ...newServicePointFields('2026-03-01'),
    regionCode,
    name,
    location: { lat, lng, accuracy: 8, source: 'gps', capturedAt: '2026-03-01T08:00:00.000Z' },
  });
  await changeServicePointStatus(id, 'approved', '2026-03-02');
  await changeServicePointStatus(id, 'open', '2026-03-03');
  return id;
}

describe('CoverageScreen', () => {
  it('follows the database: figures, county list, gap list and its CSV', async () => {
    render(<CoverageScreen />);
    expect(await screen.findByText(/杭州市共有 1,906 个行政村，其中 0 个/)).toBeTruthy();

    await act(async () => {
      await openPoint('330127100219', '富城村服务点', 29.605, 119.045); // 淳安县 千岛湖镇 富城村
      await openPoint('330127100219', '富城村第二点', 29.606, 119.046); // same village: once
      await openPoint('330127100001', '青城社区服务点', 29.6, 119.04); // a community: not counted
      await saveRecord('servicePoint', null, {
        ...newServicePointFields('2026-03-01'),
        regionCode: '330127100231', // planned only: not counted
        name: '淡竹村（筹建）',
      });
    });
    expect(await screen.findByText(/杭州市共有 1,906 个行政村，其中 1 个.*（0%）/)).toBeTruthy();

    // Every county is listed; the two of 2021 say they have no outline.
    const list = await screen.findByRole('region', { name: '各区县覆盖情况' });
    for (const name of ['淳安县', '临平区', '钱塘区', '拱墅区']) {
      expect(within(list).getByText(name)).toBeTruthy();
    }
    const linping = list.querySelector('[data-county="330113"]') as HTMLElement;
    expect(within(linping).getByText('无边界图形')).toBeTruthy();
    expect(within(linping).getByText('0 / 57')).toBeTruthy();
    const chunan = list.querySelector('[data-county="330127"]') as HTMLElement;
    expect(within(chunan).getByText('1 / 337')).toBeTruthy();

    // Choose 淳安县: the summary and the gap list follow.
    fireEvent.change(screen.getByLabelText('范围'), { target: { value: '330127' } });
    expect(await screen.findByText(/淳安县共有 337 个行政村，其中 1 个/)).toBeTruthy();
    const gaps = await screen.findByTestId('gap-list');
    expect(within(gaps).getByText(/336 个行政村，分布在 23 个乡镇（街道）/)).toBeTruthy();
    const qiandaohu = gaps.querySelector('[data-township="330127100"]') as HTMLElement;
    expect(qiandaohu.textContent).not.toContain('富城村');
    expect(qiandaohu.textContent).toContain('淡竹村');

    // Tapping the township centres the map on the mean of its points (WGS-84).
    fireEvent.click(within(qiandaohu).getByRole('button', { name: '在地图上查看千岛湖镇' }));
    const focus = useMapStore.getState().focus!;
    expect(focus).toMatchObject({ datum: 'WGS84', zoom: 13 });
    expect(focus.lat).toBeCloseTo((29.605 + 29.606 + 29.6) / 3, 6);

    // CSV: BOM, header, one row per gap, 336 + 1 lines.
    fireEvent.click(within(gaps).getByRole('button', { name: '导出 CSV' }));
    expect(downloads).toHaveLength(1);
    expect(downloads[0]!.name).toMatch(/^缺口清单-淳安县-\d{4}-\d{2}-\d{2}\.csv$/);
    const bytes = new Uint8Array(await downloads[0]!.blob.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // TextDecoder drops the BOM checked above.
    const lines = new TextDecoder().decode(bytes).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      '区县,乡镇（街道）,村,正式名称,统计代码,本乡镇已覆盖行政村,本乡镇行政村总数',
    );
    expect(lines).toHaveLength(337);
    expect(lines.some((l) => l.includes('330127100219'))).toBe(false);

    // The map chunk loads too, with its legend showing the area's figures.
    expect(
      (await screen.findByTestId('map-legend-readout', {}, { timeout: 5000 })).textContent,
    ).toBe('淳安县：已覆盖 1 / 337 个行政村（0%）');
  }, 60_000);

  it('draws central towns, pilots and sessions at their township, with legend lines', async () => {
    const year = new Date().getFullYear();
    const HOSTILE = '<img src=x onerror=alert(1)>';
    useMapStore.setState({ overlays: {}, filters: NO_FILTERS });
    setOverlay('centralTowns', true);
    setOverlay('pilotTowns', true);
    setOverlay('trainingSessions', true);
    try {
      await act(async () => {
        await openPoint('330127100219', '富城村服务点', 29.605, 119.045);
        for (const code of ['330127100', '330127101', '330113001']) {
          await saveRecord('centralTown', centralTownId(code), {
            townshipCode: code,
            designatedYear: year - 1,
            active: true,
          });
        }
        await saveRecord('flagshipStore', null, {
          townshipCode: '330127100',
          platform: '淘宝',
          storeName: '千岛湖旗舰店',
          url: null,
          openedOn: `${year}-01-05`,
          status: 'open',
          mainProducts: '',
          operator: '',
          monthlyFigures: [],
        });
        await saveRecord('trainingSession', null, {
          title: HOSTILE,
          startDate: `${year}-03-01`,
          endDate: `${year}-03-02`,
          townshipCode: '330127100',
          trainer: '王老师',
          hours: 8,
          topics: [],
          capacity: null,
        });
      });
      render(<CoverageScreen />);
      const towns = await screen.findByTestId('map-note-centralTowns', {}, { timeout: 10_000 });
      await vi.waitFor(() => {
        expect(towns.textContent).toContain(`${year} 年中心镇 3 个`);
        expect(towns.textContent).toContain('有旗舰店 1 个');
        expect(towns.textContent).toContain('尚无旗舰店 2 个');
        // 330113 (临平区) has no outline and no located point.
        expect(towns.textContent).toContain('另有 1 条');
      });
      // Each layer reads its own records (a live query of its own): wait for each.
      await vi.waitFor(() => {
        expect(screen.getByTestId('map-note-pilotTowns').textContent).toContain(
          `${year} 年试点镇 0 个`,
        );
        expect(screen.getByTestId('map-note-trainingSessions').textContent).toContain(
          `${year} 年培训班 1 期，分布在 1 个乡镇`,
        );
      });
      await vi.waitFor(() => {
        expect(document.querySelectorAll('.map-marker--town-store')).toHaveLength(1);
        expect(document.querySelectorAll('.map-marker--town-nostore')).toHaveLength(1);
        expect(document.querySelectorAll('.map-marker--session')).toHaveLength(1);
      });
      expect(document.querySelector('img[src="x"]')).toBeNull();
    } finally {
      useMapStore.setState({ overlays: {} });
    }
  }, 60_000);
});

describe('CoverageScreen opened on a point (/map?point=<id>)', () => {
  afterEach(() => {
    window.history.replaceState(null, '', '/');
    useMapStore.setState({ filters: NO_FILTERS, focus: null, highlighted: null });
  });

  it('opens the point’s popup with a ring, in the point’s county even if another was chosen', async () => {
    let id = '';
    await act(async () => {
      id = await openPoint('330127100219', '富城村服务点', 29.605, 119.045);
    });
    // An earlier visit chose 建德市 and asked for one of its townships.
    useMapStore.setState({
      filters: { ...NO_FILTERS, county: '330182' },
      focus: { lat: 29.6, lng: 119.3, datum: 'WGS84', zoom: 13, seq: 3 },
    });
    window.history.replaceState(null, '', `/map?point=${id}`);
    render(<CoverageScreen />);
    await vi.waitFor(() => {
      expect(document.querySelector('.leaflet-popup-content .map-popup__title')?.textContent).toBe(
        '富城村服务点',
      );
    });
    const popup = document.querySelector('.leaflet-popup-content') as HTMLElement;
    expect(within(popup).getByRole('link', { name: '查看详情' }).getAttribute('href')).toBe(
      `/points/${id}`,
    );
    expect(document.querySelector('path.map-focus-ring')).not.toBeNull();
    expect(useMapStore.getState().filters.county).toBe('330127');
    expect(screen.getByTestId('map-summary').textContent).toContain('淳安县');
  }, 60_000);

  it('says so when the point is not on the phone, or has no location', async () => {
    window.history.replaceState(null, '', '/map?point=01900000-0000-7000-8000-00000000dead');
    const first = render(<CoverageScreen />);
    expect(await screen.findByText(/要查看的服务点不在这台手机上/)).toBeTruthy();
    first.unmount();

    let id = '';
    await act(async () => {
      id = (
        await saveRecord('servicePoint', null, {
          ...newServicePointFields('2026-03-01'),
          regionCode: '330127100219',
          name: '没有位置的服务点',
        })
      ).id;
    });
    window.history.replaceState(null, '', `/map?point=${id}`);
    render(<CoverageScreen />);
    expect(await screen.findByText('“没有位置的服务点”还没有位置，地图上标不出来。')).toBeTruthy();
    expect(document.querySelector('.leaflet-popup')).toBeNull();
  }, 60_000);
});
