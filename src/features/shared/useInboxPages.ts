/**
 * A review inbox that lives on the server (conflicts, likely duplicates) read a page at a time
 * (docs/PROTOCOL.md): the first page when the screen opens, the next one when the user asks
 * (加载更多), and the count of what still waits. An item the user resolves leaves the list and
 * the count at once, without asking the server again; the next page continues after the last id
 * shown, so resolving never makes it skip or repeat an item.
 *
 * Why pages: an inbox of junk once came to 232 MB in one answer; a phone on 2G must never load
 * more than the user is going to read.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { toSyncFailure, type InboxPage, type SyncFailure } from '../../sync';

export type InboxLoad<T> =
  | { status: 'idle' }
  | { status: 'loading' }
  | {
      status: 'ready';
      items: T[];
      /** The `after` of the next page; null when everything is shown. */
      next: string | null;
      /** Everything that waits on the server, the items shown included. */
      total: number;
      /** The next page: being asked for, or the last attempt failed (offline, …). */
      more: 'idle' | 'loading' | SyncFailure;
    }
  | { status: 'error'; failure: SyncFailure };

export interface InboxPages<T> {
  load: InboxLoad<T>;
  /** Loads the first page again (after an error, or when what waits may have changed). */
  refresh: () => Promise<void>;
  /** Loads the next page and appends it. */
  loadMore: () => Promise<void>;
  /** Drops a resolved item from the list and from the count. */
  remove: (id: number) => void;
}

/**
 * `fetchPage` asks for the page after `after` (null: the first); null while it cannot be asked
 * (signed out, a role that does not review): the load then stays 'idle'.
 */
export function useInboxPages<T extends { id: number }>(
  fetchPage: ((after: string | null) => Promise<InboxPage<T>>) | null,
): InboxPages<T> {
  const [load, setLoad] = useState<InboxLoad<T>>(
    fetchPage ? { status: 'loading' } : { status: 'idle' },
  );
  // Answers of an older fetchPage (another account, a refresh since) are dropped.
  const generation = useRef(0);

  const refresh = useCallback(async () => {
    const mine = ++generation.current;
    if (!fetchPage) {
      setLoad({ status: 'idle' });
      return;
    }
    setLoad({ status: 'loading' });
    try {
      const page = await fetchPage(null);
      if (mine === generation.current) {
        setLoad({
          status: 'ready',
          items: page.items,
          next: page.next,
          total: page.total,
          more: 'idle',
        });
      }
    } catch (error) {
      if (mine === generation.current) setLoad({ status: 'error', failure: toSyncFailure(error) });
    }
  }, [fetchPage]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const loadMore = useCallback(async () => {
    if (load.status !== 'ready' || load.next === null || load.more === 'loading' || !fetchPage) {
      return;
    }
    const mine = generation.current;
    const after = load.next;
    setLoad((l) => (l.status === 'ready' ? { ...l, more: 'loading' } : l));
    try {
      const page = await fetchPage(after);
      if (mine !== generation.current) return;
      setLoad((l) => {
        if (l.status !== 'ready') return l;
        const shown = new Set(l.items.map((item) => item.id));
        return {
          status: 'ready',
          items: [...l.items, ...page.items.filter((item) => !shown.has(item.id))],
          next: page.next,
          total: page.total,
          more: 'idle',
        };
      });
    } catch (error) {
      if (mine !== generation.current) return;
      setLoad((l) => (l.status === 'ready' ? { ...l, more: toSyncFailure(error) } : l));
    }
  }, [load, fetchPage]);

  // Every item shown was resolved and more wait: the next page comes without a tap.
  const emptied = load.status === 'ready' && load.items.length === 0 && load.next !== null;
  const idle = load.status === 'ready' && load.more === 'idle';
  useEffect(() => {
    if (emptied && idle) void loadMore();
  }, [emptied, idle, loadMore]);

  const remove = useCallback((id: number) => {
    setLoad((l) => {
      if (l.status !== 'ready' || !l.items.some((item) => item.id === id)) return l;
      return {
        ...l,
        items: l.items.filter((item) => item.id !== id),
        total: Math.max(0, l.total - 1),
      };
    });
  }, []);

  return { load, refresh, loadMore, remove };
}
