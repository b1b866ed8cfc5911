/**
 * What the client-side integration tests share: the REAL server (buildApp on an in-memory PGlite
 * test database, called in-process through app.inject()), accounts on it, and simulated devices —
 * each its own Dexie database on fake-indexeddb, its own store and its own sync engine, talking
 * to the server through a fetch the test controls (drop, duplicate, delay, go offline).
 *
 * Import 'fake-indexeddb/auto' (and Node's Blob/File) at the top of each test file before this.
 */
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app';
import { createAccount } from '../../server/auth/users';
import { openTestPglite } from '../../server/test-support/databases';
import type { Db } from '../../server/db';
import { serverRegions } from '../../server/regions';
import { createDatabase, type CundianDb } from '../../src/db';
import type { MutationResult, Role, Scope, User } from '../../src/domain/protocol';
import { createSyncStore, SyncEngine, type FetchLike, type SyncStore } from '../../src/sync';

/** Cheap password hashing: tests create many accounts. */
export const TEST_SCRYPT = { N: 2 ** 10, r: 8, p: 1 };
export const PASSWORD = 'demo-2026-test';
export const BASE_URL = 'http://cundian.test';

/** 淳安县, and two of its townships. */
export const COUNTY = '330127';
export const TOWNSHIP_A = '330127101'; // 文昌镇
export const TOWNSHIP_B = '330127102'; // 石林镇
export const VILLAGE_A = '330127101200'; // 浪洞村
export const VILLAGE_A2 = '330127101207'; // 文屏村
export const VILLAGE_B = '330127102217'; // 富德村 (石林镇)

export interface TestServer {
  app: FastifyInstance;
  db: Db;
  /** The server's fetch, straight through app.inject(). */
  fetch: FetchLike;
  createUser(username: string, role: Role, scope: Scope): Promise<User>;
  close(): Promise<void>;
}

function toHeaderRecord(headers: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return out;
}

/** A fetch that hands the request to Fastify in-process, as the browser would over HTTP. */
export function injectFetch(app: FastifyInstance): FetchLike {
  return async (url, init) => {
    const target = new URL(url);
    const response = await app.inject({
      method: (init.method ?? 'GET') as 'GET',
      url: `${target.pathname}${target.search}`,
      headers: (init.headers ?? {}) as Record<string, string>,
      payload: typeof init.body === 'string' ? init.body : undefined,
    });
    const status = response.statusCode;
    const body = status === 204 || status === 304 || response.body === '' ? null : response.body;
    return new Response(body, {
      status,
      headers: toHeaderRecord(response.headers as Record<string, unknown>),
    });
  };
}

export async function startTestServer(options: { now?: () => Date } = {}): Promise<TestServer> {
  const db = await openTestPglite();
  const regions = serverRegions();
  const app = await buildApp({
    db,
    regions,
    scrypt: TEST_SCRYPT,
    staticDir: '/nonexistent-dist',
    ...(options.now ? { now: options.now } : {}),
  });
  await app.ready();
  return {
    app,
    db,
    fetch: injectFetch(app),
    async createUser(username, role, scope) {
      const account = await createAccount(
        db,
        regions,
        { username, displayName: username, role, scope, password: PASSWORD },
        TEST_SCRYPT,
      );
      return account;
    },
    async close() {
      await app.close();
      await db.close();
    },
  };
}

/** How the network between one device and the server behaves, changeable mid-test. */
export interface Network {
  online: boolean;
  /** Called per request; return what happens to it. */
  fault?: (path: string) => 'ok' | 'dropRequest' | 'dropResponse' | 'duplicate';
  /** Milliseconds to hold a request before sending it (and its answer before returning it). */
  delayMs?: () => number;
}

/** Wraps a fetch with a controllable network: offline, lost requests, lost answers, repeats. */
export function unreliableFetch(fetch: FetchLike, network: Network): FetchLike {
  const wait = () => {
    const ms = network.delayMs?.() ?? 0;
    return ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve();
  };
  return async (url, init) => {
    if (!network.online) throw new TypeError('Failed to fetch (offline)');
    const path = new URL(url).pathname;
    const fault = network.fault?.(path) ?? 'ok';
    await wait();
    if (fault === 'dropRequest') throw new TypeError('Failed to fetch (request lost)');
    const response = await fetch(url, init);
    if (fault === 'duplicate') {
      // The same request arrives twice (a retrying proxy): the device sees the second answer.
      const again = await fetch(url, init);
      await wait();
      return again;
    }
    await wait();
    if (fault === 'dropResponse') throw new TypeError('Failed to fetch (response lost)');
    return response;
  };
}

let deviceCounter = 0;

/** A simulated phone: its own IndexedDB database, store and engine. */
export interface Device {
  name: string;
  db: CundianDb;
  store: SyncStore;
  engine: SyncEngine;
  network: Network;
  /** Every verdict on a pushed mutation this device received (a retry repeats the same one). */
  verdicts: Map<number, MutationResult>;
  close(): Promise<void>;
}

/** Collects the results of every push answer that reaches the device. */
function observingPushes(fetch: FetchLike, verdicts: Map<number, MutationResult>): FetchLike {
  return async (url, init) => {
    const response = await fetch(url, init);
    if (new URL(url).pathname === '/api/sync/push' && response.ok) {
      const body = (await response.clone().json()) as { results: MutationResult[] };
      for (const result of body.results) verdicts.set(result.mutationId, result);
    }
    return response;
  };
}

export function createDevice(
  server: TestServer,
  name: string,
  options: {
    pullLimit?: number;
    pushBatchSize?: number;
    random?: () => number;
    completenessIntervalMs?: number;
  } = {},
): Device {
  deviceCounter += 1;
  const db = createDatabase(`it-${name}-${Date.now()}-${deviceCounter}`);
  const store = createSyncStore();
  const network: Network = { online: true };
  const verdicts = new Map<number, MutationResult>();
  const engine = new SyncEngine({
    db,
    store,
    // The network's faults sit between the device and what it observes: a lost answer is lost.
    fetch: observingPushes(unreliableFetch(server.fetch, network), verdicts),
    baseUrl: BASE_URL,
    ...options,
    fullDownloadLimit: options.pullLimit,
  });
  return {
    name,
    db,
    store,
    engine,
    network,
    verdicts,
    async close() {
      engine.stop();
      await engine.idle();
      db.close();
      await db.delete();
    },
  };
}

/** Logs a device in (and checks it worked). */
export async function logIn(device: Device, username: string): Promise<User> {
  const result = await device.engine.login(username, PASSWORD);
  if (!result.ok) throw new Error(`login of ${username} failed: ${JSON.stringify(result)}`);
  return result.user;
}
