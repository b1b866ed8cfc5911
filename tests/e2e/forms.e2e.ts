/**
 * Forms that do not mislead and roles shown honestly (issue 13), on a 360-px phone:
 * - a field officer offline: an empty form says 必填 with focus on the summary; a phone pasted
 *   with full-width digits and +86 is stored as 11 digits; the GPS is watched, its accuracy shown
 *   as it improves, a worse fix offered knowingly and a good one taken by itself;
 * - a point that was deleted, or never existed, opens no empty form but says so;
 * - a trainer on a point is offered neither 修改服务点 nor 更改状态, the edit address refuses in
 *   words, and 新建培训班 has the trainer filled in.
 */
import { mkdirSync } from 'node:fs';
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
import { LoginPage } from './pages/Login';
import { PhoneStore } from './pages/PhoneStore';
import { ServicePointsPage } from './pages/ServicePoints';
import { TrainingPage } from './pages/Training';

let server: RunningServer;
let phone: Browser | undefined;
let trainerPhone: Browser | undefined;

beforeAll(async () => {
  server = await startServer();
  mkdirSync(screenshotDir, { recursive: true });
});

afterAll(async () => {
  await phone?.close();
  await trainerPhone?.close();
  await server?.stop();
});

describe('forms that do not mislead', () => {
  it('says 必填 and focuses the summary, stores a full-width phone as 11 digits, watches the GPS', async () => {
    phone = await launchPhone();
    const { page, context } = phone;
    const shell = new AppShell(page);
    const points = new ServicePointsPage(page);
    await context.grantPermissions(['geolocation'], { origin: server.url });
    // Indoors: the first fixes are poor.
    await context.setGeolocation({ latitude: 29.6052, longitude: 119.0421, accuracy: 120 });
    await shell.open(server.url);
    await shell.waitForServiceWorker();
    await context.setOffline(true);

    await points.openList(server.url);
    await points.startNew();
    await page.getByText('带 * 的为必填项').waitFor();
    await points.save();
    await points.problemLine('服务点名称：必填').waitFor();
    expect(await points.summaryHasFocus()).toBe(true);
    await page.screenshot({ path: join(screenshotDir, 'forms-required-360.png') });

    await points.searchVillage('富城');
    await points.villageMatches().first().click();
    await points.fillName('富城村便民服务点');
    await points.fillPhone('＋８６ １３８ １２３４ ５６７８');

    await points.captureLocation();
    await points.gpsAccuracy().filter({ hasText: '± 120 米' }).waitFor();
    await points.acceptWorseButton(120).waitFor();
    await points.gpsAccuracy().scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshotDir, 'forms-gps-watching-360.png') });
    // The officer may take it knowingly: the button says how accurate it is, the form warns.
    await points.acceptWorseButton(120).click();
    await expect(points.locationReadout().textContent()).resolves.toContain('精度约 120 米');
    expect(await points.gpsAccuracy().count()).toBe(0);
    // Outdoors a good fix is taken by itself (default threshold 50 m), no button to tap.
    await context.setGeolocation({ latitude: 29.6052, longitude: 119.0421, accuracy: 9 });
    await points.captureLocation();
    await expect
      .poll(() => points.locationReadout().textContent(), { timeout: 15_000 })
      .toContain('精度约 9 米');
    expect(await points.gpsAccuracy().count()).toBe(0);

    await points.save();
    await shell.heading('富城村便民服务点').waitFor();
    // Nobody signed in: the number typed on this phone is shown in full, as stored.
    await page.getByRole('link', { name: /13812345678/ }).waitFor();
  });

  it('a deleted point and an unknown address open no empty form', async () => {
    const { page } = phone!;
    const points = new ServicePointsPage(page);
    await page.goto(`${server.url}/points/01900000-0000-7000-8000-000000000000/edit`);
    await points.missingHeading().waitFor();
    expect(await page.getByRole('button', { name: '保存' }).count()).toBe(0);

    // The point just registered, deleted on the phone (as a pull of a merge leaves it).
    await points.openList(server.url);
    await points.listItem('富城村便民服务点').click();
    const id = new URL(page.url()).pathname.split('/')[2]!;
    await new PhoneStore(page).markDeleted('servicePoints', id);
    await page.goto(`${server.url}/points/${id}/edit`);
    await points.missingHeading().waitFor();
    await page.screenshot({ path: join(screenshotDir, 'forms-point-gone-360.png') });
  });
});

describe('roles shown honestly', () => {
  it('a trainer is offered no point actions, is refused the edit form in words, and is the trainer of a new session', async () => {
    trainerPhone = await launchPhone();
    const { page } = trainerPhone;
    const shell = new AppShell(page);
    const login = new LoginPage(page);
    const points = new ServicePointsPage(page);
    const training = new TrainingPage(page);
    await shell.open(server.url);
    await shell.waitForServiceWorker();
    await login.open(server.url);
    await login.logIn('trainer', 'demo-2026');
    await login.finishDownload();

    await points.openList(server.url);
    await page.locator('.record-list__stretch, .record-list__item').first().click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    const path = new URL(page.url()).pathname;
    expect(path).toMatch(/^\/points\/[0-9a-f-]{36}$/);
    await page.getByText('返回服务点列表').waitFor();
    expect(await points.editLink().count()).toBe(0);
    expect(await page.getByRole('button', { name: '更改状态' }).count()).toBe(0);
    // Where an officer finds 修改服务点 and 更改状态, the trainer finds the photos and the history.
    await page.getByRole('heading', { name: '照片', level: 2 }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshotDir, 'forms-trainer-point-360.png') });

    await page.goto(`${server.url}${path}/edit`);
    await points.notAllowedHeading().waitFor();
    expect(await page.getByRole('textbox').count()).toBe(0);

    await training.open(server.url);
    await page.getByRole('link', { name: '新建培训班' }).click();
    await training.heading('新建培训班').waitFor();
    await expect.poll(() => page.getByLabel('培训师').inputValue()).toBe('演示培训师');
  });
});
