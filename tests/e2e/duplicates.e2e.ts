/**
 * Duplicates caught after sync (issue 4), in a real Chromium against the real server: an officer
 * registers a shop out of signal with GPS; meanwhile the same shop was registered from another
 * device 50 m away. When the phone syncs, the server flags the pair; the county coordinator sees
 * it above the point list, merges the two on the duplicates screen (keeping the officer's point,
 * taking the other's operator phone) and dismisses the demo's pair as two different points. The
 * merge reaches the officer's phone with its next sync.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/domain/common';
import {
  launchPhone,
  screenshotDir,
  startServer,
  type Browser,
  type RunningServer,
} from './harness';
import { apiToken, pushOverApi } from './api';
import { AppShell } from './pages/AppShell';
import { LoginPage } from './pages/Login';
import { ServicePointsPage } from './pages/ServicePoints';
import { SyncPanel } from './pages/SyncPanel';
import { storySteps } from './steps';

let server: RunningServer;
let officerPhone: Browser;
let coordinatorPhone: Browser | undefined;

beforeAll(async () => {
  server = await startServer();
  officerPhone = await launchPhone();
  mkdirSync(screenshotDir, { recursive: true });
});

afterAll(async () => {
  await coordinatorPhone?.close();
  await officerPhone?.close();
  await server?.stop();
});

const KEPT = '富城村王记代购点';
const OTHER = '王记小卖部';

/** Another device of the same officer registers the shop, through the protocol itself. */
async function registerFromAnotherDevice(baseUrl: string): Promise<string> {
  const token = await apiToken(baseUrl, 'officer');
  const id = newId();
  const answer = await pushOverApi(baseUrl, token, [
    {
      mutationId: 1,
      entity: 'servicePoint',
      recordId: id,
      op: 'upsert',
      baseVersion: 0,
      changes: {
        tier: 'village',
        regionCode: '330127100219',
        name: OTHER,
        services: ['purchasing', 'parcels'],
        status: 'planned',
        statusHistory: [{ status: 'planned', date: '2026-11-20' }],
        openedOn: null,
        operatorName: '王大伯',
        operatorPhone: '13700001234',
        // 50 m north of where the officer's phone says it is.
        location: {
          lat: 29.60565,
          lng: 119.0421,
          accuracy: 15,
          source: 'gps',
          capturedAt: '2026-11-20T02:00:00.000Z',
        },
        photos: [],
        notes: '',
      },
    },
  ]);
  expect(answer.results[0]!.status).toBe('applied');
  return id;
}

