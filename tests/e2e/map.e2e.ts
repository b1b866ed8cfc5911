/**
 * The coordinator's promise, in a real Chromium on a 360-px phone: after one visit online, the
 * coverage map opens with no network and no tile server at all — county outlines from the bundled
 * data, the coverage colours with their figures, the clustered points registered offline, and
 * the gap list exported as a file. The base map is missing and the map says so; a hostile point
 * name stays text in its popup.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchPhone,
  screenshotDir,
  startServer,
  type Browser,
  type RunningServer,
} from './harness';
import { AppShell } from './pages/AppShell';
import { MapPage } from './pages/MapPage';
import { ServicePointsPage } from './pages/ServicePoints';
import { storySteps } from './steps';

const HOSTILE = '<img src=x onerror=alert(1)>';
/** The map chunk and the outlines load after the screen; give a busy two-core machine time. */
const POLL = { timeout: 20_000 };

let server: RunningServer;
let phone: Browser;
const dialogs: string[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  server = await startServer();
  phone = await launchPhone();
  mkdirSync(screenshotDir, { recursive: true });
  phone.page.on('pageerror', (error) => pageErrors.push(String(error)));
  phone.page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await phone.context.grantPermissions(['geolocation'], { origin: server.url });
});

afterAll(async () => {
  await phone?.close();
  await server?.stop();
});

async function registerPoint(
  points: ServicePointsPage,
  place: [county: string, township: string, village: string],
  name: string,
  at: { latitude: number; longitude: number },
  statuses: string[],
) {
  const { page, context } = phone;
  await context.setGeolocation({ ...at, accuracy: 8 });
  await page.goto(`${server.url}/points`);
  await points.startNew();
  await points.choosePlace(...place);
  await points.fillName(name);
  await points.captureLocation();
  await points.locationReadout().waitFor();
  await points.save();
  await page.getByRole('heading', { name, level: 1 }).waitFor();
  for (const status of statuses) {
    await points.changeStatus(status);
    await page.locator('.badge', { hasText: status }).first().waitFor();
  }
}

// A 1 × 1 PNG standing in for every OpenStreetMap tile: no test ever reaches a real tile server.
const TILE_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

describe('tile cache', () => {
  it('keeps the tiles viewed online and shows them offline', async (ctx) => {
    // The service worker fetches tiles itself, so the served CSP must allow the tile origins in
    // connect-src (docs/MAP.md); until the server does, this test has nothing to check.
    const csp = (await fetch(server.url)).headers.get('content-security-policy') ?? '';
    const connect = /connect-src([^;]*)/.exec(csp)?.[1] ?? '';
    if (!connect.includes('https://tile.openstreetmap.org')) ctx.skip();

    const tablet = await launchPhone();
    try {
      const { page, context } = tablet;
      let served = 0;
      await context.route(/^https:\/\/tile\.openstreetmap\.org\//, (route) => {
        served += 1;
        return route.fulfill({
          status: 200,
          body: TILE_PNG,
          headers: { 'content-type': 'image/png', 'access-control-allow-origin': '*' },
        });
      });
      const shell = new AppShell(page);
      const map = new MapPage(page);
      await shell.open(server.url);
      await shell.waitForServiceWorker();
      await map.open(server.url);
      await expect.poll(() => served, POLL).toBeGreaterThan(0);
      await expect
        .poll(
          () =>
            page.evaluate(
              async () => (await (await caches.open('cundian-map-tiles-v1')).keys()).length,
            ),
          POLL,
        )
        .toBeGreaterThan(0);
      expect(await map.tileNotice().count()).toBe(0);

      await context.setOffline(true);
      const before = served;
      await page.reload();
      await map.mapBlock().waitFor();
      await expect.poll(() => map.countyOutlines().count(), POLL).toBe(13);
      // Every tile on screen arrived from the cache (none failed): so no notice, and none coming.
      await map.untilTilesLoaded();
      expect(await map.tileNotice().count()).toBe(0);
      expect(served).toBe(before);
    } finally {
      await tablet.close();
    }
  });
});

