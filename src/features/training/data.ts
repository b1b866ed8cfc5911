/**
 * Live reads of the training screens. The roll call reads only its session's attendance through
 * the sessionId index (attendanceOfSession in src/db, not the whole table): with tens of
 * thousands of rows over the years, a tap must not re-read them all.
 */
import { attendanceOfSession, getDb, listRecords, useLiveQuery } from '../../db';
import type { Attendance } from '../../domain/attendance';
import { isOnRoster } from '../../domain/countRules';

/** The session's list: its live attendance rows not taken off it. */
export function useSessionAttendance(sessionId: string): Attendance[] | undefined {
  return useLiveQuery(
    async () => (await attendanceOfSession(sessionId)).filter(isOnRoster),
    [sessionId],
  );
}

/**
 * Who was taken off this session's list (`onRoster` false, or a row deleted by an app that
 * predates the field): the roll call says so if they come, and a tap checks them in.
 */
export function useRemovedFromSession(sessionId: string): ReadonlySet<string> | undefined {
  return useLiveQuery(
    async () =>
      new Set(
        (await attendanceOfSession(sessionId))
          .filter((a) => !isOnRoster(a))
          .map((a) => a.traineeId),
      ),
    [sessionId],
  );
}

export function useTraineeAttendance(traineeId: string): Attendance[] | undefined {
  return useLiveQuery(
    async () =>
      (await getDb().attendance.where('traineeId').equals(traineeId).toArray()).filter(isOnRoster),
    [traineeId],
  );
}

export function useAllAttendance(): Attendance[] | undefined {
  return useLiveQuery(() => listRecords('attendance'), []);
}
