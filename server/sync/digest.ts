/**
 * The completeness check's server half (src/domain/digest.ts says what a digest is;
 * docs/PROTOCOL.md "Completeness check" how a device uses it):
 *
 *   POST /api/sync/digest   per entity (or per bucket of one entity) the count, highest version
 *                           and hash of the live records the user may read, in ONE snapshot
 *                           together with the check that the device's cursor is at the end of
 *                           the log for its area — so the digest describes exactly what a device
 *                           at that cursor should hold.
 *   POST /api/sync/records  the current state of one entity's records in some buckets: what a
 *                           device downloads again where its digest differs.
 *
 * The hash is computed by PostgreSQL (sha256 over the sorted lines), so 20,000 records never
 * travel to Node for it; digest.test.ts checks it equals the domain's definition byte for byte.
 */
import type { EntityName } from '../../src/domain/entities';
import {
  digestRequestSchema,
  MAX_REPAIR_RECORDS,
  repairRequestSchema,
  type DigestResponse,
  type EntityDigest,
  type RepairResponse,
} from '../../src/domain/digest';
import type { Change } from '../../src/domain/protocol';
import { accessFingerprint, readableEntities } from '../../src/domain/scope';
import { bilingualError } from '../base/api-error';
import type { SessionUser } from '../auth/sessions';
import type { ServerContext } from '../base/context';
import type { DbTx } from '../db';
import { readableAreaSql } from './area';
import { bindClient } from './push';
import { cursorStanding, served, parseCursor } from './pull';
import { runTransaction } from '../db/transactions';
import { checkClientVersions } from './versions';

/** The digest columns of a group of records (see src/domain/digest.ts for the definition). */
const DIGEST_COLUMNS = `
  count(*)::int as count,
  coalesce(max(r.version), 0)::text as max_version,
  encode(sha256(convert_to(
    coalesce(string_agg(r.id::text || ':' || r.version::text || E'\\n', '' order by r.id), ''),
    'UTF8')), 'hex') as hash`;

interface DigestRow {
  key: string;
  count: number;
  max_version: string;
  hash: string;
}

function toDigest(row: DigestRow): EntityDigest {
  return { count: Number(row.count), maxVersion: Number(row.max_version), hash: row.hash };
}

export async function handleDigest(
  ctx: ServerContext,
  user: SessionUser,
  body: unknown,
): Promise<DigestResponse> {
  checkClientVersions(body);
  const request = digestRequestSchema.parse(body);
  const cursor = parseCursor(request.cursor);
  const fingerprint = accessFingerprint(user);
  return runTransaction(
    ctx.db,
    async (tx: DbTx): Promise<DigestResponse> => {
      await bindClient(tx, request.clientId, user, ctx.now(), { lock: false });
      const { continuable } = await cursorStanding(tx, cursor, fingerprint);
      if (!continuable || !cursor) return { resetRequired: true };

      // Anything in the user's area after the cursor, committed in this snapshot (served by a
      // pull or not yet): the device is not at the end, so its copy cannot match. Pull first.
      const logArea = readableAreaSql(user, 3, { includeOldPlace: true });
      const after = await tx.query(
        `select 1 from change_log
         where (change_log.xid, change_log.seq) > ($1::xid8, $2::bigint) and ${logArea.sql}
         limit 1`,
        [cursor.xid, cursor.seq, ...logArea.params],
      );
      if (after.rows.length > 0) return { behind: true };

      const exclude = request.exclude;
      const area = readableAreaSql(user, 3, { alias: 'r' });
      const next = 3 + area.params.length;
      const params: unknown[] = [exclude.map((e) => e.entity), exclude.map((e) => e.id)];
      params.push(...area.params);
      let groupBy = 'r.entity';
      let narrow = '';
      if (request.entity) {
        // Per bucket of one entity: the last 2 hex digits, or 3 inside some 2-digit buckets.
        const depth = request.depth ?? 2;
        groupBy = `right(r.id::text, ${depth})`;
        narrow = `and r.entity = $${next}`;
        params.push(request.entity);
        if (request.within) {
          narrow += ` and right(r.id::text, 2) = any($${next + 1}::text[])`;
          params.push(request.within);
        }
      }
      const { rows } = await tx.query<DigestRow>(
        `select ${groupBy} as key, ${DIGEST_COLUMNS}
         from records r
         where not r.deleted and ${area.sql} ${narrow}
           and not exists (select 1 from unnest($1::text[], $2::uuid[]) as x(entity, id)
                           where x.entity = r.entity and x.id = r.id)
         group by ${groupBy}`,
        params,
      );

      const { everywhere, inScope } = readableEntities(user.role);
      const entities: Record<string, EntityDigest> = {};
      const none: EntityDigest = { count: 0, maxVersion: 0, hash: EMPTY_HASH };
      if (request.entity) {
        // Bucket level: only the buckets; the device already has the entity's totals.
        return {
          entities: {},
          buckets: rows
            .map((row) => ({ bucket: row.key, ...toDigest(row) }))
            .sort((a, b) => (a.bucket < b.bucket ? -1 : 1)),
        };
      }
      for (const entity of [...everywhere, ...inScope]) entities[entity] = none;
      for (const row of rows) entities[row.key] = toDigest(row);
      return { entities };
    },
    { isolation: 'repeatable read' },
  );
}

/** sha256 of the empty text: the hash of a set with no record. */
export const EMPTY_HASH = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

interface RepairRow {
  id: string;
  data: Record<string, unknown>;
  version: string | number;
}

export async function handleRepair(
  ctx: ServerContext,
  user: SessionUser,
  body: unknown,
): Promise<RepairResponse> {
  checkClientVersions(body);
  const request = repairRequestSchema.parse(body);
  const entity: EntityName = request.entity;
  return runTransaction(ctx.db, async (tx: DbTx): Promise<RepairResponse> => {
    await bindClient(tx, request.clientId, user, ctx.now(), { lock: false });
    const area = readableAreaSql(user, 3, { alias: 'r' });
    const { rows } = await tx.query<RepairRow>(
      `select r.id::text as id, r.data, r.version
       from records r
       where r.entity = $1 and not r.deleted
         and right(r.id::text, ${request.buckets[0]!.length}) = any($2::text[])
         and ${area.sql}
       order by r.id
       limit ${MAX_REPAIR_RECORDS + 1}`,
      [entity, request.buckets, ...area.params],
    );
    if (rows.length > MAX_REPAIR_RECORDS) {
      throw bilingualError(400, 'badRequest', {
        'zh-CN': `这些分组的记录超过 ${MAX_REPAIR_RECORDS} 条：请分几次下载`,
        en: `these buckets hold more than ${MAX_REPAIR_RECORDS} records: ask for fewer at a time`,
      });
    }
    const changes: Change[] = rows.map((row) => ({
      entity,
      id: row.id,
      version: Number(row.version),
      deleted: false,
      data: served(user, entity, row.data, request.schemaVersion),
    }));
    return { changes };
  });
}
