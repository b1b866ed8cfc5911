/** The duplicates inbox (server/duplicates/routes.ts, docs/SERVICE_POINTS.md "Duplicates"). */
import { z } from 'zod';
import { MERGE_FIELDS } from '../duplicates';
import { apiRoute } from './route';
import { inboxPageTail, inboxQuerySchema } from './sync';

/** A point of a flagged pair, as the server has it now. */
export const duplicatePointSchema = z.object({
  id: z.string(),
  version: z.number(),
  /** The record as devices have it (all fields and metadata). */
  data: z.record(z.string(), z.unknown()),
  /** Who changed it last, by display name (else username). */
  lastEditedBy: z.string().nullable(),
  createdAt: z.string(),
});
export type DuplicatePoint = z.infer<typeof duplicatePointSchema>;

/** Two service points the server thinks are one place, for a coordinator to merge or dismiss. */
export const duplicateFlagSchema = z.object({
  id: z.number(),
  reason: z.enum(['sameName', 'sameVillageNearby']),
  /** Metres apart when both have a location. */
  distance: z.number().nullable(),
  createdAt: z.string(),
  a: duplicatePointSchema,
  b: duplicatePointSchema,
});
export type DuplicateFlag = z.infer<typeof duplicateFlagSchema>;

/** A coordinator's merge: the point that stays, what it takes from the other, the versions seen. */
export const mergeBodySchema = z.object({
  keep: z.uuid(),
  take: z.array(z.enum(MERGE_FIELDS)).max(MERGE_FIELDS.length),
  /** The versions of the two points the coordinator saw: {pointId: version}. */
  versions: z.record(z.uuid(), z.number().int().min(1)),
});
export type MergeDecision = z.input<typeof mergeBodySchema>;

export const resolveDuplicateAnswerSchema = z.object({
  id: z.number(),
  resolution: z.enum(['merged', 'dismissed']),
  keptId: z.string().nullable(),
  /** The kept point's version after the merge. */
  version: z.number().nullable(),
});

export const duplicatesRoute = apiRoute({
  method: 'GET',
  path: '/api/duplicates',
  /** `point`: only that service point's flags. */
  query: inboxQuerySchema.extend({ point: z.string().optional() }),
  answer: z.object({ duplicates: z.array(duplicateFlagSchema), ...inboxPageTail }),
});

const flagParams = z.object({ id: z.string() });

export const dismissDuplicateRoute = apiRoute({
  method: 'POST',
  path: '/api/duplicates/:id/dismiss',
  params: flagParams,
  answer: resolveDuplicateAnswerSchema,
});

export const mergeDuplicateRoute = apiRoute({
  method: 'POST',
  path: '/api/duplicates/:id/merge',
  params: flagParams,
  body: mergeBodySchema,
  answer: resolveDuplicateAnswerSchema,
});
