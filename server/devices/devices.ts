/**
 * Devices and lost phones (docs/SECURITY.md "丢失设备 / Lost devices").
 *
 * A device is a row of `clients`, the sync protocol's client id, bound to the user who first
 * synced from it. Each sync notes which session spoke for it (the token's hash), its browser and
 * when it was last seen. A device is told to wipe when:
 *
 * - an admin marks it lost, or its user signs it out from another device (`wipe_reason`): its
 *   session still works for who-am-I and push — the user may still write, so what it holds is
 *   applied — and its pull is answered `{wipe}`; that answer ends the session;
 * - its user is disabled: the session is gone (disabling revokes them all), so its requests are
 *   answered 401 `deviceWipe`; the phone hands in what it still holds (POST /api/devices/rescue:
 *   kept in `rescued_outboxes`, never applied, since the user may no longer write) and wipes.
 *
 * Audited (docs/SECURITY.md "安全审计"), each in the transaction of its change: `device.lost` (an
 * admin marks a device lost), `session.revoked` (a user signs one of their devices out; the
 * server ends a wiping device's session when it tells it to wipe or takes its hand-in) and
 * `device.wiped` (the phone hands in what it held and wipes: POST /api/devices/rescue).
 */
import {
  jsonDepth,
  MAX_MUTATION_VALUE_DEPTH,
  rescueRequestSchema,
  type DeviceWipe,
} from '../../src/domain/protocol';
import { bilingualError, type Bilingual } from '../base/api-error';
import { recordAudit, type AuditActor, type AuditOrigin } from '../base/audit-record';
import { DEVICE_WIPE_MESSAGES, deviceWipeForToken, type WipeCause } from '../auth/device-wipe';
import type { DeviceWipeReason, SessionUser } from '../auth/sessions';
import type { Db, DbTx } from '../db';
import { toStorableJson } from '../base/storable-text';

/** The mutation object is one level above its values (as on push). */
const MAX_DEPTH = MAX_MUTATION_VALUE_DEPTH + 1;

export function wipeInstruction(cause: WipeCause): DeviceWipe {
  return { reason: cause, messages: DEVICE_WIPE_MESSAGES[cause] };
}

/**
 * How stale a device's last_seen_at may be before a request writes it again. A first download is
 * dozens of pulls a minute and a morning sync storm hundreds of devices at once: rewriting the
 * row (and committing, a WAL flush) on every page cost a write per request for a date the
 * devices list shows to the minute (docs/SERVER.md "The morning sync storm").
 */
export const SEEN_RESOLUTION_MS = 60_000;

/**
 * After a push or pull: this session speaks for this device now (its row exists by then). The
 * row is rewritten only when the session changed or the last sighting is older than
 * SEEN_RESOLUTION_MS.
 */
export async function noteDevice(
  db: DbTx,
  clientId: string,
  user: SessionUser,
  now: Date,
): Promise<void> {
  await db.query(
    `update clients
     set token_hash = $2, last_seen_at = $3,
         user_agent = coalesce((select user_agent from sessions where token_hash = $2), user_agent)
     where client_id = $1 and user_id = $4
       and (token_hash is distinct from $2 or last_seen_at is null or last_seen_at <= $5)`,
    [clientId, user.tokenHash, now, user.id, new Date(now.getTime() - SEEN_RESOLUTION_MS)],
  );
}

/** The wipe asked of this device of this user, if any. */
export async function wipeOfClient(
  db: DbTx,
  clientId: string,
  user: SessionUser,
): Promise<DeviceWipeReason | undefined> {
  const { rows } = await db.query<{ wipe_reason: DeviceWipeReason }>(
    `select wipe_reason from clients
     where client_id = $1 and user_id = $2 and wipe_requested_at is not null`,
    [clientId, user.id],
  );
  return rows[0]?.wipe_reason ?? (user.deviceWipe || undefined);
}

/**
 * The device has been told to wipe (its pull answered `{wipe}`): the wipe is settled and the
 * session that spoke for it ends. Its token stays recognised (clients.token_hash), so a retry
 * after a lost answer is told `deviceWipe` again rather than a bare 401.
 */
