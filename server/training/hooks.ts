/**
 * The training records' steps in the apply path (server/base/entity-hooks.ts):
 *
 * - attendance, `prepare`: how the server reads a change of the roll call. Membership of the
 *   session's list is a field (`onRoster`, src/domain/attendance.ts): today's apps take someone
 *   off the list with the update `onRoster: false`. So that a tap at the door after a removal
 *   made elsewhere is an ordinary update that merges and counts at once:
 *     · a check-in (present or late) puts the person on the list (rosterImpliedBy) — also when
 *       an app that predates the field sends it;
 *     · a check-in of a row deleted while its session stays live brings the row back: such a
 *       tombstone is a removal from the list by an app that predates the field (it still sends
 *       a delete, still stored as one) or from before the field existed; the person is here,
 *       which beats the removal. A delete stays a delete (deleting a session deletes its rows,
 *       and then nothing brings them back).
 *   Every check of merge.ts then judges the result as usual (scope, the trainee, the schema —
 *   whose rule refuses to take off the list someone checked in meanwhile).
 * - trainingSession, `afterApply`: attendance follows its session when the session changes
 *   township, so it moves into and out of scopes with it.
 */
import { rosterImpliedBy } from '../../src/domain/attendance';
import type { ReferenceLookup } from '../../src/domain/references';
import type { DbTx } from '../db';
import type { EntityHooks } from '../base/entity-hooks';
import type { ApplyMutation, StoredRecord, WriteActor } from '../base/records';

function sessionIsLive(record: StoredRecord, referenced: ReferenceLookup): boolean {
  const sessionId = record.data.sessionId;
  if (typeof sessionId !== 'string') return false;
  const session = referenced('trainingSession', sessionId);
  return session !== undefined && !session.deleted;
}

/** The attendance `prepare` step (exported for its unit test). */
export function readAttendanceMutation(
  mutation: ApplyMutation,
  current: StoredRecord | undefined,
  referenced: ReferenceLookup,
): ApplyMutation {
  if (mutation.op === 'delete') return mutation;
  const changes = rosterImpliedBy(mutation.changes);
  const checksIn = changes !== mutation.changes;
  if (checksIn && current?.deleted && sessionIsLive(current, referenced)) {
    return { ...mutation, changes, undelete: true };
  }
  return checksIn ? { ...mutation, changes } : mutation;
}

export const attendanceHooks: EntityHooks = { prepare: readAttendanceMutation };

export const trainingSessionHooks: EntityHooks = {
  afterApply: (tx, sessions, context) =>
    moveAttendance(
      tx,
      sessions.map((change) => change.after),
      context.actor,
      context.now,
    ),
};

/**
 * Re-places the attendance rows of sessions that changed township and logs a 'move' for each,
 * so devices of the old township drop them and devices of the new one receive them. Their data
 * and version do not change. One statement; it only touches rows whose township differs (also
 * when the session and its rows were written in the same batch).
 */
async function moveAttendance(
  tx: DbTx,
  sessions: readonly StoredRecord[],
  actor: WriteActor,
  now: string,
): Promise<void> {
  await tx.query(
    `with moved as (
       select * from unnest($1::text[], $2::text[], $3::text[]) as m(session_id, county_code, township_code)
     ), targets as (
       select r.id, r.version, r.county_code as old_county_code,
              r.township_code as old_township_code, m.county_code, m.township_code
       from records r join moved m on r.data ->> 'sessionId' = m.session_id
       where r.entity = 'attendance' and r.township_code is distinct from m.township_code
       for update of r
     ), updated as (
       update records r set county_code = t.county_code, township_code = t.township_code,
                            updated_at = $6::timestamptz
       from targets t where r.entity = 'attendance' and r.id = t.id
       returning r.id
     )
     insert into change_log (entity, record_id, version, op, fields, county_code, township_code,
                             old_county_code, old_township_code, user_id, client_id,
                             mutation_id, changed_at)
     select 'attendance', t.id, t.version, 'move', '{}', t.county_code, t.township_code,
            t.old_county_code, t.old_township_code, $4::uuid, $5::uuid, null, $6::timestamptz
     from targets t join updated u on u.id = t.id
     order by t.id`,
    [
      sessions.map((s) => s.id),
      sessions.map((s) => s.place.countyCode),
      sessions.map((s) => s.place.townshipCode),
      actor.userId,
      actor.clientId,
      now,
    ],
  );
}