describe('duplicates after sync', () => {
  // One story, in steps that share the phones (storySteps: the first failure stops the story).
  storySteps();
  let page: Page;
  let context: BrowserContext;
  let shell: AppShell;
  let points: ServicePointsPage;
  let sync: SyncPanel;
  let otherId: string;
  let cPage: Page;
  let cPoints: ServicePointsPage;
  let ours: Locator;

  beforeAll(() => {
    ({ page, context } = officerPhone);
    shell = new AppShell(page);
    points = new ServicePointsPage(page);
    sync = new SyncPanel(page);
  });

  it('the officer logs in and the phone downloads the township', async () => {
    await context.grantPermissions(['geolocation'], { origin: server.url });
    await context.setGeolocation({ latitude: 29.6052, longitude: 119.0421, accuracy: 12 });

    const login = new LoginPage(page);
    await login.open(server.url);
    await login.logIn('officer', 'demo-2026');
    await login.finishDownload();
  });

  it('out of signal, the officer registers the shop with GPS', async () => {
    // Once the service worker holds the app: without it an offline navigation has nothing to
    // answer it.
    await shell.waitForServiceWorker();
    await context.setOffline(true);
    await points.openList(server.url);
    await points.startNew();
    await points.choosePlace('淳安县', '千岛湖镇', '富城村');
    await points.fillName(KEPT);
    await points.captureLocation();
    await points.locationReadout().waitFor();
    await points.save();
    await shell.heading(KEPT).waitFor();
  });

  it('the same shop arrives from another device; with signal again the phone syncs', async () => {
    otherId = await registerFromAnotherDevice(server.url);

    // Signal again: the phone syncs and the server flags the pair.
    await context.setOffline(false);
    await sync.open(server.url);
    await sync.syncNow();
    await sync.waitUntilAllSynced();
  });

  it("the coordinator sees two pairs waiting above the point list; the officer's point leads to the review", async () => {
    coordinatorPhone = await launchPhone();
    cPage = coordinatorPhone.page;
    cPoints = new ServicePointsPage(cPage);
    const coordinatorLogin = new LoginPage(cPage);
    await coordinatorLogin.open(server.url);
    await coordinatorLogin.logIn('coordinator', 'demo-2026');
    await coordinatorLogin.finishDownload();
    await cPoints.openList(server.url);
    // Ours and the one the demo data carries on purpose.
    await cPage.getByRole('link', { name: '有 2 对可能重复的服务点待处理' }).waitFor();
    // The officer's point says which point it may duplicate, and leads to the review.
    await cPoints.search('王记');
    await cPoints.listItem(KEPT).click();
    await new AppShell(cPage).heading(KEPT).waitFor();
    const pointNotice = cPage.getByRole('link', { name: `可能与「${OTHER}」重复：去处理` });
    await pointNotice.waitFor();
    await cPage.screenshot({ path: join(screenshotDir, 'duplicates-point-notice-360.png') });
    await pointNotice.click();
    await new AppShell(cPage).heading('可能重复的服务点').waitFor();
    ours = cPage.getByRole('listitem').filter({ hasText: KEPT });
    await ours.getByText(/同一个村，相距 \d+ 米/).waitFor();
    await expect(ours.textContent()).resolves.toContain('13700001234');
    await cPage.screenshot({ path: join(screenshotDir, 'duplicates-review-360.png') });
  });

  it("merges the pair, keeping the officer's point and taking the other's phone, after seeing what will happen", async () => {
    // The other's operator and phone are offered by default, as the kept point has none.
    await ours.getByRole('button', { name: '合并…' }).click();
    await ours
      .getByRole('group', { name: '保留哪一个？' })
      .getByRole('radio', { name: new RegExp(KEPT) })
      .check();
    const phoneChoice = ours.getByRole('group', { name: '运营人电话' });
    await expect(phoneChoice.getByRole('radio', { name: '13700001234' }).isChecked()).resolves.toBe(
      true,
    );
    await expect(ours.getByTestId('merge-summary').textContent()).resolves.toContain(OTHER);
    await ours.getByRole('group', { name: '运营人电话' }).scrollIntoViewIfNeeded();
    await cPage.screenshot({ path: join(screenshotDir, 'duplicates-merge-360.png') });
    await ours.getByRole('button', { name: '确认合并' }).click();
    await cPage.getByText('已合并，另一个服务点已删除。').waitFor();
  });

  it("dismisses the demo's pair as two different shops: the inbox is empty", async () => {
    const demoPair = cPage.getByRole('listitem').filter({ hasText: '村口代购点' });
    await demoPair.getByRole('button', { name: '不是重复' }).click();
    await cPage.getByText('没有待处理的重复服务点。').waitFor();
  });

  it("the coordinator's phone has the merge: the other point is gone", async () => {
    const cSync = new SyncPanel(cPage);
    await cSync.open(server.url);
    await cSync.syncNow();
    await cSync.waitUntilAllSynced();
    await cPage.goto(`${server.url}/points/${otherId}`);
    await cPage.getByText('找不到这个服务点').waitFor();
    await cPage.getByText(/可能已被删除，或已与另一个服务点合并/).waitFor();
  });

  it("the officer's phone follows with its next sync: one point, with the other's operator and phone", async () => {
    await sync.open(server.url);
    await sync.syncNow();
    await sync.waitUntilAllSynced();
    await points.openFromList(server.url, '王记', KEPT);
    await shell.heading(KEPT).waitFor();
    await page.getByText('13700001234').waitFor();
    await page.getByText('王大伯').waitFor();
    expect(await points.listItem(OTHER).count()).toBe(0);
  });
});
