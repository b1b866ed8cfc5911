/**
 * The engine's promises, each against a scripted server so the failure is exact: the outbox goes
 * out in batches the server accepts and leaves only when a pull confirms it; a 401 or a too-old
 * app stops syncing but keeps every waiting change; a dropped connection backs off and keeps
 * them too; resetRequired pushes first and then downloads again without losing local work; a
 * refused change is kept where the user can read it. (The same engine against the real server
 * is in tests/integration.)
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { saveRecord } from '../actions';
import {
  createDatabase,
  listOutbox,
  listRejected,
  readPullCursor,
  readSession,
  writeSession,
  type CundianDb,
} from '../db';
import type { Change, Mutation, User } from '../domain/protocol';
import { newServicePointFields } from '../domain/servicePoint';
import { SyncEngine } from './engine';
import { createSyncStore, type SyncStore } from './store';

const officer: User = {
  id: 'u-officer',
  username: 'officer',
  displayName: '王干事',
  role: 'officer',
  scope: { level: 'township', code: '330127101' },
};

interface Call {
  path: string;
  body: Record<string, unknown> | null;
  auth: string | null;
}

type Handler = (call: Call) => { status?: number; body: unknown } | 'drop';

/** A scripted server: each test says what each route answers. */
function scriptedFetch(handler: Handler) {
  const calls: Call[] = [];
  const fetch = async (url: string, init: RequestInit) => {
    const path = new URL(url, 'http://test').pathname;
    const headers = init.headers as Record<string, string>;
    const call: Call = {
      path,
      body: init.body ? (JSON.parse(String(init.body)) as Record<string, unknown>) : null,
      auth: headers.authorization ?? null,
    };
    calls.push(call);
    const answer = handler(call);
    if (answer === 'drop') throw new TypeError('Failed to fetch');
    return new Response(JSON.stringify(answer.body), {
      status: answer.status ?? 200,
      headers: { 'content-type': 'application/json' },
    });
  };
  return { fetch, calls };
}

const fields = (name: string) => ({
  ...newServicePointFields('2026-03-01'),
  regionCode: '330127101201',
  name,
});

function row(id: string, version: number, name: string): Change {
  return {
    entity: 'servicePoint',
    id,
    version,
    deleted: false,
    data: { ...fields(name), id, version, updatedAt: null, updatedBy: 'x', deleted: false },
  };
}

/** Acknowledges every pushed mutation; pull answers from `pages` by cursor. */
function simpleServer(options: {
  pages?: Record<string, { changes: Change[]; next: string; hasMore: boolean }>;
  reject?: (m: Mutation) => boolean;
}) {
  let lastMutationId = 0;
  const pushed: Mutation[] = [];
  const handler: Handler = (call) => {
    if (call.path === '/api/me') return { body: { user: officer } };
    if (call.path === '/api/sync/push') {
      const mutations = call.body!.mutations as Mutation[];
      pushed.push(...mutations);
      const results = mutations.map((m) =>
        options.reject?.(m)
          ? { mutationId: m.mutationId, status: 'rejected', reason: 'invalid' }
          : { mutationId: m.mutationId, status: 'applied' },
      );
      lastMutationId = Math.max(lastMutationId, ...mutations.map((m) => m.mutationId));
      return { body: { results, lastMutationId } };
    }
    if (call.path === '/api/sync/pull') {
      const cursor = (call.body!.cursor as string | null) ?? 'start';
      const page = options.pages?.[cursor] ?? { changes: [], next: cursor, hasMore: false };
      return {
        body: { changes: page.changes, cursor: page.next, hasMore: page.hasMore, lastMutationId },
      };
    }
    return { status: 404, body: { error: 'notFound', message: 'no route' } };
  };
  return { handler, pushed };
}

let db: CundianDb;
let store: SyncStore;
let n = 0;

beforeEach(async () => {
  n += 1;
  db = createDatabase(`engine-test-${Date.now()}-${n}`);
  store = createSyncStore();
  await writeSession({ token: 'tok', user: officer, loggedInAt: '2026-03-01T00:00:00Z' }, db);
});
afterEach(async () => {
  vi.unstubAllGlobals();
  db.close();
  await db.delete();
});

function engineWith(fetch: ReturnType<typeof scriptedFetch>['fetch'], extra = {}) {
  return new SyncEngine({ db, store, fetch, baseUrl: 'http://test', random: () => 0.5, ...extra });
}

