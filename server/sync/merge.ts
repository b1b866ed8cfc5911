/**
 * The decision for ONE mutation against the current state of its record: apply it (and how), or
 * reject it (and why). Pure — no database — so the rules can be read and tested on their own;
 * apply.ts loads the records, calls this for each mutation in arrival order, and writes the
 * outcome. The rules (DESIGN.md §4.4–4.6, docs/PROTOCOL.md "Conflicts"):
 *
 * - The role must be allowed to write the entity; the record's place must lie in the user's
 *   write scope BEFORE the change (you may only touch what is yours) and AFTER it (you may not
 *   move a record into an area you do not hold).
 * - The merged record (current fields + the changes) is validated with the entity's domain
 *   schema, the very one the device used.
 * - The records it names must be usable by the user (src/domain/references.ts): an
 *   attendance's trainee exists on the server, is live and lies in the user's read scope.
 * - Field by field: a field whose stored value was last set by ANOTHER client after the
 *   mutation's baseVersion is a conflict. Arrival order decides: this later arrival wins, the
 *   value it replaces is kept as a conflict row (who, when, both values). Client clocks play no
 *   part.
 * - Deletes are tombstones. A delete beats a concurrent update: an update arriving for a deleted
 *   record is checked like any update (merged onto the record's last state: schema, place,
 *   scope), refused as such when it fails (`invalid`, `scopeDenied`…, nothing kept), and
 *   otherwise rejected with `deleted`, the fields it sent kept as a conflict of kind 'deleted'
 *   so a coordinator can bring it back.
 */
import { describeProblem } from '../../src/domain/fieldLabels';
import { META_FIELDS } from '../../src/domain/common';
import { ENTITY_SCHEMAS, validateRecord, type EntityName } from '../../src/domain/entities';
import type { FieldProblem } from '../../src/domain/messages';
import type { SyncError } from '../../src/domain/protocol';
import { referenceProblem, type ReferenceLookup } from '../../src/domain/references';
import type { RegionIndex } from '../../src/domain/region';
import {
  canWrite,
  placeOfRegion,
  recordRegion,
  roleMayWrite,
  type RecordPlace,
} from '../../src/domain/scope';
import type { Bilingual } from '../base/api-error';
import { DOMAIN_MESSAGES } from '../../src/domain/messages';
import { regionExists } from '../regions';
import { hasUnstorableText } from '../base/storable-text';
import type {
  ApplyMutation,
  FieldStamp,
  FieldStamps,
  StoredRecord,
  WriteActor,
  Writer,
} from '../base/records';

export function stampOf(stamps: FieldStamps, field: string): FieldStamp | undefined {
  const version = stamps.v[field] ?? 1;
  const writer = stamps.w[String(version)];
  if (!writer) return undefined;
  const [u, c, m] = writer;
  return { v: version, u, c, m };
}

/** The stamps after `fields` were changed at `version` by `writer`; unreferenced writers dropped. */
function restamp(
  stamps: FieldStamps,
  fields: readonly string[],
  version: number,
  writer: Writer,
): FieldStamps {
  if (version === 1) return { v: {}, w: { '1': writer } }; // a create: every field at version 1
  const v = { ...stamps.v };
  for (const field of fields) v[field] = version;
  const w: Record<string, Writer> = {};
  const creation = stamps.w['1'];
  if (creation) w['1'] = creation; // fields absent from v still point at it
  for (const used of new Set(Object.values(v))) {
    const key = String(used);
    w[key] = used === version ? writer : (stamps.w[key] ?? [null, null, null]);
  }
  return { v, w };
}

export interface ConflictRow {
  entity: EntityName;
  recordId: string;
  /** 'field': one field two people changed; 'deleted': an update that lost to a delete. */
  kind: 'field' | 'deleted';
  /** The field (kind 'field'); null for 'deleted', whose losingValue holds every field sent. */
  field: string | null;
  winningValue: unknown;
  losingValue: unknown;
  winningUserId: string | null;
  winningVersion: number;
  losingUserId: string | null;
  losingClientId: string | null;
  losingMutationId: number | null;
  losingVersion: number | null;
}

