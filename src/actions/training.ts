/**
 * Training intents: mark a trainee at a session's roll call, put expected trainees on a session's
 * list or take them off it, register a walk-in, delete a session with its attendance. Every write goes through the same validation and row + outbox
 * transaction as any other (records.ts); a walk-in writes its two rows in one transaction.
 *
 * The roster is kept as attendance rows: an expected trainee has a row with status 'absent' and
 * no check-in time until they arrive (docs/TRAINING.md). Taking someone off the list sets the
 * row's `onRoster` to false — an update, not a delete — and a check-in puts them back on it
 * (rosterImpliedBy), so a tap on one phone and a removal on another merge on the server instead of
 * the removal undoing the tap (docs/ARCHITECTURE.md "Roster membership"). The attendance id is
 * derived from (session, trainee), so two trainers marking the same person on two offline phones
 * write the same row, and the server merges them field by field.
 */
import { attendanceId, rosterImpliedBy, type AttendanceStatus } from '../domain/attendance';
import type { Trainee } from '../domain/trainee';
import { newId } from '../domain/common';
import type { EntityName, EntityRecord } from '../domain/entities';
import {
  asReferenced,
  referencedIds,
  referenceProblem,
  type ReferencedRecord,
  type ReferenceProblem,
} from '../domain/references';
import {
  attendanceOfSession,
  getRecord,
  readSession,
  writeManyWithOutbox,
  writeTogether,
  writeWithOutbox,
  type CundianDb,
  type RecordWrite,
} from '../db';
import { planUpsert, RecordNotFound, type SaveResult } from './records';
import { isOnRoster } from '../domain/countRules';

type TraineeFields = Pick<Trainee, 'name' | 'kind' | 'villageCode' | 'phone'>;

/**
 * The signed-in user may not check this trainee in: the rule the server applies to every
 * attendance (src/domain/references.ts: the trainee must be live and in the user's area), told
 * before anything is saved — at the door, not days later as a refusal from the server.
 * `problem.message` is the reason (a domain message, both languages).
 */
export class AttendanceRefused extends Error {
  constructor(
    readonly traineeId: string,
    readonly problem: ReferenceProblem,
  ) {
    super(`attendance of trainee ${traineeId} refused: ${problem.message}`);
    this.name = 'AttendanceRefused';
  }
}

/**
 * Throws AttendanceRefused for the first of these attendance rows that names a record the user
 * may not use, judged on this device's copy (plus `about`: records being written in the same
 * step, a walk-in's new trainee). Nobody signed in: nothing to judge by, the server decides.
 */
async function refuseUnusableReferences(
  rows: readonly { sessionId: string; traineeId: string }[],
  db: CundianDb | undefined,
  about: ReadonlyMap<string, ReferencedRecord> = new Map(),
): Promise<void> {
  const actor = (await readSession(db))?.user ?? null;
  if (!actor || rows.length === 0) return;
  const wanted = new Map(
    rows.flatMap((row) => referencedIds('attendance', row)).map((r) => [`${r.entity}:${r.id}`, r]),
  );
  const copy = new Map<string, ReferencedRecord>(about);
  await Promise.all(
    [...wanted].map(async ([key, ref]) => {
      if (copy.has(key)) return;
      const found = await getRecord(ref.entity, ref.id, db);
      if (found) copy.set(key, asReferenced(ref.entity, found));
    }),
  );
  for (const row of rows) {
    const problem = referenceProblem(actor, 'attendance', row, (entity, id) =>
      copy.get(`${entity}:${id}`),
    );
    if (problem) throw new AttendanceRefused(row.traineeId, problem);
  }
}

/**
 * Marks a trainee present, late or absent at a session (on the list, taken off it, or never on
 * it). The first check-in time is kept when present becomes late or back; absent clears it. A
 * check-in puts the person on the list. A tap that changes nothing writes nothing.
 */
export async function markAttendance(
  sessionId: string,
  traineeId: string,
  status: AttendanceStatus,
  db?: CundianDb,
): Promise<SaveResult> {
  const id = attendanceId(sessionId, traineeId);
  await refuseUnusableReferences([{ sessionId, traineeId }], db);
  const entry = await writeWithOutbox(
    'attendance',
    id,
    (existing) => {
      const checkedInAt =
        status === 'absent' ? null : (existing?.checkedInAt ?? new Date().toISOString());
      // A row deleted by an app that predates `onRoster` (a tombstone) is brought back by a new
      // tap at the door: the person is here, which beats an old removal (the server agrees while
      // the session lives: server/training/hooks.ts).
      const base = existing?.deleted ? undefined : existing;
      const plan = planUpsert(
        'attendance',
        id,
        base,
        rosterImpliedBy({ sessionId, traineeId, status, checkedInAt }),
      );
      if (plan && existing?.deleted) plan.baseVersion = existing.version;
      return plan;
    },
    db,
  );
  return { id, mutationId: entry?.mutationId ?? null };
}

/**
 * Puts trainees on a session's list (status absent, not yet arrived), all in one transaction.
 * Someone already on the list keeps their row as it is: re-importing the township's list after
 * the roll call has started must not un-mark anyone. Someone taken off it is put back. Returns
 * how many were added. Throws
 * AttendanceRefused, writing nothing, when one of them may not be signed in by this user.
 */