describe('a sync run', () => {
  it('pushes the outbox in batches, then pulls; the pull confirms and drops the entries', async () => {
    for (let i = 0; i < 5; i++) await saveRecord('servicePoint', null, fields(`点${i}`), db);
    const server = simpleServer({});
    const { fetch, calls } = scriptedFetch(server.handler);
    const engine = engineWith(fetch, { pushBatchSize: 2 });

    expect(await engine.sync()).toBe('synced');
    const pushes = calls.filter((c) => c.path === '/api/sync/push');
    expect(pushes.map((c) => (c.body!.mutations as unknown[]).length)).toEqual([2, 2, 1]);
    expect(pushes.every((c) => c.auth === 'Bearer tok')).toBe(true);
    expect(pushes[0]!.body).toMatchObject({ protocolVersion: 1, schemaVersion: 2 });
    expect(server.pushed.map((m) => m.mutationId)).toEqual([1, 2, 3, 4, 5]);
    expect(await listOutbox(db)).toEqual([]);
    expect(store.getState()).toMatchObject({ phase: 'idle', lastError: null, blocked: null });
    expect(store.getState().lastSyncedAt).not.toBeNull();
  });

  it('downloads every page of a first download and keeps its cursor', async () => {
    const ids = ['a', 'b', 'c'].map((c) => `01900000-0000-7000-8000-00000000000${c}`);
    const server = simpleServer({
      pages: {
        start: {
          changes: [row(ids[0]!, 1, '甲'), row(ids[1]!, 1, '乙')],
          next: 'p2',
          hasMore: true,
        },
        p2: { changes: [row(ids[2]!, 1, '丙')], next: 'p3', hasMore: false },
      },
    });
    const { fetch, calls } = scriptedFetch(server.handler);
    const progress: number[] = [];
    store.subscribe((s) => s.download && progress.push(s.download.received));
    expect(await engineWith(fetch).sync()).toBe('synced');
    expect(await db.servicePoints.count()).toBe(3);
    expect(await readPullCursor(db)).toBe('p3');
    expect(calls.filter((c) => c.path === '/api/sync/pull').map((c) => c.body!.cursor)).toEqual([
      null,
      'p2',
    ]);
    expect(progress).toContain(3);
  });

  it('keeps the outbox and asks to log in again on 401', async () => {
    await saveRecord('servicePoint', null, fields('离线登记'), db);
    const { fetch } = scriptedFetch((call) =>
      call.path === '/api/me'
        ? { body: { user: officer } }
        : { status: 401, body: { error: 'unauthorized', message: 'session expired' } },
    );
    expect(await engineWith(fetch).sync()).toBe('blocked');
    expect(await listOutbox(db)).toHaveLength(1);
    expect(store.getState().blocked).toBe('unauthorized');
    const session = await readSession(db);
    expect(session).toMatchObject({ token: null, user: { username: 'officer' } });
  });

  it('keeps the outbox and stops on "update the app" (426 clientTooOld)', async () => {
    await saveRecord('servicePoint', null, fields('离线登记'), db);
    const { fetch, calls } = scriptedFetch(() => ({
      status: 426,
      body: {
        error: 'clientTooOld',
        message: 'Update the app',
        messages: { 'zh-CN': '请更新应用', en: 'Update the app' },
      },
    }));
    const engine = engineWith(fetch);
    expect(await engine.sync()).toBe('blocked');
    expect(store.getState()).toMatchObject({
      blocked: 'clientTooOld',
      lastError: { kind: 'clientTooOld', messages: { 'zh-CN': '请更新应用' } },
    });
    expect(await listOutbox(db)).toHaveLength(1);
    // The timer does not hammer the server with a request it will refuse.
    const before = calls.length;
    expect(await engine.sync('timer')).toBe('blocked');
    expect(calls.length).toBe(before);
  });

  it('backs off and keeps everything when the network drops', async () => {
    await saveRecord('servicePoint', null, fields('离线登记'), db);
    const { fetch } = scriptedFetch(() => 'drop');
    const engine = engineWith(fetch);
    expect(await engine.sync()).toBe('failed');
    expect(await engine.sync()).toBe('failed');
    expect(store.getState()).toMatchObject({
      phase: 'error',
      failures: 2,
      lastError: { kind: 'offline' },
    });
    expect(await listOutbox(db)).toHaveLength(1);
  });

  it('on resetRequired pushes first, then downloads again keeping rows with waiting changes', async () => {
    const kept = '01900000-0000-7000-8000-0000000000a1';
    const gone = '01900000-0000-7000-8000-0000000000a2';
    let reset = false;
    const base = simpleServer({
      pages: {
        start: {
          changes: [row(kept, 1, '保留'), row(gone, 1, '已删')],
          next: 'p1',
          hasMore: false,
        },
      },
    });
    const { fetch, calls } = scriptedFetch((call) => {
      if (call.path === '/api/sync/pull' && reset) {
        if (call.body!.cursor !== null) return { body: { resetRequired: true } };
        return {
          body: {
            changes: [row(kept, 2, '保留')],
            cursor: 'r1',
            hasMore: false,
            lastMutationId: 0,
          },
        };
      }
      return base.handler(call);
    });
    const engine = engineWith(fetch);
    await engine.sync();
    const { id: offline } = await saveRecord('servicePoint', null, fields('离线新建'), db);
    reset = true;
    // The server "forgets" the push so the new point stays pending through the reset.
    const pushes = calls.length;
    expect(await engine.sync()).toBe('synced');
    const order = calls.slice(pushes).map((c) => c.path);
    expect(order.indexOf('/api/sync/push')).toBeLessThan(order.indexOf('/api/sync/pull'));
    expect(await db.servicePoints.get(kept)).toMatchObject({ version: 2 });
    expect(await db.servicePoints.get(gone)).toBeUndefined();
    expect(await readPullCursor(db)).toBe('r1');
    // Pushed and confirmed by the pull's lastMutationId: the server has it.
    expect(base.pushed.some((m) => m.recordId === offline)).toBe(true);
  });

  it('keeps a refused change with its reason and carries on with the others', async () => {
    await saveRecord('servicePoint', null, fields('会被拒绝'), db);
    await saveRecord('servicePoint', null, fields('正常'), db);
    const server = simpleServer({ reject: (m) => m.mutationId === 1 });
    const { fetch } = scriptedFetch(server.handler);
    expect(await engineWith(fetch).sync()).toBe('synced');
    const rejected = await listRejected(db);
    expect(rejected.map((r) => [r.mutationId, r.reason])).toEqual([[1, 'invalid']]);
    expect(await listOutbox(db)).toEqual([]);
  });

  it('runs one sync at a time and goes round again for a change made meanwhile', async () => {
    const server = simpleServer({});
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { fetch, calls } = scriptedFetch(server.handler);
    const slowFetch = async (url: string, init: RequestInit) => {
      await gate;
      return fetch(url, init);
    };
    const engine = engineWith(slowFetch);
    const first = engine.sync();
    const second = engine.sync();
    release();
    expect(await first).toBe('synced');
    expect(await second).toBe('synced');
    // me, push? (empty outbox: none), pull — twice (the second call went round once more).
    expect(calls.filter((c) => c.path === '/api/sync/pull')).toHaveLength(2);
  });

  it('skips when another tab holds the sync lock', async () => {
    const { fetch, calls } = scriptedFetch(simpleServer({}).handler);
    vi.stubGlobal('navigator', {
      ...navigator,
      locks: {
        request: async (
          _name: string,
          options: { ifAvailable?: boolean },
          fn: (lock: unknown) => Promise<unknown>,
        ) => fn(options.ifAvailable ? null : {}),
      },
    });
    expect(await engineWith(fetch).sync()).toBe('busy');
    expect(calls).toHaveLength(0);
  });

  it('syncs shortly after a local write', async () => {
    const server = simpleServer({});
    const { fetch } = scriptedFetch(server.handler);
    const engine = engineWith(fetch, { localWriteDelayMs: 20 });
    engine.start();
    await engine.idle();
    await saveRecord('servicePoint', null, fields('刚保存'), db);
    await vi.waitFor(() => expect(server.pushed).toHaveLength(1), { timeout: 2000 });
    engine.stop();
  });
});

