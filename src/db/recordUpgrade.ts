/**
 * The Dexie half of a record migration (docs/ARCHITECTURE.md "Record migrations"): what the
 * device stores in the old shape is rewritten, in the upgrade transaction, by the domain's own
 * steps (src/domain/recordMigrations.ts) — so the phone, the server's push and the SQL migration
 * all run one definition of the change.
 *
 * Rewritten: the records of every entity a step touches, the changes of that entity's outbox
 * entries (pending work: pushed after the upgrade under the new schema version) and refused
 * changes (shown, and restorable), and the values of that entity's form drafts (keys
 * `<entity>:new` / `<entity>:<id>`), whose state names the same fields. Nothing else holds
 * record fields.
 */
import type { Transaction } from 'dexie';
import { ENTITY_NAMES, isEntityName, type EntityName } from '../domain/entityNames';
import { hasMigrations, migrateDraft, migrateRecord } from '../domain/recordMigrations';
import { ENTITY_TABLES } from './schema';

type Row = Record<string, unknown>;

function isRow(value: unknown): value is Row {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Rewrites the stored rows of record schema version `fromVersion` into the current shape. */
export async function upgradeStoredRecords(tx: Transaction, fromVersion: number): Promise<void> {
  const touched = new Set<EntityName>(ENTITY_NAMES.filter((e) => hasMigrations(e, fromVersion)));
  if (touched.size === 0) return;
  const touches = (entity: unknown): entity is EntityName =>
    typeof entity === 'string' && isEntityName(entity) && touched.has(entity);

  for (const entity of touched) {
    await tx
      .table<Row>(ENTITY_TABLES[entity])
      .toCollection()
      .modify((row, ref) => {
        ref.value = migrateRecord(entity, row, fromVersion);
      });
  }
  for (const name of ['outbox', 'rejected']) {
    await tx
      .table<Row>(name)
      .toCollection()
      .modify((entry, ref) => {
        if (!touches(entry.entity) || !isRow(entry.changes)) return;
        ref.value = { ...entry, changes: migrateRecord(entry.entity, entry.changes, fromVersion) };
      });
  }
  await tx
    .table<Row>('drafts')
    .toCollection()
    .modify((draft, ref) => {
      if (typeof draft.key !== 'string') return;
      const value = migrateDraft(draft.key, draft.value, fromVersion);
      if (value !== draft.value) ref.value = { ...draft, value };
    });
}
