/**
 * A lost phone, in a real Chromium against the real server (docs/SECURITY.md "丢失设备 / Lost
 * devices"): an officer's phone holds the township and a point typed out of signal; an admin
 * disables the account; when the phone is back in signal it hands the point in (the server keeps
 * it, unapplied, for the admin), removes everything of the user and shows the sign-in screen
 * saying why — without anyone signing in or pressing anything.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchPhone, startServer, type Browser, type RunningServer } from './harness';
import { AppShell } from './pages/AppShell';
import { LoginPage } from './pages/Login';
import { ServicePointsPage } from './pages/ServicePoints';

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

/** Rows in one store of the app's IndexedDB (0 when the store is empty or gone). */
async function storeCount(browser: Browser, store: string): Promise<number> {
  return browser.page.evaluate(
    (name) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('cundian');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(name, 'readonly');
          const count = tx.objectStore(name).count();
          count.onsuccess = () => {
            resolve(count.result);
            open.result.close();
          };
          count.onerror = () => reject(count.error);
        };
      }),
    store,
  );
}

/** The admin, from another computer: plain HTTP to the API. */
async function asAdmin(method: string, path: string, body?: object): Promise<unknown> {
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'demo-2026' }),
  });
  const { token } = (await login.json()) as { token: string };
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
  it("a disabled user's phone hands in what it holds, then wipes and shows the sign-in screen", async () => {
    const { page, context } = phone;
    const shell = new AppShell(page);
    const login = new LoginPage(page);
    const points = new ServicePointsPage(page);

    await shell.open(server.url);
    await shell.waitForServiceWorker();
    await login.open(server.url);
    await login.logIn('officer', 'demo-2026');
    await login.finishDownload();
    await shell.heading('概览').waitFor();
    const downloaded = await storeCount(phone, 'servicePoints');
    expect(downloaded).toBeGreaterThan(0);

    // Out of signal, a point is registered: it waits in the outbox.
    await context.setOffline(true);
    await points.openList(server.url);
    await points.startNew();
    await points.choosePlace('淳安县', '千岛湖镇', '富城村');
    await points.fillName(POINT);
    await points.fillPhone('13812345678');
    await points.save();
    await shell.heading(POINT).waitFor();
    expect(await storeCount(phone, 'outbox')).toBe(1);

    // Meanwhile an admin disables the account.
    const { users } = (await asAdmin('GET', '/api/users')) as {
      users: { id: string; username: string }[];
    };
    const officer = users.find((u) => u.username === 'officer')!;
    await asAdmin('PATCH', `/api/users/${officer.id}`, { disabled: true });

    // Signal again: the phone syncs by itself, is told to wipe, hands in the point and wipes.
    await context.setOffline(false);
    await page.getByRole('heading', { name: '登录', level: 1 }).waitFor({ timeout: 60_000 });
    await page.getByText('这个账号已停用', { exact: false }).waitFor();
    expect(await storeCount(phone, 'outbox')).toBe(0);
    expect(await storeCount(phone, 'servicePoints')).toBe(0);

    // Nothing typed was lost: the server kept the point, unapplied, for the admin.
    const { batches } = (await asAdmin('GET', `/api/users/${officer.id}/rescued`)) as {
      batches: { mutations: { changes: { name?: string } }[] }[];
    };
    expect(batches.flatMap((b) => b.mutations.map((m) => m.changes.name))).toContain(POINT);
  });
});
