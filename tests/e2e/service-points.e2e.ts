/**
 * A field officer's day on a 360-px phone, offline: register a point with GPS, edit it, open it
 * for business, import a spreadsheet of points, find one with the filters, export the list.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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
import { PhoneStore } from './pages/PhoneStore';
import { ServicePointsPage } from './pages/ServicePoints';
import { storySteps } from './steps';

let server: RunningServer;
let phone: Browser;

beforeAll(async () => {
  server = await startServer();
  phone = await launchPhone();
  mkdirSync(screenshotDir, { recursive: true });
});

afterAll(async () => {
  await phone?.close();
  await server?.stop();
});

describe('service points offline', () => {
  // One story, in steps that share the phone (storySteps: the first failure stops the story).
  storySteps();
  let page: Page;
  let context: BrowserContext;
  let shell: AppShell;
  let points: ServicePointsPage;
  let store: PhoneStore;

  beforeAll(() => {
    ({ page, context } = phone);
    shell = new AppShell(page);
    points = new ServicePointsPage(page);
    store = new PhoneStore(page);
  });

  it('installs on a first visit online, then goes out of signal', async () => {
    await context.grantPermissions(['geolocation'], { origin: server.url });
    await context.setGeolocation({ latitude: 29.6052, longitude: 119.0421, accuracy: 12 });

    await shell.open(server.url);
    await shell.waitForServiceWorker();
    await context.setOffline(true);
  });

  it('finds the village by name: 光明 lists three, one tap on 富城村 fills the whole place', async () => {
    await points.openList(server.url);
    await points.startNew();
    // The place by name: two characters list the matches with where they are (three 光明村 in
    // three counties); one tap fills county, township and village.
    await points.searchVillage('光明');
    await expect.poll(() => points.villageMatches().count()).toBe(3);
    await page.screenshot({ path: join(screenshotDir, 'point-form-village-search.png') });
    await points.searchVillage('富城');
    await expect
      .poll(() => points.villageMatches().allTextContents())
      .toEqual(['富城村淳安县 · 千岛湖镇']);
    await points.villageMatches().first().click();
    await expect(points.chosenPlace()).resolves.toEqual(['淳安县', '千岛湖镇', '富城村']);
  });

  it('registers the point with GPS and a big camera photo, shrunk on the phone', async () => {
    await points.fillName('富城村电商服务点');
    await points.captureLocation();
    await expect(points.locationReadout().textContent()).resolves.toContain('精度约 12 米');
    // A big camera photo (3000×2000, noisy so it compresses badly) is shrunk on the device.
    const photo = join(tmpdir(), `photo-${Date.now()}.png`);
    const png = await page.evaluate(() => {
      const canvas = document.createElement('canvas');
      canvas.width = 3000;
      canvas.height = 2000;
      const ctx = canvas.getContext('2d')!;
      const image = ctx.createImageData(3000, 2000);
      for (let i = 0; i < image.data.length; i++) image.data[i] = (i * 7919) % 251;
      ctx.putImageData(image, 0, 0);
      return canvas.toDataURL('image/png').split(',')[1]!;
    });
    writeFileSync(photo, Buffer.from(png, 'base64'));
    await points.attachPhoto(photo);
    const stored = await store.attachments();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.type).toBe('image/jpeg');
    expect(Math.max(stored[0]!.width, stored[0]!.height)).toBeLessThanOrEqual(1600);
    expect(stored[0]!.size).toBeLessThanOrEqual(300 * 1024);
    await page.screenshot({ path: join(screenshotDir, 'point-form-gps-360.png'), fullPage: true });
    await points.save();
    await shell.heading('富城村电商服务点').waitFor();
    // The detail page shows where it is on a small map: offline, no tiles, the marker still there.
    await page.getByTestId('point-map').locator('.map-marker--point').waitFor();
  });

  it('edits it: the form opens with the saved values, and a reload in the middle keeps the draft', async () => {
    await points.startEdit();
    await page.getByLabel('运营人', { exact: true }).fill('王芳');
    // The draft is saved 300 ms after typing stops: the reload waits until the database holds it.
    await points.untilDraftHolds('王芳');
    await page.reload();
    await expect(page.getByLabel('运营人', { exact: true }).inputValue()).resolves.toBe('王芳');
    await page.getByText(/已恢复.*未保存的草稿/).waitFor();
    await points.save();
    await shell.heading('富城村电商服务点').waitFor();
    await page.getByText('王芳').waitFor();
    // The photo is shown from the device's own copy, offline.
    await points.photo().waitFor();
  });

  it('opens it for business: planned → approved → open, each change dated', async () => {
    for (const status of ['已审批', '运营中']) {
      await points.changeStatus(status);
      await page.locator('.timeline').getByText(status).waitFor();
    }
    await page.screenshot({ path: join(screenshotDir, 'point-detail-360.png'), fullPage: true });
  });

  it('imports a spreadsheet: a preview explains the bad row, then the good ones are imported', async () => {
    const csv = [
      '服务点名称,区县,乡镇（街道）,村（社区）,状态,开业日期,运营人电话',
      '淡竹村服务点,淳安县,千岛湖镇,淡竹村,运营中,2025-05-01,13900001111',
      '前坞村服务点,淳安县,千岛湖镇,前坞村,筹建中,,',
      '坏电话服务点,淳安县,千岛湖镇,坪山村,筹建中,,12345',
    ].join('\r\n');
    const file = join(tmpdir(), `import-${Date.now()}.csv`);
    writeFileSync(file, `\uFEFF${csv}`);
    await points.chooseImportFile(server.url, file);
    await page.getByText('2 行可以导入，1 行有问题').waitFor();
    await expect(page.getByRole('alert').textContent()).resolves.toContain(
      '第 4 行：运营人电话：手机号应为 11 位数字',
    );
    await page.screenshot({
      path: join(screenshotDir, 'point-import-preview-360.png'),
      fullPage: true,
    });
    await page.getByRole('button', { name: '只导入没有问题的 2 行' }).click();
    await page.getByText('已导入 2 个服务点').waitFor();
  });

  it('lists the three points after a reload offline, and filters them by status', async () => {
    await page.goto(`${server.url}/points`);
    await page.reload();
    await page.getByText('共 3 个').waitFor();
    await page.getByText('筛选和排序').click();
    await page.getByLabel('状态', { exact: true }).selectOption({ label: '运营中' });
    await page.getByText('筛选出 2 个，共 3 个').waitFor();
    await page.screenshot({
      path: join(screenshotDir, 'points-list-filtered-360.png'),
      fullPage: true,
    });
  });

  it('exports what is filtered: a CSV with a BOM that Excel reads as UTF-8', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出 CSV' }).click(),
    ]);
    const saved = join(tmpdir(), `export-${Date.now()}.csv`);
    await download.saveAs(saved);
    const text = readFileSync(saved, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.split('\r\n').filter(Boolean)).toHaveLength(3);
    expect(text).toContain('富城村电商服务点');
    expect(text).toContain('淡竹村服务点');
    expect(text).not.toContain('前坞村服务点');
  });
});
