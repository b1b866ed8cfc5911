/**
 * A clock that ticks, so "waited 3 hours" stays true while a screen is open. Apart from
 * useSyncEngine.ts, which imports the engine: the sync pill in the top bar uses the clock only,
 * and must not bring the engine's chunk before the start page's data (docs/PERFORMANCE.md, "Size").
 */
import { useEffect, useState } from 'react';

/** Date.now(), refreshed every `intervalMs`. */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
