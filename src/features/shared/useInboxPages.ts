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
import { useCallback, useEffect, useRef } from 'react';
import { toSyncFailure, type InboxPage, type SyncFailure } from '../../sync';
import { useOnlineResource } from './useOnlineResource';

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

interface Shown<T> {
  items: T[];
  next: string | null;
  total: number;
  more: 'idle' | 'loading' | SyncFailure;
  /** Which first page these items continue: a next page of an older one is dropped. */
  epoch: number;
}

/**
 * `fetchPage` asks for the page after `after` (null: the first); null while it cannot be asked
 * (signed out, a role that does not review): the load then stays 'idle'. The first page is an
 * online resource like any other (useOnlineResource); the next ones are appended to it.
 */
export function useInboxPages<T extends { id: number }>(
  fetchPage: ((after: string | null) => Promise<InboxPage<T>>) | null,
): InboxPages<T> {
  const epochs = useRef(0);
  const first = useCallback(async (): Promise<Shown<T>> => {
    const epoch = ++epochs.current;
    const page = await fetchPage!(null);
    return { items: page.items, next: page.next, total: page.total, more: 'idle', epoch };
  }, [fetchPage]);
  const resource = useOnlineResource(fetchPage ? first : null);
  const { reload, update } = resource;
  const shown = resource.load.status === 'ready' ? resource.load.data : null;

  // A refresh shows the spinner again, as the first load does, and a failure hides the list.
  const load: InboxLoad<T> =
    resource.load.status === 'idle'
      ? { status: 'idle' }
      : resource.load.status === 'loading'
        ? { status: 'loading' }
        : resource.load.status === 'ready'
          ? { status: 'ready', ...resource.load.data }
          : { status: 'error', failure: resource.load.failure };

  const loadMore = useCallback(async () => {
    if (!shown || shown.next === null || shown.more === 'loading' || !fetchPage) return;
    const { epoch, next: after } = shown;
    const mine = (change: (s: Shown<T>) => Shown<T>) =>
      update((s) => (s.epoch === epoch ? change(s) : s));
    mine((s) => ({ ...s, more: 'loading' }));
    try {
      const page = await fetchPage(after);
      mine((s) => {
        const ids = new Set(s.items.map((item) => item.id));
        return {
          ...s,
          items: [...s.items, ...page.items.filter((item) => !ids.has(item.id))],
          next: page.next,
          total: page.total,
          more: 'idle',
        };
      });
    } catch (error) {
      mine((s) => ({ ...s, more: toSyncFailure(error) }));
    }
  }, [shown, fetchPage, update]);

  // Every item shown was resolved and more wait: the next page comes without a tap.
  const emptied = shown !== null && shown.items.length === 0 && shown.next !== null;
  const idle = shown !== null && shown.more === 'idle';
  useEffect(() => {
    if (emptied && idle) void loadMore();
  }, [emptied, idle, loadMore]);

  const remove = useCallback(
    (id: number) => {
      update((s) =>
        s.items.some((item) => item.id === id)
          ? {
              ...s,
              items: s.items.filter((item) => item.id !== id),
              total: Math.max(0, s.total - 1),
            }
          : s,
      );
    },
    [update],
  );

  return { load, refresh: reload, loadMore, remove };
}
