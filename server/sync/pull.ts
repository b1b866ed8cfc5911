/**
 * POST /api/sync/pull: the changes a device has not seen, in pages, restricted to what its user
 * may read (docs/PROTOCOL.md "Pull").
 *
 * Everything of one page — the change-log rows, the records, the device's lastMutationId — is
 * read in ONE snapshot (a REPEATABLE READ transaction), so the page and lastMutationId agree: a
 * device that drops the outbox entries up to lastMutationId already holds, or receives in this
 * page, the state those mutations produced.
 */
import type { EntityName } from '../../src/domain/entities';
import { maskPhone } from '../../src/domain/common';
import {
  DEFAULT_PULL_LIMIT,
  pullRequestSchema,
  type Change,
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
import { readableAreaSql } from './area';
import { bindClient } from './push';
import { runTransaction } from '../db/transactions';
import { checkClientVersions } from './versions';
import { downgradeRecord } from '../../src/domain/recordMigrations';

interface ChangeLogRow {
  /** The xid8 as text, for the cursor; never ordered or compared as text. */
  xid_text: string;
  seq: number;
  entity: EntityName;
  record_id: string;
}

interface PulledRecordRow {
  entity: EntityName;
  id: string;
  data: Record<string, unknown>;
  version: number;
  deleted: boolean;
  county_code: string | null;
  township_code: string | null;
}

/** Where the change log starts being complete (after a compaction), from app_meta. */
export const HORIZON_KEY = 'changeLogHorizon';

function resetRequired(): PullResponse {
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

export async function handlePull(
  ctx: ServerContext,
  user: SessionUser,
  body: unknown,
): Promise<PullResponse> {
  checkClientVersions(body);
  const request = pullRequestSchema.parse(body);
  const limit = request.limit ?? DEFAULT_PULL_LIMIT;
  const cursor = parseCursor(request.cursor);
  const fingerprint = accessFingerprint(user);
  const now = ctx.now();

  return runTransaction(
    ctx.db,
    async (tx: DbTx): Promise<PullResponse> => {
      const { lastMutationId } = await bindClient(tx, request.clientId, user, now, { lock: false });
      const { instance, continuable } = await cursorStanding(tx, cursor, fingerprint);
      if (!continuable) return resetRequired();
      const from = cursor ?? { xid: '0', seq: 0 };

      // Only rows of transactions below the snapshot's xmin: every one of those has finished,
      // so no row can appear later with a smaller (xid, seq) than what this page serves.
      //
      // The order is the typed (xid8, bigint) pair, the very one the cursor compares with. The
      // text of the xid goes out under ANOTHER name: an ORDER BY name means the output column
      // first, and `xid::text as xid … order by xid` sorted '1000' before '999', so a page
      // ended at '999' and the next one started past every id with more digits (issue 11).
      const filter = readableAreaSql(user, 4, { includeOldPlace: true });
      const { rows } = await tx.query<ChangeLogRow>(
        `select change_log.xid::text as xid_text, change_log.seq, entity,
                record_id::text as record_id
         from change_log
         where (change_log.xid, change_log.seq) > ($1::xid8, $2::bigint)
           and change_log.xid < pg_snapshot_xmin(pg_current_snapshot())
           and ${filter.sql}
         order by change_log.xid, change_log.seq
         limit $3`,
        [from.xid, from.seq, limit + 1, ...filter.params],
      );
      const hasMore = rows.length > limit;
      const page = hasMore ? rows.slice(0, limit) : rows;

      // The current state of each record the page mentions, once (its latest state: a later
      // change still in the log will send it again, harmlessly).
      const order = new Map<string, { entity: EntityName; id: string }>();
      for (const row of page) {
        const key = `${row.entity}:${row.record_id}`;
        order.delete(key);
        order.set(key, { entity: row.entity, id: row.record_id });
      }
      const keys = [...order.values()];
      const records = new Map<string, PulledRecordRow>();
      if (keys.length > 0) {
        const loaded = await tx.query<PulledRecordRow>(
          `select r.entity, r.id::text as id, r.data, r.version, r.deleted, r.county_code,
                  r.township_code
           from records r
           join unnest($1::text[], $2::uuid[]) as k(entity, id) on r.entity = k.entity and r.id = k.id`,
          [keys.map((k) => k.entity), keys.map((k) => k.id)],
        );
        for (const row of loaded.rows) records.set(`${row.entity}:${row.id}`, row);
      }

      const changes: Change[] = [];
      for (const [key, { entity, id }] of order) {
        const record = records.get(key);
        if (!record) continue; // purged by compaction meanwhile
        const place = { countyCode: record.county_code, townshipCode: record.township_code };
        if (!canRead(user, entity, place)) {
          // Moved out of the user's area: the device must drop its copy.
          changes.push({
            entity,
            id,
            version: record.version,
            deleted: record.deleted,
            data: null,
          });
        } else if (record.deleted) {
          changes.push({ entity, id, version: record.version, deleted: true, data: null });
        } else {
          changes.push({
            entity,
            id,
            version: record.version,
            deleted: false,
            data: served(user, entity, record.data, request.schemaVersion),
          });
        }
      }

      const last = page.at(-1);
      const position = last ? { xid: last.xid_text, seq: Number(last.seq) } : from;
      return {
        changes,
        cursor: encodeCursor({ instance, fingerprint, ...position }),
        hasMore,
        lastMutationId,
      };
    },
    { isolation: 'repeatable read' },
  );
}
