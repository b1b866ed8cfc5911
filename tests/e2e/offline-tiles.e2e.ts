/**
 * A field officer's two ways of not losing the day in a village with no signal, in a real
 * Chromium against the real server:
 *
 * 1. The offline base map: in settings, with a connection, the officer downloads the tiles of
 *    淳安县 (count and size shown first; a too-deep choice refused in words), goes out of signal,
 *    opens the map on AMap, and the base map is drawn from the phone — every tile image loads,
 *    none is fetched, and the cache holds exactly the tiles announced.
 * 2. The rescue export: logging out with a change that never reached the server offers a
 *    workbook the officer can open (read back here with exceljs) beside the JSON the app reads
 *    back: after logging in again, 从备份文件恢复 queues the change again and the sync pushes it;
 *    a second import adds nothing.
 *
 * No request leaves the machine: tiles come from a fake tile route (a small PNG, counted), and
 * anything else that is not loopback is refused and recorded, and the test fails on it.
 */
import ExcelJS from 'exceljs';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchPhone,
  screenshotDir,
  startServer,
  type Browser,
  type RunningServer,
} from './harness';
import { AppShell } from './pages/AppShell';
import { LoginPage } from './pages/Login';
import { MapPage } from './pages/MapPage';
import { ServicePointsPage } from './pages/ServicePoints';
import { storySteps } from './steps';

let server: RunningServer;
let phone: Browser;
const external: string[] = [];
const tileRequests: string[] = [];
/** While set, tile answers after the 20th wait for it (to photograph the progress bar). */
let hold: Promise<void> | null = null;
/**
 * "No signal" for tiles. context.setOffline does not reach the service worker's own fetches in
 * Chromium, so the tile route itself plays the dead link: it refuses and records.
 */
let noSignal = false;
const requestedWithNoSignal: string[] = [];

// The app's own icon standing in for every AMap tile: small, and visible on a screenshot.
const TILE_PNG = readFileSync(new URL('../../public/icons/icon-192.png', import.meta.url));
const POLL = { timeout: 30_000, interval: 200 };
/** The JSON backup the rescue export downloaded, read back by the next test. */
let rescueJsonPath: string | null = null;

beforeAll(async () => {
  server = await startServer();
  phone = await launchPhone();
  mkdirSync(screenshotDir, { recursive: true });
  const { context } = phone;
  // Routes run last-registered first: the tile route answers tiles, this one refuses the rest.
  await context.route(
    (url) => !/^(http:\/\/127\.0\.0\.1[:/]|blob:|data:)/.test(url.href),
    (route) => {
      external.push(route.request().url());
      return route.abort();
    },
  );
  await context.route(/^https:\/\/webrd0[1-4]\.is\.autonavi\.com\//, async (route) => {
    if (noSignal) {
      requestedWithNoSignal.push(route.request().url());
      return route.abort('internetdisconnected');
    }
    tileRequests.push(route.request().url());
    if (hold && tileRequests.length > 20) await hold;
    return route.fulfill({
      status: 200,
      body: TILE_PNG,
      headers: { 'content-type': 'image/png', 'access-control-allow-origin': '*' },
    });
  });
});

afterAll(async () => {
  await phone?.close();
  await server?.stop();
});

const shot = (name: string) =>
  phone.page.screenshot({ path: join(screenshotDir, `${name}-360.png`) });

/** Tiles in the offline cache, counted in the page. */
const cachedTiles = () =>
  phone.page.evaluate(async () =>
    (await caches.has('cundian-map-offline-v1'))
      ? (await (await caches.open('cundian-map-offline-v1')).keys()).length
      : 0,
  );

// One story across both describes, in steps that share the phone (storySteps: the first failure
// stops the story — the rescue export starts out of signal, where the map left the phone).
storySteps();

