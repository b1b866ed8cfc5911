/**
 * The roll call's search and counts. A trainer at the door types two characters of a name or the
 * last digits of a phone and taps: the search must answer within one frame over thousands of
 * trainees on a cheap phone, so names and phones are folded once into an index and each keystroke
 * is a plain scan of short strings (bench/training.bench.ts measures it).
 */
import type { Attendance, AttendanceStatus } from './attendance';
import type { Trainee } from './trainee';
import { normalisePhone } from './traineeDuplicates';
import { attended, isOnRoster } from './countRules';

export interface SearchIndex<T> {
  items: readonly { item: T; name: string; phone: string }[];
}

function foldName(s: string): string {
  return s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

export function buildSearchIndex<T extends Pick<Trainee, 'name' | 'phone'>>(
  trainees: readonly T[],
): SearchIndex<T> {
  return {
    items: trainees.map((item) => ({
      item,
      name: foldName(item.name),
      phone: normalisePhone(item.phone),
    })),
  };
}

/**
 * Trainees matching what was typed: digits (three or more) match the END of the phone — what
 * people say at the door is "尾号 5678" — and anything else matches inside the name. Names that
 * start with the query come first. A blank query, or a single digit, matches nothing.
 */
export function searchIndex<T>(index: SearchIndex<T>, query: string, limit = 30): T[] {
  const q = foldName(query);
  if (q === '') return [];
  const starts: T[] = [];
  const contains: T[] = [];
  if (/^\d+$/.test(q)) {
    if (q.length < 3) return [];
    for (const e of index.items) {
      if (e.phone !== '' && e.phone.endsWith(q)) {
        starts.push(e.item);
        if (starts.length >= limit) break;
      }
    }
    return starts;
  }
  for (const e of index.items) {
    const at = e.name.indexOf(q);
    if (at === 0) starts.push(e.item);
    else if (at > 0 && contains.length < limit) contains.push(e.item);
    if (starts.length >= limit) break;
  }
  return [...starts, ...contains].slice(0, limit);
}

export interface RollCallCounts {
  /** People on the list (every live attendance row of the session not taken off it). */
  expected: number;
  present: number;
  late: number;
  absent: number;
  /** Present or late: who counts as trained. */
  arrived: number;
}

export function countRollCall(
  rows: readonly Pick<Attendance, 'status' | 'deleted' | 'onRoster'>[],
): RollCallCounts {
  const counts: RollCallCounts = { expected: 0, present: 0, late: 0, absent: 0, arrived: 0 };
  for (const r of rows) {
    if (!isOnRoster(r)) continue;
    counts.expected += 1;
    counts[r.status satisfies AttendanceStatus] += 1;
    if (attended(r)) counts.arrived += 1;
  }
  return counts;
}
