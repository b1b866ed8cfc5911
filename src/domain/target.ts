/**
 * Target: a yearly figure the programme is measured against, per county or for the whole
 * prefecture (countyCode null). Targets are data an admin edits, never constants in code: next
 * year's plan has other numbers (DESIGN.md §1). One row per (year, county, metric): the id is
 * derived from that key so two admins editing offline update the same row.
 */
import { z } from 'zod';
import { countyCodeSchema, derivedId, recordMetaSchema, yearSchema } from './common';

export const TARGET_METRICS = [
  'servicePoints',
  'agriShopsOnPlatform',
  'centralTownsWithStore',
  'traineesTrained',
  'pilotsAccepted',
  // Added with the assessment's metrics (src/domain/metrics.ts): every metric has a target row.
  'villagesCovered',
  'villagesNewlyCovered',
  'trainingPersonTimes',
] as const;
export type TargetMetric = (typeof TARGET_METRICS)[number];

export function targetId(year: number, countyCode: string | null, metric: TargetMetric): string {
  return derivedId('target', String(year), countyCode ?? 'all', metric);
}

export const targetFieldsSchema = z.object({
  year: yearSchema,
  countyCode: countyCodeSchema.nullable(),
  metric: z.enum(TARGET_METRICS),
  value: z.number().int('notInteger').min(0).max(1_000_000),
});

export const targetSchema = recordMetaSchema
  .extend(targetFieldsSchema.shape)
  .superRefine((t, ctx) => {
    if (t.id !== targetId(t.year, t.countyCode, t.metric)) {
      ctx.addIssue({ code: 'custom', path: ['id'], message: 'id.invalid' });
    }
  });
export type Target = z.infer<typeof targetSchema>;