describe('offline base map', () => {
  let page: Page;
  let context: BrowserContext;
  let map: MapPage;
  /** The settings card of the offline base map. */
  let card: Locator;
  /** How many tiles the estimate announced for zooms 10–11. */
  let announced: number;
  /** The tiles fetched by the download, before the signal was lost. */
  let downloaded: Set<string>;
  /** The tile images on the map. */
  let tiles: Locator;

  beforeAll(() => {
    ({ page, context } = phone);
    map = new MapPage(page);
  });

  it('the officer logs in and the phone downloads the township', async () => {
    const shell = new AppShell(page);
    const login = new LoginPage(page);
    await shell.open(server.url);
    await shell.waitForServiceWorker();
    await login.open(server.url);
    await login.logIn('officer', 'demo-2026');
    await login.finishDownload();
    await shell.heading('概览').waitFor();
  });

  it("settings offers 淳安县's tiles with their count and size; OpenStreetMap is not offered, and a too-deep choice is refused in words", async () => {
    await page.goto(`${server.url}/settings`);
    card = page.locator('.offline-map');
    await card.waitFor();
    // OpenStreetMap is not offered, and why is said.
    await card.getByText(/OpenStreetMap的使用规定不允许预先批量下载/).waitFor();
    await card.getByLabel('地区').selectOption({ label: '淳安县（整个区县）' });
    expect(await card.getByLabel('从第几级').inputValue()).toBe('10');
    expect(await card.getByLabel('到第几级').inputValue()).toBe('13');
    await expect(card.getByTestId('tile-estimate').textContent()).resolves.toBe(
      '约 754 张图块，约 11 MB',
    );
    // Too deep for a county: refused in words, the button off.
    await card.getByLabel('到第几级').selectOption('15');
    await card.getByText(/太多了，不能下载：最多 6,000 张图块/).waitFor();
    expect(await card.getByRole('button', { name: '下载离线底图' }).isDisabled()).toBe(true);
    await card.scrollIntoViewIfNeeded();
    await shot('tiles-too-many');
  });

  it('downloads zooms 10–11 with a progress bar: the cache holds exactly the tiles announced', async () => {
    // 10–11: enough for the county's view on a phone, and quick here.
    await card.getByLabel('到第几级').selectOption('11');
    const estimate = await card.getByTestId('tile-estimate').textContent();
    announced = Number(/约 ([\d,]+) 张图块/.exec(estimate ?? '')![1]!.replace(/,/g, ''));
    expect(announced).toBe(58);
    expect(tileRequests).toHaveLength(0);
    await card.getByTestId('tile-estimate').scrollIntoViewIfNeeded();
    await shot('tiles-settings');

    let release!: () => void;
    hold = new Promise((resolve) => (release = resolve));
    await card.getByRole('button', { name: '下载离线底图' }).click();
    await card.getByText(`已完成 20 / ${announced} 张`).first().waitFor();
    await card.getByRole('progressbar', { name: '离线底图下载进度' }).scrollIntoViewIfNeeded();
    await shot('tiles-progress');
    release();
    hold = null;
    await card.getByText(`下载完成：新存 ${announced} 张，原来已有 0 张。`).waitFor(POLL);
    expect(tileRequests).toHaveLength(announced);
    expect(await cachedTiles()).toBe(announced);
    await expect(card.getByTestId('tiles-stored').textContent()).resolves.toMatch(
      new RegExp(`手机上的离线底图：${announced} 张图块`),
    );
    await card.getByText(/淳安县 · 高德地图 · 10–11 级/).waitFor();
    await card.getByTestId('tiles-stored').evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await shot('tiles-done');
  });

  it("out of signal, the officer's map on AMap fits the county and is zoomed in to 11, the deepest downloaded", async () => {
    // Out of signal: the map on AMap.
    await context.setOffline(true);
    noSignal = true;
    downloaded = new Set(tileRequests);
    await page.evaluate(() => localStorage.setItem('cundian.map.baseLayer', 'amap'));
    // The officer's map fits their county (淳安县).
    await map.open(server.url);
    await expect.poll(() => map.countyOutlines().count(), POLL).toBeGreaterThan(0);
    tiles = page.locator('img.leaflet-tile');
    await expect.poll(() => tiles.count(), POLL).toBeGreaterThan(0);
    const zoomsShown = () =>
      tiles.evaluateAll((imgs) => [
        ...new Set(
          imgs.map((img) => Number(/[?&]z=(\d+)/.exec((img as HTMLImageElement).src)?.[1])),
        ),
      ]);
    // From the county's fit (zoom 8.5–9.5 at 360 px) in to zoom 11, the deepest downloaded:
    // there the view lies well inside the county's box on every side.
    const settled = async () => {
      let z = 0;
      await expect
        .poll(async () => {
          const now = await zoomsShown();
          z = now.length === 1 ? now[0]! : 0;
          return z;
        }, POLL)
        .toBeGreaterThan(0);
      return z;
    };
    for (let i = 0; i < 8; i++) {
      const z = await settled();
      if (z === 11) break;
      await page.getByRole('button', { name: z < 11 ? '放大' : '缩小' }).click();
      // The new zoom's tiles replace the old ones once the animation ends.
      await expect.poll(async () => (await settled()) !== z, POLL).toBe(true);
    }
    await expect.poll(zoomsShown, POLL).toEqual([11]);
  });

  it('every tile image on the map arrived from the phone, and none downloaded was asked of the network', async () => {
    // Every tile image on the map arrived, from the phone.
    await expect
      .poll(
        () =>
          tiles.evaluateAll((imgs) =>
            imgs.every((img) => (img as HTMLImageElement).complete) ? imgs.length : -1,
          ),
        POLL,
      )
      .toBeGreaterThan(0);
    const broken = await tiles.evaluateAll(
      (imgs) =>
        imgs.filter(
          (img) =>
            (img as HTMLImageElement).naturalWidth === 0 ||
            !img.classList.contains('leaflet-tile-loaded'),
        ).length,
    );
    expect(broken).toBe(0);
    expect(await map.tileNotice().count()).toBe(0);
    // No downloaded tile was asked of the network; what was (the fit's zoom, beyond the
    // county's box) is not at the zooms shown now.
    expect(requestedWithNoSignal.filter((url) => downloaded.has(url))).toEqual([]);
    expect(requestedWithNoSignal.filter((url) => /[?&]z=11(&|$)/.test(url))).toEqual([]);
    expect(await cachedTiles()).toBe(announced);
    await map.mapBlock().scrollIntoViewIfNeeded();
    await shot('tiles-map-offline');
    expect(external).toEqual([]);
  });
});

