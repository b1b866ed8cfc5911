/**
 * A record's history (who changed which fields, when), read from the change log — the audit
 * trail of DESIGN.md §7. Field NAMES only: values are not kept per change, so the history does
 * not spread personal data beyond the record itself.
 */
import { isEntityName } from '../../src/domain/entities';
import { canRead } from '../../src/domain/scope';
import { bilingualError } from '../base/api-error';
import { uuidParam } from '../base/path-ids';
import type { SessionUser } from '../auth/sessions';
import type { ServerContext } from '../base/context';

export interface HistoryEntry {
  version: number;
  op: 'create' | 'update' | 'delete' | 'undelete' | 'move';
  fields: string[];
  at: string;
  user: { username: string; displayName: string } | null;
  /** The device it came from; null for changes made on the server (a conflict restored). */
  clientId: string | null;
}

export async function recordHistory(
  ctx: ServerContext,
  user: SessionUser,
  entity: string,
  id: string,
): Promise<HistoryEntry[]> {
  const notFound = bilingualError(404, 'notFound', {
    'zh-CN': '没有这条记录',
    en: 'no such record',
  });
  if (!isEntityName(entity)) throw notFound;
  uuidParam(id, { 'zh-CN': '记录编号', en: 'record id' });
  const record = (
    await ctx.db.query<{ county_code: string | null; township_code: string | null }>(
      'select county_code, township_code from records where entity = $1 and id = $2::uuid',
      [entity, id],
    )
  ).rows[0];
  // Server-only: the same read rule as pull, so the history never reveals a record the user
  // could not download (a 404, not a 403: whether it exists is not theirs to know either).
  if (
    !record ||
    !canRead(user, entity, { countyCode: record.county_code, townshipCode: record.township_code })
  ) {
    throw notFound;
  }
  const { rows } = await ctx.db.query<{
    version: number;
    op: HistoryEntry['op'];
    fields: string[];
    changed_at: Date;
    username: string | null;
    display_name: string | null;
    client_id: string | null;
  }>(
    `select c.version, c.op, c.fields, c.changed_at, u.username, u.display_name,
            c.client_id::text as client_id
     from change_log c left join users u on u.id = c.user_id
     where c.entity = $1 and c.record_id = $2::uuid
     order by c.seq`,
    [entity, id],
  );
  return rows.map((row) => ({
    version: row.version,
    op: row.op,
    fields: row.fields,
    at: row.changed_at.toISOString(),
    user: row.username
      ? { username: row.username, displayName: row.display_name ?? row.username }
      : null,
    clientId: row.client_id,
  }));
}
