/** The assessment figures the server counts (server/assessment/routes.ts, docs/ASSESSMENT.md). */
import { z } from 'zod';
import { countyTableResponseSchema } from '../metricsWire';
import { apiRoute } from './route';

export const yearQuerySchema = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
});

export const countyTableRoute = apiRoute({
  method: 'GET',
  path: '/api/assessment/counties',
  query: yearQuerySchema,
  answer: countyTableResponseSchema,
});
