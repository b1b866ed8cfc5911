/**
 * The browser half of bench/sync-client.bench.ts: bundled by Vite and loaded into Chromium, it
 * drives the REAL sync engine (src/sync) and database (src/db) against the real server over
 * HTTP, and writes the same records straight into IndexedDB for the ceiling. Exposed on
 * `window.syncBench`; the Node half calls it through page.evaluate() and reads the heap meanwhile.
 */
import { saveRecord } from '../src/actions';
import {
  createDatabase,
  ENTITY_TABLES,
  getClientId,
  listRecords,
  readSession,
  type CundianDb,
} from '../src/db';
import { ENTITY_NAMES, type EntityName } from '../src/domain/entities';
import { createSyncStore, SyncEngine } from '../src/sync';
import { checkCompleteness } from '../src/sync/completeness';

type Rows = Partial<Record<EntityName, Record<string, unknown>[]>>;

let held: Rows = {};

/** Answers of the last real download, by request, to replay without a server. */
const recorded = new Map<string, { status: number; text: string }>();

function requestKey(url: string, init: RequestInit): string {
  const path = new URL(url, location.href).pathname;
  if (path !== '/api/sync/pull' || typeof init.body !== 'string') return path;
  const { cursor, limit } = JSON.parse(init.body) as { cursor: string | null; limit: number };
  return `${path} ${cursor} ${limit}`;
}

function timedFetch(
  stats: { waitingMs: number; requests: number; bytes?: number },
  mode: 'record' | 'replay',
) {
  return async (url: string, init: RequestInit) => {
    const start = performance.now();
    let status: number;
    let text: string;
    if (mode === 'replay') {
      const answer = recorded.get(requestKey(url, init));
      if (!answer) throw new Error(`nothing recorded for ${requestKey(url, init)}`);
      ({ status, text } = answer);
    } else {
      const response = await fetch(url, init);
      // Read the body inside the timing: that is the network and the server's work.
      status = response.status;
      text = await response.text();
      recorded.set(requestKey(url, init), { status, text });
    }
    stats.waitingMs += performance.now() - start;
    stats.requests += 1;
    // What the answers weigh as JSON (before the server's compression).
    stats.bytes = (stats.bytes ?? 0) + new Blob([text]).size;
    return new Response(status === 204 ? null : text, { status });
  };
}

async function countRecords(db: CundianDb): Promise<number> {
  let total = 0;
  for (const entity of ENTITY_NAMES) total += await db.table(ENTITY_TABLES[entity]).count();
  return total;
}

/**
 * A first download through the engine: login (not timed), then one sync (timed). 'record' talks
 * to the server and keeps its answers; 'replay' answers the same requests from memory, which
 * leaves only the device's own work (parsing, checking, writing) in the time.
 */
async function download(options: {
  dbName: string;
  username: string;
  password: string;
  mode: 'record' | 'replay';
  limit?: number;
}) {
  if (options.mode === 'record') recorded.clear();
  const db = createDatabase(options.dbName);
  const stats = { waitingMs: 0, requests: 0, bytes: 0 };
  const engine = new SyncEngine({
    db,
    store: createSyncStore(),
    fetch: timedFetch(stats, options.mode),
    ...(options.limit ? { fullDownloadLimit: options.limit } : {}),
  });
  const login = await engine.login(options.username, options.password);
  if (!login.ok) throw new Error(`login failed: ${JSON.stringify(login)}`);
  stats.waitingMs = 0;
  stats.requests = 0;
  stats.bytes = 0;
  const start = performance.now();
  const outcome = await engine.sync('login');
  const ms = performance.now() - start;
  const records = await countRecords(db);
  engine.stop();
  db.close();
  return {
    ms,
    outcome,
    records,
    waitingMs: stats.waitingMs,
    requests: stats.requests,
    bytes: stats.bytes,
  };
}

/** The records of the recorded download, in memory (not timed), for the direct-write ceiling. */
function holdRecordedRecords(): number {
  held = {};
  let total = 0;
  for (const [key, answer] of recorded) {
    if (!key.startsWith('/api/sync/pull')) continue;
    const page = JSON.parse(answer.text) as {
      changes: {
        entity: EntityName;
        id: string;
        version: number;
        deleted: boolean;
        data: Record<string, unknown> | null;
      }[];
    };
    for (const change of page.changes) {
      if (!change.data) continue;
      (held[change.entity] ??= []).push({
        ...change.data,
        id: change.id,
        version: change.version,
        deleted: change.deleted,
      });
      total += 1;
    }
  }
  return total;
}

