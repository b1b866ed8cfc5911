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
  });
export type Attendance = z.infer<typeof attendanceSchema>;

// What counts lives without zod, for the start page's board (countRules.ts).
export { attended } from './countRules';
