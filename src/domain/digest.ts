/**
 * The completeness check (docs/PROTOCOL.md "Completeness check"): after catching up, a device
 * compares a digest of what it holds with the server's digest of what the device should hold, and
 * repairs what differs. Tests only prove what they happened to generate; this check runs in the
 * field on every phone, so a record a download skipped (issue 11) is noticed and brought back.
 *
 * A digest covers, per entity, the LIVE records the user may read (tombstones are not kept on
 * devices, so a record deleted on the server and still on the phone shows as a difference too):
 * - count: how many;
 * - maxVersion: the highest version among them (0 when none);
 * - hash: SHA-256, in lower-case hex, of the UTF-8 text made of one line `<id>:<version>\n` per
 *   record, ids in ascending order of their lower-case text (what PostgreSQL's uuid order gives).
 *   Deleted records are never in it, so each line stands for (id, version, deleted = false).
 *
 * Records with a change still waiting on the device are left out on both sides: the device
 * names them (`exclude`), since its copy of them is its own until the server answers.
 *
 * When an entity differs, the device asks for the same digest per BUCKET — the last two hex
 * digits of the id, 256 buckets, even for UUIDv7 ids whose first digits are a timestamp — and,
 * where the differing buckets hold many records, per finer bucket (the last THREE hex digits,
 * 16 inside each) of those only; then it downloads the records of the differing buckets, and
 * drops its records of those buckets that the server did not send. Shared by the client (src/sync, src/db) and the server
 * (server/sync/digest.ts computes the same in SQL; digest.test.ts checks both agree).
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { z } from 'zod';
import { idSchema } from './common';
import { ENTITY_NAMES, type EntityName } from './entities';
import { changeSchema } from './protocol';

/** Records with a waiting change the device may leave out; beyond it the check waits. */
export const MAX_DIGEST_EXCLUDE = 1000;
/** Buckets per records request, and records per answer at most. */
export const MAX_REPAIR_BUCKETS = 4096;
export const MAX_REPAIR_RECORDS = 5000;

export interface EntityDigest {
  count: number;
  maxVersion: number;
  hash: string;
}

export interface BucketDigest extends EntityDigest {
  bucket: string;
}

/** Bucket levels: the last two hex digits of the id (256 buckets), or three (4,096). */
export type BucketDepth = 2 | 3;

/** The bucket of an id: its last `depth` hex digits. */
export function bucketOf(id: string, depth: BucketDepth = 2): string {
  return id.slice(-depth).toLowerCase();
}

export const bucketSchema = z.string().regex(/^[0-9a-f]{2,3}$/);
const parentBucketSchema = z.string().regex(/^[0-9a-f]{2}$/);

/** Every bucket name, '00' … 'ff'. */
export const ALL_BUCKETS: readonly string[] = Array.from({ length: 256 }, (_, i) =>
  i.toString(16).padStart(2, '0'),
);

/** The text a digest hashes: one `<id>:<version>\n` line per record, ids ascending. */
export function digestText(records: readonly { id: string; version: number }[]): string {
  const lines = records.map((r) => `${r.id.toLowerCase()}:${r.version}\n`);
  lines.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return lines.join('');
}

/**
 * SHA-256 of UTF-8 text, lower-case hex. @noble/hashes, not Web Crypto: crypto.subtle exists only
 * in secure contexts (a phone on the office LAN over plain http has none), and it answers each
 * call asynchronously — thousands of small buckets cost a thread hop each.
 */
export function sha256OfText(text: string): string {
  return bytesToHex(sha256(new TextEncoder().encode(text)));
}

export function digestOf(records: readonly { id: string; version: number }[]): EntityDigest {
  let maxVersion = 0;
  for (const r of records) if (r.version > maxVersion) maxVersion = r.version;
  return { count: records.length, maxVersion, hash: sha256OfText(digestText(records)) };
}

const entityDigestSchema = z.object({
  count: z.number().int().min(0),
  maxVersion: z.number().int().min(0),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});

