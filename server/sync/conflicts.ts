/**
 * The conflicts inbox (DESIGN.md §4.5): values that lost — a field two people changed, or an
 * update that arrived after the record was deleted — listed for coordinators and admins of the
 * record's area, and restorable. Restoring goes through the same apply path as a push (a new
 * change by the coordinator, with a new version and a change-log row), so it reaches every
 * device like any other edit.
 */
import type { EntityName } from '../../src/domain/entities';
import { canWrite, type Actor } from '../../src/domain/scope';
import {
  DEFAULT_INBOX_PAGE,
  LISTED_VALUE_PREVIEW_CHARS,
  MAX_LISTED_VALUE_BYTES,
} from '../../src/domain/inboxes';
import { bilingualError } from '../base/api-error';
import { assertMay } from '../auth/permissions';
import type { SessionUser } from '../auth/sessions';
import type { ServerContext } from '../base/context';
import { applyMutations, loadRecords } from './apply';
import { applyContextOf, writeActorOf } from './apply-as';
import { pageOf, type InboxPage } from './inbox-page';
import { writableAreaSql } from './area';
import { runTransaction } from '../db/transactions';
import type { ConflictRow } from './merge';
import { NO_ORIGIN, recordAudit, type AuditOrigin } from '../base/audit-record';

/** A conflict as the inbox shows it. */
export interface ConflictView extends Pick<
  ConflictRow,
  'entity' | 'recordId' | 'kind' | 'field' | 'winningValue' | 'losingValue'
> {
  id: number;
  winner: { username: string | null; displayName: string | null; version: number | null };
  loser: {
    username: string | null;
    displayName: string | null;
    clientId: string | null;
    mutationId: number | null;
    version: number | null;
  };
  createdAt: string;
  /** Whether the record is deleted now. */
  recordDeleted: boolean;
  /**
   * In lists only, when a value was over MAX_LISTED_VALUE_BYTES: its full size in bytes (of its
   * JSON). The value itself is then the start of its text followed by "…".
   */
  truncated?: { winningValue?: number; losingValue?: number };
}

interface ConflictRowDb {
  id: number;
  entity: EntityName;
  record_id: string;
  kind: 'field' | 'deleted';
  field: string | null;
  winning_value: { value: unknown } | null;
  losing_value: { value: unknown } | null;
  winning_version: number | null;
  losing_client_id: string | null;
  losing_mutation_id: number | null;
  losing_version: number | null;
  created_at: Date;
  resolved_at: Date | null;
  winner_username: string | null;
  winner_name: string | null;
  loser_username: string | null;
  loser_name: string | null;
  county_code: string | null;
  township_code: string | null;
  record_deleted: boolean;
}

const CONFLICT_SELECT = `
  select c.id, c.entity, c.record_id::text as record_id, c.kind, c.field, c.winning_value,
         c.losing_value, c.winning_version, c.losing_client_id::text as losing_client_id,
         c.losing_mutation_id, c.losing_version, c.created_at, c.resolved_at,
         wu.username as winner_username, wu.display_name as winner_name,
         lu.username as loser_username, lu.display_name as loser_name,
         r.county_code, r.township_code, r.deleted as record_deleted
  from conflicts c
  join records r on r.entity = c.entity and r.id = c.record_id
  left join users wu on wu.id = c.winning_user_id
  left join users lu on lu.id = c.losing_user_id`;

function toView(row: ConflictRowDb): ConflictView {
  return {
    id: row.id,
    entity: row.entity,
    recordId: row.record_id,
    kind: row.kind,
    field: row.field,
    winningValue: row.winning_value?.value ?? null,
    losingValue: row.losing_value?.value ?? null,
    winner: {
      username: row.winner_username,
      displayName: row.winner_name,
      version: row.winning_version,
    },
    loser: {
      username: row.loser_username,
      displayName: row.loser_name,
      clientId: row.losing_client_id,
      mutationId: row.losing_mutation_id,
      version: row.losing_version,
    },
    createdAt: row.created_at.toISOString(),
    recordDeleted: row.record_deleted,
  };
}

function placeOf(row: ConflictRowDb) {
  return { countyCode: row.county_code, townshipCode: row.township_code };
}

