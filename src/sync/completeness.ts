/**
 * The completeness check a device runs after catching up (docs/PROTOCOL.md "Completeness
 * check"; the digest itself is src/domain/digest.ts). The field check that would have caught
 * issue 11: downloads that silently skipped records left phones with 0 of 61 demo points, and
 * nothing told anyone.
 *
 * 1. Ask the server for its digest of what a device at our cursor should hold, leaving out the
 *    records with a change still waiting here (their copy is ours until the server answers).
 *    `behind` (the log moved since our last page): nothing to compare now, the next run will.
 * 2. Compare with the digest of what we hold. Equal: complete.
 * 3. For each entity that differs, compare per bucket (256 by the id's last two hex digits; when
 *    the differing ones hold over a thousand records, 16 finer buckets inside each of them), and
 *    download the records of the differing buckets only — in requests of about a thousand
 *    records — writing what differs and dropping what the server no longer sends. A few missing
 *    records cost a few small requests; an entity missing altogether is downloaded again whole.
 * 4. Check again. Still different: a full download is due at the next sync (once a day at most,
 *    so a server that disagrees with itself cannot make a phone download everything every
 *    minute), and the sync panel says so.
 */
import { readPullCursor, requireResync, type CundianDb } from '../db';
import {
  localBucketDigests,
  localDigests,
  pendingRecordKeys,
  readCompletenessCheck,
  applyRepair,
  writeCompletenessCheck,
  type CompletenessCheck,
} from '../db/sync';
import {
  differingBuckets,
  differingEntities,
  MAX_DIGEST_EXCLUDE,
  type BucketDepth,
  type BucketDigest,
  type DigestResponse,
} from '../domain/digest';
import type { EntityName } from '../domain/entities';
import type { ApiClient } from './api';

/** Records per repair request (the server refuses more than MAX_REPAIR_RECORDS). */
export const REPAIR_PAGE_RECORDS = 1000;
/** After a check that still differs, the next full download it asks for waits this long. */
const RESYNC_AFTER_DIFFERS_MS = 24 * 60 * 60_000;

/** Buckets in groups whose records (by the server's counts) stay near `limit` per request. */
export function groupBuckets(
  buckets: readonly string[],
  serverBuckets: readonly BucketDigest[],
  limit: number = REPAIR_PAGE_RECORDS,
): string[][] {
  const counts = new Map(serverBuckets.map((b) => [b.bucket, b.count]));
  const groups: string[][] = [];
  let group: string[] = [];
  let records = 0;
  for (const bucket of buckets) {
    const count = counts.get(bucket) ?? 0;
    if (group.length > 0 && count > 0 && records + count > limit) {
      groups.push(group);
      group = [];
      records = 0;
    }
    group.push(bucket);
    records += count;
  }
  if (group.length > 0) groups.push(group);
  return groups;
}

export interface CompletenessContext {
  api: ApiClient;
  db: CundianDb;
  token: string;
  clientId: string;
  now: () => Date;
  /** Records per repair request, and the size above which buckets are looked at finer. */
  repairPageRecords?: number;
}

/**
 * Runs the check (and its repair). Returns the result it saved, or null when there was nothing
 * to compare this time (no cursor yet, the device is behind, too many changes waiting).
 */
export async function checkCompleteness(
  context: CompletenessContext,
): Promise<CompletenessCheck | null> {
  const { api, db, token, clientId, now } = context;
  const pageRecords = context.repairPageRecords ?? REPAIR_PAGE_RECORDS;
  const started = now().getTime();
  const clock = typeof performance === 'undefined' ? Date : performance;
  const t0 = clock.now();
  const cursor = await readPullCursor(db);
  if (cursor === null) return null;
  const pending = await pendingRecordKeys(db);
  if (pending.size > MAX_DIGEST_EXCLUDE) return null;
  const exclude = [...pending].map((key) => {
    const colon = key.indexOf(':');
    return { entity: key.slice(0, colon) as EntityName, id: key.slice(colon + 1) };
  });

  const ask = (
    entity?: EntityName,
    level?: { depth: BucketDepth; within: string[] },
  ): Promise<DigestResponse> => api.digest(token, clientId, cursor, exclude, entity, level);

  // 1–2
  const first = await ask();
  if ('behind' in first) return null;
  if ('resetRequired' in first) {
    await requireResync(db);
    return null;
  }
  const differing = differingEntities(await localDigests(db, pending), first.entities);

  // 3
  let repaired = 0;
  for (const entity of differing) {
    const answer = await ask(entity);
    if ('behind' in answer) return null;
    if ('resetRequired' in answer) {
      await requireResync(db);
      return null;
    }
    let serverBuckets = answer.buckets ?? [];
    let buckets = differingBuckets(await localBucketDigests(db, entity, pending), serverBuckets);
    // Many records in the differing buckets (a few missing records spread over many buckets):
    // look one level finer inside them, 16 buckets each, before downloading.
    const inDiffering = serverBuckets
      .filter((b) => buckets.includes(b.bucket))
      .reduce((n, b) => n + b.count, 0);
    if (inDiffering > pageRecords) {
      const finer = await ask(entity, { depth: 3, within: buckets });
      if (!('entities' in finer)) return null;
      serverBuckets = finer.buckets ?? [];
      buckets = differingBuckets(
        await localBucketDigests(db, entity, pending, { depth: 3, within: buckets }),
        serverBuckets,
      );
    }
    for (const group of groupBuckets(buckets, serverBuckets, pageRecords)) {
      const { changes } = await api.repairRecords(token, clientId, entity, group);
      repaired += await applyRepair(db, entity, group, changes);
    }
  }

  // 4
  let outcome: CompletenessCheck['outcome'] = 'complete';
  if (differing.length > 0) {
    const again = await ask();
    const still =
      'entities' in again
        ? differingEntities(await localDigests(db, pending), again.entities).length > 0
        : false; // behind: the repair is checked by the next run
    outcome = still ? 'differs' : 'repaired';
  }
  const previous = await readCompletenessCheck(db);
  let resyncAskedAt = previous?.resyncAskedAt ?? null;
  if (outcome === 'differs') {
    const recently =
      resyncAskedAt !== null && started - Date.parse(resyncAskedAt) < RESYNC_AFTER_DIFFERS_MS;
    if (!recently) {
      await requireResync(db);
      resyncAskedAt = new Date(started).toISOString();
    }
  }
  const check: CompletenessCheck = {
    at: new Date(started).toISOString(),
    outcome,
    repaired,
    entities: differing,
    ms: Math.round(clock.now() - t0),
    resyncAskedAt,
  };
  await writeCompletenessCheck(check, db);
  return check;
}