const exclusionSchema = z.object({
  entity: z.string().max(40),
  id: idSchema,
});

/**
 * POST /api/sync/digest. Without `entity`: one digest per entity the user reads. With it: that
 * entity's digest per bucket (non-empty buckets only).
 */
export const digestRequestSchema = z.object({
  protocolVersion: z.number().int(),
  schemaVersion: z.number().int(),
  clientId: idSchema,
  /** The cursor the device's copy corresponds to (the last page's). */
  cursor: z.string().max(200),
  exclude: z.array(exclusionSchema).max(MAX_DIGEST_EXCLUDE).default([]),
  entity: z.enum(ENTITY_NAMES as [EntityName, ...EntityName[]]).optional(),
  /** With `entity`: buckets of 2 (default) or 3 hex digits… */
  depth: z.union([z.literal(2), z.literal(3)]).optional(),
  /** …and, for 3, only those inside these 2-digit buckets. */
  within: z.array(parentBucketSchema).max(256).optional(),
});
export type DigestRequest = z.input<typeof digestRequestSchema>;

export const digestResponseSchema = z.union([
  z.object({
    /** Per entity the user reads (entities with no record included, with count 0). */
    entities: z.record(z.string(), entityDigestSchema),
    /** When the request named an entity: its non-empty buckets. */
    buckets: z.array(entityDigestSchema.extend({ bucket: bucketSchema })).optional(),
  }),
  /** Changes after the cursor exist: pull them first, then check. */
  z.object({ behind: z.literal(true) }),
  /** The cursor cannot be continued (as in a pull): download afresh. */
  z.object({ resetRequired: z.literal(true) }),
]);
export type DigestResponse = z.infer<typeof digestResponseSchema>;

/** POST /api/sync/records: the current state of one entity's live records in some buckets. */
export const repairRequestSchema = z.object({
  protocolVersion: z.number().int(),
  schemaVersion: z.number().int(),
  clientId: idSchema,
  entity: z.enum(ENTITY_NAMES as [EntityName, ...EntityName[]]),
  /** All of one depth (2 or 3 hex digits). */
  buckets: z
    .array(bucketSchema)
    .min(1)
    .max(MAX_REPAIR_BUCKETS)
    .refine((list) => list.every((b) => b.length === list[0]!.length), {
      message: 'buckets of one depth per request',
    }),
});
export type RepairRequest = z.input<typeof repairRequestSchema>;

export const repairResponseSchema = z.object({
  /** Live, readable records of the buckets asked for (masked as in a pull), never tombstones. */
  changes: z.array(changeSchema),
});
export type RepairResponse = z.infer<typeof repairResponseSchema>;

/** Which entities and buckets differ between two digests (the device's and the server's). */
export function differingEntities(
  local: Partial<Record<string, EntityDigest>>,
  server: Partial<Record<string, EntityDigest>>,
  known: readonly string[] = ENTITY_NAMES,
): EntityName[] {
  const empty: EntityDigest = { count: 0, maxVersion: 0, hash: '' };
  return known.filter((entity) => {
    const a = local[entity] ?? empty;
    const b = server[entity] ?? empty;
    if (a.count === 0 && b.count === 0) return false;
    return a.count !== b.count || a.maxVersion !== b.maxVersion || a.hash !== b.hash;
  }) as EntityName[];
}

export function differingBuckets(
  local: readonly BucketDigest[],
  server: readonly BucketDigest[],
): string[] {
  const mine = new Map(local.map((b) => [b.bucket, b]));
  const theirs = new Map(server.map((b) => [b.bucket, b]));
  const names = [...new Set([...mine.keys(), ...theirs.keys()])].sort();
  return names.filter((bucket) => {
    const a = mine.get(bucket);
    const b = theirs.get(bucket);
    if (!a && !b) return false;
    return a?.hash !== b?.hash || a?.count !== b?.count;
  });
}
