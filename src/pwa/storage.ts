/**
 * Keeping local data safe from the browser's storage eviction. Offline-first means the device
 * may hold the only copy of a week of work, so the app asks for persistent storage, but only
 * after the first real local write (asking on the first visit is refused by some browsers and
 * means nothing to a user who has not saved anything yet), and only once.
 * Also reports usage, quota and persistence for the settings screen.
 */
import { useCallback, useEffect, useState } from 'react';

/** The database layer dispatches this on window after every successful local write. */
export const LOCAL_WRITE_EVENT = 'cundian:local-write';
const PERSIST_ASKED_KEY = 'cundian.persistAsked';

export function wasPersistAsked(): boolean {
  try {
    return localStorage.getItem(PERSIST_ASKED_KEY) != null;
  } catch {
    return false;
  }
}

/** Ask the browser to exempt our data from eviction. Resolves to whether it is persistent now. */
export async function requestPersistentStorage(): Promise<boolean> {
  try {
    localStorage.setItem(PERSIST_ASKED_KEY, new Date().toISOString());
  } catch {
    // Without storage we may ask again next visit; the browser copes with that.
  }
  const storage = navigator.storage;
  if (!storage?.persist) return false;
  try {
    if (storage.persisted && (await storage.persisted())) return true;
    return await storage.persist();
  } catch {
    return false;
  }
}

/** Call once at start-up. Returns a function that stops listening (for tests). */
export function askPersistenceAfterFirstLocalWrite(): () => void {
  if (wasPersistAsked()) return () => undefined;
  const onFirstWrite = () => {
    window.removeEventListener(LOCAL_WRITE_EVENT, onFirstWrite);
    void requestPersistentStorage();
  };
  window.addEventListener(LOCAL_WRITE_EVENT, onFirstWrite);
  return () => window.removeEventListener(LOCAL_WRITE_EVENT, onFirstWrite);
}

export type StorageEstimateState =
  | { status: 'loading' }
  | { status: 'unavailable' }
  | { status: 'ready'; usage: number; quota: number; persisted: boolean };

/** Usage, quota and persistence, read when the calling screen mounts and on refresh(). */
export function useStorageEstimate(): StorageEstimateState & { refresh: () => Promise<void> } {
  const [state, setState] = useState<StorageEstimateState>({ status: 'loading' });

  const refresh = useCallback(async () => {
    const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
    if (!storage?.estimate) {
      setState({ status: 'unavailable' });
      return;
    }
    try {
      const [estimate, persisted] = await Promise.all([
        storage.estimate(),
        storage.persisted ? storage.persisted() : Promise.resolve(false),
      ]);
      setState({
        status: 'ready',
        usage: estimate.usage ?? 0,
        quota: estimate.quota ?? 0,
        persisted,
      });
    } catch {
      setState({ status: 'unavailable' });
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  return { ...state, refresh };
}
