/**
 * The duplicates inbox: pairs of service points the server flagged (detect.ts), for coordinators
 * and admins of the points' area, who merge them or say they are different points.
 *
 * A merge is two ordinary changes through the apply path, made by the coordinator: the kept point
 * takes the chosen fields and both points' photos (src/domain/duplicates.ts mergeServicePoints),
 * the other point is deleted. Every device receives both with its next pull, the history of each
 * shows who did it, and the flag keeps which point was kept. The coordinator decides on what the
 * screen showed: the versions seen travel with the request, and a point changed since is a 409
 * ("look again"), never a merge of data nobody saw.
 */
import type { z } from 'zod';
import { mergeBodySchema } from '../../src/domain/api/duplicates';
import { mergeServicePoints, type DuplicateReason } from '../../src/domain/duplicates';
import type { ServicePointFields } from '../../src/domain/servicePoint';
import { canWrite, type Actor, type RecordPlace } from '../../src/domain/scope';
import { DEFAULT_INBOX_PAGE } from '../../src/domain/inboxes';
import { bilingualError } from '../base/api-error';
import type { SessionUser } from '../auth/sessions';
import type { ServerContext } from '../base/context';
import { applyMutations, loadRecords } from '../sync/apply';
import { applyContextOf, writeActorOf } from '../sync/apply-as';
import { assertMay } from '../auth/permissions';
import { pageOf, type InboxPage } from '../sync/inbox-page';
import { writableAreaSql } from '../sync/area';
import type { StoredRecord } from '../base/records';
import { runTransaction } from '../db/transactions';
import { NO_ORIGIN, recordAudit, type AuditOrigin } from '../base/audit-record';

export interface DuplicatePointView {
  id: string;
  version: number;
  /** The record as devices have it (all fields and metadata). */
  data: Record<string, unknown>;
  /** Who changed it last, by display name (else username). */
  lastEditedBy: string | null;
  createdAt: string;
}

export interface DuplicateFlagView {
  id: number;
  reason: Exclude<DuplicateReason, 'sameVillage'>;
  /** Metres apart when both have a location. */
  distance: number | null;
  createdAt: string;
  a: DuplicatePointView;
  b: DuplicatePointView;
}

interface FlagRowDb {
  id: number;
  point_a: string;
  point_b: string;
  reason: DuplicateFlagView['reason'];
  distance_m: number | null;
  created_at: Date;
  resolved_at: Date | null;
}

const NO_SUCH_FLAG = { 'zh-CN': '没有这条重复提示', en: 'no such duplicate flag' };

function placeOf(record: StoredRecord): RecordPlace {
  return record.place;
}

async function editorNames(
  ctx: ServerContext,
  ids: readonly (string | null)[],
): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const { rows } = await ctx.db.query<{ id: string; name: string }>(
    `select id::text as id, coalesce(nullif(display_name, ''), username) as name
     from users where id = any($1::uuid[])`,
    [wanted],
  );
  return new Map(rows.map((row) => [row.id, row.name]));
}

function pointView(record: StoredRecord, names: Map<string, string>): DuplicatePointView {
  return {
    id: record.id,
    version: record.version,
    data: record.data,
    lastEditedBy: record.updatedBy ? (names.get(record.updatedBy) ?? null) : null,
    createdAt: record.createdAt,
  };
}

/** A page of the inbox: `next` is the `after` of the following page, null after the last. */
export interface DuplicatePage {
  duplicates: DuplicateFlagView[];
  next: string | null;
  /** Every open flag the user may review (of `point`, when asked), this page's included. */
  total: number;
}

/**
 * Open flags whose two points both still exist and both lie in the user's area, oldest first, a
 * page at a time; only the flags of one point when `point` is given (a point's own page asks
 * which points it may duplicate). A flag whose point was deleted meanwhile is no longer a
 * question, so not listed. Items are whole records: the schema bounds a point (a few KB), so
 * unlike conflicts' values they need no cap, and the merge form needs every field.
 */
