/**
 * POST /api/sync/push: a device's outbox, applied exactly once (docs/PROTOCOL.md "Push").
 *
 * The numbered comments follow the protocol's steps. One transaction per batch: either every
 * mutation of the batch is processed (applied or rejected, and the client's lastMutationId
 * moves), or — on a database failure — none is and the answer is a 5xx the device retries.
 */
import { z } from 'zod';
import {
  jsonDepth,
  MAX_MUTATION_VALUE_DEPTH,
  type Mutation,
  mutationSchema,
  pushEnvelopeSchema,
  type MutationResult,
  type PushResponse,
} from '../../src/domain/protocol';
import { isEntityName } from '../../src/domain/entities';
import { bilingualError, type Bilingual } from '../base/api-error';
import type { DeviceWipeReason, SessionUser } from '../auth/sessions';
import type { ServerContext } from '../base/context';
import type { DbTx } from '../db';
import { applyMutations, loadRecords, type ApplyMutation } from './apply';
import { applyContextOf, writeActorOf } from './apply-as';
import {
  NO_ORIGIN,
  recordAudit,
  type AuditEntryInput,
  type AuditOrigin,
} from '../base/audit-record';
import { keptInLastDay, planKeptRejections, withKeptNote } from './kept-rejections';
import { toStorableJson } from '../base/storable-text';
import { runTransaction } from '../db/transactions';
import { migrateRecord } from '../../src/domain/recordMigrations';
import { checkClientVersions } from './versions';
import { SEEN_RESOLUTION_MS, wipeInstruction } from '../devices/devices';

interface ClientRow {
  user_id: string;
  last_mutation_id: number;
  results_pruned_through: number;
}

/**
 * Binds a device to the user who first uses it, and locks its row for the transaction (two
 * pushes from one device run one after the other). Throws 403 for another user's device.
 */
export async function bindClient(
  tx: DbTx,
  clientId: string,
  user: SessionUser,
  now: Date,
  options: { lock: boolean },
): Promise<{ lastMutationId: number; resultsPrunedThrough: number }> {
  // With the lock: one statement that inserts or locks (a no-op update takes the row lock).
  const { rows } = options.lock
    ? await tx.query<ClientRow>(
        `insert into clients (client_id, user_id, created_at) values ($1, $2, $3)
         on conflict (client_id) do update set client_id = excluded.client_id
         returning user_id::text as user_id, last_mutation_id, results_pruned_through`,
        [clientId, user.id, now],
      )
    : // Without: insert if new, else read — one statement (a round trip fewer on every pull
      // page). The read part sees the snapshot before the insert, hence the union.
      await tx.query<ClientRow>(
        `with inserted as (
           insert into clients (client_id, user_id, created_at) values ($1, $2, $3)
           on conflict (client_id) do nothing
           returning user_id::text as user_id, last_mutation_id, results_pruned_through
         )
         select user_id, last_mutation_id, results_pruned_through from inserted
         union all
         select user_id::text, last_mutation_id, results_pruned_through from clients
         where client_id = $1 and not exists (select from inserted)`,
        [clientId, user.id, now],
      );
  const client = rows[0]!;
  // Server-only check: a device's id is not a secret (it travels in every request), so the
  // binding — not the id — decides whose outbox this is. Another user must never apply or
  // read results under someone else's device.
  if (client.user_id !== user.id) {
    throw bilingualError(403, 'clientOwnedByAnotherUser', {
      'zh-CN': '这台设备的数据属于另一个账号。请用原账号登录，或导出未同步的数据后清除本机数据。',
      en: 'This device database belongs to another account: sign in as that account, or export unsynced data and reset the device.',
    });
  }
  return {
    lastMutationId: client.last_mutation_id,
    resultsPrunedThrough: client.results_pruned_through,
  };
}

const SHAPE_MESSAGES: Record<'unknownEntity' | 'badRequest', Bilingual> = {
  unknownEntity: {
    'zh-CN': '服务器不认识这类记录，请更新应用',
    en: 'the server does not know this kind of record; update the app',
  },
  badRequest: {
    'zh-CN': '修改的格式不对',
    en: 'the mutation is malformed',
  },
};