describe('coverage map offline', () => {
  // One story, in steps that share the phone (storySteps: the first failure stops the story).
  storySteps();
  let shell: AppShell;
  let points: ServicePointsPage;
  let map: MapPage;

  beforeAll(() => {
    shell = new AppShell(phone.page);
    points = new ServicePointsPage(phone.page);
    map = new MapPage(phone.page);
  });

  it('installs on a first visit online, then loses every connection', async () => {
    await shell.open(server.url);
    await shell.waitForServiceWorker();
    await phone.context.setOffline(true);
    await server.stop();
  });

  it('registers three points offline through the form, with GPS positions', async () => {
    await registerPoint(
      points,
      ['淳安县', '千岛湖镇', '富城村'],
      '富城村电商服务点',
      { latitude: 29.605, longitude: 119.045 },
      ['已审批', '运营中'],
    );
    await registerPoint(
      points,
      ['淳安县', '千岛湖镇', '淡竹村'],
      HOSTILE,
      { latitude: 29.618, longitude: 119.062 },
      [],
    );
    await registerPoint(
      points,
      ['临平区', '乔司街道', '胜稼村'],
      '胜稼村服务点',
      { latitude: 30.36, longitude: 120.28 },
      ['已审批', '运营中'],
    );
  });

  it('opens the map offline: outlines, coverage figures, clusters and the tile notice', async () => {
    // Default base map OpenStreetMap, unreachable.
    await map.open(server.url);
    await expect.poll(() => map.countyOutlines().count(), POLL).toBe(13);
    await map.markers().first().waitFor();
    await expect
      .poll(() => map.legendReadout().textContent(), POLL)
      .toBe('杭州市：已覆盖 2 / 1,906 个行政村（0%）');
    await expect(map.summary().textContent()).resolves.toContain('其中 2 个已有运营中的服务点');
    await map.tileNotice().waitFor();
    // A chip over the map's top band; the whole sentence under the map.
    await expect(map.tileNotice().textContent()).resolves.toBe('底图未加载');
    await expect(map.tileExplained().textContent()).resolves.toContain('底图加载不了');
    // 临平区 has no outline but is listed with its figures.
    await expect(map.countyRow('330113').textContent()).resolves.toMatch(/临平区无边界图形1 \/ 57/);
    await map.mapBlock().evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await phone.page.screenshot({ path: join(screenshotDir, 'map-overview-360.png') });
  });

  it('gives a tapped county its figures in the legend', async () => {
    await map.county('330127').dispatchEvent('click');
    await expect
      .poll(() => map.legendReadout().textContent(), POLL)
      .toBe('淳安县：已覆盖 1 / 337 个行政村（0%）');
  });

  it("lists 淳安县's gaps; its township 千岛湖镇 centres the map on its points", async () => {
    await map.chooseArea('淳安县');
    await expect(map.gapList().textContent()).resolves.toContain('336 个行政村');
    const qiandaohu = map.gapTownship('330127100');
    await expect(qiandaohu.textContent()).resolves.toContain('淡竹村');
    await expect(qiandaohu.textContent()).resolves.not.toContain('富城村');
    await qiandaohu.getByRole('button', { name: '在地图上查看千岛湖镇' }).click();
  });

  it('shows each point alone at township zoom; a hostile name stays text in its popup', async () => {
    const { page } = phone;
    const hostile = map.pointMarker(HOSTILE);
    await hostile.waitFor({ timeout: 10_000 });
    await map.untilStill(hostile); // the fly-to has ended
    await hostile.click();
    await map.popup().waitFor();
    await expect(map.popup().locator('.map-popup__title').textContent()).resolves.toBe(HOSTILE);
    expect(await page.locator('.leaflet-popup img').count()).toBe(0);
    expect(await map.popup().getByRole('link', { name: '查看详情' }).getAttribute('href')).toMatch(
      /^\/points\/[0-9a-f-]{36}$/,
    );
    await map.untilPopupShown();
    await page.screenshot({ path: join(screenshotDir, 'map-popup-360.png') });
  });

  it('exports the gap list as a CSV file, written on the phone with no network', async () => {
    const download = await map.exportCsv();
    const file = await download.path();
    const bytes = readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      '区县,乡镇（街道）,村,正式名称,统计代码,本乡镇已覆盖行政村,本乡镇行政村总数',
    );
    expect(lines).toHaveLength(337);
    expect(download.suggestedFilename()).toMatch(/^缺口清单-淳安县-.*\.csv$/);

    await map.gapList().scrollIntoViewIfNeeded();
    await phone.page.screenshot({ path: join(screenshotDir, 'map-gaps-360.png') });
  });

  it('goes full screen on the phone, and back', async () => {
    await phone.page.locator('.leaflet-popup-close-button').click();
    await map.toggleFullScreen();
    await expect(map.mapBlock().getAttribute('class')).resolves.toContain('map-block--expanded');
    await map.untilStill(map.canvas()); // the map has taken its new size
    await phone.page.screenshot({ path: join(screenshotDir, 'map-fullscreen-360.png') });
    await map.toggleFullScreen();
  });

  it('keeps its vector layers with no base map, and with an unreachable GCJ-02 one', async () => {
    // No base map: nothing to fail, so no notice; the vector layers stay.
    await map.chooseBaseMap('不用底图');
    await expect.poll(() => map.tileNotice().count(), POLL).toBe(0);
    expect(await map.countyOutlines().count()).toBe(13);
    expect(await map.markers().count()).toBeGreaterThan(0);

    // A GCJ-02 base map (also unreachable): the notice again, points still drawn.
    await map.chooseBaseMap(/高德地图/);
    await map.tileNotice().waitFor();
    const attribution = phone.page.locator('.leaflet-control-attribution');
    await expect(attribution.textContent()).resolves.toContain('高德地图');
    await expect(attribution.textContent()).resolves.not.toContain('OpenStreetMap');
    expect(await map.markers().count()).toBeGreaterThan(0);
  });

  it('prints the map with its legend and the lists, without app bars or buttons', async () => {
    const { page } = phone;
    await map.chooseArea('全市');
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 794, height: 1123 });
    await expect.poll(() => page.getByRole('navigation').first().isVisible(), POLL).toBe(false);
    await map.untilStill(map.canvas()); // laid out for the page
    // The first page and a half: heading, map, legend, the start of the county list.
    await page.screenshot({
      path: join(screenshotDir, 'map-print.png'),
      fullPage: true,
      clip: { x: 0, y: 0, width: 794, height: 1700 },
    });
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize({ width: 360, height: 740 });
  });

  it('has it all still there after a reload offline', async () => {
    await phone.page.reload();
    await expect.poll(() => map.countyOutlines().count(), POLL).toBe(13);
    await map.markers().first().waitFor();
  });

  it("opens on a point from the point's page: street level, with its popup", async () => {
    // 在地图上查看 opens the map on that point — not on the area, nor on the township the gap
    // list asked for earlier.
    const { page } = phone;
    await page.goto(`${server.url}/points`);
    await page
      .getByRole('link', { name: /富城村电商服务点/ })
      .first()
      .click();
    await page.getByRole('heading', { name: '富城村电商服务点', level: 1 }).waitFor();
    await page.getByRole('link', { name: '在地图上查看' }).click();
    await page.waitForURL(/\/map\?point=[0-9a-f-]{36}$/);
    await map.popup().waitFor(POLL);
    await expect(map.popup().locator('.map-popup__title').textContent()).resolves.toBe(
      '富城村电商服务点',
    );
    await map.focusRing().waitFor();
    await expect.poll(() => map.scale().textContent(), POLL).toMatch(/^\d+ m$/);
    // The ring sits on the point's own marker, inside the visible map — once the popup's pan has
    // settled (measured mid-animation, marker and ring can be a few pixels apart).
    const offset = async () => {
      const ring = (await map.focusRing().boundingBox())!;
      const marker = (await map.pointMarker('富城村电商服务点').boundingBox())!;
      return Math.max(
        Math.abs(ring.x + ring.width / 2 - (marker.x + marker.width / 2)),
        Math.abs(ring.y + ring.height / 2 - (marker.y + marker.height / 2)),
      );
    };
    await expect.poll(offset, POLL).toBeLessThan(3);
    const frame = (await map.canvas().boundingBox())!;
    const ring = (await map.focusRing().boundingBox())!;
    expect(ring.x).toBeGreaterThan(frame.x);
    expect(ring.x + ring.width).toBeLessThan(frame.x + frame.width);
    expect(ring.y).toBeGreaterThan(frame.y);
    expect(ring.y + ring.height).toBeLessThan(frame.y + frame.height);
    await map.mapBlock().evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await map.untilPopupShown();
    await page.screenshot({ path: join(screenshotDir, 'map-focus-point-360.png') });
  });

  it('raised no dialog and no page error on the way', () => {
    expect(dialogs).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
