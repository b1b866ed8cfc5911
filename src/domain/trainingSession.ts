/** TrainingSession: one course held in a township hall, with its dates, trainer, hours and topics. */
import { z } from 'zod';
import { dateSchema, recordMetaSchema, textSchema, townshipCodeSchema } from './common';

export const trainingSessionFieldsSchema = z.object({
  title: textSchema(2, 80),
  startDate: dateSchema,
  endDate: dateSchema,
  townshipCode: townshipCodeSchema,
  trainer: textSchema(1, 40),
  hours: z.number().min(0.5).max(200),
  topics: z.array(textSchema(1, 40)).max(20),
  capacity: z.number().int('notInteger').min(1).max(2000).nullable(),
});

export const trainingSessionSchema = recordMetaSchema
  .extend(trainingSessionFieldsSchema.shape)
  .superRefine((s, ctx) => {
    if (s.endDate < s.startDate) {
      ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'dates.endBeforeStart' });
    }
  });
export type TrainingSession = z.infer<typeof trainingSessionSchema>;
