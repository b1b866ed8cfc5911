/**
 * The county table on the wire (GET /api/assessment/counties): a coordinator's phone holds only
 * its county's records, so the ranks come from the server; the app keeps the answer for offline.
 * Apart from metrics.ts so the start page's board counts without zod (docs/PERFORMANCE.md,
 * "Size"): the sync API (src/sync/api.ts) checks answers with it, the server's tests too.
 */
import { z } from 'zod';
import { AREA_LEVELS } from './levels';
import { METRIC_IDS } from './metrics';

const measureSchema = z.object({
  metric: z.enum(METRIC_IDS),
  area: z.object({ level: z.enum(AREA_LEVELS), code: z.string() }),
  year: z.number().int(),
  actual: z.number(),
  target: z.number().nullable(),
  share: z.number().nullable(),
  pace: z.enum(['ahead', 'near', 'behind']).nullable(),
  hint: z.number().nullable(),
  of: z.number().optional(),
});

const areaRowSchema = z.object({
  area: z.object({ level: z.enum(AREA_LEVELS), code: z.string() }),
  measures: z.record(z.enum(METRIC_IDS), measureSchema),
  ranks: z.record(z.enum(METRIC_IDS), z.number().int().nullable()),
});

export const countyTableResponseSchema = z.object({
  table: z.object({
    year: z.number().int(),
    today: z.string(),
    rows: z.array(areaRowSchema),
    total: areaRowSchema,
  }),
  /** Server time the figures were counted at. */
  countedAt: z.string(),
});
export type CountyTableResponse = z.infer<typeof countyTableResponseSchema>;
