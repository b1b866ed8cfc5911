/**
 * Trainee: a village official (村官) or rural entrepreneurial youth (农村青年) trained by the
 * programme (policy §四: 800 a year). Name and phone are personal data: synced only to users whose
 * scope covers the trainee, phone masked for roles that do not need it.
 */
import { z } from 'zod';
import { phoneSchema, recordMetaSchema, textSchema, villageCodeSchema } from './common';

export const TRAINEE_KINDS = ['official', 'youth'] as const;
export type TraineeKind = (typeof TRAINEE_KINDS)[number];

export const traineeFieldsSchema = z.object({
  name: textSchema(2, 30),
  kind: z.enum(TRAINEE_KINDS),
  villageCode: villageCodeSchema,
  phone: phoneSchema.nullable(),
});

export const traineeSchema = recordMetaSchema.extend(traineeFieldsSchema.shape);
export type Trainee = z.infer<typeof traineeSchema>;

/** Names compared for duplicates: no spaces, full-width letters folded. */
export function normaliseName(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}
