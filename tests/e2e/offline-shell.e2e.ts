/**
 * The promise of the whole app, end to end in a real Chromium: after one visit online, the app
 * opens with no network at all (server stopped, browser offline), deep links work, and what a
 * field officer writes offline is still there after a reload, with its change queued for sync.
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
import { ServicePointsPage } from './pages/ServicePoints';

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

async function outboxCount(browser: Browser): Promise<number> {
  return browser.page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('cundian');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('outbox', 'readonly');
          const count = tx.objectStore('outbox').count();
          count.onsuccess = () => {
            resolve(count.result);
            open.result.close();
          };
          count.onerror = () => reject(count.error);
        };
      }),
  );
}

describe('offline shell', () => {
  it('installs on the first visit, then opens, navigates and keeps writes with no network', async () => {
    const { page, context } = phone;
    const shell = new AppShell(page);
    const points = new ServicePointsPage(page);

    // First visit, online: the shell in Chinese, and the service worker takes control.
    await shell.open(server.url);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await shell.tab('服务点').waitFor();
    await shell.waitForServiceWorker();
    await page.screenshot({ path: join(screenshotDir, 'shell-dashboard-360.png') });

    // Cut every connection: the browser is offline and the server is gone.
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

    // A deep link opens offline (navigation fallback in the service worker).
    await page.goto(`${server.url}/points`);
    await shell.heading('服务点').waitFor();

    // Register a point offline: a wrong phone number is refused with a message in Chinese first.
    await points.startNew();
    await points.choosePlace('淳安县', '千岛湖镇', '富城村');
    await points.fillName('富城村电商服务点 <b>测试</b>');
    await points.fillPhone('12345');
    await points.save();
    await expect(points.errorSummary().first().textContent()).resolves.toContain(
      '手机号应为 11 位数字',
    );
    expect(await outboxCount(phone)).toBe(0);

    await points.fillPhone('138 1234 5678');
    await points.save();
    await shell.heading('富城村电商服务点 <b>测试</b>').waitFor();
    await expect(points.syncState().textContent()).resolves.toContain('待同步');
    await page.screenshot({ path: join(screenshotDir, 'point-detail-offline-360.png') });

    // Reload offline: the record and its outbox entry are still there.
    await page.reload();
    await shell.heading('富城村电商服务点 <b>测试</b>').waitFor();
    expect(await outboxCount(phone)).toBe(1);
    await page.goto(`${server.url}/points`);
    await points.listItem('富城村电商服务点').waitFor();
    await page.screenshot({ path: join(screenshotDir, 'points-list-offline-360.png') });

    // The user's text was shown as text, never parsed as HTML.
    expect(await page.locator('b', { hasText: '测试' }).count()).toBe(0);
  });
});
