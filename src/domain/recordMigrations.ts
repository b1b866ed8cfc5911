/**
 * Record migrations: how a synced record's shape changes once records of the old shape exist on
 * phones, on the server and in outboxes (docs/ARCHITECTURE.md "Record migrations" is the recipe).
 *
 * The record schema version is ONE number for all entities — the protocol's SCHEMA_VERSION
 * (src/domain/protocol.ts re-exports it from here): every step below raises it by one. A record,
 * or a mutation's changes, written under version N is brought to the current shape by running the
 * steps numbered N + 1 … current of its entity, in order. The same steps run:
 *
 * - on the phone, in the Dexie upgrade of the database version that first stores the new shape
 *   (src/db/schema.ts `recordVersion`; src/db/database.ts rewrites records, outbox, refused
 *   changes and form drafts);
 * - on the server, on every push from an app still on an older version (server/sync/push.ts:
 *   its changes are upgraded on the way in, so its outbox is never stuck), and backwards (`down`)
 *   on what a pull or a repair serves to such an app, so it reads the shape it knows;
 * - in SQL, by the migration that rewrites records.data (its test checks the SQL gives exactly
 *   what migrateRecord gives).
 *
 * Pure and zod-free: the device's database upgrade imports it before any schema loads.
 */
import { isEntityName, type EntityName } from './entityNames';

type Data = Readonly<Record<string, unknown>>;

export interface RecordMigration {
  /** The schema version this step brings records to (the previous step's + 1). */
  to: number;
  entity: EntityName;
  /** What changed and why, for people (docs and logs). */
  what: string;
  /**
   * Old shape → new shape, returning a new object. Must work on a whole record AND on a
   * mutation's partial changes (only the fields an update touched), so it may change only what
   * is there.
   */
  up(data: Data): Record<string, unknown>;
  /**
   * New shape → old, for an app still on the older version reading (pull, repair). A step that
   * cannot be undone (a field split with no way back) leaves it out, and MIN_SCHEMA_VERSION
   * (protocol.ts) must be raised to `to`: older apps are then told "update the app".
   */
  down?(data: Data): Record<string, unknown>;
}

/**
 * A field renamed: `from` becomes `to`. On data holding both (a record half-upgraded by hand),
 * the new name's value is kept.
 */
export function renameField(from: string, to: string): Pick<RecordMigration, 'up' | 'down'> {
  const move = (data: Data, a: string, b: string): Record<string, unknown> => {
    if (!Object.prototype.hasOwnProperty.call(data, a)) return { ...data };
    const { [a]: value, ...rest } = data;
    return Object.prototype.hasOwnProperty.call(rest, b) ? rest : { ...rest, [b]: value };
  };
  return {
    up: (data) => move(data, from, to),
    down: (data) => move(data, to, from),
  };
}

/** Every step, in order of `to`. Never edit a shipped step: add the next one. */
export const RECORD_MIGRATIONS: readonly RecordMigration[] = [
  {
    // The flag says the shop was brought onto the rural e-commerce PUBLIC SERVICE platform
    // (农村电子商务公共服务平台), not that it is on its own `platform` (Taobao, JD…) beside it:
    // { platform: 'taobao', onPlatform: false } read as "not on Taobao".
    to: 2,
    entity: 'agriShop',
    what: 'agriShop.onPlatform → onServicePlatform',
    ...renameField('onPlatform', 'onServicePlatform'),
  },
];

/** The current record schema version: 1 plus one per step. */
export const RECORD_SCHEMA_VERSION = RECORD_MIGRATIONS.reduce((v, step) => Math.max(v, step.to), 1);

function stepsOf(entity: EntityName, above: number, upTo: number): RecordMigration[] {
  return RECORD_MIGRATIONS.filter((s) => s.entity === entity && s.to > above && s.to <= upTo);
}

/**
 * A record (or a mutation's changes) of `entity` written under schema version `fromVersion`,
 * in the current shape. Returns the same object when no step applies.
 */
export function migrateRecord(
  entity: EntityName,
  data: Data,
  fromVersion: number,
): Record<string, unknown> {
  const steps = stepsOf(entity, fromVersion, RECORD_SCHEMA_VERSION);
  if (steps.length === 0) return data as Record<string, unknown>;
  return steps.reduce<Record<string, unknown>>((d, step) => step.up(d), data);
}

/**
 * A current-shape record in the shape of schema version `toVersion`, for an app still on it.
 * Throws when a step between has no `down` (MIN_SCHEMA_VERSION should have refused that app).
 */
export function downgradeRecord(
  entity: EntityName,
  data: Data,
  toVersion: number,
): Record<string, unknown> {
  const steps = stepsOf(entity, toVersion, RECORD_SCHEMA_VERSION).reverse();
  if (steps.length === 0) return data as Record<string, unknown>;
  return steps.reduce<Record<string, unknown>>((d, step) => {
    if (!step.down) {
      throw new Error(`record migration ${step.to} (${step.entity}) cannot be undone`);
    }
    return step.down(d);
  }, data);
}

/** The oldest schema version every step above it can serve (down), for MIN_SCHEMA_VERSION's check. */
export function oldestServableVersion(): number {
  const oneWay = RECORD_MIGRATIONS.filter((s) => !s.down).map((s) => s.to);
  return oneWay.length === 0 ? 1 : Math.max(...oneWay);
}

/**
 * A form draft (key `<entity>:new` or `<entity>:<id>`) written under `fromVersion`: its value is a
 * form's state, which names the entity's fields, so the entity's steps rename them there too.
 * Any other draft, or a value that is not an object, comes back as it is.
 */
export function migrateDraft(key: string, value: unknown, fromVersion: number): unknown {
  const entity = key.split(':')[0] ?? '';
  if (
    !isEntityName(entity) ||
    typeof value !== 'object' ||
    value === null ||
    Array.isArray(value)
  ) {
    return value;
  }
  return migrateRecord(entity, value as Data, fromVersion);
}

/** Whether any step between `fromVersion` and now touches `entity` (the upgrade skips the rest). */
export function hasMigrations(entity: EntityName, fromVersion: number): boolean {
  return stepsOf(entity, fromVersion, RECORD_SCHEMA_VERSION).length > 0;
}
