/**
 * What a refused mutation leaves on the server (push step 6; docs/PROTOCOL.md "Limits").
 *
 * The promise: nothing a user typed is lost — a rejected mutation is kept in
 * push_results.rejected_mutations, where an operator can find it, besides the copy the app keeps
 * in its own list of refused changes. Kept whole and forever, that promise let one officer park
 * 156 MB in 8 seconds (twenty pushes of 3.9 MB each, all refused). So what is kept is bounded,
 * with figures far above anything the app produces, and every answer says in words when less
 * than everything was kept:
 *
 * - one mutation is kept whole up to KEEP_REJECTED_LIMITS.mutationBytes — more than the largest
 *   record any schema accepts (a pilot with 100 history notes and 50 milestones, all at their
 *   longest in Chinese, is ≈ 90 KB), so every change the app can build is kept whole; a larger
 *   one is kept as a summary (its ids, and each field cut to a preview with its size);
 * - one batch keeps at most batchBytes, one user at most userDayBytes in any 24 hours; past
 *   either, a rejection is answered with its reason as always, but a summary is kept while it
 *   still fits, then nothing, and the answer's message says which.
 *
 * Pure but for keptInLastDay(): push.ts counts the user's day, decides with planKeptRejections,
 * adds the notes to the answers (withKeptNote), then writes everything in its one statement.
 */
import type { Bilingual } from '../base/api-error';
import type { DbTx } from '../db';

export const KEEP_REJECTED_LIMITS = {
  /** A refused mutation is kept whole up to this size (its JSON, UTF-8); above it, a summary. */
  mutationBytes: 128 * 1024,
  /** A summary's size at most. */
  summaryBytes: 2 * 1024,
  /** What one batch keeps, whole and summaries together (500 ordinary refusals: ≈ 250 KB). */
  batchBytes: 1024 * 1024,
  /** What one user's batches keep in any 24 hours, all devices (a real officer's: a few KB). */
  userDayBytes: 4 * 1024 * 1024,
} as const;

const DAY_MS = 86_400_000;

/** How a refused mutation was kept: whole, as a summary (and why), or not at all (and why). */
export type KeptAs =
  | { kept: 'whole' }
  | { kept: 'summary'; why: 'tooLarge' | 'batchLimit' | 'dayLimit' }
  | { kept: 'nothing'; why: 'batchLimit' | 'dayLimit' };

export interface KeepPlan {
  /** What to store in push_results.rejected_mutations, in batch order (null: nothing). */
  stored: unknown[] | null;
  /** Its size, counted against the user's day (push_results.rejected_bytes). */
  bytes: number;
  /** Per rejected mutation, in the order given. */
  keptAs: KeptAs[];
}

function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? 'null', 'utf8');
}

const KB = (bytes: number) => `${Math.round(bytes / 1024)} KB`;
const MB = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;

const ONLY_ON_DEVICE: Bilingual = {
  'zh-CN': '内容只保存在本机（同步面板的“没有被服务器接受的修改”），请勿清除本机数据',
  en: 'it is kept only on this device (the sync panel’s “Changes the server did not accept”): do not reset the device',
};

/** What the answer's message adds, per way of keeping less than everything. */
const NOTES: {
  summary: Record<'tooLarge' | 'batchLimit' | 'dayLimit', Bilingual>;
  nothing: Record<'batchLimit' | 'dayLimit', Bilingual>;
} = {
  summary: {
    tooLarge: {
      'zh-CN': `服务器只保存了这条修改的摘要：它超过 ${KB(KEEP_REJECTED_LIMITS.mutationBytes)}`,
      en: `the server kept only a summary of this change: it is over ${KB(KEEP_REJECTED_LIMITS.mutationBytes)}`,
    },
    batchLimit: {
      'zh-CN': `服务器只保存了这条修改的摘要：这一批被拒修改可保存的 ${MB(KEEP_REJECTED_LIMITS.batchBytes)} 已用完`,
      en: `the server kept only a summary of this change: the ${MB(KEEP_REJECTED_LIMITS.batchBytes)} one batch may keep of refused changes is used up`,
    },
    dayLimit: {
      'zh-CN': `服务器只保存了这条修改的摘要：你 24 小时内被拒修改可保存的 ${MB(KEEP_REJECTED_LIMITS.userDayBytes)} 已用完`,
      en: `the server kept only a summary of this change: the ${MB(KEEP_REJECTED_LIMITS.userDayBytes)} of refused changes it keeps per user in 24 hours is used up`,
    },
  },
  nothing: {
    batchLimit: {
      'zh-CN': `服务器没有保存这条修改的内容：这一批被拒修改可保存的 ${MB(KEEP_REJECTED_LIMITS.batchBytes)} 已用完`,
      en: `what this change carried was not kept on the server: the ${MB(KEEP_REJECTED_LIMITS.batchBytes)} one batch may keep of refused changes is used up`,
    },
    dayLimit: {
      'zh-CN': `服务器没有保存这条修改的内容：你 24 小时内被拒修改可保存的 ${MB(KEEP_REJECTED_LIMITS.userDayBytes)} 已用完`,
      en: `what this change carried was not kept on the server: the ${MB(KEEP_REJECTED_LIMITS.userDayBytes)} of refused changes it keeps per user in 24 hours is used up`,
    },
  },
};

/** The note for a way of keeping less than everything; null when kept whole. */
export function keptNote(keptAs: KeptAs): Bilingual | null {
  if (keptAs.kept === 'whole') return null;
  const note = keptAs.kept === 'summary' ? NOTES.summary[keptAs.why] : NOTES.nothing[keptAs.why];
  return {
    'zh-CN': `${note['zh-CN']}。${ONLY_ON_DEVICE['zh-CN']}`,
    en: `${note.en}; ${ONLY_ON_DEVICE.en}`,
  };
}