export async function listDuplicates(
  ctx: ServerContext,
  user: SessionUser,
  page: InboxPage = { limit: DEFAULT_INBOX_PAGE, afterId: null },
  point: string | null = null,
): Promise<DuplicatePage> {
  assertMay(user, 'reviewDuplicates');
  const actor: Actor = user;
  /** Open flags whose two points the user may both write (and of `point`, when asked). */
  const where = (params: unknown[]) => {
    const sql = ['f.resolved_at is null'];
    for (const alias of ['a', 'b']) {
      const area = writableAreaSql(actor, params.length + 1, {
        alias,
        entities: ['servicePoint'],
      });
      params.push(...area.params);
      sql.push(area.sql);
    }
    if (point !== null) {
      params.push(point);
      sql.push(`(f.point_a = $${params.length}::uuid or f.point_b = $${params.length}::uuid)`);
    }
    return sql.join(' and ');
  };
  const pairs = `duplicate_flags f
     join records a on a.entity = 'servicePoint' and a.id = f.point_a and not a.deleted
     join records b on b.entity = 'servicePoint' and b.id = f.point_b and not b.deleted`;
  const countParams: unknown[] = [];
  const { n: total } = (
    await ctx.db.query<{ n: number }>(
      `select count(*)::int as n from ${pairs} where ${where(countParams)}`,
      countParams,
    )
  ).rows[0]!;
  const params: unknown[] = [];
  const condition = where(params);
  params.push(page.afterId ?? 0, page.limit + 1);
  const { rows } = await ctx.db.query<FlagRowDb>(
    `select f.id, f.point_a::text as point_a, f.point_b::text as point_b, f.reason,
            f.distance_m, f.created_at, f.resolved_at
     from ${pairs}
     where ${condition} and f.id > $${params.length - 1}
     order by f.id limit $${params.length}`,
    params,
  );
  const { items, next } = pageOf(rows, page.limit);
  if (items.length === 0) return { duplicates: [], next, total };
  const records = await loadRecords(
    ctx.db,
    items.flatMap((row) => [
      { entity: 'servicePoint', id: row.point_a },
      { entity: 'servicePoint', id: row.point_b },
    ]),
  );
  const names = await editorNames(
    ctx,
    [...records.values()].map((record) => record.updatedBy),
  );
  const views: DuplicateFlagView[] = [];
  for (const row of items) {
    const a = records.get(`servicePoint:${row.point_a}`);
    const b = records.get(`servicePoint:${row.point_b}`);
    if (!a || !b) continue;
    // The SQL above is canWrite's twin (server/sync/area.ts); canWrite itself has the last word.
    if (
      !canWrite(actor, 'servicePoint', placeOf(a)) ||
      !canWrite(actor, 'servicePoint', placeOf(b))
    )
      continue;
    views.push({
      id: row.id,
      reason: row.reason,
      distance: row.distance_m,
      createdAt: row.created_at.toISOString(),
      a: pointView(a, names),
      b: pointView(b, names),
    });
  }
  return { duplicates: views, next, total };
}

// The body's shape is the API's (src/domain/api/duplicates.ts), shared with the app.
export { mergeBodySchema };
export type MergeBody = z.infer<typeof mergeBodySchema>;

export interface ResolveAnswer {
  id: number;
  resolution: 'merged' | 'dismissed';
  keptId: string | null;
  /** The kept point's version after the merge. */
  version: number | null;
}

/**
 * Dismisses a flag ("these are two different points") or merges its pair. Both points must be
 * live, in the user's area, and (for a merge) unchanged since the coordinator looked.
 */
