/** The audit log, for admins (server/audit/routes.ts). */
import { z } from 'zod';
import {
  AUDIT_ACTION_GROUPS,
  AUDIT_ACTIONS,
  AUDIT_PAGE_DEFAULT,
  AUDIT_PAGE_MAX,
  isAuditAction,
  type AuditPage,
} from '../audit';
import { apiRoute } from './route';

const dateText = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/)
  .transform((text) => new Date(/T/.test(text) ? text : `${text}T00:00:00+08:00`))
  .refine((date) => !Number.isNaN(date.getTime()));

/**
 * ?actor, ?action (an action or a group), ?from, ?to (a date: China time; the server reads a bare
 * `to` as the whole of that day), ?limit, ?after (the `next` of the page before).
 */
export const auditQuerySchema = z.object({
  actor: z.string().trim().toLowerCase().min(1).max(64).optional(),
  action: z
    .string()
    .trim()
    .refine(
      (value) => isAuditAction(value) || (AUDIT_ACTION_GROUPS as readonly string[]).includes(value),
    )
    .optional(),
  from: dateText.optional(),
  to: dateText.optional(),
  limit: z.coerce.number().int().min(1).max(AUDIT_PAGE_MAX).default(AUDIT_PAGE_DEFAULT),
  after: z.coerce.number().int().min(1).optional(),
});

export const auditEntrySchema = z.object({
  id: z.number(),
  at: z.string(),
  action: z.enum(AUDIT_ACTIONS),
  outcome: z.enum(['ok', 'refused']),
  actorId: z.string().nullable(),
  actorUsername: z.string(),
  actorRole: z.string().nullable(),
  subjectType: z.string().nullable(),
  subjectId: z.string().nullable(),
  subjectLabel: z.string().nullable(),
  areas: z.array(z.string()),
  address: z.string(),
  userAgent: z.string(),
  details: z.record(z.string(), z.unknown()),
});

export const auditPageSchema = z.object({
  entries: z.array(auditEntrySchema),
  /** Pass as ?after= for the next (older) page; null on the last page. */
  next: z.number().nullable(),
}) satisfies z.ZodType<AuditPage>;

export const auditRoute = apiRoute({
  method: 'GET',
  path: '/api/audit',
  query: auditQuerySchema,
  answer: auditPageSchema,
});

/** The same filter without the page: text/csv (the export is itself audited). */
export const auditCsvRoute = apiRoute({
  method: 'GET',
  path: '/api/audit.csv',
  query: auditQuerySchema.omit({ limit: true, after: true }),
  answer: null,
});