const RESULT_NO_LONGER_KEPT: Bilingual = {
  'zh-CN': '这条修改很久以前已经处理过，服务器已不再保留当时的结果：请以服务器上的记录为准',
  en: 'this mutation was processed long ago and its answer is no longer kept: the server’s copy of the record is current',
};

/**
 * Refuses (400, nothing applied) a push whose mutations nest deeper than
 * MAX_MUTATION_VALUE_DEPTH, naming the first such mutation by its place in the batch and its id.
 * Runs on the parsed body before zod: JSON.parse itself is iterative and survives a million
 * levels; what came after it did not.
 */
function refuseDeepMutations(body: unknown): void {
  const mutations = (body as { mutations?: unknown }).mutations;
  if (!Array.isArray(mutations)) return; // the envelope's schema says what is wrong
  // The mutation object is one level above its values.
  const limit = MAX_MUTATION_VALUE_DEPTH + 1;
  const index = mutations.findIndex((m) => jsonDepth(m, limit) > limit);
  if (index < 0) return;
  const raw = (mutations[index] as { mutationId?: unknown } | null)?.mutationId;
  const id = typeof raw === 'number' || typeof raw === 'string' ? String(raw).slice(0, 40) : '?';
  throw bilingualError(400, 'badRequest', {
    'zh-CN': `第 ${index + 1} 条修改（编号 ${id}）的内容嵌套超过 ${MAX_MUTATION_VALUE_DEPTH} 层，整批未处理`,
    en: `mutation ${index + 1} of the batch (mutations[${index}], mutationId ${id}) nests deeper than ${MAX_MUTATION_VALUE_DEPTH} levels; nothing of the batch was applied`,
  });
}

/** push_results.results: the batch's answers, compact (most mutations are simply applied). */
interface StoredBatchResults {
  applied: number[];
  rejected: MutationResult[];
}

