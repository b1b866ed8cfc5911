/**
 * The server's record shapes, shared by the apply path (server/sync) and the entity hooks that
 * the features hand it (server/base/entity-hooks.ts): types only, moved out of server/sync/merge.ts
 * so that the base room can name them without importing server/sync.
 */
import type { EntityName } from '../../src/domain/entities';
import type { Role, Scope } from '../../src/domain/protocol';
import type { RecordPlace } from '../../src/domain/scope';

/** Who last changed a field: at which record version, user, client and mutation. */
export interface FieldStamp {
  v: number;
  /** User id. */
  u: string | null;
  /** Client id; null for a change made on the server (a conflict restored, demo data). */
  c: string | null;
  /** Mutation id within that client. */
  m: number | null;
}

/** Who wrote a version: [user id, client id, mutation id]. */
export type Writer = [string | null, string | null, number | null];

/**
 * The stamps of a record's fields, compact (stored as jsonb with every record): the version
 * that last changed each field, and the writer of each version still referenced. A field absent
 * from `v` has not changed since the record was created: version 1, written by `w['1']` — so a
 * new record carries one writer and no per-field entries.
 */
export interface FieldStamps {
  v: Record<string, number>;
  w: Record<string, Writer>;
}

/** A record as the server keeps it (a row of `records`). */
export interface StoredRecord {
  entity: EntityName;
  id: string;
  /** The whole record as served, metadata included. */
  data: Record<string, unknown>;
  fieldStamps: FieldStamps;
  version: number;
  deleted: boolean;
  place: RecordPlace;
  createdAt: string;
  updatedBy: string | null;
}

/** The author of a batch of changes. */
export interface WriteActor {
  userId: string;
  username: string;
  role: Role;
  scope: Scope;
  /** The device; null when the server itself makes the change for this user. */
  clientId: string | null;
}

/** A mutation as apply.ts receives it (already shape-checked). */
export interface ApplyMutation {
  /** The client's mutation id; null for a change made by the server. */
  mutationId: number | null;
  entity: EntityName;
  recordId: string;
  op: 'upsert' | 'delete';
  changes: Record<string, unknown>;
  baseVersion: number;
  /** Only when a coordinator restores an update that lost to a delete: bring the record back. */
  undelete?: boolean;
}

/** A record the server itself creates (the demo, the benches): an upsert from version 0. */
export function creation(
  entity: EntityName,
  recordId: string,
  changes: Record<string, unknown>,
): ApplyMutation {
  return { mutationId: null, entity, recordId, op: 'upsert', changes, baseVersion: 0 };
}
