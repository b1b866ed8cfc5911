/** Service point intents: move a point along its status lifecycle. */
import { transitionServicePoint, type ServicePointStatus } from '../domain/servicePoint';
import type { CundianDb } from '../db';
import type { EntityName, EntityRecord } from '../domain/entities';
import { updateRecord, type Fields, type SaveResult } from './records';

/** Why a status change was refused: the same status, a step the lifecycle does not allow, or a date before the last step. */
export class TransitionRefused extends Error {
  constructor(readonly reason: 'same' | 'notAllowed' | 'dateBeforePrevious') {
    super(`status change refused: ${reason}`);
    this.name = 'TransitionRefused';
  }
}

/**
 * Writes what a lifecycle step changes (a point's, a store's, a pilot's status): the step the
 * record's lifecycle refuses throws TransitionRefused, and nothing is written.
 */
export function updateByTransition<E extends EntityName>(
  entity: E,
  id: string,
  transition: (
    record: EntityRecord<E>,
  ) =>
    { ok: true; changes: Partial<Fields<E>> } | { ok: false; reason: TransitionRefused['reason'] },
  db?: CundianDb,
): Promise<SaveResult> {
  return updateRecord(
    entity,
    id,
    (record) => {
      const result = transition(record);
      if (!result.ok) throw new TransitionRefused(result.reason);
      return result.changes;
    },
    db,
  );
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
  return updateByTransition(
    'servicePoint',
    id,
    (point) => transitionServicePoint(point, to, date, note),
    db,
  );
}
