/**
 * Reading back the rescue file (the JSON of ./export.ts) — docs/RESCUE.md describes the format.
 *
 * Pure: no database, no React. `parseRescueFile` turns the file's text into a checked document
 * or names what is wrong with it; `checkRescueOwner` refuses a file of another user or another
 * server (the server would attribute the writes to whoever pushes them); `summarizeRescueFile`
 * says what the file holds, for the screen that asks before anything is restored.
 *
 * Format 1 is the shape that shipped first (no formatVersion, no origin): still read. Format 2
 * added formatVersion, origin and the user's displayName.
 */
import { z } from 'zod';
import { bilingualSchema } from '../domain/common';
import { isEntityName, type EntityName } from '../domain/entities';
import { mutationSchema, PROTOCOL_VERSION, SCHEMA_VERSION } from '../domain/protocol';
import { migrateDraft, migrateRecord } from '../domain/recordMigrations';

import { RESCUE_FILE_KIND, RESCUE_FORMAT_VERSION } from './rescueFormat';

export { RESCUE_FILE_KIND, RESCUE_FORMAT_VERSION };

// An outbox entry: the mutation it sends and when it was typed.
const entrySchema = mutationSchema.extend({
  createdAt: z.iso.datetime({ offset: true }),
});

const rejectedSchema = entrySchema.extend({
  seq: z.number().int().optional(),
  reason: z.string(),
  message: bilingualSchema.nullable().optional(),
  rejectedAt: z.iso.datetime({ offset: true }),
  dismissedAt: z.string().nullable().optional(),
});

const draftSchema = z.object({
  key: z.string().min(1),
  value: z.unknown(),
  updatedAt: z.iso.datetime({ offset: true }),
});

const documentSchema = z.object({
  kind: z.literal(RESCUE_FILE_KIND),
  formatVersion: z.number().int().positive().optional(),
  exportedAt: z.iso.datetime({ offset: true }),
  origin: z.string().nullable().optional(),
  protocolVersion: z.number().int(),
  schemaVersion: z.number().int(),
  user: z
    .object({ id: z.string().min(1), username: z.string(), displayName: z.string().optional() })
    .nullable(),
  clientId: z.string().nullable(),
  outbox: z.array(entrySchema),
  rejected: z.array(rejectedSchema),
  drafts: z.array(draftSchema),
});

export type RescueEntry = z.infer<typeof entrySchema>;
export type RescueRejected = z.infer<typeof rejectedSchema>;
export type RescueDraft = z.infer<typeof draftSchema>;

/** A checked rescue file. `formatVersion` is 1 for the first shape, which did not say. */
export type RescueDocument = Omit<z.infer<typeof documentSchema>, 'formatVersion' | 'user'> & {
  formatVersion: number;
  user: { id: string; username: string; displayName?: string | undefined };
};

/** What is wrong with a file, or why it may not be restored here. Each has its sentence. */
export type RescueProblem =
  | { kind: 'notJson' }
  | { kind: 'notRescue' }
  | { kind: 'newer'; version: number }
  | { kind: 'broken'; where: string }
  | { kind: 'noUser' }
  | { kind: 'notSignedIn' }
  | { kind: 'otherUser'; fileUser: string; currentUser: string }
  | { kind: 'otherServer'; fileOrigin: string };

export type RescueParse =
  { ok: true; file: RescueDocument } | { ok: false; problem: RescueProblem };

/** Where in the file a problem is, as people count: "outbox 第 3 条 · recordId". */
function where(path: readonly PropertyKey[]): string {
  return path.map((part) => (typeof part === 'number' ? `#${part + 1}` : String(part))).join(' · ');
}

