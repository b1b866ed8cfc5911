/**
 * Answers read BEFORE the first render, for the first screen's live queries to start from.
 *
 * A live query answers only after React has rendered once, so a screen that reads its data
 * through live queries first renders without it (a spinner), then again with it — on a cheap
 * phone the second render came 2 s after the first, behind the shell's own work (the slow-phone
 * bench's timeline, docs/PERFORMANCE.md). The start page's few rows (the session, the kept
 * figures, the area's name, the last sync) are instead read while the page's chunk loads
 * (src/app/routes.tsx), and the hooks of live.ts start from them: the first render has the data.
 *
 * An answer holds only while the database has not changed: ANY write to it (this tab's or
 * another's: Dexie's storagemutated event) drops every answer, and the live queries, which answer
 * a moment later, are the truth from then on.
 */
import Dexie from 'dexie';
import { firstAnswers as answers } from './firstAnswerStore';

/** Reads under way, so two screens' first reads of one key (the session) read it once. */
const reading = new Map<string, Promise<unknown>>();

// From the moment Dexie is loaded, not from the first readFirst: the start page and the point
// list read their first answers without Dexie (rawFirst.ts), before this module is evaluated.
Dexie.on('storagemutated', () => answers.clear());

/** Reads `read()` now and keeps its answer under `key` for the hook that starts from it. */
export function readFirst<T>(key: string, read: () => Promise<T>): Promise<T> {
  const pending = reading.get(key);
  if (pending) return pending as Promise<T>;
  const answer = read()
    .then((value) => {
      answers.set(key, value);
      return value;
    })
    .finally(() => reading.delete(key));
  reading.set(key, answer);
  return answer;
}

/** Forgets every answer read first (the app switched to another database). */
export function dropFirstAnswers(): void {
  answers.clear();
}
