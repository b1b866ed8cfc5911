/**
 * The first screens' live reads WITHOUT Dexie in their module graph (docs/PERFORMANCE.md, ninth
 * session): each hook starts from the answer read before the first render (firstAnswerStore.ts,
 * filled by rawFirst.ts or dexieFirstReader.ts) and subscribes to its Dexie live query once
 * `import('./liveSource')` has resolved — the same answers as dexie-react-hooks' useLiveQuery,
 * with Dexie's chunk loaded after the screen's first render instead of before its chunk could run.
 * The writes the screens make from their effects load Dexie the same way.
 *
 * Nothing here imports Dexie (only liveSource.ts, loaded lazily): a screen that imports its reads
 * from here, and nothing else of src/db but rawFirst.ts and types, evaluates without Dexie.
 */
import { useEffect, useMemo, useReducer, useRef } from 'react';
import type { EntityName, EntityRecord } from '../domain/entities';
import { afterNextFrame } from './afterFrame';
import { firstAnswers } from './firstAnswerStore';
import type { KeptAnswer } from './kept';
import type { PaceSummary } from './notices';
import type { NewestPage } from './queries';
import type { CountedFigures, CountedState, KeptCodec, KeptDerivation } from './stamp';
import type { RejectedEntry, StoredSession } from './sync-state';
import type * as LiveSource from './liveSource';

export type { KeptAnswer, PaceSummary, RejectedEntry, StoredSession };

type Source = typeof LiveSource;

/**
 * A module loaded once, on the first `load()`, after whatever `hold` asked it to wait for: how
 * Dexie's chunk loads (loadLiveSource, holdLiveSource below). A failed load is tried again next
 * time.
 */
export function heldLoader<T>(loadModule: () => Promise<T>) {
  let loaded: Promise<T> | undefined;
  let held: Promise<void> | undefined;
  let releaseHeld = () => undefined as void;
  return {
    load(): Promise<T> {
      loaded ??= (held ?? Promise.resolve()).then(loadModule).catch((error: unknown) => {
        loaded = undefined; // a chunk that failed to load is tried again next time
        throw error;
      });
      return loaded;
    },
    /**
     * The first load waits until `until` settles, `limitMs` has passed or the returned release is
     * called, whichever comes first. Nothing is held once loading has begun.
     */
    hold(until: Promise<unknown>, limitMs: number): () => void {
      if (loaded) return () => undefined;
      let release = () => undefined as void;
      const released = new Promise<void>((resolve) => (release = resolve));
      const timer = setTimeout(release, limitMs);
      until.then(release, release);
      held = released.then(() => clearTimeout(timer));
      releaseHeld = release;
      return release;
    },
    /** Ends any hold now (what waits for it goes on). */
    release(): void {
      releaseHeld();
    },
  };
}

const liveSource = heldLoader<Source>(() => import('./liveSource'));

/** Dexie and the reads, loaded once (the first hook that subscribes or the first write). */
export function loadLiveSource(): Promise<Source> {
  return liveSource.load();
}

/**
 * Dexie's chunk and open wait until `until` settles, or `limitMs` at most: for a first screen
 * whose first answers are already read (rawFirst.ts) and whose own work comes first — the map's
 * first markers (docs/PERFORMANCE.md, eleventh session): Dexie's chunk and open came between its
 * figures and Leaflet's map otherwise. The hooks show their first answers meanwhile; their live
 * queries and the writes start after. Returns the release (at once).
 */
export function holdLiveSource(until: Promise<unknown>, limitMs: number): () => void {
  return liveSource.hold(until, limitMs);
}

/**
 * Ends any hold of Dexie's load now. Tests: a file's held writes and reads run within that file,
 * not in the next one's database (tests/settle-imports.ts).
 */
export function releaseLiveSourceHold(): void {
  liveSource.release();
}

/**
 * useLiveQuery (dexie-react-hooks) with Dexie loaded lazily: starts from the answer read first
 * under `key` (if any, and nothing changed since — firstAnswers.ts drops them on any write), then
 * follows `querier`'s live query. Like useLiveQuery: the previous answer stays while new `deps`
 * are read; an error is thrown in render for the screen's error boundary.
 */
