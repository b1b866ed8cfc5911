/**
 * 概览 as a target board (issue 12, parts 2 and 7), in a real Chromium on a 360 × 740 phone
 * against the real server with the demo data: the city admin sets 淳安县's 2026 target for
 * villages covered (through the sync protocol, as any device would); two devices edit one point
 * at once, so a conflict waits on the server. The 淳安县 coordinator logs in, and the first
 * screen — no scrolling — names 淳安县 and sets every figure against 淳安县's own targets, never
 * the prefecture's; the top bar's bell says what needs them and leads there. With no signal and
 * after a reload it reads the same, with the time of the last sync. The officer's board names
 * their township and keeps the training figures, which never reach their phone, out. Screenshots
 * under docs/screenshots/board-*-360.png and notices-*-360.png.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/domain/common';
import { targetId } from '../../src/domain/target';
import {
  launchPhone,
  screenshotDir,
  startServer,
  type Browser,
  type RunningServer,
} from './harness';
import { apiToken, pushOverApi } from './api';
import { AppShell } from './pages/AppShell';
import { BoardPage } from './pages/Board';
import { LoginPage } from './pages/Login';
import { storySteps } from './steps';

const CHUNAN = '330127';
const YEAR = 2026; // the demo data's year

let server: RunningServer;
let coordinatorPhone: Browser | undefined;
let officerPhone: Browser | undefined;

beforeAll(async () => {
  server = await startServer();
  mkdirSync(screenshotDir, { recursive: true });
});

afterAll(async () => {
  await officerPhone?.close();
  await coordinatorPhone?.close();
  await server?.stop();
});

const logIn = (username: string) => apiToken(server.url, username);

/** One device's push of one change, through the protocol itself. */
async function push(
  token: string,
  change: { entity: string; recordId: string; baseVersion: number; changes: object },
): Promise<{ status: string }> {
  const { results } = await pushOverApi(server.url, token, [
    { mutationId: 1, op: 'upsert', ...change },
  ]);
  return results[0]!;
}

/** The admin's part: 淳安县 must cover 40 villages in 2026. */
async function adminSetsTarget() {
  const token = await logIn('admin');
  const result = await push(token, {
    entity: 'target',
    recordId: targetId(YEAR, CHUNAN, 'villagesCovered'),
    baseVersion: 0,
    changes: { year: YEAR, countyCode: CHUNAN, metric: 'villagesCovered', value: 40 },
  });
  expect(result.status).toBe('applied');
}

/** Two devices rename one point from the same version: the later wins, the earlier waits. */
async function twoDevicesDisagree() {
  const token = await logIn('officer');
  const id = newId();
  await push(token, {
    entity: 'servicePoint',
    recordId: id,
    baseVersion: 0,
    changes: {
      tier: 'village',
      regionCode: '330127100219',
      name: '富城村便民点',
      services: ['purchasing'],
      status: 'planned',
      statusHistory: [{ status: 'planned', date: '2026-11-20' }],
      openedOn: null,
      operatorName: '',
      operatorPhone: null,
      location: null,
      photos: [],
      notes: '',
    },
  });
  for (const name of ['富城村电商服务站', '富城村代购点']) {
    const result = await push(token, {
      entity: 'servicePoint',
      recordId: id,
      baseVersion: 1,
      changes: { name },
    });
    expect(result.status).toBe('applied');
  }
  const coordinator = await logIn('coordinator');
  const inbox = await fetch(`${server.url}/api/conflicts?limit=1`, {
    headers: { authorization: `Bearer ${coordinator}` },
  });
  expect(((await inbox.json()) as { total: number }).total).toBe(1);
}

/** The first screen at 360 px, as it is (docs/screenshots/NAME-360.png). */
async function shot(page: Page, name: string) {
  const wide = await page.evaluate(
    `Array.from(document.querySelectorAll('body *')).filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5).length`,
  );
  expect(wide, `${name} is wider than 360 px`).toBe(0);
  await page.screenshot({ path: join(screenshotDir, `${name}-360.png`) });
}

/** Every row of the board, its name and the as-of line lie above the tab bar: no scrolling. */
async function expectAboveTheFold(board: BoardPage) {
  const fold = await board.foldY();
  expect(fold).toBeLessThanOrEqual(740);
  const boxes = [
    await board.page.getByTestId('board').getByRole('heading', { level: 2 }).boundingBox(),
    await board.asOf().boundingBox(),
    ...(await Promise.all((await board.rows().all()).map((row) => row.boundingBox()))),
  ];
  expect(boxes.length).toBeGreaterThanOrEqual(8);
  for (const box of boxes) {
    expect(box).not.toBeNull();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y + box!.height).toBeLessThanOrEqual(fold);
  }
}

async function startPhone(username: string): Promise<Browser> {
  const phone = await launchPhone();
  const shell = new AppShell(phone.page);
  await shell.open(server.url);
  await shell.waitForServiceWorker();
  // The one-time install hint would push the board down on the first visit only.
  await shell.dismissInstallHint();
  const login = new LoginPage(phone.page);
  await login.open(server.url);
  await login.logIn(username, 'demo-2026');
  await login.finishDownload();
  return phone;
}

