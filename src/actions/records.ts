/**
 * User intents that write records. Every write validates the whole record with the domain schema
 * (the same one the server will use) and then goes through writeWithOutbox: row and outbox entry
 * in one transaction, or neither.
 */
import { entityOfAction, may, type PushAction } from '../domain/actions';
import { newId, META_FIELDS } from '../domain/common';
import { validateRecord, type EntityName, type EntityRecord } from '../domain/entities';
import type { FieldProblem } from '../domain/messages';
import { roleMayWrite } from '../domain/scope';
import {
  getDb,
  readSession,
  writeManyWithOutbox,
  writeWithOutbox,
  type CundianDb,
  type RecordWrite,
} from '../db';

/** The record did not validate; `problems` says which fields and why (translate with describeProblem). */
export class ValidationFailed extends Error {
  /** In a bulk import: the position of the failing row. */
  index: number | undefined;
  constructor(
    readonly entity: EntityName,
    readonly problems: FieldProblem[],
  ) {
    super(`${entity} did not validate: ${problems.map((p) => `${p.path} ${p.key}`).join(', ')}`);
    this.name = 'ValidationFailed';
  }
}

/** The record does not exist on this device, or was deleted. */
export class RecordNotFound extends Error {
  constructor(
    readonly entity: EntityName,
    readonly id: string,
  ) {
    super(`${entity} ${id} not found`);
    this.name = 'RecordNotFound';
  }
}

/**
 * The signed-in user's role may not change this kind of record at all (a trainer and a service
 * point). The server refuses such a change anyway; the device says so at once, in words, instead
 * of queueing a change that can only come back refused (or failing on a masked phone). Screens
 * hide such actions (mayWrite in src/domain/scope.ts); this is for one that slips through (a
 * stale page, an old link).
 *
 * The PLACE (a record outside the user's area) is left to the server: the area can change on the
 * server while changes wait, attendance needs its session's township the device may not have,
 * and a refused change is kept on the phone with its reason (the sync tests exercise that path).
 */
export class WriteNotAllowed extends Error {
  constructor(
    readonly entity: EntityName,
    readonly id: string,
  ) {
    super(`${entity} ${id}: not allowed for this role`);
    this.name = 'WriteNotAllowed';
  }
}

/**
 * Throws WriteNotAllowed (for the action's entity and record `id`) when the actions table
 * (src/domain/actions.ts) does not let the signed-in user — or the app used without an account —
 * do `action`: for the intents that write through writeManyWithOutbox, which saveRecord's
 * guardRole does not see (the targets grid).
 */
export async function guardAction(
  action: PushAction,
  id: string,
  db: CundianDb | undefined,
): Promise<void> {
  const session = await readSession(db ?? getDb());
  if (!may(session?.user ?? null, action)) throw new WriteNotAllowed(entityOfAction(action), id);
}

/** Throws WriteNotAllowed when the signed-in user's role may not write `entity` anywhere. */
async function guardRole(entity: EntityName, id: string, db: CundianDb | undefined) {
  const session = await readSession(db ?? getDb());
  if (session && !roleMayWrite(session.user.role, entity)) throw new WriteNotAllowed(entity, id);
}

export type Fields<E extends EntityName> = Omit<EntityRecord<E>, (typeof META_FIELDS)[number]>;

export interface SaveResult {
  id: string;
  /** The outbox entry's mutation id, or null when the save changed nothing. */
  mutationId: number | null;
}

/**
 * Creates (id null or unknown) or updates a record with the given fields. For a create `changes`
 * must hold every field; for an update only those that change. Throws ValidationFailed.
 */
export async function saveRecord<E extends EntityName>(
  entity: E,
  id: string | null,
  changes: Partial<Fields<E>>,
  db?: CundianDb,
): Promise<SaveResult> {
  const recordId = id ?? newId();
  await guardRole(entity, recordId, db);
  const entry = await writeWithOutbox(
    entity,
    recordId,
    (existing) => planUpsert(entity, recordId, existing, changes),
    db,
  );
  return { id: recordId, mutationId: entry?.mutationId ?? null };
}

