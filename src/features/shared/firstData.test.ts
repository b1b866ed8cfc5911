/**
 * The sync engine waits for the start page's figures (src/features/shared/firstData.ts), so the start page
 * never downloads the engine (and zod) before its data: what it waits for, and that it always
 * ends. Promises stand for the page's `load` and the limit's timer; "still waiting" is checked
 * after every pending promise callback has run (one macrotask later), not after a delay.
 */
import { describe, expect, it, vi } from 'vitest';
import {
  createFirstDataGate,
  firstDataShown,
  forgetFirstDataGate,
  markFirstDataShown,
} from './firstData';

/** A promise and its resolve. */
function deferred() {
  let resolve = () => undefined as void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/** Whether `promise` has resolved once every callback already queued has run. */
async function hasResolved(promise: Promise<void>): Promise<boolean> {
  let resolved = false;
  void promise.then(() => {
    resolved = true;
  });
  await new Promise((r) => setTimeout(r, 0));
  return resolved;
}

describe('the first data gate', () => {
  it('on the start page: waits for the page to load and its figures to show', async () => {
    const loaded = deferred();
    const gate = createFirstDataGate('/', loaded.promise, () => new Promise(() => undefined));
    expect(await hasResolved(gate.shown)).toBe(false);
    loaded.resolve();
    expect(await hasResolved(gate.shown)).toBe(false);
    gate.mark();
    expect(await hasResolved(gate.shown)).toBe(true);
  });

  it('figures shown before `load` still wait for it', async () => {
    const loaded = deferred();
    const gate = createFirstDataGate('/', loaded.promise, () => new Promise(() => undefined));
    gate.mark();
    expect(await hasResolved(gate.shown)).toBe(false);
    loaded.resolve();
    expect(await hasResolved(gate.shown)).toBe(true);
  });

  it('on the start page whose figures never show: ends at the limit, counted from `load`', async () => {
    const loaded = deferred();
    const limit = deferred();
    let limitStarted = false;
    const gate = createFirstDataGate('/', loaded.promise, () => {
      limitStarted = true;
      return limit.promise;
    });
    expect(await hasResolved(gate.shown)).toBe(false);
    expect(limitStarted).toBe(false);
    loaded.resolve();
    expect(await hasResolved(gate.shown)).toBe(false);
    expect(limitStarted).toBe(true);
    limit.resolve();
    expect(await hasResolved(gate.shown)).toBe(true);
  });

  it('on the list, a point, a roll call and the map: waits for their data too', async () => {
    const id = '01900000-0000-7000-8000-00000000000a';
    for (const path of ['/points', `/points/${id}`, `/training/sessions/${id}/roll-call`, '/map']) {
      const loaded = deferred();
      const gate = createFirstDataGate(path, loaded.promise, () => new Promise(() => undefined));
      loaded.resolve();
      expect(await hasResolved(gate.shown), path).toBe(false);
      gate.mark();
      expect(await hasResolved(gate.shown), path).toBe(true);
    }
  });

  it('on any other first screen: waits for `load` only', async () => {
    for (const path of ['/settings', '/points/new', '/points/import', '/training', '/towns']) {
      const loaded = deferred();
      const gate = createFirstDataGate(path, loaded.promise, () => new Promise(() => undefined));
      expect(await hasResolved(gate.shown), path).toBe(false);
      loaded.resolve();
      expect(await hasResolved(gate.shown), path).toBe(true);
    }
  });

  it('starts what waits for the data in a task of its own, after the one that marked it', async () => {
    const opened = window.location.pathname;
    window.history.replaceState(null, '', '/points');
    forgetFirstDataGate();
    try {
      let resolved = false;
      void firstDataShown().then(() => {
        resolved = true;
      });
      expect(document.readyState).toBe('complete'); // the page's `load` is behind
      expect(await hasResolved(firstDataShown())).toBe(false);
      markFirstDataShown();
      // Every promise callback the mark could have queued has run: still waiting…
      for (let i = 0; i < 20; i++) await Promise.resolve();
      expect(resolved).toBe(false);
      // …until the next task.
      await vi.waitFor(() => expect(resolved).toBe(true));
    } finally {
      window.history.replaceState(null, '', opened);
      forgetFirstDataGate();
    }
  });
});