export type ChangeOp = 'create' | 'update' | 'delete' | 'undelete';

export interface ChangeRow {
  entity: EntityName;
  recordId: string;
  version: number;
  op: ChangeOp;
  fields: string[];
  place: RecordPlace;
  oldPlace: RecordPlace;
}

export type Decision =
  | {
      kind: 'rejected';
      reason: SyncError;
      message: Bilingual;
      /** Kept for review (an update that lost to a delete). */
      conflicts: ConflictRow[];
    }
  /** Accepted, but nothing changes (same values, or deleting what is already deleted). */
  | { kind: 'unchanged' }
  | { kind: 'applied'; next: StoredRecord; change: ChangeRow; conflicts: ConflictRow[] };

export interface DecisionContext {
  /** Server time of the batch, ISO 8601. */
  now: string;
  regions: RegionIndex;
  /**
   * The records a mutation's record names (src/domain/references.ts): an attendance's session
   * (its place) and trainee, as the batch has left them so far.
   */
  referenced: ReferenceLookup;
}

const META: ReadonlySet<string> = new Set(META_FIELDS);

/** The fields a mutation may carry, per entity: the schema's fields without the metadata. */
export const EDITABLE_FIELDS: Readonly<Record<EntityName, ReadonlySet<string>>> =
  Object.fromEntries(
    Object.entries(ENTITY_SCHEMAS).map(([entity, schema]) => [
      entity,
      new Set(Object.keys(schema.shape).filter((field) => !META.has(field))),
    ]),
  ) as unknown as Record<EntityName, ReadonlySet<string>>;

/** Structural equality of JSON values (jsonb does not keep key order, so keys are compared as sets). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const aKeys = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const bKeys = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (aKeys.length !== bKeys.length) return false;
  return aKeys.every((k) =>
    sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}

export const REJECTION_MESSAGES = {
  roleDenied: {
    'zh-CN': '你的角色不能修改这类记录',
    en: 'your role may not change this kind of record',
  },
  scopeDenied: {
    'zh-CN': '这条记录不在你负责的区域内',
    en: 'this record lies outside your area',
  },
  targetScopeDenied: {
    'zh-CN': '这个区域的目标不归你设定：你只能设定本辖区及其下属区域的目标',
    en: 'this area’s target is not yours to set: you set the targets of your own area and the areas inside it',
  },
  movedOutOfScope: {
    'zh-CN': '不能把记录移到你负责的区域以外',
    en: 'you cannot move a record outside your area',
  },
  deleted: {
    'zh-CN': '这条记录已被删除；你的修改已保存为冲突，协调员可以恢复',
    en: 'this record was deleted; your changes are kept as a conflict a coordinator can restore',
  },
  notFound: {
    'zh-CN': '服务器上没有这条记录',
    en: 'the server has no such record',
  },
  sessionNotFound: {
    'zh-CN': '服务器上没有这次培训，请先同步培训班',
    en: 'the training session of this attendance is not on the server',
  },
  unknownRegion: {
    'zh-CN': '所选地区不在本市的行政区划中',
    en: 'the chosen place is not in the gazetteer of this prefecture',
  },
} satisfies Record<string, Bilingual>;

function reject(reason: SyncError, message: Bilingual, conflicts: ConflictRow[] = []): Decision {
  return { kind: 'rejected', reason, message, conflicts };
}

/** "运营人电话：手机号应为…；名称：必填" — the first few problems, in both languages. */
export function describeProblems(entity: EntityName, problems: FieldProblem[]): Bilingual {
  const shown = problems.slice(0, 3);
  const more = problems.length - shown.length;
  return {
    'zh-CN':
      shown.map((p) => describeProblem(entity, p, 'zh-CN')).join('；') +
      (more > 0 ? `（另有 ${more} 处）` : ''),
    en:
      shown.map((p) => describeProblem(entity, p, 'en')).join('; ') +
      (more > 0 ? ` (and ${more} more)` : ''),
  };
}