export async function handlePush(
  ctx: ServerContext,
  user: SessionUser,
  body: unknown,
  origin: AuditOrigin = NO_ORIGIN,
): Promise<PushResponse> {
  // 1: versions first: an old app gets "update the app" whatever else its body says.
  checkClientVersions(body);

  // 2: how deep each mutation nests, before anything walks it (MAX_MUTATION_VALUE_DEPTH): the
  // one shape refused for the whole batch, since no app builds it and the code that would reject
  // it on its own recurses. Then the envelope. Mutations are checked one by one below, so one
  // malformed mutation is rejected on its own instead of blocking the device's whole outbox.
  refuseDeepMutations(body);
  const envelope = pushEnvelopeSchema.parse(body);
  const ids = envelope.mutations.map((m) => m.mutationId);
  for (let i = 1; i < ids.length; i++) {
    if (ids[i]! <= ids[i - 1]!) {
      throw bilingualError(400, 'badRequest', {
        'zh-CN': '同一批修改的编号必须递增',
        en: 'mutation ids must increase within a batch',
      });
    }
  }

  const now = ctx.now();
  return runTransaction(ctx.db, async (tx) => {
    // 3: the device belongs to this user (bound on first use); its row stays locked until commit.
    const { lastMutationId, resultsPrunedThrough } = await bindClient(
      tx,
      envelope.clientId,
      user,
      now,
      { lock: true },
    );

    // 4: mutations up to lastMutationId were processed by an earlier push whose answer was lost:
    // skip them and answer exactly what was answered then.
    const seen = envelope.mutations.filter((m) => m.mutationId <= lastMutationId);
    const fresh = envelope.mutations.filter((m) => m.mutationId > lastMutationId);
    const storedResults = new Map<number, MutationResult>();
    if (seen.length > 0) {
      const { rows } = await tx.query<{ results: StoredBatchResults }>(
        `select results from push_results
         where client_id = $1 and last_mutation_id >= $2 and first_mutation_id <= $3`,
        [envelope.clientId, seen[0]!.mutationId, seen.at(-1)!.mutationId],
      );
      for (const { results } of rows) {
        for (const mutationId of results.applied) {
          storedResults.set(mutationId, { mutationId, status: 'applied' });
        }
        for (const result of results.rejected) storedResults.set(result.mutationId, result);
      }
    }

    // 5: check each fresh mutation's shape; the well-formed ones go to the apply path, which
    // validates, checks role and scope before and after, and merges field by field.
    const freshResults = new Map<number, MutationResult>();
    const rejectedMutations = new Map<number, unknown>();
    const toApply: (ApplyMutation & { mutationId: number })[] = [];
    for (const raw of fresh) {
      const parsed = mutationSchema.safeParse(raw);
      if (parsed.success) {
        // An app on an older record schema: its changes are upgraded on the way in
        // (src/domain/recordMigrations.ts), so its outbox is never stuck behind an update.
        const mutation = parsed.data satisfies Mutation;
        const changes = migrateRecord(mutation.entity, mutation.changes, envelope.schemaVersion);
        toApply.push(changes === mutation.changes ? mutation : { ...mutation, changes });
        continue;
      }
      const entity = (raw as { entity?: unknown }).entity;
      const reason =
        typeof entity === 'string' && !isEntityName(entity) ? 'unknownEntity' : 'badRequest';
      freshResults.set(raw.mutationId, {
        mutationId: raw.mutationId,
        status: 'rejected',
        reason,
        message:
          reason === 'badRequest'
            ? {
                'zh-CN': SHAPE_MESSAGES.badRequest['zh-CN'],
                en: `${SHAPE_MESSAGES.badRequest.en}: ${z.prettifyError(parsed.error).slice(0, 300)}`,
              }
            : SHAPE_MESSAGES.unknownEntity,
      });
      rejectedMutations.set(raw.mutationId, raw);
    }
    const outcomes = await applyMutations(
      tx,
      applyContextOf(ctx, now),
      writeActorOf(user, envelope.clientId),
      toApply,
    );
    toApply.forEach((mutation, i) => {
      const outcome = outcomes[i]!;
      freshResults.set(mutation.mutationId, {
        mutationId: mutation.mutationId,
        status: outcome.status,
        ...(outcome.reason ? { reason: outcome.reason } : {}),
        ...(outcome.message ? { message: outcome.message } : {}),
      });
      if (outcome.status === 'rejected') rejectedMutations.set(mutation.mutationId, mutation);
    });
    // The city's plan (targets, the central-town list) is audited: who changed what, from where.
    await auditPlanEdits(
      tx,
      { at: now, actor: user, origin },
      toApply.filter((m, i) => outcomes[i]!.status === 'applied'),
    );

    // 6: keep what the rejected mutations carried, as sent (except characters the database
    // cannot hold) — within the limits of kept-rejections.ts: a mutation too large, or past
    // what one batch or one user's day may keep, is kept as a summary or not at all, and its
    // answer says so. Then remember the answers (a retry gets the same), one row for the batch.
    // 7: advance the device's lastMutationId. Both in one statement (the row of 6 only when the
    // batch held new mutations).
    let stored: { results: string; rejected: string | null; rejectedBytes: number } | null = null;
    if (fresh.length > 0) {
      const refused = fresh.filter((m) => rejectedMutations.has(m.mutationId));
      const plan =
        refused.length > 0
          ? planKeptRejections(
              refused.map((m) => toStorableJson(rejectedMutations.get(m.mutationId))),
              await keptInLastDay(tx, user.id, now, { serialised: ctx.db.kind === 'pglite' }),
            )
          : { stored: null, bytes: 0, keptAs: [] };
      refused.forEach((m, i) => {
        const result = freshResults.get(m.mutationId)!;
        const message = withKeptNote(result.message, plan.keptAs[i]!);
        if (message) freshResults.set(m.mutationId, { ...result, message });
      });
      const results: StoredBatchResults = { applied: [], rejected: [] };
      for (const m of fresh) {
        const result = freshResults.get(m.mutationId)!;
        if (result.status === 'applied') results.applied.push(m.mutationId);
        else results.rejected.push(result);
      }
      stored = {
        // Applied ids are numbers: only the rejections can hold text to repair.
        results: JSON.stringify({
          applied: results.applied,
          rejected: toStorableJson(results.rejected),
        }),
        rejected: plan.stored ? JSON.stringify(plan.stored) : null,
        rejectedBytes: plan.bytes,
      };
    }
    // The same statement notes which session speaks for the device (as noteDevice does after a
    // pull: the session, its browser and last_seen_at, the latter at most once a minute) and
    // reads whether the device was asked to wipe: two statements and their commits fewer per push
    // (docs/SERVER.md "The storm and the first download"). The row is locked since step 3.
    const newLast = Math.max(lastMutationId, ...ids);
    const { rows: deviceRows } = await tx.query<{ wipe_reason: DeviceWipeReason | null }>(
      `with stored as (
         insert into push_results (client_id, first_mutation_id, last_mutation_id, results,
                                   rejected_mutations, rejected_bytes, processed_at)
         select $1, $2, $3, $4::jsonb, $5::jsonb, $8, $6 where $2::bigint is not null
       )
       update clients set last_mutation_id = $7, last_push_at = $6,
         token_hash = $9,
         last_seen_at = case when ${DEVICE_STALE_SQL} then $6 else clients.last_seen_at end,
         user_agent = case when ${DEVICE_STALE_SQL}
           then coalesce((select s.user_agent from sessions s where s.token_hash = $9),
                         clients.user_agent)
           else clients.user_agent end
       where client_id = $1
       returning case when wipe_requested_at is not null then wipe_reason end as wipe_reason`,
      [
        envelope.clientId,
        stored ? fresh[0]!.mutationId : null,
        stored ? fresh.at(-1)!.mutationId : null,
        stored?.results ?? null,
        stored?.rejected ?? null,
        now,
        newLast,
        stored?.rejectedBytes ?? 0,
        user.tokenHash,
        new Date(now.getTime() - SEEN_RESOLUTION_MS),
      ],
    );
    const wipe = deviceRows[0]?.wipe_reason ?? user.deviceWipe;

    // 8: one result per mutation sent, in the order sent.
    const results = envelope.mutations.map(
      (m): MutationResult =>
        freshResults.get(m.mutationId) ??
        storedResults.get(m.mutationId) ?? {
          mutationId: m.mutationId,
          status: 'rejected',
          reason: 'badRequest',
          message:
            m.mutationId <= resultsPrunedThrough
              ? // Processed, but its answer went with the retention period (server/maintenance.ts):
                // say so rather than guess whether it was applied.
                RESULT_NO_LONGER_KEPT
              : // Below lastMutationId yet never processed: the device skipped it and sends it late.
                {
                  'zh-CN': '这条修改的编号早于已处理的修改，无法按顺序应用',
                  en: 'this mutation id is below ones already processed; it cannot be applied in order',
                },
        },
    );
    return wipe
      ? { results, lastMutationId: newLast, wipe: wipeInstruction(wipe) }
      : { results, lastMutationId: newLast };
  });
}

