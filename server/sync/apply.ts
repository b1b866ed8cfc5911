/**
 * The one path every change to a synced record takes: pushes from devices, a coordinator
 * restoring a conflict, the demo data. It runs inside the caller's transaction and is set-based,
 * so a batch costs a handful of statements whatever its size:
 *
 *   1. lock the touched records (transaction-scoped advisory locks, in a fixed order);
 *   2. load them with one query, and the records they name with another (src/domain/
 *      references.ts: RECORD_REFERENCES says which fields name which records);
 *   3. decide each mutation in arrival order against the state left by the ones before it
 *      (merge.ts), after the entity's `prepare` step if it has one;
 *   3½. note the photos that entered or left records, and whether their lister could see them
 *      (server/attachments/listings.ts; nothing when the batch changed no photos);
 *   4. write the final state of every changed record (one upsert, with the columns its entity
 *      derives from it), one change-log row per applied change (one insert), the conflicts (one
 *      insert);
 *   5. run the entities' after-apply steps over the records the batch changed.
 *
 * The path names no entity: what one entity needs beside the generic merge (attendance moving
 * with its session, likely duplicates among service points, how an old client's wording is read)
 * is a step in the table of entity hooks (entity-hooks.ts) the caller hands in.
 */
import type { EntityName } from '../../src/domain/entities';
import {
  referencedIds,
  type ReferencedRecord,
  type ReferenceLookup,
} from '../../src/domain/references';
import type { SyncError } from '../../src/domain/protocol';
import type { RegionIndex } from '../../src/domain/region';
import type { RecordPlace } from '../../src/domain/scope';
import type { Bilingual } from '../base/api-error';
import { recordPhotoListings } from '../attachments/listings';
import type { DbTx } from '../db';
import { toStorableJson } from '../base/storable-text';
import { NO_DERIVED_COLUMNS, NO_ENTITY_HOOKS, type EntityHookTable } from '../base/entity-hooks';
import type { ApplyMutation, FieldStamps, StoredRecord, WriteActor } from '../base/records';
import { decideMutation, type ChangeRow, type ConflictRow } from './merge';

export type { ApplyMutation, WriteActor } from '../base/records';
export { creation } from '../base/records';

export interface ApplyOutcome {
  status: 'applied' | 'rejected';
  reason?: SyncError;
  message?: Bilingual;
  /** The record's version after the mutation (applied ones only). */
  version?: number;
}

export interface ApplyContext {
  now: Date;
  regions: RegionIndex;
  /**
   * True on PGlite: one connection, transactions run one at a time, so the record locks of step
   * 1 are not needed (and cost a statement per batch). Default false: lock (always safe).
   */
  serialised?: boolean;
  /**
   * The entity-specific steps (entity-hooks.ts; the server's table is server/entity-hooks.ts,
   * in ServerContext.entityHooks). Omitted: none — only for tests of the generic path.
   */
  hooks?: EntityHookTable;
}

