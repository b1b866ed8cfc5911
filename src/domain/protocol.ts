/**
 * The sync wire protocol, shared by the client engine (src/sync) and the server (server/sync).
 * Documented for people writing a second client in docs/PROTOCOL.md.
 *
 * Versions: PROTOCOL_VERSION changes when the shape of requests/responses changes; SCHEMA_VERSION
 * when a record schema changes in a way an older client cannot write correctly. The server answers
 * a too-old client with `clientTooOld` (HTTP 426) and the client keeps its outbox.
 */
import { z } from 'zod';
import { ENTITY_NAMES, type EntityName } from './entities';
import { bilingualSchema, idSchema } from './common';
import { ROLES } from './roles';
import { RECORD_SCHEMA_VERSION } from './recordMigrations';

export const PROTOCOL_VERSION = 1;
/**
 * The records' shape: one number for every entity, raised by each step of
 * src/domain/recordMigrations.ts (2: agriShop.onPlatform → onServicePlatform). An app on an older
 * one is still served: its pushes are upgraded on the way in, its pulls downgraded on the way out.
 */
export const SCHEMA_VERSION = RECORD_SCHEMA_VERSION;
/**
 * The oldest client versions the server still accepts. MIN_SCHEMA_VERSION must be at least every
 * record migration that cannot be undone (recordMigrations.ts oldestServableVersion; a test says so).
 */
export const MIN_PROTOCOL_VERSION = 1;
export const MIN_SCHEMA_VERSION = 1;

export const MAX_PUSH_MUTATIONS = 500;
export const MAX_PULL_LIMIT = 5000;
export const DEFAULT_PULL_LIMIT = 1000;

/** Named reasons, for rejected mutations and for error responses. */
export const SYNC_ERRORS = [
  'clientTooOld',
  'serverTooOld',
  'unknownClient',
  'clientOwnedByAnotherUser',
  'scopeDenied',
  'roleDenied',
  'invalid',
  'unknownEntity',
  'notFound',
  'deleted',
  'badRequest',
  'unauthorized',
  'resetRequired',
] as const;
export type SyncError = (typeof SYNC_ERRORS)[number];

const entitySchema = z.enum(ENTITY_NAMES as [EntityName, ...EntityName[]]);

export const mutationSchema = z.object({
  mutationId: z.number().int().positive(),
  entity: entitySchema,
  recordId: idSchema,
  op: z.enum(['upsert', 'delete']),
  /** Field → new value; every field on a create, the changed ones on an update, {} on a delete. */
  changes: z.record(z.string(), z.unknown()),
  baseVersion: z.number().int().min(0),
});
export type Mutation = z.infer<typeof mutationSchema>;

/** The mutation an outbox entry (or any row that holds one) sends: its six fields, nothing else. */
export function mutationOf(entry: Mutation): Mutation {
  const { mutationId, entity, recordId, op, changes, baseVersion } = entry;
  return { mutationId, entity, recordId, op, changes, baseVersion };
}

export const pushRequestSchema = z.object({
  protocolVersion: z.number().int(),
  schemaVersion: z.number().int(),
  clientId: idSchema,
  mutations: z.array(mutationSchema).max(MAX_PUSH_MUTATIONS),
});
export type PushRequest = z.infer<typeof pushRequestSchema>;

/**
 * The server telling a device to forget what it holds (docs/SECURITY.md "丢失设备 / Lost
 * devices"): an admin marked it lost, its user signed it out elsewhere, or its user was disabled.
 * The device pushes what it still holds first (or, answered 401 `deviceWipe`, hands it in: POST
 * /api/devices/rescue), then wipes its local data and shows the sign-in screen with `messages`.
 */
export const deviceWipeSchema = z.object({
  reason: z.enum(['lost', 'signedOut', 'userDisabled']),
  messages: bilingualSchema,
});
export type DeviceWipe = z.infer<typeof deviceWipeSchema>;

/**
 * How the server reads a push: the envelope strictly, each mutation only as far as its
 * mutationId. Every mutation is then checked on its own with mutationSchema, so one malformed
 * mutation is rejected (reason badRequest or unknownEntity) instead of refusing the whole batch
 * and blocking the device's outbox behind it. Clients build requests with pushRequestSchema.
 */
export const pushEnvelopeSchema = z.object({
  protocolVersion: z.number().int(),
  schemaVersion: z.number().int(),
  clientId: idSchema,
  mutations: z
    .array(z.looseObject({ mutationId: z.number().int().positive() }))
    .max(MAX_PUSH_MUTATIONS),
});

/** Bodies larger than this are refused with 413 `tooLarge`: split the outbox into smaller batches. */
/**
 * POST /api/devices/rescue: what a device told to wipe still holds, handed in (kept, never
 * applied) before it wipes. Same batches as a push.
 */
export const rescueRequestSchema = pushEnvelopeSchema;
export const rescueResponseSchema = z.object({
  /** How many of the mutations sent were kept (a retried batch keeps nothing twice). */
  kept: z.number().int().min(0),
  wipe: deviceWipeSchema,
});
export type RescueResponse = z.infer<typeof rescueResponseSchema>;

export const MAX_PUSH_BODY_BYTES = 4 * 1024 * 1024;

