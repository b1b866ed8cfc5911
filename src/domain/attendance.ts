/**
 * Attendance: one trainee at one session. The id is derived from the pair, so two trainers taking
 * the same roll call on two offline phones end with one row per person (DESIGN.md §4.1).
 */
import { z } from 'zod';
import { derivedId, idSchema, isoDateTimeSchema, recordMetaSchema } from './common';

export const ATTENDANCE_STATUSES = ['present', 'late', 'absent'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

export function attendanceId(sessionId: string, traineeId: string): string {
  return derivedId('attendance', sessionId, traineeId);
}

export const attendanceFieldsSchema = z.object({
  sessionId: idSchema,
  traineeId: idSchema,
  status: z.enum(ATTENDANCE_STATUSES),
  checkedInAt: isoDateTimeSchema.nullable(),
  /**
   * On the session's list (名单). Taking someone off the list sets false — an update, never a
   * delete — so a check-in made elsewhere meanwhile merges field by field and counts at once
   * (docs/ARCHITECTURE.md "Roster membership"). Absent on rows written before the field
   * existed, and in what older apps send: on the list.
   */
  onRoster: z.boolean().optional(),
});

export const attendanceSchema = recordMetaSchema
  .extend(attendanceFieldsSchema.shape)
  .superRefine((a, ctx) => {
    if (a.id !== attendanceId(a.sessionId, a.traineeId)) {
      ctx.addIssue({ code: 'custom', path: ['id'], message: 'id.invalid' });
    }
    if (a.status !== 'absent' && a.checkedInAt === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['checkedInAt'],
        message: 'attendance.checkedInRequired',
      });
    }
    // A check-in puts the person on the list (rosterImpliedBy): someone here is never off it.
    if (a.status !== 'absent' && a.onRoster === false) {
      ctx.addIssue({
        code: 'custom',
        path: ['onRoster'],
        message: 'attendance.checkedInOffRoster',
      });
    }
  });
export type Attendance = z.infer<typeof attendanceSchema>;

/**
 * What a change to an attendance implies: a check-in (present or late) puts the person on the
 * list. Added by the app to every check-in (markAttendance) and by the server to every mutation
 * (server/training/hooks.ts) — also from apps that predate the field — so a tap after a removal
 * made elsewhere is an ordinary update that merges, and a removal arriving after a check-in is
 * refused by the rule above rather than hiding someone who came.
 */
export function rosterImpliedBy<T extends Readonly<Record<string, unknown>>>(
  changes: T,
): T | (T & { onRoster: true }) {
  return changes.status === 'present' || changes.status === 'late'
    ? { ...changes, onRoster: true }
    : changes;
}
