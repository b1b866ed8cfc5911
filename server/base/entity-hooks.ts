/**
 * The entity-specific steps of the one apply path, as data: a table keyed by entity name
 * (EntityHookTable). apply.ts runs whatever the table holds at its fixed points and names no
 * entity itself; each feature that needs a step beside the generic merge keeps it in its own
 * folder and the server composes the table once (server/entity-hooks.ts), handing it to the apply
 * path through the server's context (ServerContext.entityHooks → ApplyContext.hooks).
 *
 * Why a table handed in rather than imported: the steps belong to features that themselves use
 * the apply path (the duplicates review merges two points through applyMutations), so an import
 * from here would close a circle (server/sync ⇄ server/duplicates). With the table, the arrow
 * runs one way: features → server/sync.
 *
 * The fixed points, in the order apply.ts reaches them:
 *   - `prepare` (step 3, before each decision): how the server reads a mutation of this entity,
 *     given the record as it stands — pure, and it may only return a mutation every check of
 *     merge.ts then judges as usual (an old client's wording read in today's terms);
 *   - `derivedColumns` (step 4): columns of `records` derived from the record's data, written with
 *     its row in the one upsert (no statement of its own);
 *   - `afterApply` (step 5): once per batch with every record of the entity the batch changed,
 *     before and after, inside the batch's transaction. The entities' steps run in the order the
 *     table lists them (an object's string keys keep their insertion order), so the order in
 *     which they take locks is fixed: one whose locks must come last is listed last.
 */
import type { EntityName } from '../../src/domain/entities';
import type { ReferenceLookup } from '../../src/domain/references';
import type { DbTx } from '../db';
import type { ApplyMutation, StoredRecord, WriteActor } from './records';

/** One record the batch changed: as loaded before the batch (undefined when new) and after. */
export interface RecordChange {
  before: StoredRecord | undefined;
  after: StoredRecord;
}

/**
 * The columns of `records` computed from a record's data (migration 0007: the duplicate keys of a
 * service point). Null for every entity without a `derivedColumns` step.
 */
export interface DerivedColumns {
  dup_name: string | null;
  dup_village: string | null;
}

export const NO_DERIVED_COLUMNS: DerivedColumns = { dup_name: null, dup_village: null };

export interface AfterApplyContext {
  /** The batch's server time, ISO 8601. */
  now: string;
  actor: WriteActor;
  /** True on PGlite: one connection, transactions one at a time (locks not needed). */
  serialised: boolean;
  /** Advisory locks the transaction already holds (step 1's record locks; 0 when serialised). */
  locksHeld: number;
}

export interface EntityHooks {
  prepare?: (
    mutation: ApplyMutation,
    current: StoredRecord | undefined,
    referenced: ReferenceLookup,
  ) => ApplyMutation;
  derivedColumns?: (record: StoredRecord) => DerivedColumns;
  afterApply?: (
    tx: DbTx,
    changes: readonly RecordChange[],
    context: AfterApplyContext,
  ) => Promise<void>;
}

export type EntityHookTable = Readonly<Partial<Record<EntityName, EntityHooks>>>;

/** No entity-specific step at all: what a caller gets that passes no table (tests of the path). */
export const NO_ENTITY_HOOKS: EntityHookTable = {};