describe('rescue export', () => {
  it('offers a workbook that opens beside the JSON when logging out with unsynced work', async () => {
    const { page } = phone;
    const shell = new AppShell(page);
    const points = new ServicePointsPage(page);
    const name = '救援导出测试服务点';

    // Still out of signal: a point that cannot reach the server.
    await points.openList(server.url);
    await points.startNew();
    await points.choosePlace('淳安县', '千岛湖镇', '富城村');
    await points.fillName(name);
    await points.fillPhone('13812345678');
    await points.save();
    await shell.heading(name).waitFor();

    await page.goto(`${server.url}/settings`);
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByText(/还有 1 处修改没有同步/).waitFor();
    await page.getByRole('button', { name: '导出 Excel 表格' }).scrollIntoViewIfNeeded();
    await shot('rescue-logout');

    const xlsxDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出 Excel 表格' }).click();
    const xlsx = await xlsxDownload;
    expect(xlsx.suggestedFilename()).toMatch(/^cundian-unsynced-officer-.*\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync((await xlsx.path())!).buffer as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['说明', '服务点']);
    const sheet = workbook.getWorksheet('服务点')!;
    const headers = (sheet.getRow(3).values as unknown[]).slice(1);
    const row = (sheet.getRow(4).values as unknown[]).slice(1);
    const cell = (header: string) => row[headers.indexOf(header)];
    expect(cell('操作')).toBe('新建');
    expect(cell('服务点名称')).toBe(name);
    expect(cell('所在地')).toBe('富城村村民委员会');
    expect(cell('运营人电话')).toBe('13812345678');
    expect(cell('修改时间')).toBeInstanceOf(Date);

    const jsonDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出备份文件（JSON）' }).click();
    const json = await jsonDownload;
    expect(json.suggestedFilename()).toMatch(/^cundian-unsynced-officer-.*\.json$/);
    const document = JSON.parse(readFileSync((await json.path())!, 'utf8')) as {
      kind: string;
      outbox: { changes: { name?: string } }[];
    };
    expect(document.kind).toBe('cundian-unsynced-export');
    expect(document.outbox.some((e) => e.changes.name === name)).toBe(true);
    rescueJsonPath = (await json.path())!;
    await page.getByText(/已导出到文件 cundian-unsynced-officer-.*\.xlsx/).waitFor();
    await page.getByText(/已导出到文件 cundian-unsynced-officer-.*\.json/).waitFor();
    await shot('rescue-exported');
    expect(external).toEqual([]);
  });

  it('reads the backup back after logging in again; the sync pushes it, once', async () => {
    const { page, context } = phone;
    const login = new LoginPage(page);
    expect(rescueJsonPath).not.toBeNull();
    await page.getByRole('button', { name: '仍然退出并删除' }).click();
    await login.heading().waitFor();

    // Back in signal, the same officer logs in again on the wiped phone.
    await context.setOffline(false);
    await login.logIn('officer', 'demo-2026');
    await login.finishDownload();
    await page.goto(`${server.url}/settings`);
    await page.getByLabel('选择备份文件').setInputFiles(rescueJsonPath!);
    await page.getByText('未同步的修改：1 条').waitFor();
    await page.getByText('服务点：1').waitFor();
    await page.getByRole('button', { name: '恢复到本机' }).scrollIntoViewIfNeeded();
    await shot('rescue-restore-preview');
    await page.getByRole('button', { name: '恢复到本机' }).click();
    await page.getByText('未同步的修改：新加入 1 条，已在手机上而跳过 0 条。').waitFor();
    // The normal sync pushes it.
    await page.getByText('本机的修改都已同步。').waitFor({ timeout: 30_000 });

    await page.getByLabel('选择备份文件').setInputFiles(rescueJsonPath!);
    await page.getByRole('button', { name: '恢复到本机' }).click();
    await page.getByText('未同步的修改：新加入 0 条，已在手机上而跳过 1 条。').waitFor();
    expect(external).toEqual([]);
  });
});