/** The device's ceiling: the same records written straight into IndexedDB in ONE transaction. */
async function writeDirect(options: { dbName: string }) {
  const db = createDatabase(options.dbName);
  await db.open();
  const tables = ENTITY_NAMES.map((entity) => db.table(ENTITY_TABLES[entity]));
  const start = performance.now();
  await db.transaction('rw', tables, async () => {
    for (const entity of ENTITY_NAMES) {
      const rows = held[entity];
      if (rows?.length) await db.table(ENTITY_TABLES[entity]).bulkPut(rows);
    }
  });
  const ms = performance.now() - start;
  const records = await countRecords(db);
  db.close();
  return { ms, records };
}

/** Queues `count` real edits (through the actions, not timed), then times the sync that pushes them. */
async function pushQueued(options: {
  dbName: string;
  username: string;
  password: string;
  count: number;
}) {
  const db = createDatabase(options.dbName);
  const store = createSyncStore();
  const stats = { waitingMs: 0, requests: 0 };
  const engine = new SyncEngine({ db, store, fetch: timedFetch(stats, 'record') });
  const login = await engine.login(options.username, options.password);
  if (!login.ok) throw new Error('login failed');

  const trainees = await listRecords('trainee', db);
  const points = await listRecords('servicePoint', db);
  let queued = 0;
  const queueStart = performance.now();
  for (const trainee of trainees) {
    if (queued >= options.count) break;
    await saveRecord('trainee', trainee.id, { name: `${trainee.name.slice(0, 26)}（改）` }, db);
    queued += 1;
  }
  for (const point of points) {
    if (queued >= options.count) break;
    await saveRecord('servicePoint', point.id, { notes: `基准测试修改 ${queued}` }, db);
    queued += 1;
  }
  const queueMs = performance.now() - queueStart;

  let pushedAt = 0;
  const start = performance.now();
  const unsubscribe = store.subscribe((state) => {
    if (state.phase === 'pulling' && pushedAt === 0) pushedAt = performance.now();
  });
  stats.waitingMs = 0;
  stats.requests = 0;
  const outcome = await engine.sync('manual');
  const ms = performance.now() - start;
  unsubscribe();
  const left = await db.outbox.count();
  engine.stop();
  db.close();
  return {
    queued,
    queueMs,
    outcome,
    pushMs: pushedAt - start,
    totalMs: ms,
    left,
    waitingMs: stats.waitingMs,
    requests: stats.requests,
  };
}

/**
 * The completeness check alone, on a phone that has downloaded everything: the digest request,
 * the device's digest of its 20,000 records, and — with `drop` records removed first, as a
 * skipped download would have left them — the bucket digests and the repair.
 */
async function checkAgain(options: {
  dbName: string;
  username: string;
  password: string;
  drop?: number;
}) {
  const db = createDatabase(options.dbName);
  const stats = { waitingMs: 0, requests: 0, bytes: 0 };
  const engine = new SyncEngine({
    db,
    store: createSyncStore(),
    fetch: timedFetch(stats, 'record'),
  });
  const login = await engine.login(options.username, options.password);
  if (!login.ok) throw new Error('login failed');
  const token = (await readSession(db))!.token!;
  const clientId = await getClientId(db);
  if (options.drop) {
    // Spread over the entities like a skipped page would be: every n-th attendance and trainee.
    const attendance = await db.attendance.toCollection().primaryKeys();
    const step = Math.max(1, Math.floor(attendance.length / options.drop));
    await db.attendance.bulkDelete(
      attendance.filter((_, i) => i % step === 0).slice(0, options.drop),
    );
  }
  stats.waitingMs = 0;
  stats.requests = 0;
  stats.bytes = 0;
  const start = performance.now();
  const check = await checkCompleteness({
    api: engine.api,
    db,
    token,
    clientId,
    now: () => new Date(),
  });
  const ms = performance.now() - start;
  const records = await countRecords(db);
  engine.stop();
  db.close();
  return {
    ms,
    outcome: check?.outcome ?? 'none',
    repaired: check?.repaired ?? 0,
    records,
    waitingMs: stats.waitingMs,
    requests: stats.requests,
    bytes: stats.bytes,
  };
}

Object.assign(window, {
  syncBench: { download, holdRecordedRecords, writeDirect, pushQueued, checkAgain },
});
document.title = 'sync-bench-ready';
