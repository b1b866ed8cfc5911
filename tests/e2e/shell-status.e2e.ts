/**
 * The shell tells the truth without getting in the way (issue 13, items 3 and 6), in a real
 * Chromium at 360 × 740:
 * - the notices (尚未登录, install…) are one line that overlays the foot of the screen, so the
 *   page does not move after first paint (layout shift < 0.05, for a new user and a logged-in one;
 *   before: 0.38–0.50 on 概览, banners and a card pushed down);
 * - the top bar's pill says when the phone last synced (上次同步 刚刚), and says 连不上服务器 when
 *   the server does not answer although the link is up (before: ✓ 在线), 需要重新登录 when the
 *   server refuses the login, with a tap to the sync panel;
 * - the pill is a 44 × 44 px target whose text is ≥ 4.5:1 on its background.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
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
import { SyncPanel } from './pages/SyncPanel';
import { storySteps } from './steps';

let server: RunningServer;
let phone: Browser;
const pageErrors: string[] = [];

// Every layout shift without recent input, summed (the CLS of the page's life so far).
const RECORD_SHIFTS = `
  window.__layoutShift = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (!entry.hadRecentInput) window.__layoutShift += entry.value;
    }
  }).observe({ type: 'layout-shift', buffered: true });
`;

beforeAll(async () => {
  server = await startServer();
  phone = await launchPhone();
  mkdirSync(screenshotDir, { recursive: true });
  phone.page.on('pageerror', (error) => pageErrors.push(String(error)));
  await phone.context.addInitScript(RECORD_SHIFTS);
});

afterAll(async () => {
  await phone?.close();
  await server?.stop();
});

const shot = (page: Page, name: string) =>
  page.screenshot({ path: join(screenshotDir, `shell-${name}-360.png`) });

function layoutShift(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __layoutShift: number }).__layoutShift);
}

/** The pill's size and the contrast of its text on what is really behind it. */
async function pillLooks(page: Page) {
  return page.getByTestId('sync-indicator').evaluate((pill) => {
    const rgba = (value: string) => {
      const [r, g, b, a = 1] = (value.match(/[\d.]+/g) ?? []).map(Number);
      return [r ?? 0, g ?? 0, b ?? 0, a] as const;
    };
    const over = (top: readonly number[], bottom: readonly number[]) =>
      [0, 1, 2].map((i) => top[i]! * top[3]! + bottom[i]! * (1 - top[3]!));
    const luminance = (rgb: number[]) => {
      const [r, g, b] = rgb.map((c) => {
        const s = c / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    const bar = rgba(getComputedStyle(pill.closest('header')!).backgroundColor);
    const background = over(rgba(getComputedStyle(pill).backgroundColor), bar);
    const text = over(rgba(getComputedStyle(pill).color), background);
    const [light, dark] = [luminance(text), luminance(background)].sort((a, b) => b - a);
    const box = pill.getBoundingClientRect();
    return {
      width: box.width,
      height: box.height,
      contrast: (light! + 0.05) / (dark! + 0.05),
      text: pill.textContent ?? '',
    };
  });
}

describe('the shell at 360 × 740', () => {
  // One story, in steps that share the phone (storySteps: the first failure stops the story —
  // the logged-in user is the new user after the status line led them to the sign-in).
  storySteps();
  let page: Page;
  let shell: AppShell;
  let login: LoginPage;
  let sync: SyncPanel;
  /** The status line at the foot of the screen. */
  let line: Locator;

  beforeAll(() => {
    ({ page } = phone);
    shell = new AppShell(page);
    login = new LoginPage(page);
    sync = new SyncPanel(page);
    line = shell.statusLine();
  });

  it('a new user: one status line above the tab bar, nothing pushed down, 未登录 in a pill big and clear enough', async () => {
    await shell.open(server.url);
    // Wait for everything that arrives after first paint: the session's notice and the
    // install prompt behind it, the pill, the board.
    await line.getByRole('button', { name: /尚未登录：修改只存在本机/ }).waitFor();
    await line.getByText('另有 1 条').waitFor();
    await sync.indicator().getByText('未登录').waitFor();
    await page.getByTestId('board').waitFor();

    expect(await layoutShift(page)).toBeLessThan(0.05);
    // One line: no taller than a thumb-sized bar, where the banners took ≈ 40 % of the screen.
    const bar = await line.locator('.shell-status__bar').boundingBox();
    expect(bar?.height).toBeLessThanOrEqual(56);
    // Above the tab bar, not under it.
    const tabs = await shell.nav().boundingBox();
    expect(bar!.y + bar!.height).toBeLessThanOrEqual(tabs!.y);
    const pill = await pillLooks(page);
    expect(pill.width).toBeGreaterThanOrEqual(44);
    expect(pill.height).toBeGreaterThanOrEqual(44);
    expect(pill.contrast).toBeGreaterThanOrEqual(4.5);
    await shot(page, 'new-user');
  });

  it('a tap on the line: the full words, each notice with its action', async () => {
    await line.getByRole('button', { name: /尚未登录/ }).click();
    await line.getByText('尚未登录：修改只保存在本机，登录后才能同步。').waitFor();
    await line.getByText('安装到手机后，没有网络也能打开。').waitFor();
    await shot(page, 'new-user-details');
    await line.getByRole('button', { name: /尚未登录/ }).click();
  });

  it("the notice's action goes where it says: the sign-in screen", async () => {
    // Its action goes where it says.
    await line.getByRole('button', { name: '登录', exact: true }).click();
    await login.heading().waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('a fresh start logged in: the page does not move either, and 尚未登录 is gone', async () => {
    await login.open(server.url);
    await login.logIn('officer', 'demo-2026');
    await login.finishDownload();

    // A fresh start of the app, logged in: the page does not move either.
    await shell.open(server.url);
    await sync.indicator().getByText('刚刚').waitFor();
    await page.getByTestId('board').waitFor();
    await line.getByRole('button', { name: '可以安装到手机' }).waitFor();
    expect(await layoutShift(page)).toBeLessThan(0.05);
    expect(await line.getByText(/尚未登录/).count()).toBe(0);
  });

  it('the pill settles on 上次同步 刚刚 after the first sync, big and clear enough', async () => {
    // The engine syncs once the board's figures show (同步中): the pill settles after it.
    await expect
      .poll(async () => (await pillLooks(page)).text, { timeout: 20_000 })
      .toBe('上次同步 刚刚');
    const synced = await pillLooks(page);
    expect(synced.text).toBe('上次同步 刚刚');
    // White on the pill was 4.17:1; the pill was 40 × 32.
    expect(synced.contrast).toBeGreaterThanOrEqual(4.5);
    expect(synced.width).toBeGreaterThanOrEqual(44);
    expect(synced.height).toBeGreaterThanOrEqual(44);
    await shot(page, 'synced');
  });

  it('the link up but the server not answering: the pill says 连不上服务器, not ✓ 在线', async () => {
    // The link is up but the server does not answer: the pill says so, not ✓ 在线.
    await page.route('**/api/**', (route) => route.abort('connectionrefused'));
    await sync.open(server.url);
    await sync.syncNow();
    await sync.indicator().getByText('连不上服务器').waitFor();
    expect(await page.evaluate(() => navigator.onLine)).toBe(true);
    const unreachable = await pillLooks(page);
    expect(unreachable.contrast).toBeGreaterThanOrEqual(4.5);
    await shot(page, 'unreachable');
  });

  it('the server refusing the login: 需要重新登录, in the pill and on the line, with the way', async () => {
    // The server refuses the login: 需要重新登录, in the pill and on the line, with the way.
    await page.unroute('**/api/**');
    await page.route('**/api/**', (route) =>
      route.fulfill({
        status: 401,
        contentType: 'application/json',
        body: JSON.stringify({ error: 'unauthorized', message: 'session expired' }),
      }),
    );
    await sync.syncNow();
    await sync.indicator().getByText('需要重新登录').waitFor();
    await line.getByRole('button', { name: /登录已过期/ }).waitFor();
    await shot(page, 'relogin');
    await page.unroute('**/api/**');
  });

  it('the pill leads to the details: the sync panel', async () => {
    // The pill leads to the details: the sync panel.
    await shell.open(server.url);
    await sync.indicator().click();
    await sync.panel().waitFor();
    expect(pageErrors).toEqual([]);
  });
});
