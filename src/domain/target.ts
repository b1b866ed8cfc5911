/**
 * Target: a yearly figure the programme is measured against, for one AREA of the deployment at or
 * above county level (docs/ASSESSMENT.md "Targets at every level"). The area is the row's
 * `countyCode`, a name kept from when only counties had targets, so that every stored row, every
 * pending change and every id stays as it was:
 *
 *   null          the deployment's whole area (the prefecture of REGION=3301, the province of REGION=33)
 *   4 digits      a prefecture of a province deployment, its OWN row (never the province's)
 *   6 digits      a county
 *
 * A 4-digit code is one of the deployment's prefectures and never the deployment's own code (that
 * area's row is the null one: two rows for one area would disagree). Targets are data an admin
 * edits, never constants in code: next year's plan has other numbers (DESIGN.md §1). One row per
 * (year, area, metric): the id is derived from that key so two admins editing offline update the
 * same row.
 */
import { z } from 'zod';
import { derivedId, recordMetaSchema, yearSchema } from './common';
import { deployment, inDeployment } from './deployment';
import { levelOfCode } from './levels';

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

/** The id of the row of (year, area, metric); `areaCode` null: the deployment's whole area. */
export function targetId(year: number, areaCode: string | null, metric: TargetMetric): string {
  return derivedId('target', String(year), areaCode ?? 'all', metric);
}

/**
 * True when `code` may key a target row: a county (6 digits) inside the deployment, or a
 * prefecture (4 digits) of the deployment other than its own code. Existence of a county in the
 * gazetteer is checked by the UI and the server, as for every place.
 */
export function isTargetAreaCode(code: string): boolean {
  if (!/^\d+$/.test(code) || !inDeployment(code)) return false;
  const level = levelOfCode(code);
  if (level === 'county') return true;
  if (level !== 'prefecture') return false;
  const area = deployment();
  return code !== area.code && area.prefectures.some(([c]) => c === code);
}

/** A target's area: a county, or a prefecture of a province deployment (see the module comment). */
export const targetAreaCodeSchema = z
  .string('region.targetArea')
  .refine(isTargetAreaCode, 'region.targetArea');

export const targetFieldsSchema = z.object({
  year: yearSchema,
  /** The target's area: null the whole deployment, 4 digits a prefecture, 6 a county. */
  countyCode: targetAreaCodeSchema.nullable(),
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
