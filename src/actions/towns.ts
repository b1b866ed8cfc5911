/**
 * Central-town intents: marking a township as a central town (or taking it off the list), moving a
 * flagship store or a pilot along its status steps, and setting a yearly target. Each goes through
 * saveRecord / updateRecord, so the whole record is validated and row + outbox entry are written in
 * one transaction.
 */
import { centralTownId } from '../domain/centralTown';
import type { StoreStatus } from '../domain/flagshipStore';
import { transitionPilot, type PilotStatus } from '../domain/pilotTown';
import { targetId, type Target, type TargetMetric } from '../domain/target';
import { transitionStore } from '../domain/townFigures';
import { getRecord, writeManyWithOutbox, type CundianDb } from '../db';
import {
  guardAction,
  planUpsert,
  saveRecord,
  updateRecord,
  ValidationFailed,
  type SaveResult,
} from './records';
import { updateByTransition } from './servicePoints';

/**
 * Puts a township on the central-town list (or back on it) with the year designated. The id is
 * derived from the township, so two admins marking the same town offline update one row.
 */
export async function markCentralTown(
  townshipCode: string,
  designatedYear: number,
  db?: CundianDb,
): Promise<SaveResult> {
  return saveRecord(
    'centralTown',
    centralTownId(townshipCode),
    { townshipCode, designatedYear, active: true },
    db,
  );
}

/** Takes a town off the list. The row stays (active false) so past years' figures keep it. */
export async function unmarkCentralTown(townshipCode: string, db?: CundianDb): Promise<SaveResult> {
  return updateRecord('centralTown', centralTownId(townshipCode), () => ({ active: false }), db);
}

/** Moves a flagship store to a new status; a step that makes no sense throws TransitionRefused. */
export function changeStoreStatus(
  id: string,
  to: StoreStatus,
  date: string,
  db?: CundianDb,
): Promise<SaveResult> {
  return updateByTransition('flagshipStore', id, (store) => transitionStore(store, to, date), db);
}

/** Moves a pilot along proposed → approved → in progress → accepted | failed, dated. */
export function changePilotStatus(
  id: string,
  to: PilotStatus,
  date: string,
  note?: string,
  db?: CundianDb,
): Promise<SaveResult> {
  return updateByTransition('pilotTown', id, (pilot) => transitionPilot(pilot, to, date, note), db);
}

/**
 * Sets the target for (year, county or prefecture, metric). The id is derived from that key, so
 * two admins editing offline write the same row and the server merges them.
 */
export async function setTarget(
  year: number,
  countyCode: string | null,
  metric: TargetMetric,
  value: number,
  db?: CundianDb,
): Promise<SaveResult> {
  const id = targetId(year, countyCode, metric);
  const existing = await getRecord('target', id, db);
  // A deleted row cannot be updated (tombstones win); a target is never deleted from the UI.
  if (existing && !existing.deleted) return saveRecord('target', id, { value }, db);
  return saveRecord('target', id, { year, countyCode, metric, value }, db);
}

/**
 * Sets many targets of a year at once (the targets grid): every cell in ONE transaction, each an
 * ordinary synced target record (derived id, its own outbox entry, history and conflicts as for
 * setTarget). If any cell does not validate, nothing is written and ValidationFailed says which
 * (its `index`). Returns how many records changed.
 */
export async function setTargets(
  year: number,
  cells: readonly { countyCode: string | null; metric: TargetMetric; value: number }[],
  db?: CundianDb,
): Promise<number> {
  const first = cells[0];
  if (!first) return 0;
  // The grid is offered only to who may edit targets; a stale page or an old link must not
  // queue changes the server can only refuse (saveRecord checks this for one target).
  await guardAction('editTargets', targetId(year, first.countyCode, first.metric), db);
  return writeManyWithOutbox(
    'target',
    cells.map(({ countyCode, metric, value }, index) => {
      const id = targetId(year, countyCode, metric);
      return {
        recordId: id,
        produce: (existing: Target | undefined) => {
          try {
            return planUpsert(
              'target',
              id,
              existing,
              existing ? { value } : { year, countyCode, metric, value },
            );
          } catch (error) {
            if (error instanceof ValidationFailed) error.index = index;
            throw error;
          }
        },
      };
    }),
    undefined,
    db,
  );
}
