/**
 * A lost phone, in a real Chromium against the real server (docs/SECURITY.md "丢失设备 / Lost
 * devices"): an officer's phone holds the township and a point typed out of signal; an admin
 * disables the account; when the phone is back in signal it hands the point in (the server keeps
 * it, unapplied, for the admin), removes everything of the user and shows the sign-in screen
 * saying why — without anyone signing in or pressing anything.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchPhone, startServer, type Browser, type RunningServer } from './harness';
import { apiToken } from './api';
import { AppShell } from './pages/AppShell';
import { LoginPage } from './pages/Login';
import { PhoneStore } from './pages/PhoneStore';
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

/** The admin, from another computer: plain HTTP to the API. */
async function asAdmin(method: string, path: string, body?: object): Promise<unknown> {
  const token = await apiToken(server.url, 'admin');
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  expect(response.status).toBe(200);
  return response.json();
}

const POINT = '富城村丢失手机测试服务点';

describe('a lost phone', () => {
  // One story, in steps that share the phone (storySteps: the first failure stops the story).
  storySteps();
  let page: Page;
  let context: BrowserContext;
  let shell: AppShell;
  let login: LoginPage;
  let points: ServicePointsPage;
  let store: PhoneStore;
  let officer: { id: string; username: string };

  beforeAll(() => {
    ({ page, context } = phone);
    shell = new AppShell(page);
    login = new LoginPage(page);
    points = new ServicePointsPage(page);
    store = new PhoneStore(page);
  });

  it('the officer logs in and the phone downloads the township', async () => {
    await shell.open(server.url);
    await shell.waitForServiceWorker();
    await login.open(server.url);
    await login.logIn('officer', 'demo-2026');
    await login.finishDownload();
    await shell.heading('概览').waitFor();
    const downloaded = await store.count('servicePoints');
    expect(downloaded).toBeGreaterThan(0);
  });

  it('out of signal, the officer registers a point: it waits in the outbox', async () => {
    await context.setOffline(true);
    await points.openList(server.url);
    await points.startNew();
    await points.choosePlace('淳安县', '千岛湖镇', '富城村');
    await points.fillName(POINT);
    await points.fillPhone('13812345678');
    await points.save();
    await shell.heading(POINT).waitFor();
    expect(await store.outboxCount()).toBe(1);
  });

  it('meanwhile an admin disables the account', async () => {
    const { users } = (await asAdmin('GET', '/api/users')) as {
      users: { id: string; username: string }[];
    };
    officer = users.find((u) => u.username === 'officer')!;
    await asAdmin('PATCH', `/api/users/${officer.id}`, { disabled: true });
  });

  it('with signal again the phone, by itself, hands in the point, wipes and shows the sign-in screen saying why', async () => {
    await context.setOffline(false);
    await login.heading().waitFor({ timeout: 60_000 });
    await page.getByText('这个账号已停用', { exact: false }).waitFor();
    expect(await store.outboxCount()).toBe(0);
    expect(await store.count('servicePoints')).toBe(0);
  });

  it('nothing typed was lost: the server kept the point, unapplied, for the admin', async () => {
    const { batches } = (await asAdmin('GET', `/api/users/${officer.id}/rescued`)) as {
      batches: { mutations: { changes: { name?: string } }[] }[];
    };
    expect(batches.flatMap((b) => b.mutations.map((m) => m.changes.name))).toContain(POINT);
  });
});
