/**
 * The map screen spreads its cold start over tasks (later.ts): these tests hold the order the
 * hooks promise — nothing before the first commit's task has ended, one stage per task, none
 * before `start`, and the lists' idle wait never longer than its limit.
 */
import { act, cleanup, render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IDLE_LIMIT_MS, useAfterIdle, useStages } from './later';

afterEach(cleanup);

function Stages({ start, last }: { start: boolean; last: number }) {
  return <p data-testid="stage">{useStages(start, last)}</p>;
}

function Idle({ start = true }: { start?: boolean }) {
  return <p data-testid="idle">{useAfterIdle(start) ? 'on' : 'off'}</p>;
}

describe('useStages', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('adds one stage per task once started, and stops at the last', async () => {
    const view = render(<Stages start={false} last={3} />);
    const stage = () => view.getByTestId('stage').textContent;
    expect(stage()).toBe('0');
    await act(async () => {
      await vi.runOnlyPendingTimersAsync();
    });
    expect(stage()).toBe('0'); // not started: no timer was even set
    expect(vi.getTimerCount()).toBe(0);

    view.rerender(<Stages start last={3} />);
    expect(stage()).toBe('0');
    for (const expected of ['1', '2', '3']) {
      // Exactly one task between two stages.
      expect(vi.getTimerCount()).toBe(1);
      await act(async () => {
        await vi.runOnlyPendingTimersAsync();
      });
      expect(stage()).toBe(expected);
    }
    expect(vi.getTimerCount()).toBe(0);
  });

  it('keeps a stage reached when `start` goes false again', async () => {
    const view = render(<Stages start last={2} />);
    await act(async () => {
      await vi.runOnlyPendingTimersAsync();
    });
    view.rerender(<Stages start={false} last={2} />);
    await act(async () => {
      await vi.runOnlyPendingTimersAsync();
    });
    expect(view.getByTestId('stage').textContent).toBe('1');
  });
});

describe('useAfterIdle', () => {
  afterEach(() => {
    vi.useRealTimers();
    Reflect.deleteProperty(window, 'requestIdleCallback');
    Reflect.deleteProperty(window, 'cancelIdleCallback');
  });

  it('waits for `start` before it waits for idle', async () => {
    vi.useFakeTimers();
    const view = render(<Idle start={false} />);
    expect(vi.getTimerCount()).toBe(0);
    view.rerender(<Idle start />);
    expect(vi.getTimerCount()).toBe(1);
    await act(async () => {
      await vi.runOnlyPendingTimersAsync();
    });
    expect(view.getByTestId('idle').textContent).toBe('on');
  });

  it('without requestIdleCallback (jsdom): on after a task', async () => {
    vi.useFakeTimers();
    expect(typeof window.requestIdleCallback).toBe('undefined');
    const view = render(<Idle />);
    expect(view.getByTestId('idle').textContent).toBe('off');
    await act(async () => {
      await vi.runOnlyPendingTimersAsync();
    });
    expect(view.getByTestId('idle').textContent).toBe('on');
  });

  it('asks for an idle callback bounded by IDLE_LIMIT_MS, and cancels it on unmount', async () => {
    const asked: { callback: () => void; timeout: number | undefined }[] = [];
    const cancelled: number[] = [];
    Object.assign(window, {
      requestIdleCallback: (callback: () => void, options?: { timeout?: number }) =>
        asked.push({ callback, timeout: options?.timeout }),
      cancelIdleCallback: (id: number) => cancelled.push(id),
    });
    const view = render(<Idle />);
    expect(asked).toHaveLength(1);
    expect(asked[0]!.timeout).toBe(IDLE_LIMIT_MS);
    expect(view.getByTestId('idle').textContent).toBe('off');
    act(() => asked[0]!.callback());
    expect(view.getByTestId('idle').textContent).toBe('on');
    view.unmount();
    // Once on, nothing is pending: the effect asked no second time.
    expect(asked).toHaveLength(1);

    const second = render(<Idle />);
    expect(asked).toHaveLength(2);
    expect(cancelled).not.toContain(2);
    second.unmount();
    // The second screen left before the main thread was idle: its callback is cancelled.
    expect(cancelled).toContain(2);
  });
});
