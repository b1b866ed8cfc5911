/**
 * Watching the phone's storage before it is full (issue 13): once the browser says this site
 * uses ≥ 90 % of its quota, the status line says 存储空间快满了 with a tap to settings, while a
 * save can still succeed. Checked at start and after each sync (what a sync brings in is what
 * fills it), never on a timer: navigator.storage.estimate() is cheap, but not free.
 *
 * Also: persistent storage is asked for once after login (if the browser has not granted it yet),
 * beside the first-local-write ask of ./pwa/storage.ts — whichever comes first asks, once.
 */
import { useEffect, useState } from 'react';
import { useSyncState } from '../sync/store';
import { requestPersistentStorage, wasPersistAsked } from '../pwa/storage';

/** The share of the quota from which the status line warns. */
export const NEARLY_FULL_RATIO = 0.9;

export interface StoragePressure {
  nearlyFull: boolean;
  /** usage / quota, 0…1 (above 1 when the browser reports more than its quota). */
  ratio: number;
}

/** Pure: what an estimate means. Null when the browser gives no usable quota. */
export function storagePressure(
  estimate: { usage?: number | undefined; quota?: number | undefined } | null | undefined,
): StoragePressure | null {
  const usage = estimate?.usage;
  const quota = estimate?.quota;
  if (typeof usage !== 'number' || typeof quota !== 'number' || !(quota > 0) || usage < 0) {
    return null;
  }
  const ratio = usage / quota;
  return { nearlyFull: ratio >= NEARLY_FULL_RATIO, ratio };
}

async function estimateNow(): Promise<StoragePressure | null> {
  const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
  if (!storage?.estimate) return null;
  try {
    return storagePressure(await storage.estimate());
  } catch {
    return null;
  }
}

/** The storage pressure, read at mount and again after each finished sync. */
export function useStoragePressure(): StoragePressure | null {
  const lastSyncedAt = useSyncState((state) => state.lastSyncedAt);
  const [pressure, setPressure] = useState<StoragePressure | null>(null);
  useEffect(() => {
    let live = true;
    void estimateNow().then((next) => {
      if (live) setPressure(next);
    });
    return () => {
      live = false;
    };
  }, [lastSyncedAt]);
  return pressure;
}

/** Asks for persistent storage once a user is logged in, unless it was asked already. */
export function useAskPersistenceAfterLogin(loggedIn: boolean): void {
  useEffect(() => {
    if (loggedIn && !wasPersistAsked()) void requestPersistentStorage();
  }, [loggedIn]);
}
