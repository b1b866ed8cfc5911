/**
 * Persistent storage is asked for once, after the first real local write: not on the first visit
 * (nothing to protect yet, and some browsers refuse early requests) and not on every write.
 */
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { askPersistenceAfterFirstLocalWrite, LOCAL_WRITE_EVENT } from './storage';

const persist = vi.fn(async () => true);
const persisted = vi.fn(async () => false);
let stopListening: () => void = () => undefined;

beforeEach(() => {
  localStorage.clear();
  persist.mockClear();
  persisted.mockClear();
  vi.stubGlobal('navigator', { ...navigator, storage: { persist, persisted } });
});

afterEach(() => {
  stopListening();
  vi.unstubAllGlobals();
});

async function settle() {
  await new Promise((resolve) => setTimeout(resolve, 0));
}

it('asks once, on the first local write', async () => {
  stopListening = askPersistenceAfterFirstLocalWrite();
  expect(persist).not.toHaveBeenCalled();

  window.dispatchEvent(new Event(LOCAL_WRITE_EVENT));
  window.dispatchEvent(new Event(LOCAL_WRITE_EVENT));
  await settle();

  expect(persist).toHaveBeenCalledTimes(1);
  expect(localStorage.getItem('cundian.persistAsked')).not.toBeNull();
});

it('does not ask again on a later visit', async () => {
  localStorage.setItem('cundian.persistAsked', '2025-01-01T00:00:00.000Z');
  stopListening = askPersistenceAfterFirstLocalWrite();

  window.dispatchEvent(new Event(LOCAL_WRITE_EVENT));
  await settle();

  expect(persist).not.toHaveBeenCalled();
});