/**
 * How deep a value inside a mutation may nest: `changes` is one level, a field's object or list
 * inside it another, and so on. The deepest field of any record needs 3 (a pilot's milestones:
 * changes → list → milestone); 16 leaves room for schemas to come. A push with a mutation nested
 * deeper is refused whole (400 `badRequest`, naming the mutation) before anything walks it:
 * validation, the unstorable-text repair and PostgreSQL's jsonb parser all recurse, and a few
 * thousand levels overflowed the stack — a 500 for the whole batch, retried forever.
 */
export const MAX_MUTATION_VALUE_DEPTH = 16;

/**
 * The nesting depth of a JSON value: a scalar 0, `{}` or `[]` 1, `{"a": [1]}` 2. Walked with a
 * list, not recursion (the value may be a hostile million levels deep), and it stops as soon as
 * the depth passes `limit`, returning `limit + 1`.
 */
export function jsonDepth(value: unknown, limit = Number.MAX_SAFE_INTEGER): number {
  let deepest = 0;
  const pending: [unknown, number][] = [[value, 0]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [node, depth] = next;
    if (typeof node !== 'object' || node === null) continue;
    if (depth + 1 > limit) return limit + 1;
    deepest = Math.max(deepest, depth + 1);
    for (const inner of Array.isArray(node) ? node : Object.values(node)) {
      if (typeof inner === 'object' && inner !== null) pending.push([inner, depth + 1]);
    }
  }
  return deepest;
}

export const mutationResultSchema = z.object({
  mutationId: z.number().int(),
  status: z.enum(['applied', 'rejected']),
  reason: z.enum(SYNC_ERRORS).optional(),
  /** Human-readable detail for a rejection (e.g. which field is invalid), in zh-CN and en. */
  message: bilingualSchema.optional(),
});
export type MutationResult = z.infer<typeof mutationResultSchema>;

export const pushResponseSchema = z.object({
  results: z.array(mutationResultSchema),
  /** The highest mutation id of this client the server has processed (applied or rejected). */
  lastMutationId: z.number().int().min(0),
  /** Present when this device must wipe after this run (its push was still accepted). */
  wipe: deviceWipeSchema.optional(),
});
export type PushResponse = z.infer<typeof pushResponseSchema>;

export const pullRequestSchema = z.object({
  protocolVersion: z.number().int(),
  schemaVersion: z.number().int(),
  clientId: idSchema,
  /** Opaque to the client: null for a first download; otherwise the cursor of the last page. */
  cursor: z.string().max(200).nullable(),
  limit: z.number().int().min(1).max(MAX_PULL_LIMIT).optional(),
});
export type PullRequest = z.infer<typeof pullRequestSchema>;

export const changeSchema = z.object({
  entity: entitySchema,
  id: idSchema,
  version: z.number().int().min(1),
  deleted: z.boolean(),
  /** The whole record (with its metadata) when not deleted; null for a tombstone or a record that left the user's scope. */
  data: z.record(z.string(), z.unknown()).nullable(),
});
export type Change = z.infer<typeof changeSchema>;

export const pullResponseSchema = z.union([
  z.object({
    changes: z.array(changeSchema),
    cursor: z.string(),
    hasMore: z.boolean(),
    lastMutationId: z.number().int().min(0),
  }),
  z.object({ resetRequired: z.literal(true) }),
]);
export type PullResponse = z.infer<typeof pullResponseSchema>;

/** Body of every non-2xx answer from /api. */
export const errorResponseSchema = z.object({
  error: z.string(),
  message: z.string(),
  messages: bilingualSchema.optional(),
});
export type ErrorResponse = z.infer<typeof errorResponseSchema>;

// The roles live in a zod-free module (the start page's shell asks the actions table): roles.ts.
export { ROLES, type Role } from './roles';

/**
 * A user's area: a province (2 digits), a prefecture (4), a county (6) or a township (9) — the
 * levels of src/domain/levels.ts. The deployment's whole area is the scope whose code is the
 * deployment's (`isWholeArea`); a prefecture in a province deployment is an ordinary area.
 */
export const scopeSchema = z.union([
  z.object({ level: z.literal('province'), code: z.string().regex(/^\d{2}$/) }),
  z.object({ level: z.literal('prefecture'), code: z.string().regex(/^\d{4}$/) }),
  z.object({ level: z.literal('county'), code: z.string().regex(/^\d{6}$/) }),
  z.object({ level: z.literal('township'), code: z.string().regex(/^\d{9}$/) }),
]);
export type Scope = z.infer<typeof scopeSchema>;

export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  scope: scopeSchema,
});
export type User = z.infer<typeof userSchema>;

/** What the app is told about its user's password (src/domain/passwordPolicy.ts PasswordStatus). */
export const passwordStatusSchema = z.object({
  mustChange: z.boolean(),
  reason: z.enum(['setByAdmin', 'expired']).nullable(),
  expiresAt: z.string().nullable(),
  warn: z.boolean(),
  policy: z.object({ minLength: z.number(), minClasses: z.number(), maxLength: z.number() }),
});

export const loginResponseSchema = z.object({
  token: z.string(),
  user: userSchema,
  // Optional: an older server does not send it.
  password: passwordStatusSchema.optional(),
});
export type LoginResponse = z.infer<typeof loginResponseSchema>;
export type PasswordStatus = z.infer<typeof passwordStatusSchema>;

/** True when a region code (county, township or village) lies inside the scope. */
export function scopeCovers(scope: Scope, regionCode: string): boolean {
  return regionCode.startsWith(scope.code);
}
