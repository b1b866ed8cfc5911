/** Service point intents: move a point along its status lifecycle. */
import { transitionServicePoint, type ServicePointStatus } from '../domain/servicePoint';
import type { CundianDb } from '../db';
import { updateRecord, type SaveResult } from './records';

/** Why a status change was refused: the same status, a step the lifecycle does not allow, or a date before the last step. */
export class TransitionRefused extends Error {
  constructor(readonly reason: 'same' | 'notAllowed' | 'dateBeforePrevious') {
    super(`status change refused: ${reason}`);
    this.name = 'TransitionRefused';
  }
}

/**
 * Moves a point to a new status on a date, recorded in its history. A transition that makes no
 * sense (closed → open, a date before the previous step) throws TransitionRefused; nothing is written.
 */
export function changeServicePointStatus(
  id: string,
  to: ServicePointStatus,
  date: string,
  note?: string,
  db?: CundianDb,
): Promise<SaveResult> {
  return updateRecord(
    'servicePoint',
    id,
    (point) => {
      const result = transitionServicePoint(point, to, date, note);
      if (!result.ok) throw new TransitionRefused(result.reason);
      return result.changes;
    },
    db,
  );
}
