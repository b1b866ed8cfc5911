/**
 * POST /api/sync/pull: the changes a device has not seen, in pages, restricted to what its user
 * may read (docs/PROTOCOL.md "Pull").
 *
 * Everything of one page — the change-log rows, the records, the device's lastMutationId — is
 * read in ONE snapshot (a REPEATABLE READ transaction), so the page and lastMutationId agree: a
 * device that drops the outbox entries up to lastMutationId already holds, or receives in this
 * page, the state those mutations produced.
 */
import { ENTITY_NAMES, type EntityName } from '../../src/domain/entities';
import { maskPhone } from '../../src/domain/common';
import {
  DEFAULT_PULL_LIMIT,
  pullRequestSchema,
  type PullResponse,
} from '../../src/domain/protocol';
import { accessFingerprint, canRead, maskedFieldsFor } from '../../src/domain/scope';
import { bilingualError } from '../base/api-error';
import type { SessionUser } from '../auth/sessions';
import type { ServerContext } from '../base/context';
import type { DbTx } from '../db';
import {
  comparePositions,
  CURSOR_VERSION,
  decodeCursor,
  encodeCursor,
  type Cursor,
} from './cursor';
import { readableAreaSql, readableLogBranchesSql } from './area';
import { bindClient } from './push';
import { runTransaction } from '../db/transactions';
import { checkClientVersions } from './versions';
import { downgradeRecord, hasMigrations } from '../../src/domain/recordMigrations';

/**
 * One change-log row of a page, with — on the LAST row of its record within the page — the
 * record's current state (`latest`; columns null when compaction purged it meanwhile). The data
 * comes as JSON text: it is spliced into the answer as it is (pullAnswerText), never parsed and
 * re-serialised, unless the user's role masks a field or the app needs an older shape.
 */
interface PageRow {
  /** The xid8 as text, for the cursor; never ordered or compared as text. */
  xid_text: string;
  seq: number;
  entity: EntityName;
  record_id: string;
  n: number;
  latest: boolean;
  version: number | null;
  deleted: boolean | null;
  county_code: string | null;
  township_code: string | null;
  data_text: string | null;
}

/** A pull page before it is written out: the answer, its changes as JSON text (the array's items). */
export type PulledPage =
  | { resetRequired: true }
  | { changesJson: string; cursor: string; hasMore: boolean; lastMutationId: number };

/** Where the change log starts being complete (after a compaction), from app_meta. */
export const HORIZON_KEY = 'changeLogHorizon';

function resetRequired(): { resetRequired: true } {
  return { resetRequired: true };
}

/**
 * A record as this device receives it: in the record schema version its app knows (an older app
 * gets the older shape back, src/domain/recordMigrations.ts), fields its user's role may only
 * read masked.
 */
export function served(
  user: SessionUser,
  entity: EntityName,
  data: Record<string, unknown>,
  schemaVersion: number,
) {
  return masked(user, entity, downgradeRecord(entity, data, schemaVersion));
}

/** A record as this user receives it: fields of roles that may only read it masked. */
export function masked(user: SessionUser, entity: EntityName, data: Record<string, unknown>) {
  const fields = maskedFieldsFor(user.role, entity);
  if (fields.length === 0) return data;
  const copy = { ...data };
  for (const field of fields) {
    const value = copy[field];
    if (typeof value === 'string') copy[field] = maskPhone(value);
  }
  return copy;
}

/** The cursor of a request: undefined for null (a first download); 400 when not ours. */
export function parseCursor(text: string | null): Cursor | undefined {
  if (text === null) return undefined;
  const cursor = decodeCursor(text);
  if (!cursor) {
    throw bilingualError(400, 'badRequest', {
      'zh-CN': '同步位置无法识别；请重新下载数据',
      en: 'the cursor is not one this server issued; start again with cursor null',
    });
  }
  return cursor;
}

/**
 * Whether `cursor` can be continued in this transaction's snapshot, and the database instance
 * (for the next cursor). Not when it comes from another database, another access, below what
 * the log still holds (compacted), from a future this database never reached (restored from a
 * backup), or from an older generation (a pull that may have skipped rows): start again.
 */
export async function cursorStanding(
  tx: DbTx,
  cursor: Cursor | undefined,
  fingerprint: string,
): Promise<{ instance: string; continuable: boolean }> {
  const meta = (
    await tx.query<{
      instance: { id: string };
      horizon: { xid: string; seq: number } | null;
      xmax: string;
    }>(
      `select (select value from app_meta where key = 'instance') as instance,
              (select value from app_meta where key = $1) as horizon,
              pg_snapshot_xmax(pg_current_snapshot())::text as xmax`,
      [HORIZON_KEY],
    )
  ).rows[0]!;
  const instance = meta.instance.id;
  if (!cursor) return { instance, continuable: true };
  const continuable =
    cursor.version >= CURSOR_VERSION &&
    cursor.instance === instance &&
    cursor.fingerprint === fingerprint &&
    !(meta.horizon && comparePositions(cursor, meta.horizon) < 0) &&
    BigInt(cursor.xid) < BigInt(meta.xmax);
  return { instance, continuable };
}

