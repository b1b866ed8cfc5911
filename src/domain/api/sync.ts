/**
 * Sync (server/sync/routes.ts, docs/PROTOCOL.md): the push/pull/digest/repair schemas live in
 * src/domain/protocol.ts and src/domain/digest.ts and are reused here, not copied; plus the
 * conflicts inbox and a record's history.
 */
import { z } from 'zod';
import { MAX_INBOX_PAGE } from '../inboxes';
import {
  digestRequestSchema,
  digestResponseSchema,
  repairRequestSchema,
  repairResponseSchema,
} from '../digest';
import {
  pullRequestSchema,
  pullResponseSchema,
  pushRequestSchema,
  pushResponseSchema,
} from '../protocol';
import { apiRoute } from './route';

export const pushRoute = apiRoute({
  method: 'POST',
  path: '/api/sync/push',
  // The server reads the envelope with pushEnvelopeSchema (each mutation checked on its own).
  body: pushRequestSchema,
  answer: pushResponseSchema,
});

export const pullRoute = apiRoute({
  method: 'POST',
  path: '/api/sync/pull',
  body: pullRequestSchema,
  answer: pullResponseSchema,
});

export const digestRoute = apiRoute({
  method: 'POST',
  path: '/api/sync/digest',
  body: digestRequestSchema,
  answer: digestResponseSchema,
});

export const repairRoute = apiRoute({
  method: 'POST',
  path: '/api/sync/records',
  body: repairRequestSchema,
  answer: repairResponseSchema,
});

/**
 * `?limit=&after=` of a review inbox (conflicts, duplicate flags): limit 1–MAX_INBOX_PAGE, after
 * the opaque `next` of the page before. The server decodes `after` (server/sync/inbox-page.ts).
 */
export const inboxQuerySchema = z.object({
  limit: z
    .string()
    .regex(/^[1-9][0-9]{0,3}$/)
    .refine((text) => Number(text) <= MAX_INBOX_PAGE)
    .optional(),
  after: z.string().optional(),
});

/** The tail of an inbox page. Optional: a server from before pages sent the whole list only. */
export const inboxPageTail = {
  /** Pass as `after` for the following page; null after the last one. */
  next: z.string().nullable().optional(),
  /** Everything that waits, this page included. */
  total: z.number().int().min(0).optional(),
};

const personSchema = z.object({
  username: z.string().nullable(),
  displayName: z.string().nullable(),
});

/** A conflict kept by the server: the value that lost, beside the one that won. */
export const conflictSchema = z.object({
  id: z.number(),
  entity: z.string(),
  recordId: z.string(),
  /** 'field': one field two people changed; 'deleted': an update that lost to a delete. */
  kind: z.enum(['field', 'deleted']),
  /** null for 'deleted', whose losingValue holds every field sent. */
  field: z.string().nullable(),
  winningValue: z.unknown(),
  losingValue: z.unknown(),
  winner: personSchema.extend({ version: z.number().nullable() }),
  loser: personSchema.extend({ version: z.number().nullable() }),
  createdAt: z.string(),
  recordDeleted: z.boolean(),
  /**
   * When a value was too large to list (MAX_LISTED_VALUE_BYTES): its full size in bytes; the
   * value is then only its start, ending in "…". Restoring still applies the whole value.
   */
  truncated: z
    .object({ winningValue: z.number().optional(), losingValue: z.number().optional() })
    .optional(),
});
export type Conflict = z.infer<typeof conflictSchema>;

export const conflictsRoute = apiRoute({
  method: 'GET',
  path: '/api/conflicts',
  query: inboxQuerySchema,
  answer: z.object({ conflicts: z.array(conflictSchema), ...inboxPageTail }),
});

export const resolveConflictBodySchema = z.object({ restore: z.enum(['winner', 'loser']) });

export const resolveConflictRoute = apiRoute({
  method: 'POST',
  path: '/api/conflicts/:id/resolve',
  params: z.object({ id: z.string() }),
  body: resolveConflictBodySchema,
  answer: z.object({ conflict: conflictSchema, version: z.number().nullable() }),
});

/** One entry of a record's history: who changed which fields, when (values are not kept). */
export const historyEntrySchema = z.object({
  version: z.number(),
  // A string, not the server's list: a later server's new kind of change still shows.
  op: z.string(),
  fields: z.array(z.string()),
  at: z.string(),
  user: z.object({ username: z.string(), displayName: z.string() }).nullable(),
  /** The device it came from; null for changes made on the server (a conflict restored). */
  clientId: z.string().nullable(),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

export const historyRoute = apiRoute({
  method: 'GET',
  path: '/api/records/:entity/:id/history',
  params: z.object({ entity: z.string(), id: z.string() }),
  answer: z.object({ history: z.array(historyEntrySchema) }),
});
