/**
 * Live reads of the training screens. The roll call reads only its session's attendance through
 * the sessionId index (attendanceOfSession in src/db, not the whole table): with tens of
 * thousands of rows over the years, a tap must not re-read them all.
 */
import { attendanceOfSession, getDb, listRecords, useLiveQuery } from '../../db';
import type { Attendance } from '../../domain/attendance';

export function useSessionAttendance(sessionId: string): Attendance[] | undefined {
  return useLiveQuery(
    async () => (await attendanceOfSession(sessionId)).filter((a) => !a.deleted),
    [sessionId],
  );
}

/** Who was taken off this session's list (tombstoned rows): the roll call says so if they come. */
export function useRemovedFromSession(sessionId: string): ReadonlySet<string> | undefined {
  return useLiveQuery(
    async () =>
      new Set(
        (await attendanceOfSession(sessionId)).filter((a) => a.deleted).map((a) => a.traineeId),
      ),
    [sessionId],
  );
}

export function useTraineeAttendance(traineeId: string): Attendance[] | undefined {
  return useLiveQuery(
    async () =>
      (await getDb().attendance.where('traineeId').equals(traineeId).toArray()).filter(
        (a) => !a.deleted,
      ),
    [traineeId],
  );
}

export function useAllAttendance(): Attendance[] | undefined {
  return useLiveQuery(() => listRecords('attendance'), []);
}