/**
 * Whether a device's row says another session spoke for it, or it was last seen
 * SEEN_RESOLUTION_MS ago or more ($9 the token's hash, $10 that moment): noteDevice's condition,
 * for the push's own update of the row (column names of the row before the update).
 */
const DEVICE_STALE_SQL =
  '(clients.token_hash is distinct from $9 or clients.last_seen_at is null or clients.last_seen_at <= $10)';

const AUDITED_ENTITIES = { target: 'target.edited', centralTown: 'centralTown.edited' } as const;

/** One audit entry per applied change of a target or of the central-town list. */
async function auditPlanEdits(
  tx: DbTx,
  who: Pick<AuditEntryInput, 'at' | 'actor' | 'origin'>,
  applied: readonly ApplyMutation[],
): Promise<void> {
  const audited = applied.filter((m) => m.entity in AUDITED_ENTITIES);
  if (audited.length === 0) return;
  const records = await loadRecords(
    tx,
    audited.map((m) => ({ entity: m.entity, id: m.recordId })),
  );
  for (const m of audited) {
    const place = records.get(`${m.entity}:${m.recordId}`)?.place;
    await recordAudit(tx, {
      ...who,
      action: AUDITED_ENTITIES[m.entity as keyof typeof AUDITED_ENTITIES],
      subject: { type: 'record', id: m.recordId, label: `${m.entity}:${m.recordId}` },
      areas: [place?.townshipCode ?? place?.countyCode],
      details: { op: m.op, changes: m.changes },
    });
  }
}