export async function resolveDuplicate(
  ctx: ServerContext,
  user: SessionUser,
  flagId: number,
  decision: { action: 'dismiss' } | ({ action: 'merge' } & MergeBody),
  origin: AuditOrigin = NO_ORIGIN,
): Promise<ResolveAnswer> {
  assertMay(user, 'reviewDuplicates');
  const now = ctx.now();
  return runTransaction(ctx.db, async (tx) => {
    const { rows } = await tx.query<FlagRowDb>(
      `select id, point_a::text as point_a, point_b::text as point_b, reason, distance_m,
              created_at, resolved_at
       from duplicate_flags where id = $1 for update`,
      [flagId],
    );
    const flag = rows[0];
    if (!flag) throw bilingualError(404, 'notFound', NO_SUCH_FLAG);
    const records = await loadRecords(tx, [
      { entity: 'servicePoint', id: flag.point_a },
      { entity: 'servicePoint', id: flag.point_b },
    ]);
    const a = records.get(`servicePoint:${flag.point_a}`);
    const b = records.get(`servicePoint:${flag.point_b}`);
    const actor: Actor = user;
    // Server-only: a coordinator decides on pairs of their own area; another area's flag does
    // not exist for them.
    if (
      !a ||
      !b ||
      !canWrite(actor, 'servicePoint', placeOf(a)) ||
      !canWrite(actor, 'servicePoint', placeOf(b))
    ) {
      throw bilingualError(404, 'notFound', NO_SUCH_FLAG);
    }
    if (flag.resolved_at) {
      throw bilingualError(409, 'alreadyResolved', {
        'zh-CN': '这条重复提示已经处理过了',
        en: 'this duplicate flag has already been resolved',
      });
    }
    if (a.deleted || b.deleted) {
      throw bilingualError(409, 'deleted', {
        'zh-CN': '其中一个服务点已被删除，无需再处理',
        en: 'one of the two points has been deleted since; nothing left to decide',
      });
    }

    let keptId: string | null = null;
    let version: number | null = null;
    if (decision.action === 'merge') {
      const keep = decision.keep === a.id ? a : decision.keep === b.id ? b : undefined;
      if (!keep) {
        throw bilingualError(400, 'invalid', {
          'zh-CN': '要保留的服务点不在这一对里',
          en: 'the point to keep is not one of the pair',
        });
      }
      const remove = keep === a ? b : a;
      for (const record of [a, b]) {
        if (decision.versions[record.id] !== record.version) {
          throw bilingualError(409, 'changed', {
            'zh-CN': '有人在你查看之后修改了这两个服务点，请重新查看后再合并',
            en: 'someone changed these points after you looked; look again before merging',
          });
        }
      }
      const changes = mergeServicePoints(
        keep.data as unknown as ServicePointFields,
        remove.data as unknown as ServicePointFields,
        decision.take,
      );
      const outcomes = await applyMutations(
        tx,
        applyContextOf(ctx, now),
        writeActorOf(user, null),
        [
          {
            mutationId: null,
            entity: 'servicePoint',
            recordId: keep.id,
            op: 'upsert',
            changes,
            baseVersion: keep.version,
          },
          {
            mutationId: null,
            entity: 'servicePoint',
            recordId: remove.id,
            op: 'delete',
            changes: {},
            baseVersion: remove.version,
          },
        ],
      );
      const refused = outcomes.find((outcome) => outcome.status === 'rejected');
      if (refused) {
        // Throwing rolls back the transaction: neither half of the merge is kept.
        throw bilingualError(
          409,
          refused.reason ?? 'invalid',
          refused.message ?? {
            'zh-CN': '无法合并这两个服务点',
            en: 'these points cannot be merged',
          },
        );
      }
      keptId = keep.id;
      version = outcomes[0]!.version ?? null;
    }
    const resolution = decision.action === 'merge' ? 'merged' : 'dismissed';
    await tx.query(
      `update duplicate_flags set resolved_at = $2, resolved_by = $3, resolution = $4, kept_id = $5
       where id = $1`,
      [flagId, now, user.id, resolution, keptId],
    );
    await recordAudit(tx, {
      action: resolution === 'merged' ? 'duplicate.merged' : 'duplicate.dismissed',
      at: now,
      actor: user,
      origin,
      subject: { type: 'duplicateFlag', id: String(flagId), label: `${a.id} ${b.id}` },
      areas: [
        a.place.townshipCode ?? a.place.countyCode,
        b.place.townshipCode ?? b.place.countyCode,
      ],
      details: { pointA: a.id, pointB: b.id, keptId, version },
    });
    return { id: flagId, resolution, keptId, version };
  });
}
