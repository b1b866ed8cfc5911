/**
 * Hooks the sync screens share: the app's engine, a clock that ticks (so "waited 3 hours" stays
 * true while the screen is open), and the pending summary of the outbox.
 */
import { getSyncEngine, type SyncEngine } from '../../sync';

// The clock lives apart, so the top bar's pill can use it without the engine (useNow.ts).
export { useNow } from './useNow';

export function useSyncEngine(): SyncEngine {
  return getSyncEngine();
}
