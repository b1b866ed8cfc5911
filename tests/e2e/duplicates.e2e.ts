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
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/domain/common';
import { PROTOCOL_VERSION, SCHEMA_VERSION } from '../../src/domain/protocol';
import {
  launchPhone,
  screenshotDir,
  startServer,
  type Browser,
  type RunningServer,
} from './harness';
import { AppShell } from './pages/AppShell';
import { LoginPage } from './pages/Login';
import { ServicePointsPage } from './pages/ServicePoints';
import { SyncPanel } from './pages/SyncPanel';

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
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'officer', password: 'demo-2026' }),
  });
  const { token } = (await login.json()) as { token: string };
  const id = newId();
  const push = await fetch(`${baseUrl}/api/sync/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      protocolVersion: PROTOCOL_VERSION,
      schemaVersion: SCHEMA_VERSION,
      clientId: newId(),
      mutations: [
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
      ],
    }),
  });
  const answer = (await push.json()) as { results: { status: string }[] };
  expect(answer.results[0]!.status).toBe('applied');
  return id;
}

describe('duplicates after sync', () => {
  it('flags the pair on the server; the coordinator merges it and the phones follow', async () => {
    const { page, context } = officerPhone;
    const shell = new AppShell(page);
    const points = new ServicePointsPage(page);
    const sync = new SyncPanel(page);
    await context.grantPermissions(['geolocation'], { origin: server.url });
    await context.setGeolocation({ latitude: 29.6052, longitude: 119.0421, accuracy: 12 });

    const login = new LoginPage(page);
    await login.open(server.url);
    await login.logIn('officer', 'demo-2026');
    await login.finishDownload();

    // Out of signal, the officer registers the shop with GPS (once the service worker holds the
    // app: without it an offline navigation has nothing to answer it).
    await shell.waitForServiceWorker();
    await context.setOffline(true);
    await points.openList(server.url);
    await points.startNew();
    await points.choosePlace('淳安县', '千岛湖镇', '富城村');
    await points.fillName(KEPT);
    await page.getByRole('button', { name: '获取位置' }).click();
    await page.getByTestId('location-readout').waitFor();
    await points.save();
    await shell.heading(KEPT).waitFor();

    // Meanwhile the same shop arrived from another device.
    const otherId = await registerFromAnotherDevice(server.url);

    // Signal again: the phone syncs and the server flags the pair.
    await context.setOffline(false);
    await sync.open(server.url);
    await sync.syncNow();
    await sync.waitUntilAllSynced();

    // The coordinator sees how many pairs wait, above the point list.
    coordinatorPhone = await launchPhone();
    const cPage = coordinatorPhone.page;
    const coordinatorLogin = new LoginPage(cPage);
    await coordinatorLogin.open(server.url);
    await coordinatorLogin.logIn('coordinator', 'demo-2026');
    await coordinatorLogin.finishDownload();
    await new ServicePointsPage(cPage).openList(server.url);
    // Ours and the one the demo data carries on purpose.
    await cPage.getByRole('link', { name: '有 2 对可能重复的服务点待处理' }).waitFor();
    // The officer's point says which point it may duplicate, and leads to the review.
    await cPage.getByRole('searchbox', { name: '搜索服务点' }).fill('王记');
    await new ServicePointsPage(cPage).listItem(KEPT).click();
    await new AppShell(cPage).heading(KEPT).waitFor();
    const pointNotice = cPage.getByRole('link', { name: `可能与「${OTHER}」重复：去处理` });
    await pointNotice.waitFor();
    await cPage.screenshot({ path: join(screenshotDir, 'duplicates-point-notice-360.png') });
    await pointNotice.click();
    await new AppShell(cPage).heading('可能重复的服务点').waitFor();
    const ours = cPage.getByRole('listitem').filter({ hasText: KEPT });
    await ours.getByText(/同一个村，相距 \d+ 米/).waitFor();
    await expect(ours.textContent()).resolves.toContain('13700001234');
    await cPage.screenshot({ path: join(screenshotDir, 'duplicates-review-360.png') });

    // Merge: keep the officer's point, take the other's operator and phone (offered by default,
    // as the kept point has none), and see what will happen before confirming.
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

    // The demo's pair are two different shops: dismissed, and the inbox is empty.
    const demoPair = cPage.getByRole('listitem').filter({ hasText: '村口代购点' });
    await demoPair.getByRole('button', { name: '不是重复' }).click();
    await cPage.getByText('没有待处理的重复服务点。').waitFor();

    // The coordinator's phone has the merge: the other point is gone, the kept one has its phone.
    const cSync = new SyncPanel(cPage);
    await cSync.open(server.url);
    await cSync.syncNow();
    await cSync.waitUntilAllSynced();
    await cPage.goto(`${server.url}/points/${otherId}`);
    await cPage.getByText('找不到这个服务点').waitFor();
    await cPage.getByText(/可能已被删除，或已与另一个服务点合并/).waitFor();

    // So does the officer's, with its next sync.
    await sync.open(server.url);
    await sync.syncNow();
    await sync.waitUntilAllSynced();
    await points.openList(server.url);
    await page.getByRole('searchbox', { name: '搜索服务点' }).fill('王记');
    await points.listItem(KEPT).click();
    await shell.heading(KEPT).waitFor();
    await page.getByText('13700001234').waitFor();
    await page.getByText('王大伯').waitFor();
    expect(await page.getByRole('link', { name: new RegExp(OTHER) }).count()).toBe(0);
  });
});
