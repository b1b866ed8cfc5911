/**
 * The client of GET /api/audit and GET /api/audit.csv (server/audit/routes.ts), for the admins'
 * screen. Through the app's ApiClient (its errors, timeouts and no-store) and the route's answer
 * schema (src/domain/api/audit.ts).
 */
import { auditCsvRoute, auditRoute, queryString } from '../../domain/api';
import type { Bilingual } from '../../domain/bilingual';
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

export const ACTION_CHOICES: readonly (AuditActionGroup | AuditAction)[] = [
  ...AUDIT_ACTION_GROUPS,
  ...AUDIT_ACTIONS,
];

/** The query string's parts of a query (empty parts left out). */
function auditQueryParts(query: AuditQuery) {
  return {
    actor: query.actor?.trim() || null,
    action: query.action || null,
    from: query.from || null,
    to: query.to || null,
    after: query.after || null,
    limit: query.limit || null,
  };
}

/** ?actor=&action=&from=&to=&after=&limit= of a query (empty parts left out). */
export function auditSearch(query: AuditQuery): string {
  return queryString(auditQueryParts(query));
}

export function fetchAuditPage(
  api: ApiClient,
  token: string,
  query: AuditQuery,
): Promise<AuditPage> {
  return api.requestJson(auditRoute, { token, query: auditQueryParts(query) });
}

/** The CSV of the query (the server records the export). */
export async function fetchAuditCsv(
  token: string,
  query: AuditQuery,
  fetchImpl: typeof fetch = (url, init) => globalThis.fetch(url, init),
): Promise<Blob> {
  const { after: _after, limit: _limit, ...filter } = query;
  const response = await fetchImpl(`${auditCsvRoute.path}${auditSearch(filter)}`, {
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
