/**
 * The first screens' live reads without Dexie in their chunks (live.ts): a hook starts from the
 * answer read first, subscribes once Dexie's module has loaded, and from then on follows the
 * database as dexie-react-hooks' useLiveQuery did — a write after the first render shows up. And
 * the start page's and the list's modules reach Dexie only through that lazy import.
 */
import { readFileSync, existsSync, statSync } from 'node:fs';
import { dirname, resolve, relative } from 'node:path';
import { act, renderHook, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { saveRecord } from '../actions';
import { newServicePointFields } from '../domain/servicePoint';
import { readSessionFirst, writeLastSyncedAt, writeSession } from './index';
import { freshDatabase } from '../test-support/database';
import {
  heldLoader,
  keepAnswer,
  loadLiveSource,
  useKeptAnswer,
  useLastSyncedAt,
  useLiveRead,
  useNewestRecords,
  useSession,
} from './live';
import { firstAnswers } from './firstAnswerStore';
import type { StoredSession } from './sync-state';

const session = (name: string): StoredSession =>
  ({
    token: 't',
    user: { id: 'u1', username: 'wang', displayName: name, role: 'admin', scope: { code: '3301' } },
  }) as unknown as StoredSession;

beforeEach(() => {
  freshDatabase('live');
});

describe('live reads with Dexie loaded after the first render', () => {
  it('start from the answer read first, then follow a write made after the first render', async () => {
    await writeSession(session('王芳'));
    await readSessionFirst();

    const renders: (string | undefined)[] = [];
    const hook = renderHook(() => {
      const value = useSession();
      renders.push(value?.user.displayName);
      return value;
    });
    expect(renders[0]).toBe('王芳');

    await act(() => writeSession(session('李强')));
    await waitFor(() => expect(hook.result.current?.user.displayName).toBe('李强'));
  });

  it('without a first answer: undefined first, then the row, then each later write', async () => {
    const hook = renderHook(() => useLastSyncedAt());
    expect(hook.result.current).toBeUndefined();
    await waitFor(() => expect(hook.result.current).toBeNull());
    await act(() => writeLastSyncedAt('2026-07-01T09:00:00.000Z'));
    await waitFor(() => expect(hook.result.current).toBe('2026-07-01T09:00:00.000Z'));
  });

  it("the screens' writes load Dexie themselves and the hooks see them", async () => {
    const hook = renderHook(() => useKeptAnswer<string>('areaName:330127'));
    await waitFor(() => expect(hook.result.current).toBeNull());
    await act(() => keepAnswer('areaName:330127', '淳安县'));
    await waitFor(() => expect(hook.result.current?.value).toBe('淳安县'));
  });

  it('follow new deps: the newest page, and a record saved after the first render', async () => {
    const idOf = (i: number) => `01900000-0000-7000-8000-${String(i).padStart(12, '0')}`;
    const save = (i: number) =>
      saveRecord('servicePoint', idOf(i), {
        ...newServicePointFields('2026-03-01'),
        regionCode: '330127101201',
        name: `点${i}`,
      });
    await save(1);
    await save(2);
    const hook = renderHook(({ limit }) => useNewestRecords('servicePoint', limit), {
      initialProps: { limit: 1 },
    });
    await waitFor(() => expect(hook.result.current?.rows.map((r) => r.name)).toEqual(['点2']));
    hook.rerender({ limit: 2 });
    await waitFor(() =>
      expect(hook.result.current?.rows.map((r) => r.name)).toEqual(['点2', '点1']),
    );
    await act(() => save(3));
    await waitFor(() =>
      expect(hook.result.current).toMatchObject({
        rows: [{ name: '点3' }, { name: '点2' }],
        total: 3,
      }),
    );
  });

  it("throw a failed read in render, for the screen's error boundary", async () => {
    const errors: unknown[] = [];
    const hook = renderHook(() => {
      try {
        return useLiveRead('', () => Promise.reject(new Error('读不到')), []);
      } catch (error) {
        errors.push(error);
        return 'thrown';
      }
    });
    await waitFor(() => expect(hook.result.current).toBe('thrown'));
    expect(String(errors[0])).toContain('读不到');
  });

  it('starting from a first answer, subscribe a task after the next frame, not in the effects task', async () => {
    // The frames are the test's: none comes until it says so.
    const frames: FrameRequestCallback[] = [];
    vi.stubGlobal('requestAnimationFrame', (run: FrameRequestCallback) => frames.push(run));
    vi.stubGlobal('cancelAnimationFrame', () => undefined);
    try {
      const calls = { first: 0, none: 0 };
      firstAnswers.set('probe:first', 'read first');
      await loadLiveSource(); // Dexie's module already loaded: only the waiting is tested
      const first = renderHook(() => useLiveRead('probe:first', () => (calls.first++, 'live'), []));
      const none = renderHook(() => useLiveRead('probe:none', () => (calls.none++, 'live'), []));
      expect(first.result.current).toBe('read first');
      await waitFor(() => expect(none.result.current).toBe('live'));
      expect(calls.first).toBe(0);
      expect(first.result.current).toBe('read first');
      act(() => frames.splice(0).forEach((run) => run(performance.now())));
      await waitFor(() => expect(first.result.current).toBe('live'));
      expect(calls.first).toBeGreaterThan(0);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('do not start from an answer dropped by a write', async () => {
    firstAnswers.set('lastSyncedAt', 'stale');
    firstAnswers.clear(); // what firstAnswers.ts does on Dexie's storagemutated
    const hook = renderHook(() => useLastSyncedAt());
    expect(hook.result.current).toBeUndefined();
    await waitFor(() => expect(hook.result.current).toBeNull());
  });
});

/** The modules `file` imports statically (not `import type`, not `import()`), transitively. */
function staticImports(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const source = readFileSync(file, 'utf8');
  for (const match of source.matchAll(
    /^\s*(?:import|export)\s+(?!type\b)(?:[^'"]*?from\s+)?['"]([^'"]+)['"]/gm,
  )) {
    const spec = match[1]!;
    if (!spec.startsWith('.')) {
      seen.add(spec);
      continue;
    }
    const base = resolve(dirname(file), spec);
    const found = [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`].find(
      (candidate) => existsSync(candidate) && statSync(candidate).isFile(),
    );
    if (found) staticImports(found, seen);
  }
  return seen;
}

/** A few tasks: long enough for an unheld load (a resolved promise) to have run. */
async function someTasks(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

describe("Dexie's load held for a first screen's own work (holdLiveSource: the map)", () => {
  it('waits for the hold, then loads once', async () => {
    let loads = 0;
    const loader = heldLoader(async () => ++loads);
    let settle = () => undefined as void;
    loader.hold(new Promise<void>((resolve) => (settle = resolve)), 60_000);
    const first = loader.load();
    const second = loader.load();
    await someTasks();
    expect(loads).toBe(0);
    settle();
    expect(await first).toBe(1);
    expect(await second).toBe(1);
    expect(loads).toBe(1);
  });

  it('a rejected hold, the limit or the release end the wait too', async () => {
    for (const end of ['rejected', 'limit', 'release'] as const) {
      let loads = 0;
      const loader = heldLoader(async () => ++loads);
      const release = loader.hold(
        end === 'rejected' ? Promise.reject(new Error('the map failed')) : new Promise(() => {}),
        end === 'limit' ? 1 : 60_000,
      );
      if (end === 'release') release();
      expect(await loader.load()).toBe(1);
    }
  });

  it('holds nothing once loading has begun, and tries a failed load again', async () => {
    let loads = 0;
    const loader = heldLoader(async () => {
      loads += 1;
      if (loads === 1) throw new Error('offline');
      return loads;
    });
    await expect(loader.load()).rejects.toThrow('offline');
    expect(await loader.load()).toBe(2);
    loader.hold(new Promise(() => {}), 60_000);
    expect(await loader.load()).toBe(2);
  });
});

describe("the start page's and the list's chunks", () => {
  it.each([
    'src/features/dashboard/DashboardScreen.tsx',
    'src/features/service-points/ServicePointsScreen.tsx',
  ])('%s reaches Dexie only through a lazy import', (screen) => {
    const root = resolve(__dirname, '../..');
    const reached = staticImports(resolve(root, screen));
    const dexie = [...reached].filter((m) => m === 'dexie' || m.startsWith('dexie-'));
    const dexieModules = [...reached]
      .filter((m) => m.startsWith('/') && /from ['"]dexie/.test(readFileSync(m, 'utf8')))
      .map((m) => relative(root, m));
    expect({ dexie, dexieModules }).toEqual({ dexie: [], dexieModules: [] });
  });
});
