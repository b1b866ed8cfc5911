/**
 * The one loader of what lives on the server only (conflicts, duplicates, a record's history,
 * users, the audit log, devices): screens that fetch it and say "needs a connection" when the
 * phone is offline. Before, each screen kept its own `useState` trio (data, problem, loading)
 * and its own try/catch; they drifted (one cleared the list on a retry, one did not; one told
 * offline from a server refusal, one did not). Here the states are named once:
 *
 * - `idle`: not asked (signed out, a role the screen is not for, or loaded on demand and not
 *   asked yet);
 * - `loading`: the request is out; `data` is the previous answer on a reload of the same thing
 *   (so a list does not blink away while it refreshes), absent on a first load;
 * - `offline` / `error`: the request failed (`failure` says why: toSyncFailure); `data` is the
 *   previous answer, kept so what was shown stays shown under the problem;
 * - `ready`: the answer.
 *
 * A new `fetcher` (another account, another filter) is a new resource: its first load starts
 * without data. `reload()` asks the same fetcher again and keeps what is shown meanwhile.
 * Answers to an older fetcher, or to an older reload, are dropped.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { toSyncFailure, type SyncFailure } from '../../sync';

export type OnlineLoad<T> =
  | { status: 'idle' }
  | { status: 'loading'; data?: T }
  | { status: 'offline' | 'error'; failure: SyncFailure; data?: T }
  | { status: 'ready'; data: T };

export interface OnlineResource<T> {
  load: OnlineLoad<T>;
  /** The answer shown: the current one, or the last one under a reload or a failure. */
  data: T | undefined;
  /** The failure of the last request, or null. */
  failure: SyncFailure | null;
  /** Asks again (a retry, after a change the answer depends on); keeps `data` meanwhile. */
  reload: () => Promise<void>;
  /** Changes the answer shown without asking the server (an item resolved, a page appended). */
  update: (change: (data: T) => T) => void;
}

export interface OnlineResourceOptions {
  /** Load at once (default) or only when `reload()` is first called (a "show" button). */
  eager?: boolean;
}

/** `fetcher`: null while it cannot be asked (signed out, not allowed): the load stays idle. */
export function useOnlineResource<T>(
  fetcher: (() => Promise<T>) | null,
  { eager = true }: OnlineResourceOptions = {},
): OnlineResource<T> {
  const [load, setLoad] = useState<OnlineLoad<T>>(
    fetcher && eager ? { status: 'loading' } : { status: 'idle' },
  );
  const generation = useRef(0);
  const current = useRef(fetcher);

  const run = useCallback(
    async (keep: boolean) => {
      const mine = ++generation.current;
      // A run with this fetcher makes it the current one: the effect below must not take a tap
      // that came before it ran (right after the fetcher arrived) for a change, and drop its answer.
      current.current = fetcher;
      if (!fetcher) {
        setLoad({ status: 'idle' });
        return;
      }
      setLoad((l) => {
        const data = keep && 'data' in l ? l.data : undefined;
        return data === undefined ? { status: 'loading' } : { status: 'loading', data };
      });
      try {
        const data = await fetcher();
        if (mine === generation.current) setLoad({ status: 'ready', data });
      } catch (error) {
        if (mine !== generation.current) return;
        const failure = toSyncFailure(error);
        setLoad((l) => {
          const data = 'data' in l ? l.data : undefined;
          const status = failure.kind === 'offline' ? 'offline' : 'error';
          return data === undefined ? { status, failure } : { status, failure, data };
        });
      }
    },
    [fetcher],
  );

  useEffect(() => {
    const changed = current.current !== fetcher;
    current.current = fetcher;
    if (eager) void run(false);
    else if (changed) {
      generation.current += 1;
      setLoad({ status: 'idle' });
    }
  }, [run, eager, fetcher]);

  const reload = useCallback(() => run(true), [run]);
  const update = useCallback((change: (data: T) => T) => {
    setLoad((l) => ('data' in l && l.data !== undefined ? { ...l, data: change(l.data) } : l));
  }, []);

  return {
    load,
    data: 'data' in load ? load.data : undefined,
    failure: load.status === 'offline' || load.status === 'error' ? load.failure : null,
    reload,
    update,
  };
}