/** Decides one mutation; see the module comment for the rules. */
export function decideMutation(
  current: StoredRecord | undefined,
  mutation: ApplyMutation,
  actor: WriteActor,
  context: DecisionContext,
): Decision {
  const { entity } = mutation;

  // The role check comes first: a role that may never write this entity learns nothing more.
  if (!roleMayWrite(actor.role, entity)) return reject('roleDenied', REJECTION_MESSAGES.roleDenied);
  // Scope BEFORE the change: only records placed in the user's area may be touched. Server-only
  // on purpose: a device can be modified, so its own check proves nothing.
  if (current && !canWrite(actor, entity, current.place)) {
    return reject('scopeDenied', REJECTION_MESSAGES.scopeDenied);
  }
  if (mutation.op === 'delete') return decideDelete(current, mutation, actor, context);
  return decideUpsert(current, mutation, actor, context);
}

function decideDelete(
  current: StoredRecord | undefined,
  mutation: ApplyMutation,
  actor: WriteActor,
  context: DecisionContext,
): Decision {
  if (!current) return reject('notFound', REJECTION_MESSAGES.notFound);
  if (current.deleted) return { kind: 'unchanged' }; // deleted twice (two devices): same outcome
  // The delete wins over any update it did not see: no field comparison, no conflict.
  const version = current.version + 1;
  const next: StoredRecord = {
    ...current,
    data: {
      ...current.data,
      deleted: true,
      version,
      updatedAt: context.now,
      updatedBy: actor.username,
    },
    version,
    deleted: true,
    updatedBy: actor.userId,
  };
  return {
    kind: 'applied',
    next,
    change: {
      entity: mutation.entity,
      recordId: mutation.recordId,
      version,
      op: 'delete',
      fields: [],
      place: current.place,
      oldPlace: current.place,
    },
    conflicts: [],
  };
}