/** A page of the inbox: `next` is the `after` of the following page, null after the last. */
export interface ConflictPage {
  conflicts: ConflictView[];
  next: string | null;
  /** Every unresolved conflict the user may review, this page's included. */
  total: number;
}

interface ListedRowDb extends ConflictRowDb {
  winning_bytes: number | null;
  losing_bytes: number | null;
  winning_preview: string | null;
  losing_preview: string | null;
}

/**
 * The list's query, for the page's ids only ($1: the cap, $2: the preview's length; the `page`
 * CTE is given by the caller). Each value is rendered as JSON text once (the OFFSET 0 keeps the
 * planner from computing it again for every use) and sent whole up to MAX_LISTED_VALUE_BYTES;
 * above it only its size and the start of its text leave the database — a string's own
 * characters, anything else as JSON — so a 2 MB value costs the server a few hundred bytes, not
 * a parse and a copy of 2 MB in Node.
 */
const LISTED_SELECT = `
  select c.id, c.entity, c.record_id::text as record_id, c.kind, c.field,
         case when octet_length(v.winning) <= $1 then jsonb_build_object('value', v.winning::jsonb)
           end as winning_value,
         case when octet_length(v.losing) <= $1 then jsonb_build_object('value', v.losing::jsonb)
           end as losing_value,
         octet_length(v.winning) as winning_bytes, octet_length(v.losing) as losing_bytes,
         case when octet_length(v.winning) > $1 then
           case when left(v.winning, 1) = '"' then left(c.winning_value -> 'value' #>> '{}', $2)
                else left(v.winning, $2) end end as winning_preview,
         case when octet_length(v.losing) > $1 then
           case when left(v.losing, 1) = '"' then left(c.losing_value -> 'value' #>> '{}', $2)
                else left(v.losing, $2) end end as losing_preview,
         c.winning_version, c.losing_client_id::text as losing_client_id,
         c.losing_mutation_id, c.losing_version, c.created_at, c.resolved_at,
         wu.username as winner_username, wu.display_name as winner_name,
         lu.username as loser_username, lu.display_name as loser_name,
         r.county_code, r.township_code, r.deleted as record_deleted
  from page p
  join conflicts c on c.id = p.id
  join records r on r.entity = c.entity and r.id = c.record_id
  cross join lateral (select (c.winning_value -> 'value')::text as winning,
                             (c.losing_value -> 'value')::text as losing offset 0) v
  left join users wu on wu.id = c.winning_user_id
  left join users lu on lu.id = c.losing_user_id
  order by c.id`;

function listedView(row: ListedRowDb): ConflictView {
  const view = toView(row);
  const truncated: NonNullable<ConflictView['truncated']> = {};
  if (row.winning_preview !== null) {
    view.winningValue = `${row.winning_preview}…`;
    truncated.winningValue = row.winning_bytes!;
  }
  if (row.losing_preview !== null) {
    view.losingValue = `${row.losing_preview}…`;
    truncated.losingValue = row.losing_bytes!;
  }
  return Object.keys(truncated).length > 0 ? { ...view, truncated } : view;
}

/** Unresolved conflicts on records the user may write, oldest first, a page at a time. */
export async function listConflicts(
  ctx: ServerContext,
  user: SessionUser,
  page: InboxPage = { limit: DEFAULT_INBOX_PAGE, afterId: null },
): Promise<ConflictPage> {
  assertMay(user, 'reviewConflicts');
  const actor: Actor = user;
  const counted = writableAreaSql(actor, 1, { alias: 'r' });
  const { n: total } = (
    await ctx.db.query<{ n: number }>(
      `select count(*)::int as n from conflicts c
       join records r on r.entity = c.entity and r.id = c.record_id
       where c.resolved_at is null and ${counted.sql}`,
      counted.params,
    )
  ).rows[0]!;
  const writable = writableAreaSql(actor, 3, { alias: 'r' });
  const params: unknown[] = [
    MAX_LISTED_VALUE_BYTES,
    LISTED_VALUE_PREVIEW_CHARS,
    ...writable.params,
    page.afterId ?? 0,
    page.limit + 1,
  ];
  // The page's ids first (cheap: no values), then the values of those rows only.
  const { rows } = await ctx.db.query<ListedRowDb>(
    `with page as materialized (
       select c.id from conflicts c
       join records r on r.entity = c.entity and r.id = c.record_id
       where c.resolved_at is null and ${writable.sql} and c.id > $${params.length - 1}
       order by c.id limit $${params.length})
     ${LISTED_SELECT}`,
    params,
  );
  const { items, next } = pageOf(rows, page.limit);
  return {
    // The SQL above is canWrite's twin (area.ts); canWrite itself has the last word.
    conflicts: items.filter((row) => canWrite(actor, row.entity, placeOf(row))).map(listedView),
    next,
    total,
  };
}