interface RecordRow {
  entity: EntityName;
  id: string;
  data: Record<string, unknown>;
  field_stamps: FieldStamps;
  version: number;
  deleted: boolean;
  county_code: string | null;
  township_code: string | null;
  created_at: Date;
  updated_by: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function keyOf(entity: string, id: string): string {
  return `${entity}:${id}`;
}

function toStored(row: RecordRow): StoredRecord {
  return {
    entity: row.entity,
    id: row.id,
    data: row.data,
    fieldStamps: row.field_stamps,
    version: row.version,
    deleted: row.deleted,
    place: { countyCode: row.county_code, townshipCode: row.township_code },
    createdAt: row.created_at.toISOString(),
    updatedBy: row.updated_by,
  };
}

/** Loads records by (entity, id) with one query. */
export async function loadRecords(
  tx: DbTx,
  keys: readonly { entity: string; id: string }[],
): Promise<Map<string, StoredRecord>> {
  const found = new Map<string, StoredRecord>();
  if (keys.length === 0) return found;
  const { rows } = await tx.query<RecordRow>(
    `select r.entity, r.id::text as id, r.data, r.field_stamps, r.version, r.deleted,
            r.county_code, r.township_code, r.created_at, r.updated_by::text as updated_by
     from records r
     join unnest($1::text[], $2::uuid[]) as k(entity, id) on r.entity = k.entity and r.id = k.id`,
    [keys.map((k) => k.entity), keys.map((k) => k.id)],
  );
  for (const row of rows) found.set(keyOf(row.entity, row.id), toStored(row));
  return found;
}

/**
 * Applies mutations in order, inside `tx`; returns one outcome per mutation. A rejected mutation
 * changes nothing and does not stop the ones after it. Throws only on database errors (then the
 * caller's transaction rolls back: nothing of the batch is applied).
 */
export async function applyMutations(
  tx: DbTx,
  context: ApplyContext,
  actor: WriteActor,
  mutations: readonly ApplyMutation[],
): Promise<ApplyOutcome[]> {
  if (mutations.length === 0) return [];
  const now = context.now.toISOString();
  const hooks = context.hooks ?? NO_ENTITY_HOOKS;

  // 1: lock every touched record, in hash order so two batches never wait on each other in a
  // circle. Advisory locks also cover records that do not exist yet (two devices creating the
  // same attendance row), which row locks cannot.
  const keys = [...new Map(mutations.map((m) => [keyOf(m.entity, m.recordId), m])).values()].map(
    (m) => ({ entity: m.entity, id: m.recordId }),
  );
  if (!context.serialised) {
    await tx.query(
      `select pg_advisory_xact_lock(h)
       from (select distinct hashtextextended(k, 0) as h from unnest($1::text[]) as k order by h) as l`,
      [keys.map((k) => keyOf(k.entity, k.id))],
    );
  }

  // 2: the current state, then the records they name (src/domain/references.ts).
  const state = await loadRecords(tx, keys);
  // As loaded, before any decision: the `before` of the after-apply steps (step 5).
  const stored = new Map(state);
  const named = await loadReferenced(tx, mutations, state, keys);
  const referenced: ReferenceLookup = (entity, id) => {
    // The batch's own changes first (a walk-in's trainee created just before its check-in).
    const inBatch = state.get(keyOf(entity, id));
    if (inBatch) return { deleted: inBatch.deleted, place: inBatch.place };
    return named.get(keyOf(entity, id));
  };

  // 3: decide in arrival order; later mutations see the state the earlier ones left.
  const outcomes: ApplyOutcome[] = [];
  const changes: (ChangeRow & { mutationId: number | null })[] = [];
  const conflicts: ConflictRow[] = [];
  const dirty = new Set<string>();
  for (const mutation of mutations) {
    const key = keyOf(mutation.entity, mutation.recordId);
    const prepare = hooks[mutation.entity]?.prepare;
    const read = prepare ? prepare(mutation, state.get(key), referenced) : mutation;
    const decision = decideMutation(state.get(key), read, actor, {
      now,
      regions: context.regions,
      referenced,
    });
    if (decision.kind === 'rejected') {
      conflicts.push(...decision.conflicts);
      outcomes.push({ status: 'rejected', reason: decision.reason, message: decision.message });
    } else if (decision.kind === 'unchanged') {
      outcomes.push({ status: 'applied', version: state.get(key)?.version ?? 0 });
    } else {
      state.set(key, decision.next);
      dirty.add(key);
      changes.push({ ...decision.change, mutationId: mutation.mutationId });
      conflicts.push(...decision.conflicts);
      outcomes.push({ status: 'applied', version: decision.next.version });
    }
  }

  // 3½: photos listed or unlisted, judged against the state before this batch is written.
  await recordPhotoListings(
    tx,
    { now, serialised: context.serialised },
    actor,
    [...dirty].map((key) => ({ before: stored.get(key), after: state.get(key)! })),
  );

  // 4: write the final state of each changed record, the change log and the conflicts.
  await writeBatch(
    tx,
    [...dirty].map((key) => state.get(key)!),
    changes.map((change) => ({
      entity: change.entity,
      record_id: change.recordId,
      version: change.version,
      op: change.op,
      fields: change.fields,
      place: change.place,
      old_place: change.oldPlace,
      mutation_id: change.mutationId,
    })),
    conflicts,
    actor,
    now,
    hooks,
  );

  // 5: the entities' after-apply steps, in the table's order, each once with every record of
  // its entity the batch changed (attendance following its session, duplicate flags…).
  const changed = [...dirty].map((key) => ({ before: stored.get(key), after: state.get(key)! }));
  for (const [entity, entityHooks] of Object.entries(hooks)) {
    if (!entityHooks.afterApply) continue;
    const ofEntity = changed.filter((change) => change.after.entity === entity);
    if (ofEntity.length === 0) continue;
    await entityHooks.afterApply(tx, ofEntity, {
      now,
      actor,
      serialised: context.serialised ?? false,
      locksHeld: context.serialised ? 0 : keys.length,
    });
  }

  return outcomes;
}

/**
 * Step 2's second half: the records the batch's records name (by RECORD_REFERENCES, from both
 * the changes and the stored records) that the batch does not touch itself, with one query.
 */
async function loadReferenced(
  tx: DbTx,
  mutations: readonly ApplyMutation[],
  state: ReadonlyMap<string, StoredRecord>,
  touched: readonly { entity: string; id: string }[],
): Promise<Map<string, ReferencedRecord>> {
  const inBatch = new Set(touched.map((k) => keyOf(k.entity, k.id)));
  const wanted = new Map<string, { entity: string; id: string }>();
  for (const m of mutations) {
    const current = state.get(keyOf(m.entity, m.recordId))?.data ?? {};
    for (const ref of [
      ...referencedIds(m.entity, m.changes),
      ...referencedIds(m.entity, current),
    ]) {
      const key = keyOf(ref.entity, ref.id);
      // Not a uuid: the schema refuses the mutation anyway, and the cast below would fail.
      if (UUID.test(ref.id) && !inBatch.has(key)) wanted.set(key, ref);
    }
  }
  const found = new Map<string, ReferencedRecord>();
  if (wanted.size === 0) return found;
  const { rows } = await tx.query<{
    entity: EntityName;
    id: string;
    deleted: boolean;
    county_code: string | null;
    township_code: string | null;
  }>(
    // FOR SHARE: a batch moving, deleting or re-placing one of these records waits for this one
    // to commit (or this one waits for it). A session moving township then sees our attendance
    // rows in its step 5 (or we see the new township), so no attendance row stays behind; a
    // trainee deleted or moved out of the area is so either before our check or after our row.
    `select r.entity, r.id::text as id, r.deleted, r.county_code, r.township_code
     from records r
     join unnest($1::text[], $2::uuid[]) as k(entity, id) on r.entity = k.entity and r.id = k.id
     for share of r`,
    [[...wanted.values()].map((k) => k.entity), [...wanted.values()].map((k) => k.id)],
  );
  for (const row of rows) {
    found.set(keyOf(row.entity, row.id), {
      deleted: row.deleted,
      place: { countyCode: row.county_code, townshipCode: row.township_code },
    });
  }
  return found;
}

interface ChangeLogInput {
  entity: string;
  record_id: string;
  version: number;
  op: string;
  fields: string[];
  place: RecordPlace;
  old_place: RecordPlace;
  mutation_id: number | null;
}

function moved(row: ChangeLogInput): boolean {
  return (
    row.place.countyCode !== row.old_place.countyCode ||
    row.place.townshipCode !== row.old_place.townshipCode
  );
}

/**
 * Step 4 in ONE statement, whatever the batch's size: the records (one upsert), the change log
 * (`ord` keeps seq in arrival order) and the conflicts, each from a JSON array. Data-modifying
 * WITH clauses always run to completion, read or not.
 */
async function writeBatch(
  tx: DbTx,
  records: readonly StoredRecord[],
  changes: readonly ChangeLogInput[],
  conflicts: readonly ConflictRow[],
  actor: WriteActor,
  now: string,
  hooks: EntityHookTable,
): Promise<void> {
  if (records.length === 0 && changes.length === 0 && conflicts.length === 0) return;
  await tx.query(
    `with written as (
       insert into records (entity, id, data, field_stamps, version, deleted, county_code,
                            township_code, created_at, updated_at, updated_by, dup_name,
                            dup_village)
       select entity, id, data, field_stamps, version, deleted, county_code, township_code,
              created_at, $4::timestamptz, updated_by, dup_name, dup_village
       from jsonb_to_recordset($1::jsonb) as r(entity text, id uuid, data jsonb,
         field_stamps jsonb, version bigint, deleted boolean, county_code text,
         township_code text, created_at timestamptz, updated_by uuid, dup_name text,
         dup_village text)
       on conflict (entity, id) do update set
         data = excluded.data, field_stamps = excluded.field_stamps, version = excluded.version,
         deleted = excluded.deleted, county_code = excluded.county_code,
         township_code = excluded.township_code, updated_at = excluded.updated_at,
         updated_by = excluded.updated_by, dup_name = excluded.dup_name,
         dup_village = excluded.dup_village
     ), logged as (
       insert into change_log (entity, record_id, version, op, fields, county_code, township_code,
                               old_county_code, old_township_code, user_id, client_id,
                               mutation_id, changed_at)
       select entity, record_id, version, op, fields, county_code, township_code, old_county_code,
              old_township_code, $5::uuid, $6::uuid, mutation_id, $4::timestamptz
       from jsonb_to_recordset($2::jsonb) as r(ord int, entity text, record_id uuid,
         version bigint, op text, fields text[], county_code text, township_code text,
         old_county_code text, old_township_code text, mutation_id bigint)
       order by ord
     )
     insert into conflicts (entity, record_id, kind, field, winning_value, losing_value,
                            winning_user_id, winning_version, losing_user_id, losing_client_id,
                            losing_mutation_id, losing_version, created_at)
     select entity, record_id, kind, field, winning_value, losing_value, winning_user_id,
            winning_version, losing_user_id, losing_client_id, losing_mutation_id,
            losing_version, $4::timestamptz
     from jsonb_to_recordset($3::jsonb) as r(ord int, entity text, record_id uuid, kind text,
       field text, winning_value jsonb, losing_value jsonb, winning_user_id uuid,
       winning_version bigint, losing_user_id uuid, losing_client_id uuid,
       losing_mutation_id bigint, losing_version bigint)
     order by ord`,
    [
      JSON.stringify(
        records.map((record) => ({
          entity: record.entity,
          id: record.id,
          data: record.data,
          field_stamps: record.fieldStamps,
          version: record.version,
          deleted: record.deleted,
          county_code: record.place.countyCode,
          township_code: record.place.townshipCode,
          created_at: record.createdAt,
          updated_by: record.updatedBy,
          ...(hooks[record.entity]?.derivedColumns?.(record) ?? NO_DERIVED_COLUMNS),
        })),
      ),
      JSON.stringify(
        changes.map((row, ord) => ({
          ord,
          entity: row.entity,
          record_id: row.record_id,
          version: row.version,
          op: row.op,
          fields: row.fields,
          county_code: row.place.countyCode,
          township_code: row.place.townshipCode,
          // Only when the change moved the record: the pull's "left your area" signal.
          old_county_code: moved(row) ? row.old_place.countyCode : null,
          old_township_code: moved(row) ? row.old_place.townshipCode : null,
          mutation_id: row.mutation_id,
        })),
      ),
      JSON.stringify(
        toStorableJson(conflicts).map((c, ord) => ({
          ord,
          entity: c.entity,
          record_id: c.recordId,
          kind: c.kind,
          field: c.field,
          // Wrapped so a JSON null survives as a value rather than becoming SQL NULL.
          winning_value: { value: c.winningValue ?? null },
          losing_value: { value: c.losingValue ?? null },
          winning_user_id: c.winningUserId,
          winning_version: c.winningVersion,
          losing_user_id: c.losingUserId,
          losing_client_id: c.losingClientId,
          losing_mutation_id: c.losingMutationId,
          losing_version: c.losingVersion,
        })),
      ),
      now,
      actor.userId,
      actor.clientId,
    ],
  );
}