describe('login and logout', () => {
  it("refuses another user's login while the previous user's changes wait", async () => {
    await saveRecord('servicePoint', null, fields('王干事的修改'), db);
    const coordinator: User = { ...officer, id: 'u-coord', username: 'coordinator' };
    const { fetch } = scriptedFetch((call) =>
      call.path === '/api/auth/login'
        ? { body: { token: 'tok2', user: coordinator } }
        : { body: {} },
    );
    const result = await engineWith(fetch).login('coordinator', 'demo-2026');
    expect(result).toMatchObject({ ok: false, otherUserPending: { user: { id: 'u-officer' } } });
    expect(await listOutbox(db)).toHaveLength(1);
    expect((await readSession(db))?.user.id).toBe('u-officer');
  });

  it('refuses to log out over unsynced changes unless told to discard them', async () => {
    await saveRecord('servicePoint', null, fields('未同步'), db);
    const { fetch, calls } = scriptedFetch(() => ({ body: {} }));
    const engine = engineWith(fetch);
    expect(await engine.logout()).toMatchObject({ ok: false, unsynced: { outbox: 1 } });
    expect(await listOutbox(db)).toHaveLength(1);
    expect(await engine.logout({ discardUnsynced: true })).toEqual({ ok: true });
    expect(await listOutbox(db)).toHaveLength(0);
    expect(await db.servicePoints.count()).toBe(0);
    expect(await readSession(db)).toBeNull();
    expect(calls.map((c) => c.path)).toContain('/api/auth/logout');
    expect(store.getState().blocked).toBe('loggedOut');
  });

  it('explains a failed login in the server’s words (e.g. the 15-minute lockout)', async () => {
    const { fetch } = scriptedFetch(() => ({
      status: 429,
      body: {
        error: 'locked',
        message: 'Too many attempts: wait 15 minutes',
        messages: { 'zh-CN': '尝试次数过多，请 15 分钟后再试', en: 'Too many attempts' },
      },
    }));
    const result = await engineWith(fetch).login('officer', 'wrong');
    expect(result.ok).toBe(false);
    if (!result.ok && 'failure' in result) {
      expect(result.failure.messages?.['zh-CN']).toContain('15 分钟');
    }
  });
});
