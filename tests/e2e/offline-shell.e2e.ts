/**
 * The promise of the whole app, end to end in a real Chromium: after one visit online, the app
 * opens with no network at all (server stopped, browser offline), deep links work, and what a
 * field officer writes offline is still there after a reload, with its change queued for sync.
 */
import { mkdirSync } from 'node:fs';
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

describe('offline shell', () => {
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

  it('on the first visit, online, the shell is in Chinese and the service worker takes control', async () => {
    await shell.open(server.url);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await shell.tab('服务点').waitFor();
    await shell.waitForServiceWorker();
    await page.screenshot({ path: join(screenshotDir, 'shell-dashboard-360.png') });
  });

  it('with every connection cut (browser offline, server gone) the app reloads and says 离线', async () => {
    await context.setOffline(true);
    await server.stop();

    await page.reload();
    await shell.tab('服务点').waitFor();
    // Chromium 150 (Debian's current package) does not apply Playwright's offline emulation to a
    // document the service worker served: navigator.onLine says true until the emulation is set
    // again. A phone's real network state has no such gap; the test sets it again.
    await context.setOffline(false);
    await context.setOffline(true);
    await expect(shell.networkStatus().textContent()).resolves.toContain('离线');
  });

  it('a deep link opens offline (navigation fallback in the service worker)', async () => {
    await page.goto(`${server.url}/points`);
    await shell.heading('服务点').waitFor();
  });

  it('registering a point offline, a wrong phone number is refused in Chinese; the right one saves it, waiting to sync', async () => {
    await points.startNew();
    await points.choosePlace('淳安县', '千岛湖镇', '富城村');
    await points.fillName('富城村电商服务点 <b>测试</b>');
    await points.fillPhone('12345');
    await points.save();
    await expect(points.errorSummary().first().textContent()).resolves.toContain(
      '手机号应为 11 位数字',
    );
    expect(await store.outboxCount()).toBe(0);

    await points.fillPhone('138 1234 5678');
    await points.save();
    await shell.heading('富城村电商服务点 <b>测试</b>').waitFor();
    await expect(points.syncState().textContent()).resolves.toContain('待同步');
    await page.screenshot({ path: join(screenshotDir, 'point-detail-offline-360.png') });
  });

  it('after a reload offline the point and its outbox entry are still there', async () => {
    await page.reload();
    await shell.heading('富城村电商服务点 <b>测试</b>').waitFor();
    expect(await store.outboxCount()).toBe(1);
    await page.goto(`${server.url}/points`);
    await points.listItem('富城村电商服务点').waitFor();
    await page.screenshot({ path: join(screenshotDir, 'points-list-offline-360.png') });
  });

  it("the user's text was shown as text, never parsed as HTML", async () => {
    expect(await page.locator('b', { hasText: '测试' }).count()).toBe(0);
  });
});
