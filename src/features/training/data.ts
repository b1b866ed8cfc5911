/**
 * Live reads of the training screens. The roll call reads only its session's attendance through
 * the sessionId index (not the whole table): with tens of thousands of rows over the years, a
 * tap must not re-read them all.
 */
import { getDb, listRecords, useLiveQuery } from '../../db';
import type { Attendance } from '../../domain/attendance';

export function useSessionAttendance(sessionId: string): Attendance[] | undefined {
  return useLiveQuery(
    async () =>
      (await getDb().attendance.where('sessionId').equals(sessionId).toArray()).filter(
        (a) => !a.deleted,
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
