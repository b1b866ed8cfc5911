/**
 * Training intents: mark a trainee at a session's roll call, put expected trainees on a session's
 * list, register a walk-in. Every write goes through the same validation and row + outbox
 * transaction as any other (records.ts); a walk-in writes its two rows in one transaction.
 *
 * The roster is kept as attendance rows: an expected trainee has a row with status 'absent' and
 * no check-in time until they arrive (docs/TRAINING.md). The attendance id is derived from
 * (session, trainee), so two trainers marking the same person on two offline phones write the
 * same row, and the server merges them field by field.
 */
import { attendanceId, type AttendanceStatus } from '../domain/attendance';
import type { Trainee } from '../domain/trainee';
import { newId } from '../domain/common';
import { writeManyWithOutbox, writeTogether, writeWithOutbox, type CundianDb } from '../db';
import { planUpsert, type SaveResult } from './records';

type TraineeFields = Pick<Trainee, 'name' | 'kind' | 'villageCode' | 'phone'>;

/**
 * Marks a trainee present, late or absent at a session (on the list or not). The first check-in
 * time is kept when present becomes late or back; absent clears it. A tap that changes nothing
 * writes nothing.
 */
export async function markAttendance(
  sessionId: string,
  traineeId: string,
  status: AttendanceStatus,
  db?: CundianDb,
): Promise<SaveResult> {
  const id = attendanceId(sessionId, traineeId);
  const entry = await writeWithOutbox(
    'attendance',
    id,
    (existing) => {
      const checkedInAt =
        status === 'absent' ? null : (existing?.checkedInAt ?? new Date().toISOString());
      // A row removed elsewhere (tombstone) is brought back by a new tap at the door: the person
      // is here, which beats an old removal.
      const base = existing?.deleted ? undefined : existing;
      const plan = planUpsert('attendance', id, base, {
        sessionId,
        traineeId,
        status,
        checkedInAt,
      });
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
 * the roll call has started must not un-mark anyone. Returns how many were added.
 */
export function addToRoster(
  sessionId: string,
  traineeIds: readonly string[],
  onProgress?: (done: number, total: number) => void,
  db?: CundianDb,
): Promise<number> {
  const items = [...new Set(traineeIds)].map((traineeId) => {
    const recordId = attendanceId(sessionId, traineeId);
    return {
      recordId,
      produce: (existing: Parameters<typeof planUpsert<'attendance'>>[2]) =>
        existing
          ? null
          : planUpsert('attendance', recordId, undefined, {
              sessionId,
              traineeId,
              status: 'absent' as const,
              checkedInAt: null,
            }),
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