export function parseRescueFile(text: string): RescueParse {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return { ok: false, problem: { kind: 'notJson' } };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, problem: { kind: 'notRescue' } };
  }
  const head = raw as Record<string, unknown>;
  if (head.kind !== RESCUE_FILE_KIND) return { ok: false, problem: { kind: 'notRescue' } };
  // A newer app's file may hold what this version cannot write correctly: refused before its
  // shape is judged (its shape may have changed on purpose).
  const versions: [unknown, number][] = [
    [head.formatVersion, RESCUE_FORMAT_VERSION],
    [head.schemaVersion, SCHEMA_VERSION],
    [head.protocolVersion, PROTOCOL_VERSION],
  ];
  for (const [value, known] of versions) {
    if (typeof value === 'number' && value > known) {
      return { ok: false, problem: { kind: 'newer', version: value } };
    }
  }
  const parsed = documentSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, problem: { kind: 'broken', where: issue ? where(issue.path) : '' } };
  }
  const { user, formatVersion, ...rest } = parsed.data;
  if (!user) return { ok: false, problem: { kind: 'noUser' } };
  return { ok: true, file: upgradeRecords({ ...rest, user, formatVersion: formatVersion ?? 1 }) };
}

/**
 * A file of an app on an older record schema, in the current shape (src/domain/recordMigrations.ts):
 * its changes are pushed by this app, which says the current schemaVersion, and its drafts open
 * in this app's forms. A current file comes back as it is.
 */
function upgradeRecords(file: RescueDocument): RescueDocument {
  const from = file.schemaVersion;
  if (from >= SCHEMA_VERSION) return file;
  return {
    ...file,
    schemaVersion: SCHEMA_VERSION,
    outbox: file.outbox.map((e) => ({ ...e, changes: migrateRecord(e.entity, e.changes, from) })),
    rejected: file.rejected.map((e) => ({
      ...e,
      changes: migrateRecord(e.entity, e.changes, from),
    })),
    drafts: file.drafts.map((d) => ({ ...d, value: migrateDraft(d.key, d.value, from) })),
  };
}

/**
 * May this file be restored by this user on this server? A file without an origin (format 1)
 * is judged by its user alone: user ids are the server's own, so another server's user differs.
 */
export function checkRescueOwner(
  file: RescueDocument,
  signedIn: { id: string; username: string } | null,
  origin: string | null,
): RescueProblem | null {
  if (!signedIn) return { kind: 'notSignedIn' };
  if (file.origin && origin && file.origin !== origin) {
    return { kind: 'otherServer', fileOrigin: file.origin };
  }
  if (file.user.id !== signedIn.id) {
    return { kind: 'otherUser', fileUser: file.user.username, currentUser: signedIn.username };
  }
  return null;
}

export interface RescueSummary {
  /** Unsynced changes per kind of record, in the order the kinds first appear. */
  changes: { entity: EntityName; count: number }[];
  rejected: number;
  /** Drafts per form's kind of record; a draft of a form the app no longer knows under 'other'. */
  drafts: { entity: EntityName | 'other'; count: number }[];
  /** The oldest and newest change or draft in the file (ISO), or null when it holds none. */
  from: string | null;
  to: string | null;
  exportedAt: string;
  user: { username: string; displayName: string | null };
}

function countBy<K>(keys: readonly K[]): { key: K; count: number }[] {
  const counts = new Map<K, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return [...counts].map(([key, count]) => ({ key, count }));
}

export function summarizeRescueFile(file: RescueDocument): RescueSummary {
  const times = [
    ...file.outbox.map((e) => e.createdAt),
    ...file.rejected.map((e) => e.createdAt),
    ...file.drafts.map((d) => d.updatedAt),
  ].sort((a, b) => Date.parse(a) - Date.parse(b));
  return {
    changes: countBy(file.outbox.map((e) => e.entity)).map(({ key, count }) => ({
      entity: key,
      count,
    })),
    rejected: file.rejected.length,
    drafts: countBy(
      file.drafts.map((d) => {
        const entity = d.key.split(':')[0] ?? '';
        return isEntityName(entity) ? entity : ('other' as const);
      }),
    ).map(({ key, count }) => ({ entity: key, count })),
    from: times[0] ?? null,
    to: times.at(-1) ?? null,
    exportedAt: file.exportedAt,
    user: { username: file.user.username, displayName: file.user.displayName ?? null },
  };
}
