/**
 * After a failure the engine must neither hammer a struggling server (a county's phones coming
 * back together) nor give up: the wait doubles up to a ceiling, never drops below half of the
 * nominal delay (so it still grows), and a healthy engine checks in about once a minute.
 */
import { describe, expect, it } from 'vitest';
import { FIRST_RETRY_MS, MAX_RETRY_MS, nextSyncDelay, SYNC_PERIOD_MS } from './backoff';

describe('nextSyncDelay', () => {
  it('checks about once a minute when healthy, spread by ±10 %', () => {
    expect(nextSyncDelay(0, () => 0)).toBe(SYNC_PERIOD_MS * 0.9);
    expect(nextSyncDelay(0, () => 0.999999)).toBeCloseTo(SYNC_PERIOD_MS * 1.1, -2);
  });

  it('doubles after each failure, with jitter between half and all of it', () => {
    const low = (n: number) => nextSyncDelay(n, () => 0);
    const high = (n: number) => nextSyncDelay(n, () => 0.999999);
    expect([1, 2, 3, 4].map(high)).toEqual([1, 2, 4, 8].map((k) => FIRST_RETRY_MS * k));
    expect([1, 2, 3, 4].map(low)).toEqual([1, 2, 4, 8].map((k) => (FIRST_RETRY_MS * k) / 2));
  });

  it('never waits longer than the ceiling, however long the outage', () => {
    expect(nextSyncDelay(50, () => 0.999999)).toBe(MAX_RETRY_MS);
    expect(nextSyncDelay(1_000, () => 0)).toBe(MAX_RETRY_MS / 2);
  });
});