export async function settleWipe(
  db: Db,
  clientId: string,
  user: SessionUser,
  wipe: DeviceWipeReason,
  origin: AuditOrigin,
  now: Date,
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query(
      `update clients set wiped_at = $3, token_hash = coalesce(token_hash, $2)
       where client_id = $1`,
      [clientId, user.tokenHash, now],
    );
    const { rowCount } = await tx.query('delete from sessions where token_hash = $1', [
      user.tokenHash,
    ]);
    // The lost or signed-out device was told to wipe: its session ends (once: a retried pull
    // finds it gone and is answered by the guard).
    if (rowCount > 0) {
      await recordAudit(tx, {
        action: 'session.revoked',
        at: now,
        actor: user,
        origin,
        subject: { type: 'session', id: user.tokenHash.slice(0, 12) },
        details: { reason: wipe, device: clientId, when: 'toldToWipe' },
      });
    }
  });
}

export interface DeviceView {
  clientId: string;
  userAgent: string;
  createdAt: string;
  lastSeenAt: string | null;
  /** Whether it is the device asking. */
  current: boolean;
  /** The wipe asked of it, and whether it has been told. */
  wipe: DeviceWipeReason | null;
  wipedAt: string | null;
}

/** A user's devices, most recently seen first. */
export async function listDevices(
  db: Db,
  userId: string,
  currentTokenHash: string | null,
): Promise<DeviceView[]> {
  const { rows } = await db.query<{
    client_id: string;
    user_agent: string;
    created_at: Date;
    last_seen_at: Date | null;
    last_push_at: Date | null;
    token_hash: string | null;
    wipe_reason: DeviceWipeReason | null;
    wipe_requested_at: Date | null;
    wiped_at: Date | null;
  }>(
    `select client_id::text as client_id, user_agent, created_at, last_seen_at, last_push_at,
            token_hash, wipe_reason, wipe_requested_at, wiped_at
     from clients where user_id = $1
     order by coalesce(last_seen_at, last_push_at, created_at) desc
     limit 100`,
    [userId],
  );
  return rows.map((row) => {
    const seen = row.last_seen_at ?? row.last_push_at;
    return {
      clientId: row.client_id,
      userAgent: row.user_agent,
      createdAt: row.created_at.toISOString(),
      lastSeenAt: seen ? seen.toISOString() : null,
      current: currentTokenHash !== null && row.token_hash === currentTokenHash,
      wipe: row.wipe_requested_at ? row.wipe_reason : null,
      wipedAt: row.wiped_at ? row.wiped_at.toISOString() : null,
    };
  });
}

const DEVICE_NOT_FOUND: Bilingual = {
  'zh-CN': '找不到这台设备（它可能从未同步过）',
  en: 'no such device (it may never have synced)',
};

/**
 * Asks a device of `userId` to wipe on its next contact. 404 when the user has no such device.
 * Asking again after it wiped asks again (the phone may have been signed in anew).
 */
export async function requestWipe(
  db: Db,
  input: {
    clientId: string;
    userId: string;
    reason: DeviceWipeReason;
    /** Who asks: the admin marking it lost, or the user signing their own device out. */
    by: AuditActor & { id: string };
    origin: AuditOrigin;
    now: Date;
  },
): Promise<void> {
  await db.transaction(async (tx) => {
    const { rows } = await tx.query<{ username: string; scope_code: string }>(
      `with asked as (
         update clients
         set wipe_reason = $3, wipe_requested_at = $4, wipe_requested_by = $5, wiped_at = null
         where client_id = $1 and user_id = $2
         returning user_id)
       select u.username, u.scope_code from asked join users u on u.id = asked.user_id`,
      [input.clientId, input.userId, input.reason, input.now, input.by.id],
    );
    const owner = rows[0];
    if (!owner) throw bilingualError(404, 'notFound', DEVICE_NOT_FOUND);
    await recordAudit(tx, {
      // An admin marking it lost, or its user signing it out (the session ends on its next
      // contact; settleWipe / rescueOutbox record that moment).
      action: input.reason === 'lost' ? 'device.lost' : 'session.revoked',
      at: input.now,
      actor: input.by,
      origin: input.origin,
      subject: { type: 'device', id: input.clientId, label: owner.username },
      areas: [owner.scope_code],
      details: { reason: input.reason, userId: input.userId, when: 'requested' },
    });
  });
}

const RESCUE_REFUSED: Bilingual = {
  'zh-CN': '请先登录（这台设备没有待清除的请求）',
  en: 'sign in first (this device has not been asked to wipe)',
};

/**
 * POST /api/devices/rescue: a device told to wipe (401 `deviceWipe`) hands in what it still
 * holds. Only the device whose last session used this token may (clients.token_hash), and
 * only while a wipe stands for it. The mutations are kept as sent, never applied; what the
 * server already processed, or a retried batch, is not kept twice (mutation ids only grow on a
 * device). The session, if it still stood (a lost device of an enabled user), ends.
 */
