/**
 * The client of GET /api/audit and GET /api/audit.csv (server/audit/routes.ts), for the admins'
 * screen. Through the app's ApiClient (its errors, timeouts and no-store), with its own answer
 * schema so that src/sync/api.ts stays as it is.
 */
import { z } from 'zod';
import {
  AUDIT_ACTIONS,
  AUDIT_ACTION_GROUPS,
  type AuditActionGroup,
  type AuditAction,
  type AuditPage,
} from '../../domain/audit';
import { SyncFailure, type ApiClient } from '../../sync';

export interface AuditQuery {
  actor?: string;
  action?: AuditAction | AuditActionGroup | '';
  /** YYYY-MM-DD (the whole day, China time). */
  from?: string;
  to?: string;
  after?: number | null;
  limit?: number;
}

const entrySchema = z.object({
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

const pageSchema: z.ZodType<AuditPage> = z.object({
  entries: z.array(entrySchema),
  next: z.number().nullable(),
});

export const ACTION_CHOICES: readonly (AuditActionGroup | AuditAction)[] = [
  ...AUDIT_ACTION_GROUPS,
  ...AUDIT_ACTIONS,
];

/** ?actor=&action=&from=&to=&after=&limit= of a query (empty parts left out). */
export function auditSearch(query: AuditQuery): string {
  const params = new URLSearchParams();
  if (query.actor?.trim()) params.set('actor', query.actor.trim());
  if (query.action) params.set('action', query.action);
  if (query.from) params.set('from', query.from);
  if (query.to) params.set('to', query.to);
  if (query.after) params.set('after', String(query.after));
  if (query.limit) params.set('limit', String(query.limit));
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function fetchAuditPage(
  api: ApiClient,
  token: string,
  query: AuditQuery,
): Promise<AuditPage> {
  return api.request(`/api/audit${auditSearch(query)}`, { token, schema: pageSchema });
}

/** The CSV of the query (the server records the export). */
export async function fetchAuditCsv(
  token: string,
  query: AuditQuery,
  fetchImpl: typeof fetch = (url, init) => globalThis.fetch(url, init),
): Promise<Blob> {
  const { after: _after, limit: _limit, ...filter } = query;
  const response = await fetchImpl(`/api/audit.csv${auditSearch(filter)}`, {
    headers: { authorization: `Bearer ${token}` },
    cache: 'no-store',
    credentials: 'same-origin',
  });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as {
      error?: string;
      message?: string;
      messages?: Bilingual;
    } | null;
    throw new SyncFailure(
      response.status === 401 ? 'unauthorized' : response.status >= 500 ? 'server' : 'refused',
      body?.message ?? `HTTP ${response.status}`,
      response.status,
      body?.error ?? null,
      body?.messages ?? null,
    );
  }
  return response.blob();
}
