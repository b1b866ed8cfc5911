/**
 * Answers read before the first render: the hook's FIRST render has them (no render without
 * data), and any write to the database drops them, so a hook mounted later never starts from a
 * stale answer. Real IndexedDB semantics (fake-indexeddb).
 */
import { renderHook, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  keepAnswer,
  readKeptAnswerFirst,
  readLastSyncedAtFirst,
  useKeptAnswer,
  useLastSyncedAt,
  writeLastSyncedAt,
} from './index';
import { freshDatabase } from '../test-support/database';
import { readFirst } from './firstAnswers';

beforeEach(() => {
  freshDatabase('first-answers');
});

describe('answers read before the first render', () => {
  it('are there on the first render; without a first read the first render has nothing', async () => {
    await writeLastSyncedAt('2026-06-29T08:30:00.000Z');
    await keepAnswer('areaName:330127', '淳安县');
    await readLastSyncedAtFirst();

    const firstRenders: unknown[] = [];
    renderHook(() => {
      const value = useLastSyncedAt();
      firstRenders.push(value);
      return value;
    });
    expect(firstRenders[0]).toBe('2026-06-29T08:30:00.000Z');

    // Not read first: the live query's usual undefined, then the row.
    const name = renderHook(() => useKeptAnswer<string>('areaName:330127'));
    expect(name.result.current).toBeUndefined();
    await waitFor(() => expect(name.result.current?.value).toBe('淳安县'));

    await readKeptAnswerFirst('areaName:330127');
    const again = renderHook(() => useKeptAnswer<string>('areaName:330127'));
    expect(again.result.current?.value).toBe('淳安县');
  });

  it('are dropped by any write, so a later hook never starts from a stale one', async () => {
    await writeLastSyncedAt('2026-06-29T08:30:00.000Z');
    await readLastSyncedAtFirst();
    await writeLastSyncedAt('2026-07-01T09:00:00.000Z');

    const later = renderHook(() => useLastSyncedAt());
    expect(later.result.current).toBeUndefined();
    await waitFor(() => expect(later.result.current).toBe('2026-07-01T09:00:00.000Z'));
  });
});

describe('readFirst', () => {
  it('reads a key once while a read of it is under way, and again after', async () => {
    let reads = 0;
    const read = async () => {
      reads++;
      await Promise.resolve();
      return reads;
    };
    const [a, b] = await Promise.all([readFirst('twice', read), readFirst('twice', read)]);
    expect([a, b, reads]).toEqual([1, 1, 1]);
    expect(await readFirst('twice', read)).toBe(2);
  });
});
