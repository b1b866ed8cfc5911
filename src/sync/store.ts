/**
 * The sync engine's state for the screens: what it is doing, how far a first download has got,
 * when the last sync succeeded, and the last error with enough to say it in words. UI state only
 * (DESIGN.md §3): the pending count and the age of the oldest change come from live queries of
 * the outbox, never from here.
 */
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { BilingualMessage } from '../db';
import type { SyncFailureKind } from './api';

export type SyncPhase = 'idle' | 'pushing' | 'pulling' | 'error';

/**
 * Why the engine does not sync until someone acts: nobody has logged in, the server no longer
 * knows the session (log in again), this app version is too old (update it), or the device's
 * data belongs to another account.
 */
export type SyncBlock = 'loggedOut' | 'unauthorized' | 'clientTooOld' | 'otherUser';

export interface SyncProblem {
  kind: SyncFailureKind;
  /** The server's own words, when it sent them; otherwise the screens explain `kind`. */
  messages: BilingualMessage | null;
  status: number | null;
  code: string | null;
  /** Device time of the failure. */
  at: string;
}

export interface DownloadProgress {
  /** Records received so far. */
  received: number;
  /** How many there are likely to be in all; null when the server gives no hint. */
  estimate: number | null;
  /** True on a device's first download (and a full re-download), when the bar is shown. */
  full: boolean;
}

export interface SyncState {
  phase: SyncPhase;
  blocked: SyncBlock | null;
  lastError: SyncProblem | null;
  download: DownloadProgress | null;
  /** Device time of the last sync that finished without error. */
  lastSyncedAt: string | null;
  /** Consecutive failures (the backoff grows with it). */
  failures: number;
  /** Device time of the next automatic attempt, when one is planned. */
  nextAttemptAt: string | null;
}

export const INITIAL_SYNC_STATE: SyncState = {
  phase: 'idle',
  blocked: null,
  lastError: null,
  download: null,
  lastSyncedAt: null,
  failures: 0,
  nextAttemptAt: null,
};

export type SyncStore = StoreApi<SyncState>;

export function createSyncStore(): SyncStore {
  return createStore<SyncState>(() => ({ ...INITIAL_SYNC_STATE }));
}

/** The app's store (tests give each simulated device its own through createSyncStore). */
export const appSyncStore = createSyncStore();

export function useSyncState<T>(selector: (state: SyncState) => T): T {
  return useStore(appSyncStore, selector);
}