describe('概览 as a target board', () => {
  it('shows the officer their township, without a target it cannot have and without training figures', async () => {
    officerPhone = await startPhone('officer');
    const { page } = officerPhone;
    const board = new BoardPage(page);
    await board.open(server.url);
    await board.chooseYear(YEAR);
    await board.areaHeading(/^淳安县 · 千岛湖镇/).waitFor();
    await expect(board.value('servicePointsOpen').textContent()).resolves.toMatch(/^\d+$/);
    await expect(board.row('servicePointsOpen').textContent()).resolves.toContain('未设目标');
    await expect(board.row('peopleTrained').count()).resolves.toBe(0);
    await expect(page.getByTestId('board-not-kept').textContent()).resolves.toContain(
      '不在本机统计',
    );
    // Nothing to review for an officer: no bell for the county's conflicts.
    await expect(board.badge().count()).resolves.toBe(0);
    await expectAboveTheFold(board);
    await shot(page, 'board-officer');
  });

  describe("the coordinator's board", () => {
    // One story, in steps that share the coordinator's phone (storySteps: the first failure
    // stops the story).
    storySteps();
    let page: Page;
    let context: BrowserContext;
    let board: BoardPage;

    it("shows the coordinator 淳安县 against 淳安县's own targets on the first screen", async () => {
      await adminSetsTarget();
      await twoDevicesDisagree();

      coordinatorPhone = await startPhone('coordinator');
      ({ page, context } = coordinatorPhone);
      board = new BoardPage(page);
      await board.open(server.url);
      await board.chooseYear(YEAR);

      await board.areaHeading(/^淳安县/).waitFor();
      // The admin's new target, and the county's own rows from the demo — never the city's 1,500.
      await expect(board.value('villagesCovered').textContent()).resolves.toMatch(/^\d+ \/ 40$/);
      await expect(board.value('servicePointsOpen').textContent()).resolves.toMatch(/^\d+ \/ 150$/);
      await expect(board.value('agriShopsOnPlatform').textContent()).resolves.toMatch(/^\d+ \/ 8$/);
      await expect(board.board().textContent()).resolves.not.toContain('1,500');
      // No county row for the stores: 未设目标, with the city's target shared out as a hint.
      await expect(board.row('centralTownsWithStore').textContent()).resolves.toContain('未设目标');
      await board.row('centralTownsWithStore').getByTestId('board-hint').waitFor();
      // The coordinator's metrics first.
      await expect(board.rows().first().getAttribute('data-testid')).resolves.toBe(
        'board-servicePointsOpen',
      );
      await expect(board.asOf().textContent()).resolves.toMatch(/^截至上次同步 /);
      await expectAboveTheFold(board);
      await shot(page, 'board-coordinator');
    });

    it("the bell: the conflict, the demo's likely duplicate and what is behind pace", async () => {
      await board.badge().waitFor();
      await expect(board.badge().getAttribute('aria-label')).resolves.toMatch(/^\d+ 件事需要处理$/);
      await board.badge().click();
      await page.getByRole('heading', { level: 1, name: '待处理' }).waitFor();
      await expect(board.notice('conflicts').textContent()).resolves.toContain(
        '1 条修改冲突等你处理',
      );
      await expect(board.notice('conflicts').getAttribute('href')).resolves.toBe('/sync/conflicts');
      await expect(board.notice('duplicates').textContent()).resolves.toContain(
        '有 1 对可能重复的服务点待处理',
      );
      await board.notice('behind').waitFor();
      await shot(page, 'notices');
    });

    it("above the point list the same, at most two rows, each a thumb's tap to where to act", async () => {
      await page.goto(`${server.url}/points`);
      const line = page.getByRole('region', { name: '需要你处理' });
      await line.waitFor();
      for (const link of await line.getByRole('link').all()) {
        const box = await link.boundingBox();
        expect(box!.height).toBeGreaterThanOrEqual(44);
      }
      await shot(page, 'notices-points');
      await line.getByRole('link').first().click();
      await page.getByRole('heading', { level: 1, name: '冲突记录' }).waitFor();
    });

    it("offline, closed and opened again: the same board from the phone's records, and the bell", async () => {
      // No signal, the app closed and opened again: the same board from the phone's records,
      // and the bell still knows what waits on the server.
      // The server is gone too: whatever shows now came from the phone.
      await context.setOffline(true);
      await server.stop();
      await page.goto(`${server.url}/`);
      await board.board().waitFor();
      // Chromium forgets the emulated offline state for a page the service worker served
      // (navigator.onLine is true again); setting it once more tells the page, as a real phone
      // losing its signal would.
      await context.setOffline(false);
      await context.setOffline(true);
      await expect(new AppShell(page).networkStatus().textContent()).resolves.toContain('离线');
      await board.chooseYear(YEAR);
      await board.areaHeading(/^淳安县/).waitFor();
      await expect(board.value('villagesCovered').textContent()).resolves.toMatch(/^\d+ \/ 40$/);
      await expect(board.asOf().textContent()).resolves.toMatch(/^截至上次同步 /);
      await board.badge().waitFor();
      await expectAboveTheFold(board);
      await shot(page, 'board-coordinator-offline');
    });

    it('a year with nothing in it says so', async () => {
      await board.chooseYear(2019);
      await page.getByRole('heading', { name: '2019 年没有数据' }).waitFor();
      await shot(page, 'board-no-data');
    });

    it('in English the longer words still fit the first screen', async () => {
      await board.chooseYear(YEAR);
      await page.getByRole('button', { name: 'EN' }).click();
      await page.getByRole('combobox', { name: 'Year' }).waitFor();
      await expect(board.row('villagesCovered').textContent()).resolves.toContain(
        'Villages covered',
      );
      await expectAboveTheFold(board);
      await shot(page, 'board-coordinator-en');
      await page.getByRole('button', { name: '中' }).click();
    });
  });
});
