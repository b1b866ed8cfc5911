/**
 * Records that name other records by id, and what the writer must be allowed of the record
 * named. Shared by the server, which refuses the write (server/sync/merge.ts, loaded by
 * server/sync/apply.ts), and the app, which tells its user before saving (the roll call, the
 * roster import) — the app's answer is a courtesy, the server's the guard (scope.ts).
 *
 * Why a rule beyond scope.ts: a record's own place says who may write it, not whom it may name.
 * An attendance belongs where its session is held, so a county trainer could sign in any trainee
 * id at all — one of another county (personal data: who was where on which day, linked to a
 * person the trainer may not even see), a deleted one, or one the server refused — and the
 * figures of the other county would count a training its own staff never saw.
 *
 * The rules are data (RECORD_REFERENCES), each with its reason. Pure: no Node, no DOM.
 */
import type { EntityName } from './entities';
import type { DomainMessageKey } from './messages';
import { canRead, placeOfRegion, recordRegion, type Actor, type RecordPlace } from './scope';

/** A record named by another, as a checker sees it; undefined when it is not there at all. */
export interface ReferencedRecord {
  deleted: boolean;
  place: RecordPlace;
}

/** Finds a named record: on the server its table (and the batch so far), on a device its copy. */
export type ReferenceLookup = (entity: EntityName, id: string) => ReferencedRecord | undefined;

interface RecordReference {
  /** The entity the field names. */
  entity: EntityName;
  /**
   * `place`: the named record gives this one its place (scope.ts recordRegion); it must exist
   * (checked there). `usable`: the named record must exist, be live and be readable by the
   * writer (checked here).
   */
  use: 'place' | 'usable';
  /** Why, per way it fails (`usable` only): messages of src/domain/messages.ts. */
  messages?: {
    missing: DomainMessageKey;
    deleted: DomainMessageKey;
    outsideArea: DomainMessageKey;
  };
}

/** The fields of each entity that name another record, and the rule for each. */
export const RECORD_REFERENCES: Readonly<
  Partial<Record<EntityName, Readonly<Record<string, RecordReference>>>>
> = {
  attendance: {
    // The session is where the attendance belongs: its township is the attendance's place.
    sessionId: { entity: 'trainingSession', use: 'place' },
    // The trainee must be one the writer may see: a county trainer signs in the trainees of
    // their county, a township trainer those of their township, an admin of the prefecture
    // anyone in it. Someone from elsewhere at a session is signed in by a user whose area holds
    // them (their county's trainer, or the prefecture's admin), so that county's own staff see
    // the record and its figures. Live, and on the server: a check-in of a trainee deleted
    // since, or whose registration was refused, points at nobody.
    traineeId: {
      entity: 'trainee',
      use: 'usable',
      messages: {
        missing: 'attendance.traineeMissing',
        deleted: 'attendance.traineeDeleted',
        outsideArea: 'attendance.traineeOutsideArea',
      },
    },
  },
};

/** Every record `record` (of `entity`) names, by the table: for the server to load them at once. */
export function referencedIds(
  entity: EntityName,
  record: Readonly<Record<string, unknown>>,
): { entity: EntityName; id: string }[] {
  const found: { entity: EntityName; id: string }[] = [];
  for (const [field, reference] of Object.entries(RECORD_REFERENCES[entity] ?? {})) {
    const id = record[field];
    if (typeof id === 'string') found.push({ entity: reference.entity, id });
  }
  return found;
}

/** Why a write may not name a record: the rejection reason and its message. */
export interface ReferenceProblem {
  field: string;
  reason: 'notFound' | 'scopeDenied';
  message: DomainMessageKey;
}

/**
 * The first record `record` names that `actor` may not use, and why; null when all are usable.
 * `actor` null: nobody signed in (the app used alone on a device) — nothing to check against.
 */
export function referenceProblem(
  actor: Actor | null,
  entity: EntityName,
  record: Readonly<Record<string, unknown>>,
  lookup: ReferenceLookup,
): ReferenceProblem | null {
  if (!actor) return null;
  for (const [field, reference] of Object.entries(RECORD_REFERENCES[entity] ?? {})) {
    if (reference.use !== 'usable' || !reference.messages) continue;
    const id = record[field];
    const named = typeof id === 'string' ? lookup(reference.entity, id) : undefined;
    if (!named) return { field, reason: 'notFound', message: reference.messages.missing };
    if (named.deleted) return { field, reason: 'notFound', message: reference.messages.deleted };
    if (!canRead(actor, reference.entity, named.place)) {
      return { field, reason: 'scopeDenied', message: reference.messages.outsideArea };
    }
  }
  return null;
}

/** A record as a ReferencedRecord (for a device's copy, or a record about to be written). */
export function asReferenced(
  entity: EntityName,
  record: Readonly<Record<string, unknown>>,
): ReferencedRecord {
  const region = recordRegion(entity, record);
  return {
    deleted: record.deleted === true,
    place: region.ok ? placeOfRegion(region.regionCode) : { countyCode: null, townshipCode: null },
  };
}
