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
import { servicePointFields } from '../../server/test-support/sync';
import {
  launchPhone,
  screenshotDir,
  startServer,
  type Browser,
  type RunningServer,
} from './harness';
import { apiToken, DEMO_PASSWORD, pushOverApi } from './api';
import { LoginPage } from './pages/Login';
import { PhoneStore, type Holdings } from './pages/PhoneStore';
import { SyncPanel } from './pages/SyncPanel';
import { storySteps } from './steps';

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

const logIn = (username: string) => apiToken(server.url, username);

/** What the server sends a fresh device of this user, in one page: entity → id → version. */
async function serverHolds(username: string): Promise<Holdings> {
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
  const out: Holdings = {};
  for (const change of answer.changes) {
    if (change.data === null) continue;
    (out[change.entity] ??= {})[change.id] = change.version;
  }
  return out;
}

const count = (holds: Holdings, entity: string) => Object.keys(holds[entity] ?? {}).length;

describe('a phone that downloaded from the server before the fix', () => {
  // One story, in steps that share the phone and the server (storySteps: the first failure stops
  // the story).
  storySteps();
  let login: LoginPage;
  let sync: SyncPanel;
  let store: PhoneStore;
  let truthBefore: Holdings;

  beforeAll(() => {
    login = new LoginPage(phone.page);
    sync = new SyncPanel(phone.page);
    store = new PhoneStore(phone.page);
  });

  it('1. the county passes id 1,000 on the server as it was: hundreds of points, one transaction each', async () => {
    const token = await logIn('admin');
    const clientId = newId();
    for (let i = 0; i < PUSHES; i++) {
      const mutations = Array.from({ length: POINTS_PER_PUSH }, (_, j) => ({
        mutationId: i * POINTS_PER_PUSH + j + 1,
        entity: 'servicePoint',
        recordId: newId(),
        op: 'upsert' as const,
        baseVersion: 0,
        changes: servicePointFields(VILLAGES[(i + j) % VILLAGES.length]!, {
          name: `补录服务点 ${i}-${j}`,
        }),
      }));
      const answer = await pushOverApi(server.url, token, mutations, clientId);
      expect(answer.results.every((r) => r.status === 'applied')).toBe(true);
    }
  });

  it("2. the coordinator's phone downloads from the old server and misses points, with no way to check itself", async () => {
    await login.open(server.url);
    await login.logIn('coordinator', DEMO_PASSWORD);
    await login.finishDownload();
    truthBefore = await serverHolds('coordinator');
    const before = await store.liveVersions();
    expect(count(truthBefore, 'servicePoint')).toBeGreaterThan(1500);
    // The fault is really there: the phone lacks points of its county.
    expect(count(before, 'servicePoint')).toBeLessThan(count(truthBefore, 'servicePoint'));
    console.log(
      `before the upgrade the phone held ${count(before, 'servicePoint')} of ` +
        `${count(truthBefore, 'servicePoint')} service points`,
    );
    await sync.open(server.url);
    // The old server has no digest: the phone has never been able to check itself.
    await expect(sync.check().textContent()).resolves.toBe('尚未核对本机数据');
  });

  it('3. the server is upgraded on the same data folder', async () => {
    await server.stop();
    await server.restart({ entry: join('server', 'main.ts') });
  });

  it('4. the next sync downloads afresh, and the panel says the data matches the server, with the time', async () => {
    await sync.syncNow();
    await sync
      .check()
      .getByText(/^数据核对无误：本机与服务器一致（.+）$/)
      .waitFor({ timeout: 60_000 });
    await phone.page.screenshot({ path: join(screenshotDir, 'sync-check-360.png') });
  });

  it('5. the phone holds exactly what the server sends a fresh device, entity by entity', async () => {
    const truth = await serverHolds('coordinator');
    const after = await store.liveVersions();
    for (const entity of ENTITY_NAMES) {
      expect(after[entity] ?? {}, entity).toEqual(truth[entity] ?? {});
    }
    expect(count(after, 'servicePoint')).toBe(count(truthBefore, 'servicePoint'));
  });
});