export async function rescueOutbox(
  db: Db,
  tokenHash: string,
  body: unknown,
  origin: AuditOrigin,
  now: Date,
): Promise<{ kept: number; wipe: DeviceWipe }> {
  const envelope = rescueRequestSchema.parse(body);
  // As on push: PostgreSQL's jsonb parser recurses, so a hostile depth is refused before it.
  if (envelope.mutations.some((m) => jsonDepth(m, MAX_DEPTH) > MAX_DEPTH)) {
    throw bilingualError(400, 'badRequest', {
      'zh-CN': `修改的内容嵌套超过 ${MAX_MUTATION_VALUE_DEPTH} 层`,
      en: `a mutation nests deeper than ${MAX_MUTATION_VALUE_DEPTH} levels`,
    });
  }
  const cause = await deviceWipeForToken(db, tokenHash);
  const { rows } = await db.query<{
    user_id: string;
    handled_through: string;
    username: string;
    role: SessionUser['role'];
    scope_level: SessionUser['scope']['level'];
    scope_code: string;
  }>(
    `select c.user_id::text as user_id,
            greatest(c.last_mutation_id,
                     (select max(last_mutation_id) from rescued_outboxes r
                      where r.client_id = c.client_id))::text as handled_through,
            u.username, u.role, u.scope_level, u.scope_code
     from clients c join users u on u.id = c.user_id
     where c.client_id = $1 and c.token_hash = $2`,
    [envelope.clientId, tokenHash],
  );
  const client = rows[0];
  if (!cause || !client) throw bilingualError(401, 'unauthorized', RESCUE_REFUSED);
  // Mutations the server already processed (pushed before the wipe) or kept are not kept again.
  const after = Number(client.handled_through);
  const fresh = envelope.mutations.filter((m) => m.mutationId > after);
  const actor: AuditActor = {
    id: client.user_id,
    username: client.username,
    role: client.role,
    scope: { level: client.scope_level, code: client.scope_code } as SessionUser['scope'],
  };
  await db.transaction(async (tx) => {
    if (fresh.length > 0) {
      await tx.query(
        `insert into rescued_outboxes (client_id, user_id, first_mutation_id, last_mutation_id,
                                       mutations, received_at)
         values ($1, $2, $3, $4, $5::jsonb, $6)`,
        [
          envelope.clientId,
          client.user_id,
          fresh[0]!.mutationId,
          Math.max(...fresh.map((m) => m.mutationId)),
          JSON.stringify(toStorableJson(fresh)),
          now,
        ],
      );
    }
    await tx.query('update clients set wiped_at = $2 where client_id = $1', [
      envelope.clientId,
      now,
    ]);
    // The phone handed in its work and wipes (it calls this once per batch: each is recorded,
    // with how many mutations were kept).
    await recordAudit(tx, {
      action: 'device.wiped',
      at: now,
      actor,
      origin,
      subject: { type: 'device', id: envelope.clientId, label: client.username },
      details: { reason: cause, kept: fresh.length, handedIn: envelope.mutations.length },
    });
    const { rowCount } = await tx.query('delete from sessions where token_hash = $1', [tokenHash]);
    // A lost device of an enabled user whose session still stood: it ends now.
    if (rowCount > 0) {
      await recordAudit(tx, {
        action: 'session.revoked',
        at: now,
        actor,
        origin,
        subject: { type: 'session', id: tokenHash.slice(0, 12) },
        details: { reason: cause, device: envelope.clientId, when: 'handedIn' },
      });
    }
  });
  return { kept: fresh.length, wipe: wipeInstruction(cause) };
}

export interface RescuedBatch {
  clientId: string;
  receivedAt: string;
  mutations: unknown[];
}

/** What a user's devices handed in when told to wipe (newest first), for an admin to read. */
export async function listRescued(db: Db, userId: string): Promise<RescuedBatch[]> {
  const { rows } = await db.query<{ client_id: string; received_at: Date; mutations: unknown[] }>(
    `select client_id::text as client_id, received_at, mutations from rescued_outboxes
     where user_id = $1 order by received_at desc, id desc limit 200`,
    [userId],
  );
  return rows.map((row) => ({
    clientId: row.client_id,
    receivedAt: row.received_at.toISOString(),
    mutations: row.mutations,
  }));
}
