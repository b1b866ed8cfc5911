/**
 * Hooks the sync screens share: the app's engine, a clock that ticks (so "waited 3 hours" stays
 * true while the screen is open), and the pending summary of the outbox.
 */
import { useEffect, useState } from 'react';
import { getSyncEngine, type SyncEngine } from '../../sync';

export function useSyncEngine(): SyncEngine {
  return getSyncEngine();
}

/** Date.now(), refreshed every `intervalMs`. */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