/** The rejection's message followed by the note on what was kept; unchanged when kept whole. */
export function withKeptNote(
  message: Bilingual | undefined,
  keptAs: KeptAs,
): Bilingual | undefined {
  const note = keptNote(keptAs);
  if (!note) return message;
  if (!message) return note;
  const zh = message['zh-CN'].replace(/[。；]$/, '');
  const en = message.en.replace(/[.;]$/, '');
  return {
    'zh-CN': `${zh}。${note['zh-CN']}。`,
    en: `${en}. ${note.en[0]!.toUpperCase()}${note.en.slice(1)}.`,
  };
}

/** The first `length` UTF-16 units of a text, never half of a surrogate pair (jsonb refuses one). */
function head(text: string, length: number): string {
  const cut = text.slice(0, length);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

/** Preview of a value too large to keep: its size and the start of its JSON. */
function cut(json: string): { truncated: true; bytes: number; start: string } {
  return { truncated: true, bytes: Buffer.byteLength(json, 'utf8'), start: head(json, 120) };
}

/**
 * A bounded stand-in for a mutation too large (or past a limit) to keep whole: its ids as sent
 * (each cut if long), and as many of its changes as fit in summaryBytes, each field whole when
 * short, else cut to a preview with its size. Values are at most MAX_MUTATION_VALUE_DEPTH deep
 * (push step 2), so measuring them cannot overflow.
 */
export function summariseMutation(raw: unknown, bytes: number, why: string): unknown {
  const mutation = (
    typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? raw : {}
  ) as Record<string, unknown>;
  const summary: Record<string, unknown> = { summary: { bytes, why } };
  for (const key of ['mutationId', 'entity', 'recordId', 'op', 'baseVersion']) {
    const json = JSON.stringify(mutation[key]);
    if (json !== undefined) summary[key] = json.length <= 80 ? mutation[key] : cut(json);
  }
  const changes = mutation.changes;
  if (typeof changes !== 'object' || changes === null || Array.isArray(changes)) {
    if (changes !== undefined) summary.changes = cut(JSON.stringify(changes));
    return summary;
  }
  const kept: [string, unknown][] = [];
  // + room for the "changes" key and the count of omitted fields, should it be needed.
  let used = jsonBytes(summary) + 48;
  let omitted = 0;
  for (const [key, value] of Object.entries(changes)) {
    const json = JSON.stringify(value) ?? 'null';
    const shown = json.length <= 160 ? value : cut(json);
    const name = head(key, 64);
    const cost = jsonBytes(name) + jsonBytes(shown) + 2;
    if (used + cost > KEEP_REJECTED_LIMITS.summaryBytes) {
      omitted++;
      continue;
    }
    kept.push([name, shown]);
    used += cost;
  }
  // fromEntries: every key an own property, whatever its name.
  summary.changes = Object.fromEntries(kept);
  if (omitted > 0) summary.fieldsOmitted = omitted;
  return summary;
}

/**
 * Decides how each refused mutation of a batch is kept, given what this user's batches kept in
 * the last 24 hours. `rejected` are the mutations as sent, already repaired for storage
 * (toStorableJson), so what is measured is what is stored.
 */
export function planKeptRejections(rejected: readonly unknown[], usedToday: number): KeepPlan {
  const stored: unknown[] = [];
  const keptAs: KeptAs[] = [];
  let batch = 0;
  for (const raw of rejected) {
    const bytes = jsonBytes(raw);
    const batchLeft = KEEP_REJECTED_LIMITS.batchBytes - batch;
    const dayLeft = KEEP_REJECTED_LIMITS.userDayBytes - usedToday - batch;
    const left = Math.min(batchLeft, dayLeft);
    const limit = dayLeft <= batchLeft ? 'dayLimit' : 'batchLimit';
    if (bytes <= KEEP_REJECTED_LIMITS.mutationBytes && bytes <= left) {
      stored.push(raw);
      keptAs.push({ kept: 'whole' });
      batch += bytes;
      continue;
    }
    const why = bytes > KEEP_REJECTED_LIMITS.mutationBytes ? 'tooLarge' : limit;
    const summary = summariseMutation(raw, bytes, why);
    const summaryBytes = jsonBytes(summary);
    if (summaryBytes <= left) {
      stored.push(summary);
      keptAs.push({ kept: 'summary', why });
      batch += summaryBytes;
    } else {
      keptAs.push({ kept: 'nothing', why: limit });
    }
  }
  return { stored: stored.length > 0 ? stored : null, bytes: batch, keptAs };
}

/** Class of the advisory lock that serialises one user's batches while they count their day. */
const KEPT_REJECTIONS_LOCK_CLASS = 1_100;

/**
 * What this user's batches kept in the 24 hours before `now`. Takes a lock per user first
 * (unless `serialised`: PGlite runs one transaction at a time), so two devices of one user
 * pushing at once count each other and together stay within the day's figure.
 */
export async function keptInLastDay(
  tx: DbTx,
  userId: string,
  now: Date,
  options: { serialised: boolean },
): Promise<number> {
  if (!options.serialised) {
    // The two-key form: a space of its own, apart from the record locks of apply.ts.
    await tx.query('select pg_advisory_xact_lock($1::int, hashtext($2))', [
      KEPT_REJECTIONS_LOCK_CLASS,
      userId,
    ]);
  }
  const { rows } = await tx.query<{ used: number }>(
    `select coalesce(sum(p.rejected_bytes), 0)::int as used
     from push_results p join clients c on c.client_id = p.client_id
     where c.user_id = $1 and p.rejected_bytes > 0 and p.processed_at > $2`,
    [userId, new Date(now.getTime() - DAY_MS)],
  );
  return rows[0]!.used;
}
