/**
 * Status lifecycles as data: which transitions make sense, and a helper that applies one to a
 * record's dated history. Used by service points (DB33/T 982-2015: application → approval →
 * acceptance → operation) and pilot towns.
 */

export type TransitionTable<S extends string> = Readonly<Record<S, readonly S[]>>;

export interface HistoryEntry<S extends string> {
  status: S;
  date: string;
  note?: string | undefined;
}

export type TransitionCheck<S extends string> =
  | { ok: true }
  | { ok: false; reason: 'same' | 'notAllowed' | 'dateBeforePrevious'; from: S; to: S };

export function checkTransition<S extends string>(
  table: TransitionTable<S>,
  history: readonly HistoryEntry<S>[],
  to: S,
  date: string,
): TransitionCheck<S> {
  const last = history[history.length - 1];
  if (!last) return { ok: true };
  const from = last.status;
  if (from === to) return { ok: false, reason: 'same', from, to };
  if (!table[from].includes(to)) return { ok: false, reason: 'notAllowed', from, to };
  // Dates are YYYY-MM-DD, so string order is date order.
  if (date < last.date) return { ok: false, reason: 'dateBeforePrevious', from, to };
  return { ok: true };
}

/**
 * One step along a lifecycle: refused as checkTransition says, else the changes that make it — the
 * new status, and the history with the step appended (dated, with its note when there is one).
 */
export function transitionStep<S extends string>(
  table: TransitionTable<S>,
  history: readonly HistoryEntry<S>[],
  to: S,
  date: string,
  note?: string,
) {
  const check = checkTransition(table, history, to, date);
  if (!check.ok) return check;
  const entry: HistoryEntry<S> = note ? { status: to, date, note } : { status: to, date };
  return { ok: true as const, changes: { status: to, statusHistory: [...history, entry] } };
}

/** True when every step of the history is an allowed transition (used to validate synced records). */
export function isValidHistory<S extends string>(
  table: TransitionTable<S>,
  initial: readonly S[],
  history: readonly HistoryEntry<S>[],
): boolean {
  const first = history[0];
  if (!first || !initial.includes(first.status)) return false;
  for (let i = 1; i < history.length; i++) {
    const prev = history[i - 1]!;
    const next = history[i]!;
    if (!table[prev.status].includes(next.status) || next.date < prev.date) return false;
  }
  return true;
}
