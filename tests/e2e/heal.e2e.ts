/**
 * Healing the phones in the field (issue 11), in Chromium against real servers on one data
 * folder. Before the fix, a coordinator's phone that downloaded once the transaction ids had
 * passed 999 → 1000 held only part of its county, and nothing told anyone. Here:
 *
 * 1. the server as it was (tests/e2e/fixtures/server-before-fix.ts: the old pull, no digest)
 *    starts with the demo; the county gets a few hundred more points, one transaction each, so
 *    the ids cross 1,000;
 * 2. the coordinator logs in on a phone and downloads: the phone misses records (checked, so
 *    this test cannot pass by not reproducing the fault);
 * 3. the server is upgraded (today's server/main.ts on the same data folder);
 * 4. the phone syncs: its old cursor is answered resetRequired, it downloads again, its
 *    completeness check runs and the sync panel says the data matches, with the time;
 * 5. the phone holds exactly what the server sends a fresh device, entity by entity.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/domain/common';
import { PROTOCOL_VERSION, SCHEMA_VERSION } from '../../src/domain/protocol';
import { ENTITY_NAMES } from '../../src/domain/entities';
import { ENTITY_TABLES } from '../../src/db/schema';
import { servicePointFields } from '../../server/test-support/sync';
import {
  launchPhone,
  screenshotDir,
  startServer,
  type Browser,
  type RunningServer,
} from './harness';
import { LoginPage } from './pages/Login';
import { SyncPanel } from './pages/SyncPanel';

const DEMO_PASSWORD = 'demo-2026';
/** Villages of 淳安县 (330127), where the demo coordinator works. */
const VILLAGES = ['330127100219', '330127101200', '330127101207', '330127102217'];
/**
 * Enough that more than a first page (500) of the county's rows lie past id 1,000: the old pull's
 * first page then ends among them and the next one starts past every id of fewer digits.
 */
const PUSHES = 400;
const POINTS_PER_PUSH = 4;

let server: RunningServer;
let phone: Browser;

beforeAll(async () => {
  server = await startServer({ entry: join('tests', 'e2e', 'fixtures', 'server-before-fix.ts') });
  phone = await launchPhone();
  mkdirSync(screenshotDir, { recursive: true });
});

afterAll(async () => {
  await phone?.close();
  await server?.stop();
});

async function api<T>(path: string, body: unknown, token?: string): Promise<T> {
  const response = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

async function logIn(username: string): Promise<string> {
  const { token } = await api<{ token: string }>('/api/auth/login', {
    username,
    password: DEMO_PASSWORD,
  });
  return token;
}

/** What the server sends a fresh device of this user, in one page: entity → id → version. */
async function serverHolds(username: string): Promise<Record<string, Record<string, number>>> {
  const token = await logIn(username);
  const answer = await api<{
    changes: { entity: string; id: string; version: number; data: unknown }[];
    hasMore: boolean;
  }>(
    '/api/sync/pull',
    {
      protocolVersion: PROTOCOL_VERSION,
      schemaVersion: SCHEMA_VERSION,
      clientId: newId(),
      cursor: null,
      limit: 5000,
    },
    token,
  );
  expect(answer.hasMore).toBe(false);
  const out: Record<string, Record<string, number>> = {};
  for (const change of answer.changes) {
    if (change.data === null) continue;
    (out[change.entity] ??= {})[change.id] = change.version;
  }
  return out;
}

/** What the phone's IndexedDB holds: entity → id → version of its live records. */
async function phoneHolds(browser: Browser): Promise<Record<string, Record<string, number>>> {
  const tables = Object.fromEntries(ENTITY_NAMES.map((e) => [e, ENTITY_TABLES[e]]));
  return browser.page.evaluate(
    (stores) =>
      new Promise<Record<string, Record<string, number>>>((resolve, reject) => {
        const open = indexedDB.open('cundian');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(Object.values(stores), 'readonly');
          const out: Record<string, Record<string, number>> = {};
          for (const [entity, store] of Object.entries(stores)) {
            const request = tx.objectStore(store).getAll();
            request.onsuccess = () => {
              for (const row of request.result as {
                id: string;
                version: number;
                deleted: boolean;
              }[]) {
                if (!row.deleted) (out[entity] ??= {})[row.id] = row.version;
              }
            };
          }
          tx.oncomplete = () => {
            db.close();
            resolve(out);
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    tables,
  );
}

const count = (holds: Record<string, Record<string, number>>, entity: string) =>
  Object.keys(holds[entity] ?? {}).length;

describe('a phone that downloaded from the server before the fix', () => {
  it('holds every record of its area after the server is upgraded and it syncs', async () => {
    // 1. Past the boundary: the county's points, one push (one transaction) at a time.
    const token = await logIn('admin');
    const clientId = newId();
    for (let i = 0; i < PUSHES; i++) {
      const mutations = Array.from({ length: POINTS_PER_PUSH }, (_, j) => ({
        mutationId: i * POINTS_PER_PUSH + j + 1,
        entity: 'servicePoint',
        recordId: newId(),
        op: 'upsert',
        baseVersion: 0,
        changes: servicePointFields(VILLAGES[(i + j) % VILLAGES.length]!, {
          name: `补录服务点 ${i}-${j}`,
        }),
      }));
      const answer = await api<{ results: { status: string }[] }>(
        '/api/sync/push',
        { protocolVersion: PROTOCOL_VERSION, schemaVersion: SCHEMA_VERSION, clientId, mutations },
        token,
      );
      expect(answer.results.every((r) => r.status === 'applied')).toBe(true);
    }

    // 2. The coordinator's phone downloads from the old server.
    const { page } = phone;
    const login = new LoginPage(page);
    const sync = new SyncPanel(page);
    await login.open(server.url);
    await login.logIn('coordinator', DEMO_PASSWORD);
    await login.finishDownload();
    const truthBefore = await serverHolds('coordinator');
    const before = await phoneHolds(phone);
    expect(count(truthBefore, 'servicePoint')).toBeGreaterThan(1500);
    // The fault is really there: the phone lacks points of its county.
    expect(count(before, 'servicePoint')).toBeLessThan(count(truthBefore, 'servicePoint'));
    console.log(
      `before the upgrade the phone held ${count(before, 'servicePoint')} of ` +
        `${count(truthBefore, 'servicePoint')} service points`,
    );
    await sync.open(server.url);
    // The old server has no digest: the phone has never been able to check itself.
    await expect(page.getByTestId('sync-check').textContent()).resolves.toBe('尚未核对本机数据');

    // 3. The upgrade.
    await server.stop();
    await server.restart({ entry: join('server', 'main.ts') });

    // 4. The next sync: a fresh download, then the check.
    await sync.syncNow();
    await page
      .getByTestId('sync-check')
      .getByText(/^数据核对无误：本机与服务器一致（.+）$/)
      .waitFor({ timeout: 60_000 });
    await page.screenshot({ path: join(screenshotDir, 'sync-check-360.png') });

    // 5. Everything, entity by entity.
    const truth = await serverHolds('coordinator');
    const after = await phoneHolds(phone);
    for (const entity of ENTITY_NAMES) {
      expect(after[entity] ?? {}, entity).toEqual(truth[entity] ?? {});
    }
    expect(count(after, 'servicePoint')).toBe(count(truthBefore, 'servicePoint'));
  });
});
