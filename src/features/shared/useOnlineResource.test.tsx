/**
 * The loader every online-only screen uses (users, audit, history, devices, the inboxes). What
 * users see depends on its states: "needs a connection" must be told apart from a refusal, what
 * was shown must stay shown while it reloads or when the reload fails, and an answer that comes
 * back for an older question (another filter, another account) must never replace the newer one.
 * Each request here is a promise the test settles by hand, so the order is the test's, not the
 * clock's.
 */
import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { SyncFailure } from '../../sync';
import { useOnlineResource } from './useOnlineResource';

interface Pending<T> {
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}

/** A fetcher whose every call waits until the test settles it. */
function manual<T>() {
  const calls: Pending<T>[] = [];
  const fetcher = () =>
    new Promise<T>((resolve, reject) => {
      calls.push({ resolve, reject });
    });
  return { fetcher, calls };
}

afterEach(cleanup);

describe('useOnlineResource', () => {
  it('loads at once, and tells offline from a refusal', async () => {
    const { fetcher, calls } = manual<string[]>();
    const { result } = renderHook(() => useOnlineResource(fetcher));
    expect(result.current.load).toEqual({ status: 'loading' });

    await act(async () => calls[0]!.reject(new SyncFailure('offline', 'no answer')));
    expect(result.current.load.status).toBe('offline');
    expect(result.current.failure?.kind).toBe('offline');

    await act(async () => {
      void result.current.reload();
    });
    await act(async () =>
      calls[1]!.reject(new SyncFailure('refused', 'HTTP 403', 403, 'forbidden', null)),
    );
    expect(result.current.load.status).toBe('error');
    expect(result.current.failure?.code).toBe('forbidden');

    await act(async () => {
      void result.current.reload();
    });
    await act(async () => calls[2]!.resolve(['a']));
    expect(result.current.load).toEqual({ status: 'ready', data: ['a'] });
    expect(result.current.failure).toBeNull();
  });

  it('keeps what is shown while it reloads and when the reload fails', async () => {
    const { fetcher, calls } = manual<string[]>();
    const { result } = renderHook(() => useOnlineResource(fetcher));
    await act(async () => calls[0]!.resolve(['a', 'b']));

    await act(async () => {
      void result.current.reload();
    });
    expect(result.current.load).toEqual({ status: 'loading', data: ['a', 'b'] });

    await act(async () => calls[1]!.reject(new TypeError('Failed to fetch')));
    expect(result.current.load.status).toBe('error');
    expect(result.current.data).toEqual(['a', 'b']);

    act(() => result.current.update((shown) => shown.filter((x) => x !== 'a')));
    expect(result.current.data).toEqual(['b']);
  });

  it('drops the answer to an older fetcher, and starts a new one without the old data', async () => {
    const first = manual<string>();
    const second = manual<string>();
    const { result, rerender } = renderHook(({ fetcher }) => useOnlineResource(fetcher), {
      initialProps: { fetcher: first.fetcher },
    });
    await act(async () => first.calls[0]!.resolve('old filter'));
    expect(result.current.data).toBe('old filter');

    rerender({ fetcher: second.fetcher });
    expect(result.current.load).toEqual({ status: 'loading' });
    await act(async () => {
      void result.current.reload();
    });
    // The first of the two requests of the new fetcher answers last: its answer is stale.
    await act(async () => second.calls[1]!.resolve('new filter'));
    await act(async () => second.calls[0]!.resolve('stale'));
    expect(result.current.data).toBe('new filter');
  });

  it('stays idle while it cannot ask, and on demand until asked', async () => {
    const { fetcher, calls } = manual<number>();
    const signedOut = renderHook(() => useOnlineResource<number>(null));
    expect(signedOut.result.current.load).toEqual({ status: 'idle' });

    const onDemand = renderHook(() => useOnlineResource(fetcher, { eager: false }));
    expect(onDemand.result.current.load).toEqual({ status: 'idle' });
    expect(calls).toHaveLength(0);
    await act(async () => {
      void onDemand.result.current.reload();
    });
    await act(async () => calls[0]!.resolve(7));
    expect(onDemand.result.current.load).toEqual({ status: 'ready', data: 7 });
  });
});