export function useLiveRead<T>(
  key: string,
  querier: (source: Source) => Promise<T> | T,
  deps: unknown[],
): T | undefined {
  const monitor = useRef<{ result: T | undefined; error: unknown } | null>(null);
  monitor.current ??= {
    result: key ? (firstAnswers.get(key) as T | undefined) : undefined,
    error: null,
  };
  const [, update] = useReducer((n: number) => n + 1, 0);
  // Whether the screen's first frame shows a first answer: then nothing is missing on screen
  // and the subscription (Dexie's chunk: three module requests, ~25 ms of a slow phone's main
  // thread) waits a task after that frame instead of running in the effects' task right after
  // it. Nothing is missed meanwhile: the live query's first answer is the database as it is then.
  const fromFirstAnswer = useRef(monitor.current.result !== undefined);
  useEffect(() => {
    const current = monitor.current!;
    let stopped = false;
    let subscription: { unsubscribe(): void } | undefined;
    const fail = (error: unknown) => {
      if (stopped || current.error === error) return;
      current.error = error;
      update();
    };
    const follow = () =>
      loadLiveSource().then((loaded) => {
        if (stopped) return;
        subscription = loaded
          .liveQuery(() => querier(loaded))
          .subscribe({
            next: (value) => {
              if (current.error !== null || current.result !== value) {
                current.error = null;
                current.result = value;
                update();
              }
            },
            error: fail,
          });
      }, fail);
    const waiting = fromFirstAnswer.current ? afterNextFrame(() => void follow()) : undefined;
    fromFirstAnswer.current = false; // new deps later: follow at once
    if (!waiting) void follow();
    return () => {
      stopped = true;
      waiting?.();
      subscription?.unsubscribe();
    };
    // The deps are the caller's, as useLiveQuery's.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  if (monitor.current.error) throw monitor.current.error;
  return monitor.current.result;
}

export function useSession(): StoredSession | null | undefined {
  return useLiveRead('session', (s) => s.readSession(), []);
}

export function useLastSyncedAt(): string | null | undefined {
  return useLiveRead('lastSyncedAt', (s) => s.readLastSyncedAt(), []);
}

export function useRejected(): RejectedEntry[] | undefined {
  return useLiveRead('rejected', (s) => s.listRejected(), []);
}

export function useKeptAnswer<T>(key: string): KeptAnswer<T> | null | undefined {
  return useLiveRead(`kept:${key}`, (s) => s.readKeptAnswer<T>(key), [key]);
}

export function usePaceSummary(): PaceSummary | null | undefined {
  return useLiveRead('paceSummary', (s) => s.readPaceSummary(), []);
}

/** All live records of `entity`, following the database; undefined while loading or disabled. */
export function useRecords<E extends EntityName>(
  entity: E,
  enabled = true,
): EntityRecord<E>[] | undefined {
  return useLiveRead('', (s) => (enabled ? s.listRecords(entity) : undefined), [entity, enabled]);
}

/** The newest `limit` live records and the count of all (queries.ts, newestRecords). */
export function useNewestRecords<E extends EntityName>(
  entity: E,
  limit: number,
  enabled = true,
): NewestPage<E> | undefined {
  return useLiveRead(
    enabled ? `newest:${entity}:${limit}` : '',
    (s) => (enabled ? s.newestRecords(entity, limit) : undefined),
    [entity, limit, enabled],
  );
}

export function useCountedFigures<T>(name: string): CountedState<T> | undefined {
  const read = useLiveRead(`counted:${name}`, (s) => s.readCountedFigures<T>(name), [name]);
  // Until the live query has answered for THIS name nothing is known: for a moment after `name`
  // changes it still holds the previous name's row (the board showed the last year's figures).
  return read?.name === name ? read : undefined;
}

/**
 * The records of `entities` with their stamp, following the database — or undefined while
 * `enabled` is false (a screen whose kept figures are current reads no record at all).
 */
export function useRecordsWithStamp<E extends EntityName>(
  entities: readonly E[],
  enabled: boolean,
): { stamp: string | null; records: { [K in E]: EntityRecord<K>[] } } | undefined {
  return useLiveRead('', (s) => (enabled ? s.readRecordsWithStamp(entities) : undefined), [
    enabled,
    entities.join(),
  ]);
}

/** Every live record of `entity` (stamp.ts / queries.ts), Dexie loaded for it. */
export async function listRecords<E extends EntityName>(entity: E): Promise<EntityRecord<E>[]> {
  return (await loadLiveSource()).listRecords(entity);
}

/** kept.ts's keepAnswer, Dexie loaded for it. */
export async function keepAnswer<T>(key: string, value: T): Promise<void> {
  return (await loadLiveSource()).keepAnswer(key, value);
}

/** stamp.ts's keepCountedFigures, Dexie loaded for it. */
export async function keepCountedFigures<T>(
  name: string,
  figures: CountedFigures<T>,
): Promise<boolean> {
  return (await loadLiveSource()).keepCountedFigures(name, figures);
}

/** notices.ts's writePaceSummary, Dexie loaded for it. */
export async function writePaceSummary(summary: PaceSummary): Promise<void> {
  return (await loadLiveSource()).writePaceSummary(summary);
}

/**
 * A value derived from every record of `entities` (the board's facts, the map's points), kept on
 * the device with the records' stamp, so a cold start reads ONE row instead of 10,000 records
 * while nothing changed: the kept value is exactly what deriving again would give. When the stamp
 * or `inputs` moved, the records are read with their stamp in one transaction, `derive` runs (it
 * may be null while something else it needs is loading) and the result is kept again. The value
 * keeps its identity when the same derivation comes back from the kept row, so a screen does not
 * redo its work (a map re-clustering 10,000 points) when its own result is read back.
 *
 * `derive` must be stable (useCallback / module function) or the derivation reruns every render.
 * The name may change (a year switch): the previous name's kept row is never taken for the new
 * one (useCountedFigures) and the kept identity is keyed by name too.
 */
export function useKeptDerivation<E extends EntityName, T>(
  name: string,
  entities: readonly E[],
  inputs: string,
  derive: ((records: { [K in E]: EntityRecord<K>[] }) => T) | null,
  codec?: KeptCodec<T>,
): KeptDerivation<T> {
  const counted = useCountedFigures<unknown>(name);
  const kept = counted?.kept;
  const matches =
    counted !== undefined && kept != null && kept.stamp === counted.stamp && kept.inputs === inputs;
  const stale = counted !== undefined && !matches;
  const snapshot = useRecordsWithStamp(entities, stale);
  const fresh = useMemo(
    () =>
      snapshot && derive ? { value: derive(snapshot.records), stamp: snapshot.stamp } : undefined,
    [snapshot, derive],
  );
  const last = useRef<{ name: string; stamp: string | null; inputs: string; value: T } | null>(
    null,
  );
  const restored = useMemo(() => {
    if (!matches || !kept) return undefined;
    const previous = last.current;
    if (
      previous &&
      previous.name === name &&
      previous.stamp === kept.stamp &&
      previous.inputs === inputs
    ) {
      return previous.value;
    }
    return codec ? codec.restore(kept.value) : (kept.value as T);
    // `codec` is a module constant where given.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [matches, kept, inputs, name]);
  const value = fresh?.value ?? restored;
  const stamp = fresh ? fresh.stamp : (kept?.stamp ?? null);
  useEffect(() => {
    if (value !== undefined) last.current = { name, stamp, inputs, value };
  }, [value, stamp, inputs, name]);
  useEffect(() => {
    if (!fresh) return;
    // Not kept when a record changed while deriving (the stamp moved): the next read will be.
    keepCountedFigures(name, {
      value: codec ? codec.store(fresh.value) : fresh.value,
      stamp: fresh.stamp,
      inputs,
    }).catch(
      () => undefined, // a full phone: derived again next time
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fresh, inputs, name]);
  return { value, stale };
}
