/**
 * The second round of issue 4 on a 360-px phone, offline: a point imported with its GPS fix shows
 * on the detail page's small map (marker on a plain background, no tiles offline), the list gives
 * the operator's number as a call link (nobody signed in: everything was typed here), and the
 * settings screen sets the GPS warning threshold with a refusal in words out of range.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchPhone,
  screenshotDir,
  startServer,
  type Browser,
  type RunningServer,
} from './harness';
import { AppShell } from './pages/AppShell';
import { ServicePointsPage } from './pages/ServicePoints';
import { storySteps } from './steps';

let server: RunningServer;
let phone: Browser;

beforeAll(async () => {
  server = await startServer();
  phone = await launchPhone();
});

afterAll(async () => {
  await phone?.close();
  await server?.stop();
});

describe('point detail map, phones and the GPS setting', () => {
  // One story, in steps that share the phone (storySteps: the first failure stops the story).
  storySteps();
  let page: Page;
  let context: BrowserContext;
  let shell: AppShell;
  let points: ServicePointsPage;

  beforeAll(() => {
    ({ page, context } = phone);
    shell = new AppShell(page);
    points = new ServicePointsPage(page);
  });

  it('installs on a first visit online, then goes out of signal', async () => {
    await shell.open(server.url);
    await shell.waitForServiceWorker();
    // The install hint is not what these screenshots are about.
    await shell.dismissInstallHint();
    await context.setOffline(true);
  });

  it('imports two points from a spreadsheet, one with its GPS fix', async () => {
    const csv = [
      '服务点名称,区县,乡镇（街道）,村（社区）,状态,开业日期,运营人,运营人电话,纬度,经度,定位精度（米）',
      '富城村电商服务点,淳安县,千岛湖镇,富城村,运营中,2025-05-01,王芳,13812345678,29.6052,119.0421,12',
      '淡竹村服务点,淳安县,千岛湖镇,淡竹村,筹建中,,,,,,',
    ].join('\r\n');
    const file = join(tmpdir(), `points-more-${Date.now()}.csv`);
    writeFileSync(file, `\uFEFF${csv}`);
    await points.chooseImportFile(server.url, file);
    await page.getByRole('button', { name: '导入全部 2 个服务点' }).click();
    await page.getByText('已导入 2 个服务点').waitFor();
  });

  it("the list gives the operator's number as a call link of its own, next to the row's link", async () => {
    await points.openList(server.url);
    const call = page.getByRole('link', { name: '拨打 王芳 13812345678' });
    await expect(call.getAttribute('href')).resolves.toBe('tel:13812345678');
    // No empty band under the closed 筛选和排序: the count follows at the screen's own gap.
    const summary = await page.getByText('筛选和排序').boundingBox();
    const count = await page.getByText('共 2 个').boundingBox();
    expect(count!.y - (summary!.y + summary!.height)).toBeLessThanOrEqual(24);
    await call.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await page.screenshot({ path: join(screenshotDir, 'points-list-call-360.png') });
  });

  it("the located point's page shows its marker in the middle of a small map; no tiles offline, said in words", async () => {
    await points.listItem('富城村电商服务点').click();
    await shell.heading('富城村电商服务点').waitFor();
    const map = page.getByRole('figure', { name: '服务点位置地图：富城村电商服务点' });
    await map.locator('.map-marker--point').waitFor();
    const box = await map.boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(180);
    expect(box!.height).toBeLessThanOrEqual(220);
    expect(box!.width).toBeLessThanOrEqual(360);
    // The marker stands in the middle of the map.
    const marker = await map.locator('.map-marker--point').boundingBox();
    expect(Math.abs(marker!.x + marker!.width / 2 - (box!.x + box!.width / 2))).toBeLessThan(3);
    expect(Math.abs(marker!.y + marker!.height / 2 - (box!.y + box!.height / 2))).toBeLessThan(3);
    await page.getByText('底图没有加载（离线或网络不通），标记的位置仍然准确。').waitFor();
    await expect(page.getByTestId('point-location-readout').textContent()).resolves.toBe(
      '纬度 29.605200，经度 119.042100，精度约 12 米',
    );
    await map.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await page.screenshot({ path: join(screenshotDir, 'point-detail-map.png') });
  });

  it('a point without a location says so, with no map', async () => {
    await points.openList(server.url);
    await points.listItem('淡竹村服务点').click();
    await page.getByText(/还没有记录这个服务点的位置/).waitFor();
    expect(await page.locator('.leaflet-container').count()).toBe(0);
  });

  it('settings: the GPS warning threshold is refused in words out of range, then saved and kept', async () => {
    await page.goto(`${server.url}/settings`);
    const threshold = page.getByLabel('定位精度提醒（米）');
    await expect(threshold.inputValue()).resolves.toBe('50');
    await threshold.fill('5');
    await page.getByRole('button', { name: '保存精度提醒' }).click();
    await page.getByText('请填 10 到 500 之间的整数（米）。').waitFor();
    await threshold.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshotDir, 'settings-gps-invalid-360.png') });
    await threshold.fill('30');
    await page.getByRole('button', { name: '保存精度提醒' }).click();
    await page.getByText('已保存。定位误差超过 30 米时会提醒。').waitFor();
    await expect(
      page.evaluate(() => localStorage.getItem('cundian.gpsAccuracyThreshold')),
    ).resolves.toBe('30');
    await page.screenshot({ path: join(screenshotDir, 'settings-gps-threshold-360.png') });
    await page.reload();
    await expect(page.getByLabel('定位精度提醒（米）').inputValue()).resolves.toBe('30');
  });
});