export async function addToRoster(
  sessionId: string,
  traineeIds: readonly string[],
  onProgress?: (done: number, total: number) => void,
  db?: CundianDb,
): Promise<number> {
  const unique = [...new Set(traineeIds)];
  await refuseUnusableReferences(
    unique.map((traineeId) => ({ sessionId, traineeId })),
    db,
  );
  const items = unique.map((traineeId) => {
    const recordId = attendanceId(sessionId, traineeId);
    return {
      recordId,
      produce: (existing: Parameters<typeof planUpsert<'attendance'>>[2]) =>
        !existing
          ? planUpsert('attendance', recordId, undefined, {
              sessionId,
              traineeId,
              status: 'absent' as const,
              checkedInAt: null,
              onRoster: true,
            })
          : existing.deleted || isOnRoster(existing)
            ? null
            : planUpsert('attendance', recordId, existing, { onRoster: true }),
    };
  });
  return writeManyWithOutbox('attendance', items, onProgress, db);
}

/**
 * A walk-in at the door: registers the trainee and checks them in at the session as ONE write —
 * both rows and both outbox entries in one transaction (writeTogether), so a failure leaves
 * neither: never a trainee who exists unmarked, never an attendance without its trainee. Both
 * rows are validated with the domain schemas before anything is opened; ValidationFailed says
 * which trainee fields are wrong.
 */
export async function registerWalkIn(
  sessionId: string,
  fields: TraineeFields,
  status: Exclude<AttendanceStatus, 'absent'> = 'present',
  db?: CundianDb,
): Promise<{ traineeId: string }> {
  const traineeId = newId();
  const rowId = attendanceId(sessionId, traineeId);
  const attendance = {
    sessionId,
    traineeId,
    status,
    checkedInAt: new Date().toISOString(),
  };
  // Validate first (pure): bad input is refused before any transaction starts.
  planUpsert('trainee', traineeId, undefined, fields);
  planUpsert('attendance', rowId, undefined, attendance);
  await refuseUnusableReferences(
    [attendance],
    db,
    new Map([[`trainee:${traineeId}`, asReferenced('trainee', { ...fields, deleted: false })]]),
  );
  await writeTogether(
    ['trainee', 'attendance'],
    async () => {
      await writeWithOutbox(
        'trainee',
        traineeId,
        (existing) => planUpsert('trainee', traineeId, existing, fields),
        db,
      );
      await writeWithOutbox(
        'attendance',
        rowId,
        (existing) => planUpsert('attendance', rowId, existing, attendance),
        db,
      );
    },
    db,
  );
  return { traineeId };
}

/** Someone already checked in (present or late) is not removed from a list: un-mark them first. */
export class AlreadyCheckedIn extends Error {
  constructor(readonly traineeId: string) {
    super(`trainee ${traineeId} is checked in; undo the check-in before removing them`);
    this.name = 'AlreadyCheckedIn';
  }
}

/** A tombstone of a row as deleteRecord writes it (op 'delete', it syncs, a delete wins). */
function tombstone<E extends EntityName>(existing: EntityRecord<E>): RecordWrite<E> {
  return {
    row: { ...existing, deleted: true, updatedAt: new Date().toISOString() },
    op: 'delete',
    changes: {},
    baseVersion: existing.version,
  };
}

/**
 * Takes someone off a session's list: their attendance row's `onRoster` becomes false, an update
 * that syncs like any other (never a delete: a check-in made meanwhile on another phone must
 * merge with it, not be undone by it). Only someone who has not arrived (status absent): a person
 * checked in is un-marked at the roll call first, so a tap at the door is never thrown away by a
 * tidy-up of the list (the server holds the same rule, src/domain/attendance.ts). Throws
 * RecordNotFound when they are not on the list, AlreadyCheckedIn when they are here.
 */
export async function removeFromRoster(
  sessionId: string,
  traineeId: string,
  db?: CundianDb,
): Promise<SaveResult> {
  const id = attendanceId(sessionId, traineeId);
  const entry = await writeWithOutbox(
    'attendance',
    id,
    (existing) => {
      if (!existing || !isOnRoster(existing)) throw new RecordNotFound('attendance', id);
      if (existing.status !== 'absent') throw new AlreadyCheckedIn(traineeId);
      return planUpsert('attendance', id, existing, { onRoster: false });
    },
    db,
  );
  return { id, mutationId: entry?.mutationId ?? null };
}

/**
 * Deletes a training session together with its attendance rows (the list and every check-in), as
 * tombstones, in one transaction: the figures, the trainees' pages and every device then agree
 * that the session never counted. The trainees themselves stay. Returns how many attendance rows
 * were deleted with it. Throws RecordNotFound when the session is not on this device.
 */
export async function deleteSession(
  sessionId: string,
  db?: CundianDb,
): Promise<{ attendanceDeleted: number }> {
  return writeTogether(
    ['trainingSession', 'attendance'],
    async () => {
      await writeWithOutbox(
        'trainingSession',
        sessionId,
        (existing) => {
          if (!existing || existing.deleted) throw new RecordNotFound('trainingSession', sessionId);
          return tombstone<'trainingSession'>(existing);
        },
        db,
      );
      // Every live row, on the list or taken off it: the session takes them all with it.
      const rows = (await attendanceOfSession(sessionId, db)).filter((a) => !a.deleted);
      const attendanceDeleted = await writeManyWithOutbox(
        'attendance',
        rows.map((a) => ({
          recordId: a.id,
          produce: (existing) => (existing && !existing.deleted ? tombstone(existing) : null),
        })),
        undefined,
        db,
      );
      return { attendanceDeleted };
    },
    db,
  );
}
