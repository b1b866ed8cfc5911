/**
 * The yearly assessment's management side on real phones, through the real server and sync: the
 * city admin fills the 2026 targets grid on a 360-px phone (copy-forward from 2025, one edit),
 * syncs, and looks at the county table on a desktop; then the 淳安县 coordinator's phone — which
 * holds only its county's records — shows the county table from the server with 淳安县 marked and
 * its rank said, and still does with no signal after a reload (the answer kept on the phone,
 * with when it was counted). Screens are saved under docs/screenshots/assessment-*.png and each
 * first checks that nothing on the page is wider than the screen.
 */
import { mkdirSync } from 'node:fs';
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
import { AssessmentPage } from './pages/Assessment';
import { LoginPage } from './pages/Login';
import { SyncPanel } from './pages/SyncPanel';
import { storySteps } from './steps';

const CHUNAN = '330127';
const TONGLU = '330122';
const POINTS = '运营中的服务点';

let server: RunningServer;
let adminPhone: Browser | undefined;
let coordinatorPhone: Browser | undefined;

beforeAll(async () => {
  server = await startServer();
  mkdirSync(screenshotDir, { recursive: true });
});

afterAll(async () => {
  await coordinatorPhone?.close();
  await adminPhone?.close();
  await server?.stop();
});

/**
 * The whole screen at the page's width, saved as docs/screenshots/assessment-NAME-WIDTH.png: the
 * viewport is made as tall as the page (a full-page capture paints the fixed tab bar over the
 * middle of it), then put back. Nothing may stick out sideways.
 */
async function shot(page: Page, name: string, width = 360) {
  await page.setViewportSize({ width, height: 740 });
  const wide = await page.evaluate(() =>
    Array.from(document.querySelectorAll('body *'))
      .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5)
      .filter((el) => !el.closest('.area-table-wrap')) // a table scrolls inside its own box
      .map((el) => `${el.tagName.toLowerCase()}.${el.className} "${el.textContent?.slice(0, 30)}"`)
      .slice(0, 5),
  );
  expect(wide, `${name} is wider than ${width} px`).toEqual([]);
  const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(pageWidth, `${name} scrolls sideways`).toBeLessThanOrEqual(width);
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width, height: Math.min(Math.max(height, 740), 4000) });
  await page.screenshot({ path: join(screenshotDir, `assessment-${name}-${width}.png`) });
  await page.setViewportSize({ width: 360, height: 740 });
}

async function signIn(phone: Browser, username: string) {
  const shell = new AppShell(phone.page);
  const login = new LoginPage(phone.page);
  await shell.open(server.url);
  await shell.waitForServiceWorker();
  // The one-time install hint would cover half of every screenshot.
  await shell.dismissInstallHint();
  await login.open(server.url);
  await login.logIn(username, 'demo-2026');
  await login.finishDownload();
}

