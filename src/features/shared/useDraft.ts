/**
 * Drafts of forms (service points, stores, shops, training): what is typed is kept in the local
 * database (debounced), so a call, a reload or an app update in the middle of a form loses
 * nothing. The form starts from the draft when there is one, else from the record.
 */
import { useEffect, useRef, useState } from 'react';
import { clearDraft as deleteDraft, loadDraft, saveDraft } from '../../db';

export interface DraftStart<T> {
  state: T;
  /** When the draft was saved, or null when the form starts from the record. */
  restoredAt: string | null;
}

/** The form's starting point: the draft under `key`, else `fromRecord()`; 'missing' passes through. */
export function useDraftStart<T extends object>(
  key: string,
  fromRecord: () => Promise<T | 'missing'>,
): DraftStart<T> | null | 'missing' {
  const [start, setStart] = useState<DraftStart<T> | null | 'missing'>(null);
  const load = useRef(fromRecord);
  // The latest loader (it may close over props such as the township of a new store).
  useEffect(() => {
    load.current = fromRecord;
  });
  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const draft = await loadDraft<T>(key);
      let result: DraftStart<T> | 'missing';
      if (draft) result = { state: draft.value, restoredAt: draft.updatedAt };
      else {
        const state: T | 'missing' = await load.current();
        result = typeof state === 'string' ? 'missing' : { state, restoredAt: null };
      }
      if (!cancelled) setStart(result);
    })();
    return () => {
      cancelled = true;
    };
  }, [key]);
  return start;
}

/**
 * Draft writes not yet done, per key: the debounce timer and the write in flight. clearDraft
 * cancels the one and waits for the other, so a save tapped within 300 ms of the last key never
 * finds the old draft written back after it was cleared (the form would reopen "restored").
 */
const pendingWrites = new Map<
  string,
  { timer: ReturnType<typeof setTimeout> | null; writing: Promise<void> | null }
>();

/** Saves `value` as the draft 300 ms after the last change, once the user has touched the form. */
export function useKeepDraft<T>(key: string, value: T, touched: boolean): void {
  useEffect(() => {
    if (!touched) return;
    // A draft that cannot be written (the phone's storage full) is not an error to throw: the
    // values stay in the form, and the save says what to do.
    const timer = setTimeout(() => {
      const writing = saveDraft(key, value).catch(() => undefined); // a full phone: the form keeps it
      pendingWrites.set(key, { timer: null, writing });
      void writing.then(() => {
        if (pendingWrites.get(key)?.writing === writing) pendingWrites.delete(key);
      });
    }, 300);
    pendingWrites.set(key, { timer, writing: pendingWrites.get(key)?.writing ?? null });
    return () => clearTimeout(timer);
  }, [key, value, touched]);
}

/** Drops the draft under `key`, after cancelling a debounced write and waiting for one in flight. */
export async function clearDraft(key: string): Promise<void> {
  const entry = pendingWrites.get(key);
  pendingWrites.delete(key);
  if (entry?.timer) clearTimeout(entry.timer);
  if (entry?.writing) await entry.writing;
  await deleteDraft(key);
}