/**
 * Creates or updates many records at once (a CSV import), all in one transaction: if any record
 * fails validation, nothing is written and ValidationFailed says which (its `index` is the row).
 * Returns how many records changed.
 */
export async function importRecords<E extends EntityName>(
  entity: E,
  rows: readonly { id: string | null; changes: Partial<Fields<E>> }[],
  onProgress?: (done: number, total: number) => void,
  db?: CundianDb,
): Promise<number> {
  const items = rows.map((row, index) => {
    const recordId = row.id ?? newId();
    return {
      recordId,
      produce: (existing: EntityRecord<E> | undefined) => {
        try {
          return planUpsert(entity, recordId, existing, row.changes);
        } catch (error) {
          if (error instanceof ValidationFailed) error.index = index;
          throw error;
        }
      },
    };
  });
  return writeManyWithOutbox(entity, items, onProgress, db);
}

/**
 * Updates an existing record with changes computed from its current row, inside the write's
 * transaction, so the decision and the write see the same row. `decide` may throw to refuse.
 */
export async function updateRecord<E extends EntityName>(
  entity: E,
  id: string,
  decide: (current: EntityRecord<E>) => Partial<Fields<E>>,
  db?: CundianDb,
): Promise<SaveResult> {
  return writeExisting(
    entity,
    id,
    (existing) => planUpsert(entity, id, existing, decide(existing)),
    db,
  );
}

/** Marks a record deleted (a tombstone: it syncs, and a delete beats a concurrent update). */
export async function deleteRecord(
  entity: EntityName,
  id: string,
  db?: CundianDb,
): Promise<SaveResult> {
  return writeExisting(
    entity,
    id,
    (existing) => ({
      row: { ...existing, deleted: true, updatedAt: new Date().toISOString() },
      op: 'delete',
      changes: {},
      baseVersion: existing.version,
    }),
    db,
  );
}

/**
 * A write to a record that must be here and not deleted (an edit, a delete): anything else is
 * RecordNotFound, decided inside the write's transaction. The role is checked first.
 */
async function writeExisting<E extends EntityName>(
  entity: E,
  id: string,
  produce: (existing: EntityRecord<E>) => RecordWrite<E> | null,
  db: CundianDb | undefined,
): Promise<SaveResult> {
  await guardRole(entity, id, db);
  const entry = await writeWithOutbox(
    entity,
    id,
    (existing) => {
      if (!existing || existing.deleted) throw new RecordNotFound(entity, id);
      return produce(existing);
    },
    db,
  );
  return { id, mutationId: entry?.mutationId ?? null };
}

/** Validates the merged record and works out which fields really changed. Pure; exported for tests. */
export function planUpsert<E extends EntityName>(
  entity: E,
  id: string,
  existing: EntityRecord<E> | undefined,
  changes: Partial<Fields<E>>,
): RecordWrite<E> | null {
  if (existing?.deleted) throw new RecordNotFound(entity, id);
  const base = existing ?? { id, version: 0, updatedAt: null, updatedBy: null, deleted: false };
  const candidate = {
    ...base,
    ...changes,
    id,
    version: base.version,
    updatedBy: base.updatedBy,
    deleted: false,
    updatedAt: new Date().toISOString(),
  };
  const validation = validateRecord(entity, candidate);
  if (!validation.ok) throw new ValidationFailed(entity, validation.problems);
  const row = validation.record;

  const changed: Record<string, unknown> = {};
  const metaFields: readonly string[] = META_FIELDS;
  for (const [key, value] of Object.entries(row)) {
    if (metaFields.includes(key)) continue;
    const before = existing ? (existing as Record<string, unknown>)[key] : undefined;
    if (!existing || !sameValue(before, value)) changed[key] = value;
  }
  if (existing && Object.keys(changed).length === 0) return null;
  return { row, op: 'upsert', changes: changed, baseVersion: base.version };
}

/** Structural equality for plain JSON-like values (records hold nothing else). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const aKeys = Object.keys(a);
  const bKeys = Object.keys(b);
  if (aKeys.length !== bKeys.length) return false;
  return aKeys.every((k) =>
    sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}