/** POST /api/sync/pull as an object (the route writes the same page as text: pullAnswerText). */
export async function handlePull(
  ctx: ServerContext,
  user: SessionUser,
  body: unknown,
): Promise<PullResponse> {
  const page = await readPullPage(ctx, user, body);
  return JSON.parse(pullAnswerText(page)) as PullResponse;
}

/**
 * A page as the JSON text of a PullResponse, built around the records' JSON as the database
 * wrote it: a first download's page of 5,000 records is never parsed into objects and
 * serialised again (docs/SERVER.md "The storm and the first download").
 */
export function pullAnswerText(page: PulledPage): string {
  if ('resetRequired' in page) return JSON.stringify(page);
  return (
    `{"changes":[${page.changesJson}],"cursor":${JSON.stringify(page.cursor)},` +
    `"hasMore":${page.hasMore},"lastMutationId":${page.lastMutationId}}`
  );
}

/** One change of a page as JSON text; `data` is the record's JSON text or null. */
function changeText(
  entity: EntityName,
  id: string,
  version: number,
  deleted: boolean,
  data: string | null,
): string {
  return (
    `{"entity":${JSON.stringify(entity)},"id":${JSON.stringify(id)},"version":${version},` +
    `"deleted":${deleted},"data":${data ?? 'null'}}`
  );
}

/**
 * Whether this user's pages need Node to touch records' data: a field their role may only read
 * masked, or an app on an older record shape. Otherwise PostgreSQL writes the page's JSON itself.
 */
function servedAsStored(user: SessionUser, schemaVersion: number): boolean {
  return ENTITY_NAMES.every(
    (entity) =>
      maskedFieldsFor(user.role, entity).length === 0 && !hasMigrations(entity, schemaVersion),
  );
}

/**
 * The CTEs of a pull page: `page` (the log's rows after the cursor, limit + 1 — the last only
 * tells hasMore), `numbered`, and `latest` (the last row of each record within the first
 * `limit`, which alone carries the record's current state: its latest state; a later change
 * still in the log will send it again, harmlessly). $1, $2: the cursor's (xid, seq); $3: limit
 * + 1; the branches' own parameters from $4 (readableLogBranchesSql).
 *
 * Only rows of transactions below the snapshot's xmin: every one of those has finished, so no
 * row can appear later with a smaller (xid, seq) than what this page serves.
 *
 * The order is the typed (xid8, bigint) pair, the very one the cursor compares with. The text of
 * the xid goes out under ANOTHER name (xid_text): an ORDER BY name means the output column first,
 * and `xid::text as xid … order by xid` sorted '1000' before '999', so a page ended at '999' and
 * the next one started past every id with more digits (issue 11).
 *
 * Each branch (one disjoint part of the user's area, one index in (…, xid, seq) order) takes its
 * own first limit + 1 rows after the cursor; the page is the first limit + 1 of their merge (a
 * Merge Append of ordered index scans): the same rows, in the same order, as the one filtered
 * scan, but read in proportion to the page, not to the area's remaining log (docs/SERVER.md
 * "Seventh session").
 */
export function logPageSql(branches: readonly string[]): string {
  const branchSql = (condition: string) =>
    `select change_log.xid, change_log.seq, entity, record_id
     from change_log
     where (change_log.xid, change_log.seq) > ($1::xid8, $2::bigint)
       and change_log.xid < pg_snapshot_xmin(pg_current_snapshot())
       and ${condition}
     order by change_log.xid, change_log.seq
     limit $3`;
  const page =
    branches.length === 1
      ? branchSql(branches[0]!)
      : `select xid, seq, entity, record_id
         from (${branches.map((b) => `(${branchSql(b)})`).join('\n union all ')}) as branches
         order by xid, seq
         limit $3`;
  return `with page as (
       ${page}
     ), numbered as (
       select page.*, row_number() over (order by page.xid, page.seq) as n from page
     ), latest as (
       select distinct on (entity, record_id) n from numbered
       where n < $3 order by entity, record_id, n desc
     )`;
}