/**
 * Resolves a conflict. 'winner' keeps (or puts back) the value that won; 'loser' applies the
 * value that lost as a new change — for a 'deleted' conflict that brings the record back with
 * the update it lost. Refused (409) when the record changed so that the value no longer fits.
 */
export async function resolveConflict(
  ctx: ServerContext,
  user: SessionUser,
  conflictId: number,
  restore: 'winner' | 'loser',
  origin: AuditOrigin = NO_ORIGIN,
): Promise<{ conflict: ConflictView; version: number | null }> {
  assertMay(user, 'reviewConflicts');
  const now = ctx.now();
  return runTransaction(ctx.db, async (tx) => {
    const { rows } = await tx.query<ConflictRowDb>(
      `${CONFLICT_SELECT} where c.id = $1 for update of c`,
      [conflictId],
    );
    const row = rows[0];
    const actor: Actor = user;
    // Server-only: a coordinator resolves conflicts of their own area only.
    if (!row || !canWrite(actor, row.entity, placeOf(row))) {
      throw bilingualError(404, 'notFound', { 'zh-CN': '没有这个冲突', en: 'no such conflict' });
    }
    if (row.resolved_at) {
      throw bilingualError(409, 'alreadyResolved', {
        'zh-CN': '这个冲突已经处理过了',
        en: 'this conflict has already been resolved',
      });
    }
    const record = (await loadRecords(tx, [{ entity: row.entity, id: row.record_id }])).get(
      `${row.entity}:${row.record_id}`,
    )!;

    let changes: Record<string, unknown> | undefined;
    let undelete = false;
    if (row.kind === 'deleted') {
      if (restore === 'loser') {
        changes = (row.losing_value?.value ?? {}) as Record<string, unknown>;
        undelete = record.deleted;
      }
    } else {
      const value = (restore === 'winner' ? row.winning_value : row.losing_value)?.value ?? null;
      if (record.deleted) {
        throw bilingualError(409, 'deleted', {
          'zh-CN': '这条记录已被删除，无法恢复单个字段',
          en: 'the record has been deleted since; a single field cannot be restored',
        });
      }
      changes = { [row.field!]: value };
    }

    let version: number | null = record.version;
    if (changes) {
      const [outcome] = await applyMutations(
        tx,
        applyContextOf(ctx, now),
        writeActorOf(user, null),
        [
          {
            mutationId: null,
            entity: row.entity,
            recordId: row.record_id,
            op: 'upsert',
            changes,
            baseVersion: record.version, // the reviewer saw the current record: no new conflict
            undelete,
          },
        ],
      );
      if (outcome!.status === 'rejected') {
        throw bilingualError(
          409,
          outcome!.reason ?? 'invalid',
          outcome!.message ?? {
            'zh-CN': '无法恢复这个值',
            en: 'this value cannot be restored',
          },
        );
      }
      version = outcome!.version ?? version;
    }
    await tx.query(
      'update conflicts set resolved_at = $2, resolved_by = $3, resolution = $4 where id = $1',
      [conflictId, now, user.id, restore],
    );
    await recordAudit(tx, {
      action: 'conflict.restored',
      at: now,
      actor: user,
      origin,
      subject: {
        type: 'conflict',
        id: String(conflictId),
        label: `${row.entity}:${row.record_id}`,
      },
      areas: [row.township_code ?? row.county_code],
      details: { restore, kind: row.kind, field: row.field ?? null, version },
    });
    return { conflict: toView({ ...row, resolved_at: now }), version };
  });
}
