/**
 * When to try again. Pure, so it is tested without timers.
 *
 * After a success the engine checks the server every minute or so. After failures it waits
 * longer each time (5 s, 10 s, 20 s … up to 10 minutes), with jitter: a county's phones that
 * lost the server together must not all come back in the same second.
 */
export const SYNC_PERIOD_MS = 60_000;
export const FIRST_RETRY_MS = 5_000;
export const MAX_RETRY_MS = 10 * 60_000;

/** Delay before the next automatic sync; `random` in [0, 1). */
export function nextSyncDelay(
  consecutiveFailures: number,
  random: () => number = Math.random,
  periodMs: number = SYNC_PERIOD_MS,
): number {
  if (consecutiveFailures <= 0) {
    // ±10 %: enough to spread a room of phones opened at the same moment.
    return Math.round(periodMs * (0.9 + 0.2 * random()));
  }
  const exponential = FIRST_RETRY_MS * 2 ** Math.min(consecutiveFailures - 1, 20);
  const capped = Math.min(MAX_RETRY_MS, exponential);
  // "Equal jitter": at least half the delay, so the backoff still grows.
  return Math.round(capped / 2 + (capped / 2) * random());
}