/** One page of the changes a device has not seen (docs/PROTOCOL.md "Pull"). */
export async function readPullPage(
  ctx: ServerContext,
  user: SessionUser,
  body: unknown,
): Promise<PulledPage> {
  checkClientVersions(body);
  const request = pullRequestSchema.parse(body);
  const limit = request.limit ?? DEFAULT_PULL_LIMIT;
  const cursor = parseCursor(request.cursor);
  const fingerprint = accessFingerprint(user);
  const now = ctx.now();

  return runTransaction(
    ctx.db,
    async (tx: DbTx): Promise<PulledPage> => {
      const { lastMutationId } = await bindClient(tx, request.clientId, user, now, { lock: false });
      const { instance, continuable } = await cursorStanding(tx, cursor, fingerprint);
      if (!continuable) return resetRequired();
      const from = cursor ?? { xid: '0', seq: 0 };

      // One statement for the page's rows and the records they name (a round trip fewer per
      // page); the log's part, its snapshot rule and its order: logPageSql.
      const filter = readableLogBranchesSql(user, 4);
      const pageSql = logPageSql(filter.branches);
      const params = [from.xid, from.seq, limit + 1, ...filter.params];
      const position = (last: { xid_text: string; seq: number } | undefined) =>
        encodeCursor({
          instance,
          fingerprint,
          ...(last ? { xid: last.xid_text, seq: Number(last.seq) } : from),
        });

      if (servedAsStored(user, request.schemaVersion)) {
        // The whole page as ONE row: its changes' JSON written by the database, in the order of
        // each record's last row (PGlite's per-row, per-field decoding was most of its pull).
        // `readable` is canRead as SQL (readableAreaSql on the record's current place; `is not
        // true`, since a null place makes it null): a record that left the area goes out with
        // data null, its device drops it.
        const readable = readableAreaSql(user, 4 + filter.params.length, { alias: 'r' });
        const { rows } = await tx.query<{
          page_rows: number;
          xid_text: string | null;
          seq: number | null;
          changes_json: string | null;
        }>(
          `${pageSql}, last as (
             select xid::text as xid_text, seq from numbered where n < $3 order by n desc limit 1
           )
           select (select count(*) from numbered)::int as page_rows,
                  (select xid_text from last) as xid_text, (select seq from last) as seq,
                  (select string_agg(
                     '{"entity":' || to_json(r.entity)::text || ',"id":"' || r.id::text ||
                     '","version":' || r.version::text || ',"deleted":' ||
                     case when r.deleted then 'true' else 'false' end || ',"data":' ||
                     case when r.deleted or (${readable.sql}) is not true then 'null'
                          else r.data::text end || '}',
                     ',' order by numbered.n)
                   from numbered
                   join latest on latest.n = numbered.n
                   join records r on r.entity = numbered.entity and r.id = numbered.record_id
                  ) as changes_json`,
          [...params, ...readable.params],
        );
        const row = rows[0]!;
        return {
          changesJson: row.changes_json ?? '',
          cursor: position(
            row.xid_text === null ? undefined : { xid_text: row.xid_text, seq: row.seq! },
          ),
          hasMore: row.page_rows > limit,
          lastMutationId,
        };
      }

      // One statement for the page's rows and the records they name (a round trip fewer per
      // page): `page` is the log's rows (limit + 1, the last only to tell hasMore), `latest` the
      // last row of each record within the first `limit`, which alone carries the record's
      // current state (its latest state: a later change still in the log will send it again,
      // harmlessly).
      const { rows } = await tx.query<PageRow>(
        `${pageSql}
         select numbered.xid::text as xid_text, numbered.seq, numbered.entity,
                numbered.record_id::text as record_id, numbered.n,
                latest.n is not null as latest, r.version, r.deleted, r.county_code,
                r.township_code, r.data::text as data_text
         from numbered
         left join latest on latest.n = numbered.n
         left join records r on latest.n is not null and r.entity = numbered.entity
                             and r.id = numbered.record_id
         order by numbered.n`,
        params,
      );
      const hasMore = rows.length > limit;
      const page = hasMore ? rows.slice(0, limit) : rows;

      // Each record once, in the order of its last row in the page.
      const order = new Map<string, PageRow>();
      for (const row of page) {
        const key = `${row.entity}:${row.record_id}`;
        order.delete(key);
        order.set(key, row);
      }

      const changes: string[] = [];
      for (const record of order.values()) {
        if (!record.latest) throw new Error('pull: the last row of a record carries no state');
        const { entity, record_id: id, version, deleted, data_text } = record;
        if (version === null || deleted === null) continue; // purged by compaction meanwhile
        const place = { countyCode: record.county_code, townshipCode: record.township_code };
        // A tombstone, or moved out of the user's area: the device must drop its copy.
        const data =
          !canRead(user, entity, place) || deleted
            ? null
            : servedText(user, entity, data_text!, request.schemaVersion);
        changes.push(changeText(entity, id, version, deleted, data));
      }
      return {
        changesJson: changes.join(','),
        cursor: position(page.at(-1)),
        hasMore,
        lastMutationId,
      };
    },
    { isolation: 'repeatable read' },
  );
}

/**
 * `served` on a record's JSON text: the text itself when neither an older app's shape nor a
 * masked field changes anything (nearly always), else parsed, served and written again.
 */
function servedText(
  user: SessionUser,
  entity: EntityName,
  dataText: string,
  schemaVersion: number,
): string {
  if (maskedFieldsFor(user.role, entity).length === 0 && !hasMigrations(entity, schemaVersion)) {
    return dataText;
  }
  const data = JSON.parse(dataText) as Record<string, unknown>;
  return JSON.stringify(served(user, entity, data, schemaVersion));
}