function decideUpsert(
  current: StoredRecord | undefined,
  mutation: ApplyMutation,
  actor: WriteActor,
  context: DecisionContext,
): Decision {
  const { entity, changes } = mutation;
  // Server-only: the database cannot store U+0000 or lone surrogates (storable-text.ts); some
  // domain fields do not refuse them (milestone ids), and a batch failing on insert would block
  // the device's outbox for good.
  if (hasUnstorableText(changes)) return reject('invalid', DOMAIN_MESSAGES.controlChars);
  const editable = EDITABLE_FIELDS[entity];
  const unknown = Object.keys(changes).filter((field) => !editable.has(field));
  if (unknown.length > 0) {
    return reject('invalid', {
      'zh-CN': `无法识别的字段：${unknown.slice(0, 5).join('、')}`,
      en: `unknown field${unknown.length > 1 ? 's' : ''}: ${unknown.slice(0, 5).join(', ')}`,
    });
  }

  const undeleting = current?.deleted === true && mutation.undelete === true;
  // An update of a deleted record goes through every check below as if the record were live
  // (merged onto its last state), and only then loses to the delete: what a coordinator may
  // restore from the inbox must be a valid update by someone allowed to make it.
  const losesToDelete = current?.deleted === true && !undeleting;
  if (!current && mutation.baseVersion > 0) return reject('notFound', REJECTION_MESSAGES.notFound);

  // Validate the WHOLE merged record with the domain schema the device used, so cross-field
  // rules (an open point has an opening date) hold after the merge too.
  const currentData = current?.data ?? {};
  const candidate = {
    ...currentData,
    ...changes,
    id: mutation.recordId,
    version: current?.version ?? 0,
    updatedAt: context.now,
    updatedBy: actor.username,
    deleted: false,
  };
  const validation = validateRecord(entity, candidate);
  if (!validation.ok) return reject('invalid', describeProblems(entity, validation.problems));
  const record = validation.record as Record<string, unknown>;

  // Scope AFTER the change: the record's (possibly new) place must exist and be the user's.
  const region = recordRegion(
    entity,
    record,
    (sessionId) =>
      context.referenced('trainingSession', sessionId)?.place.townshipCode ?? undefined,
  );
  if (!region.ok) return reject('notFound', REJECTION_MESSAGES.sessionNotFound);
  if (region.regionCode !== null && !regionExists(context.regions, region.regionCode)) {
    return reject('invalid', REJECTION_MESSAGES.unknownRegion);
  }
  const place = placeOfRegion(region.regionCode);
  if (!canWrite(actor, entity, place)) {
    return reject(
      'scopeDenied',
      entity === 'target'
        ? REJECTION_MESSAGES.targetScopeDenied
        : current
          ? REJECTION_MESSAGES.movedOutOfScope
          : REJECTION_MESSAGES.scopeDenied,
    );
  }

  // Server-only: the records it names must be ones this user may use (src/domain/references.ts:
  // an attendance's trainee on the server, live, and in the user's area). The device checks the
  // same rule against its copy, which may be stale or forged.
  const named = referenceProblem(actor, entity, record, context.referenced);
  if (named) return reject(named.reason, DOMAIN_MESSAGES[named.message]);

  if (current && losesToDelete) {
    // Delete beats a concurrent update; what the update carried is kept for review — the
    // fields it sent, as validated (trimmed, normalised), nothing else.
    const sent = Object.fromEntries(Object.keys(changes).map((field) => [field, record[field]]));
    return reject('deleted', REJECTION_MESSAGES.deleted, [
      {
        entity,
        recordId: mutation.recordId,
        kind: 'deleted',
        field: null,
        winningValue: null,
        losingValue: sent,
        winningUserId: current.updatedBy,
        winningVersion: current.version,
        losingUserId: actor.userId,
        losingClientId: actor.clientId,
        losingMutationId: mutation.mutationId,
        losingVersion: null,
      },
    ]);
  }

  // Only the fields the mutation carries count as changed by it (a create carries them all).
  const changedFields = current
    ? Object.keys(changes).filter((field) => !sameJson(record[field], currentData[field]))
    : [...editable];
  if (current && !undeleting && changedFields.length === 0) return { kind: 'unchanged' };

  const version = (current?.version ?? 0) + 1;
  const conflicts: ConflictRow[] = [];
  const stamps = current?.fieldStamps ?? { v: {}, w: {} };
  for (const field of current ? changedFields : []) {
    const previous = stampOf(stamps, field);
    const sameClient = actor.clientId !== null && previous?.c === actor.clientId;
    // Someone else changed this field after the version this device started from: this
    // arrival wins, the value it replaces is kept.
    if (previous && previous.v > mutation.baseVersion && !sameClient) {
      conflicts.push({
        entity,
        recordId: mutation.recordId,
        kind: 'field',
        field,
        winningValue: record[field],
        losingValue: currentData[field],
        winningUserId: actor.userId,
        winningVersion: version,
        losingUserId: previous.u,
        losingClientId: previous.c,
        losingMutationId: previous.m,
        losingVersion: previous.v,
      });
    }
  }
  const fieldStamps = restamp(stamps, changedFields, version, [
    actor.userId,
    actor.clientId,
    mutation.mutationId,
  ]);

  const next: StoredRecord = {
    entity,
    id: mutation.recordId,
    data: { ...record, version, updatedAt: context.now, updatedBy: actor.username, deleted: false },
    fieldStamps,
    version,
    deleted: false,
    place,
    createdAt: current?.createdAt ?? context.now,
    updatedBy: actor.userId,
  };
  const op: ChangeOp = !current ? 'create' : undeleting ? 'undelete' : 'update';
  return {
    kind: 'applied',
    next,
    change: {
      entity,
      recordId: mutation.recordId,
      version,
      op,
      fields: op === 'create' ? [] : changedFields, // a create sets every field
      place,
      oldPlace: current?.place ?? place,
    },
    conflicts,
  };
}
