/**
 * Putting a rescue file's work back on the phone (docs/RESCUE.md): its unsynced changes into the
 * outbox (with this device's mutation ids, so the normal sync pushes them and the server's
 * conflict handling applies), the changes the server had refused back among the refusals, and
 * the unsaved forms back as drafts. One transaction: all of it or nothing.
 *
 * Idempotent. A change is skipped when this phone already holds it (the same change still in the
 * outbox or among the refusals) or when it was restored before (the `rescued:` ledger in meta,
 * which a logout keeps: it says nothing about the user, and a second import after the first was
 * pushed must not push it again). A draft is skipped when a draft of the same form is already
 * here: what is on the phone is never overwritten.
 */
import { ENTITY_NAMES, validateRecord, type EntityName } from '../domain/entities';
import { mutationOf } from '../domain/protocol';
import { getDb, tableOf, type CundianDb, type DraftRow, type OutboxEntry } from './database';
import { rebaseOnServerRow } from './sync-apply';
import { rejectedTable, type RejectedEntry } from './sync-state';
import { allocateMutationIds, LOCAL_WRITE_EVENT } from './writes';

/** Meta keys of changes restored before: `rescued:` + a change's fingerprint. */
export const RESCUED_PREFIX = 'rescued:';

export interface RescueContent {
  /** The client id of the phone that made the file (null when it had none). */
  sourceClientId: string | null;
  outbox: readonly OutboxEntry[];
  rejected: readonly (OutboxEntry &
    Pick<RejectedEntry, 'reason' | 'rejectedAt'> & {
      message?: RejectedEntry['message'] | undefined;
      dismissedAt?: string | null | undefined;
    })[];
  drafts: readonly DraftRow[];
}

export interface RestoreCount {
  added: number;
  skipped: number;
}

export interface RestoreResult {
  outbox: RestoreCount;
  rejected: RestoreCount;
  drafts: RestoreCount;
}

type AnyRow = Record<string, unknown> & { id: string; version: number; deleted: boolean };

function fingerprint(kind: 'outbox' | 'rejected', source: string | null, e: OutboxEntry): string {
  return [kind, source ?? '-', e.mutationId, e.entity, e.recordId, e.createdAt].join('|');
}

function sameChange(a: OutboxEntry, b: OutboxEntry): boolean {
  return (
    a.op === b.op &&
    a.baseVersion === b.baseVersion &&
    a.createdAt === b.createdAt &&
    JSON.stringify(a.changes) === JSON.stringify(b.changes)
  );
}

/** The row the phone shows once the change is back: as when it was typed. Null: leave the row. */
function rowAfter(entry: OutboxEntry, existing: AnyRow | undefined): AnyRow | null {
  if (existing) return existing.deleted ? null : rebaseOnServerRow(existing, [entry]);
  if (entry.op !== 'upsert' || entry.baseVersion !== 0) return null; // the next pull lays it over
  const candidate = {
    id: entry.recordId,
    version: 0,
    updatedAt: entry.createdAt,
    updatedBy: null,
    deleted: false,
    ...entry.changes,
  };
  const checked = validateRecord(entry.entity, { ...candidate, id: entry.recordId, version: 0 });
  return checked.ok ? (checked.record as unknown as AnyRow) : null;
}

export async function restoreRescued(
  content: RescueContent,
  db: CundianDb = getDb(),
): Promise<RestoreResult> {
  const entityTables = ENTITY_NAMES.map((entity) => tableOf(db, entity));
  const result = await db.transaction(
    'rw',
    [...entityTables, db.outbox, db.meta, db.drafts, rejectedTable(db)],
    async () => {
      const result: RestoreResult = {
        outbox: { added: 0, skipped: 0 },
        rejected: { added: 0, skipped: 0 },
        drafts: { added: 0, skipped: 0 },
      };
      const ledger = new Set(
        (await db.meta.where('key').startsWith(RESCUED_PREFIX).primaryKeys()).map(String),
      );
      const remember: string[] = [];

      const toQueue: OutboxEntry[] = [];
      // A change restored before (the ledger) or already here is skipped; a new one is noted.
      const isNew = async (
        kind: 'outbox' | 'rejected',
        entry: OutboxEntry,
        sameRecord: (entity: string, recordId: string) => Promise<OutboxEntry[]>,
      ): Promise<boolean> => {
        const key = RESCUED_PREFIX + fingerprint(kind, content.sourceClientId, entry);
        const here = await sameRecord(entry.entity, entry.recordId);
        if (ledger.has(key) || here.some((e) => sameChange(e, entry))) {
          result[kind].skipped += 1;
          return false;
        }
        ledger.add(key);
        remember.push(key);
        return true;
      };

      for (const entry of content.outbox) {
        if (
          await isNew('outbox', entry, (entity, id) =>
            db.outbox.where('[entity+recordId]').equals([entity, id]).toArray(),
          )
        )
          toQueue.push(entry);
      }
      if (toQueue.length > 0) {
        const first = await allocateMutationIds(db, toQueue.length);
        for (const [k, entry] of toQueue.entries()) {
          const table = tableOf(db, entry.entity as EntityName);
          const existing = (await table.get(entry.recordId)) as AnyRow | undefined;
          const row = rowAfter(entry, existing);
          if (row) await table.put(row as never);
          await db.outbox.add({
            ...mutationOf(entry),
            mutationId: first + k,
            createdAt: entry.createdAt,
          });
        }
        result.outbox.added = toQueue.length;
      }

      for (const entry of content.rejected) {
        const isNewRejected = await isNew('rejected', entry, (entity, id) =>
          rejectedTable(db).where('[entity+recordId]').equals([entity, id]).toArray(),
        );
        if (!isNewRejected) continue;
        await rejectedTable(db).add({
          ...mutationOf(entry),
          createdAt: entry.createdAt,
          reason: entry.reason,
          message: entry.message ?? null,
          rejectedAt: entry.rejectedAt,
          dismissedAt: entry.dismissedAt ?? null,
        });
        result.rejected.added += 1;
      }

      for (const draft of content.drafts) {
        if (await db.drafts.get(draft.key)) {
          result.drafts.skipped += 1;
          continue;
        }
        await db.drafts.put({ key: draft.key, value: draft.value, updatedAt: draft.updatedAt });
        result.drafts.added += 1;
      }

      const at = new Date().toISOString();
      await db.meta.bulkPut(remember.map((key) => ({ key, value: at })));
      return result;
    },
  );
  if (result.outbox.added > 0 && typeof window !== 'undefined') {
    window.dispatchEvent(
      new CustomEvent(LOCAL_WRITE_EVENT, { detail: { count: result.outbox.added } }),
    );
  }
  return result;
}