describe('the assessment table', () => {
  // One story, in steps that share the phones (storySteps: the first failure stops the story —
  // the coordinator's table needs the admin's targets on the server).
  storySteps();
  let page: Page;
  let context: BrowserContext;
  let assessment: AssessmentPage;
  /** 桐庐县's target, copied forward from 2025. */
  let copied: number;
  /** 淳安县's row, and its rank as the coordinator's phone says it online. */
  let mine: Locator;
  let rank: string | null;

  it("the admin's phone logs in and downloads the prefecture", async () => {
    adminPhone = await launchPhone();
    ({ page } = adminPhone);
    assessment = new AssessmentPage(page);
    await signIn(adminPhone, 'admin');
  });

  it("the admin fills the 2026 grid from 2025: empty cells take last year's figure, set ones keep theirs", async () => {
    await assessment.openFromMore(server.url);
    await assessment.nav('年度目标').click();
    await assessment.chooseYear(2026);
    await assessment.chooseMetric(POINTS);
    // The demo's 2026 plan has the prefecture's and 淳安县's figures; the other counties are empty.
    await expect(assessment.targetCell('全市', POINTS).inputValue()).resolves.toBe('1500');
    await expect(assessment.targetCell('桐庐县', POINTS).inputValue()).resolves.toBe('');
    await assessment.copyForward(2025);
    // Empty cells take last year's figure; set ones keep theirs.
    await expect(assessment.targetCell('全市', POINTS).inputValue()).resolves.toBe('1500');
    await expect(assessment.targetCell('淳安县', POINTS).inputValue()).resolves.toBe('150');
    copied = Number(await assessment.targetCell('桐庐县', POINTS).inputValue());
    expect(copied).toBeGreaterThan(0);
  });

  it('bad input is refused in words naming the cell and nothing is saved; one edit, then the grid saves', async () => {
    // Bad input is refused in words naming the cell, and nothing of the grid is saved.
    await assessment.targetCell('桐庐县', POINTS).fill('-5');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page
      .getByRole('alert')
      .getByText('桐庐县 · 运营中的服务点：目标不能是负数（“-5”）。')
      .waitFor();
    await shot(page, 'targets-invalid');
    await assessment.targetCell('桐庐县', POINTS).fill(String(copied + 10));
    await assessment.saveTargets();
    await shot(page, 'targets');
  });

  it('up to the server with the ordinary sync', async () => {
    const sync = new SyncPanel(page);
    await sync.open(server.url);
    await sync.syncNow();
    await sync.waitUntilAllSynced();
  });

  it("the county table counted on the admin's phone: every county against its own 2026 target", async () => {
    await assessment.open(server.url, '?year=2026');
    await expect(assessment.row(TONGLU).textContent()).resolves.toContain(String(copied + 10));
    await expect(assessment.row('total').textContent()).resolves.toContain('1,500');
    await shot(page, 'table-admin');
  });

  it('a desktop sees every metric at once; the grid likewise', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByRole('columnheader', { name: /已开旗舰店的中心镇/ }).waitFor();
    await shot(page, 'table', 1280);
    await assessment.nav('年度目标').click();
    await page.getByTestId('target-grid').waitFor();
    await shot(page, 'targets', 1280);
  });

  it('the grid in English fits a phone too', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Targets for 2026' }).waitFor();
    await shot(page, 'targets-en');
  });

  it("the 淳安县 coordinator's phone logs in and downloads the county", async () => {
    coordinatorPhone = await launchPhone();
    ({ page, context } = coordinatorPhone);
    assessment = new AssessmentPage(page);
    await signIn(coordinatorPhone, 'coordinator');
  });

  it('the table marks 淳安县 and gives its rank among the counties with a target', async () => {
    await assessment.openFromMore(server.url);
    await assessment.chooseYear(2026);
    mine = assessment.row(CHUNAN);
    await mine.getByText('本县').waitFor();
    await expect(mine.getAttribute('aria-current')).resolves.toBe('true');
    rank = await assessment.myRank().textContent();
    expect(rank).toMatch(/^淳安县的“运营中的服务点”在 \d+ 个设了目标的区县中排第 \d+ 名。$/);
    // The copy-forward reached the server: the other counties are ranked too.
    expect(Number(/在 (\d+) 个/.exec(rank!)![1])).toBeGreaterThan(1);
    await expect(assessment.asOf().textContent()).resolves.toMatch(/^统计于/);
    await shot(page, 'table-coordinator');
  });

  it("the county's targets, to read: no boxes", async () => {
    // The county's targets, to read: no boxes.
    await assessment.nav('年度目标').click();
    await page.getByTestId('target-values').waitFor();
    await expect(page.getByRole('textbox').count()).resolves.toBe(0);
    await shot(page, 'targets-coordinator');
    await assessment.nav('区县对比').click();
    await assessment.myRank().waitFor();
  });

  it('offline, the app closed and opened again: the kept table, its rank and the time it was counted', async () => {
    // No signal (and no server to answer anyway), the app closed and opened again: the kept
    // table, its rank and the time it was counted.
    await context.setOffline(true);
    await server.stop();
    await page.reload();
    // Chromium forgets the emulated offline state's navigator.onLine across a reload here (the
    // requests stay blocked): set it again so the top bar says 离线 as a phone would.
    await context.setOffline(false);
    await context.setOffline(true);
    await expect(new AppShell(page).networkStatus().textContent()).resolves.toContain('离线');
    await assessment.row(CHUNAN).getByText('本县').waitFor();
    await expect(assessment.myRank().textContent()).resolves.toBe(rank);
    await expect(assessment.asOf().textContent()).resolves.toMatch(/^统计于/);
    await shot(page, 'table-offline');
  });

  it("the county's own page and its townships, then its trends — still offline", async () => {
    await mine.getByRole('link', { name: '淳安县' }).click();
    await page.getByTestId('county-figures').waitFor();
    await page.getByTestId('township-table').waitFor();
    await shot(page, 'county');
    await page.getByTestId('county-trends').click();
    await page.getByTestId('trend-summary').waitFor();
    await page.locator('.trend-chart canvas').first().waitFor();
    await shot(page, 'trends');
  });

  it('English fits too', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Assessment', level: 1 }).waitFor();
    await page.goto(`${server.url}/assessment?year=2026`);
    await assessment.row(CHUNAN).getByText('Yours').waitFor();
    await shot(page, 'table-en');
    await page.goto(`${server.url}/assessment/trends?year=2026&area=${CHUNAN}`);
    await page.getByTestId('trend-summary').waitFor();
    await shot(page, 'trends-en');
  });
});
