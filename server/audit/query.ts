/**
 * Reading the audit log for admins: GET /api/audit (pages, newest first) and GET /api/audit.csv.
 * Each admin sees the entries of their own area (src/domain/audit.ts auditVisibleTo, the same
 * test in SQL below).
 */
import {
  AUDIT_PAGE_MAX,
  isAuditAction,
  type AuditAction,
  type AuditEntry,
  type AuditPage,
} from '../../src/domain/audit';
import type { Scope } from '../../src/domain/protocol';
import { auditRoute } from '../../src/domain/api';
import { bilingualError } from '../base/api-error';
import { parseRequest } from '../base/api-validate';
import type { DbTx } from '../db';
import { codeWithinSql } from '../db/area';
import { isWholeArea } from '../../src/domain/levels';

export interface AuditFilter {
  actor?: string | undefined;
  /** One action (login.failed) or a group (login, user…). */
  action?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  limit: number;
  /** Entries older than this id (the previous page's `next`). */
  after?: number | undefined;
}

const FIELD_NAMES: Record<string, { zh: string; en: string }> = {
  actor: { zh: '操作人（用户名）', en: 'actor (a username)' },
  action: { zh: '操作类型', en: 'action (an action name or group, e.g. login or user.created)' },
  from: { zh: '开始日期（如 2026-03-01）', en: 'from (a date such as 2026-03-01)' },
  to: { zh: '结束日期（如 2026-03-31）', en: 'to (a date such as 2026-03-31)' },
  limit: { zh: `每页条数（1–${AUDIT_PAGE_MAX}）`, en: `limit (1–${AUDIT_PAGE_MAX})` },
  after: { zh: '翻页位置', en: 'after (the next value of the previous page)' },
};

/** Reads ?actor, ?action, ?from, ?to (a date: from its start, to its end, China time), ?limit, ?after. */
export function parseAuditFilter(query: unknown): AuditFilter {
  const { to, ...rest } = parseRequest(auditRoute.query, query ?? {}, (error) => {
    const field = String(error.issues[0]?.path[0] ?? '');
    const name = FIELD_NAMES[field] ?? { zh: '查询条件', en: 'the query' };
    return { 'zh-CN': `请检查${name.zh}`, en: `check ${name.en}` };
  });
  // A bare date as `to` means the whole of that day.
  const toText = (query as { to?: unknown } | null)?.to;
  const end =
    to && typeof toText === 'string' && !toText.includes('T')
      ? new Date(to.getTime() + 86_400_000)
      : to;
  if (rest.from && end && rest.from >= end) {
    throw bilingualError(400, 'invalid', {
      'zh-CN': '开始日期要早于结束日期',
      en: 'from must be before to',
    });
  }
  return { ...rest, to: end };
}

interface AuditRow {
  id: string;
  at: Date;
  action: AuditAction;
  outcome: 'ok' | 'refused';
  actor_id: string | null;
  actor_username: string;
  actor_role: string | null;
  subject_type: string | null;
  subject_id: string | null;
  subject_label: string | null;
  areas: string[];
  address: string;
  user_agent: string;
  details: Record<string, unknown> | string;
}

function toEntry(row: AuditRow): AuditEntry {
  return {
    id: Number(row.id),
    at: row.at.toISOString(),
    action: row.action,
    outcome: row.outcome,
    actorId: row.actor_id,
    actorUsername: row.actor_username,
    actorRole: row.actor_role,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    subjectLabel: row.subject_label,
    areas: row.areas,
    address: row.address,
    userAgent: row.user_agent,
    details: typeof row.details === 'string' ? JSON.parse(row.details) : row.details,
  };
}

/** The entries an admin of `scope` may see that match `filter`, newest first. */
export async function listAudit(db: DbTx, scope: Scope, filter: AuditFilter): Promise<AuditPage> {
  const where: string[] = [];
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  // auditVisibleTo: a prefecture admin sees everything; others an entry with an area in theirs.
  if (!isWholeArea(scope)) {
    where.push(
      `exists (select 1 from unnest(areas) as a(code) where ${codeWithinSql('a.code', param(scope.code))})`,
    );
  }
  if (filter.actor) where.push(`actor_username = ${param(filter.actor)}`);
  if (filter.action) {
    if (isAuditAction(filter.action)) where.push(`action = ${param(filter.action)}`);
    else
      where.push(
        `(action = ${param(filter.action)} or action like ${param(`${filter.action}.%`)})`,
      );
  }
  if (filter.from) where.push(`at >= ${param(filter.from)}`);
  if (filter.to) where.push(`at < ${param(filter.to)}`);
  if (filter.after) where.push(`id < ${param(filter.after)}`);
  const { rows } = await db.query<AuditRow>(
    `select id::text as id, at, action, outcome, actor_id::text as actor_id, actor_username,
            actor_role, subject_type, subject_id, subject_label, areas, address, user_agent, details
     from audit_log
     ${where.length > 0 ? `where ${where.join(' and ')}` : ''}
     order by audit_log.id desc
     limit ${param(filter.limit + 1)}`,
    params,
  );
  const entries = rows.slice(0, filter.limit).map(toEntry);
  return {
    entries,
    next: rows.length > filter.limit ? (entries.at(-1)?.id ?? null) : null,
  };
}

/** One CSV field: quoted when needed, and a leading = + - @ neutralised (spreadsheet formulas). */
function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const AUDIT_CSV_HEADER = [
  'id',
  'at',
  'action',
  'outcome',
  'actor',
  'actor_role',
  'subject_type',
  'subject',
  'areas',
  'address',
  'user_agent',
  'details',
];

/** Entries as CSV (UTF-8 with a BOM, so Excel on a county office PC reads the Chinese). */
export function auditCsv(entries: readonly AuditEntry[]): string {
  const lines = [AUDIT_CSV_HEADER.join(',')];
  for (const e of entries) {
    lines.push(
      [
        String(e.id),
        e.at,
        e.action,
        e.outcome,
        e.actorUsername,
        e.actorRole ?? '',
        e.subjectType ?? '',
        e.subjectLabel ?? e.subjectId ?? '',
        e.areas.join(' '),
        e.address,
        e.userAgent,
        JSON.stringify(e.details),
      ]
        .map(csvField)
        .join(','),
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
