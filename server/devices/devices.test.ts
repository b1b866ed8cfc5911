/**
 * Lost phones and session lifetimes, from outside over HTTP (docs/SECURITY.md "丢失设备 / Lost
 * devices"): a device an admin marks lost still gets its push applied, then is told to wipe; a
 * disabled user's phone hands its outbox in (kept, never applied) and is told to wipe; a user sees
 * and signs out their own devices; a session used daily still ends 30 days after sign-in. A
 * county admin acts only on the devices of their county's users; each step is audited.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { newId } from '../../src/domain/common';
import type { Db } from '../db';
import { hashToken } from '../auth/sessions';
import {
  buildTestApp,
  CHUNAN,
  loginToken,
  QIANDAOHU,
  QIANDAOHU_VILLAGE,
  seedUser,
  servicePointFields,
  TestClock,
  TestDevice,
  testBackends,
  TONGLU,
  useTestDatabase,
  type TestUser,
} from '../test-support/sync';

const DAY = 86_400_000;

async function count(db: Db, sql: string, params: unknown[] = []): Promise<number> {
  const { rows } = await db.query<{ n: number }>(`select count(*)::int as n ${sql}`, params);
  return rows[0]!.n;
}

/** The newest audit entry's id: the log is append-only and outlives each test. */
async function auditMark(db: Db): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    'select coalesce(max(id), 0)::int as id from audit_log',
  );
  return rows[0]!.id;
}

/** The audit entries about devices and sessions after `mark`, oldest first. */
async function deviceAudit(db: Db, mark: number) {
  const { rows } = await db.query<{
    action: string;
    outcome: string;
    actor_username: string;
    subject_type: string | null;
    subject_id: string | null;
    details: Record<string, unknown>;
  }>(
    `select action, outcome, actor_username, subject_type, subject_id, details from audit_log
     where action in ('device.lost', 'device.wiped', 'session.revoked') and id > $1
     order by id`,
    [mark],
  );
  return rows;
}

describe.each(testBackends('server/devices/devices.test.ts'))('devices on $kind', (backend) => {
  let db: Db;
  let app: FastifyInstance;
  let clock: TestClock;
  let officer: TestUser;
  let adminToken: string;
  const database = useTestDatabase(backend);

  const call = (token: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}`, 'user-agent': 'TestPhone/1.0' },
      ...(payload ? { payload } : {}),
    });

  beforeEach(async () => {
    db = database();
    clock = new TestClock();
    officer = await seedUser(db, 'officer1', 'officer', { level: 'township', code: QIANDAOHU });
    await seedUser(db, 'admin', 'admin', { level: 'prefecture', code: '3301' });
    app = await buildTestApp(db, clock);
    adminToken = await loginToken(app, 'admin');
    return () => app.close();
  });

  it('ends a session used every day 30 days after sign-in, saying so in both languages', async () => {
    const token = await loginToken(app, 'officer1');
    for (let day = 0; day < 3; day++) {
      clock.advance(DAY);
      expect((await call(token, 'GET', '/api/me')).statusCode).toBe(200); // idle limit renewed
    }
    // The session was opened 30 days ago (moved back in the database, not by waiting).
    await db.query(`update sessions set created_at = created_at - interval '30 days'`);
    const refused = await call(token, 'GET', '/api/me');
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toMatchObject({
      error: 'sessionExpired',
      messages: {
        'zh-CN': '会话已过期，请重新登录',
        en: 'Your session has expired: sign in again',
      },
    });
    // A session one minute younger than the limit still works.
    const fresh = await loginToken(app, 'officer1');
    await db.query(`update sessions set created_at = $1 where created_at = $2`, [
      new Date(clock.time.getTime() - 30 * DAY + 60_000),
      clock.time,
    ]);
    expect((await call(fresh, 'GET', '/api/me')).statusCode).toBe(200);
  });

  it('a device marked lost: its next push is applied and told to wipe, its next pull is refused with the wipe', async () => {
    const phone = await TestDevice.signIn(app, 'officer1');
    const other = await TestDevice.signIn(app, 'officer1');
    const first = newId();
    await phone.push([
      phone.mutation('servicePoint', first, servicePointFields(QIANDAOHU_VILLAGE)),
    ]);
    await phone.pullAll();
    await other.push([]);

    const lost = await call(
      adminToken,
      'POST',
      `/api/users/${officer.id}/devices/${phone.clientId}/lost`,
    );
    expect(lost.statusCode).toBe(200);

    // Something typed offline before the phone was lost still goes in.
    const second = newId();
    const pushed = await phone.push([
      phone.mutation('servicePoint', second, servicePointFields(QIANDAOHU_VILLAGE)),
    ]);
    expect(pushed.results).toEqual([{ mutationId: 2, status: 'applied' }]);
    expect(pushed.wipe).toMatchObject({ reason: 'lost' });
    expect(await count(db, 'from records where id = $1', [second])).toBe(1);

    // Other routes already refuse it; /api/me still answers (the app asks it first).
    expect(
      (await call(phone.token, 'GET', `/api/records/servicePoint/${first}/history`)).json(),
    ).toMatchObject({ error: 'deviceWipe' });
    expect((await call(phone.token, 'GET', '/api/me')).statusCode).toBe(200);

    const pull = await phone.rawPull({
      protocolVersion: 1,
      schemaVersion: 1,
      clientId: phone.clientId,
      cursor: phone.cursor,
    });
    expect(pull.statusCode).toBe(401);
    expect(pull.json()).toMatchObject({
      error: 'deviceWipe',
      messages: { 'zh-CN': expect.stringContaining('丢失') },
    });
    // The session has ended; the token is still recognised as the lost phone's.
    expect((await call(phone.token, 'GET', '/api/me')).json()).toMatchObject({
      error: 'deviceWipe',
    });
    // The other device of the same user is untouched.
    expect((await other.push([])).wipe).toBeUndefined();

    const devices = (await call(adminToken, 'GET', `/api/users/${officer.id}/devices`)).json() as {
      devices: {
        clientId: string;
        wipe: string | null;
        wipedAt: string | null;
        userAgent: string;
      }[];
    };
    expect(devices.devices.find((d) => d.clientId === phone.clientId)).toMatchObject({
      wipe: 'lost',
      wipedAt: clock.time.toISOString(),
    });
    expect(devices.devices.find((d) => d.clientId === other.clientId)?.wipe).toBeNull();
  });

  it('a push notes the device in its own transaction: the session speaking for it, last seen at most once a minute', async () => {
    const phone = await TestDevice.signIn(app, 'officer1');
    const row = async () =>
      (
        await db.query<{ token_hash: string | null; last_seen_at: Date | null }>(
          'select token_hash, last_seen_at from clients where client_id = $1',
          [phone.clientId],
        )
      ).rows[0]!;
    const first = clock.now();
    await phone.push([
      phone.mutation('servicePoint', newId(), servicePointFields(QIANDAOHU_VILLAGE)),
    ]);
    expect(await row()).toEqual({ token_hash: hashToken(phone.token), last_seen_at: first });

    // Within the minute: the row keeps its sighting (no rewrite of a date shown to the minute).
    clock.advance(30_000);
    await phone.push([]);
    expect((await row()).last_seen_at).toEqual(first);
    // A minute after it: seen again.
    clock.advance(30_000);
    await phone.push([]);
    expect((await row()).last_seen_at).toEqual(clock.now());

    // Another session for the same device (signed in again) is noted at once.
    clock.advance(1_000);
    const again = new TestDevice(app, await loginToken(app, 'officer1'), phone.clientId);
    const pushed = await again.push([]);
    expect(pushed.wipe).toBeUndefined();
    expect(await row()).toEqual({ token_hash: hashToken(again.token), last_seen_at: clock.now() });
  });

  it("a disabled user's phone hands in its outbox (kept, not applied) and is told to wipe", async () => {
    const phone = await TestDevice.signIn(app, 'officer1');
    await phone.push([]);
    const disabled = await call(adminToken, 'PATCH', `/api/users/${officer.id}`, {
      disabled: true,
    });
    expect(disabled.statusCode).toBe(200);

    const id = newId();
    const waiting = [phone.mutation('servicePoint', id, servicePointFields(QIANDAOHU_VILLAGE))];
    const push = await phone.rawPush(phone.pushBody(waiting));
    expect(push.statusCode).toBe(401);
    expect(push.json()).toMatchObject({ error: 'deviceWipe' });

    const rescue = () => call(phone.token, 'POST', '/api/devices/rescue', phone.pushBody(waiting));
    const first = await rescue();
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({
      kept: 1,
      wipe: { reason: 'userDisabled', messages: { 'zh-CN': expect.stringContaining('停用') } },
    });
    expect((await rescue()).json()).toMatchObject({ kept: 0 }); // a retry keeps nothing twice
    expect(await count(db, 'from records where id = $1', [id])).toBe(0);
    const kept = await call(adminToken, 'GET', `/api/users/${officer.id}/rescued`);
    expect(kept.json()).toMatchObject({
      batches: [{ clientId: phone.clientId, mutations: [{ recordId: id, mutationId: 1 }] }],
    });
    expect((await call(phone.token, 'GET', `/api/users/${officer.id}/rescued`)).statusCode).toBe(
      401,
    );

    // Only the phone whose session it was: not another device id, not an unknown token.
    const stranger = await call(phone.token, 'POST', '/api/devices/rescue', {
      ...phone.pushBody(waiting),
      clientId: newId(),
    });
    expect(stranger.statusCode).toBe(401);
    expect(
      (await call('y'.repeat(43), 'POST', '/api/devices/rescue', phone.pushBody(waiting)))
        .statusCode,
    ).toBe(401);
  });

  it('a user lists their own devices and signs one out; only admins see or mark others', async () => {
    const phone = await TestDevice.signIn(app, 'officer1');
    const tablet = await TestDevice.signIn(app, 'officer1');
    await phone.push([]);
    await tablet.push([]);
    const list = await call(phone.token, 'GET', '/api/devices');
    const devices = (list.json() as { devices: { clientId: string; current: boolean }[] }).devices;
    expect(devices.map((d) => [d.clientId, d.current]).sort()).toEqual(
      [
        [phone.clientId, true],
        [tablet.clientId, false],
      ].sort(),
    );

    const self = await call(phone.token, 'POST', `/api/devices/${phone.clientId}/sign-out`);
    expect(self.statusCode).toBe(400);
    const out = await call(phone.token, 'POST', `/api/devices/${tablet.clientId}/sign-out`);
    expect(out.statusCode).toBe(200);
    expect((await tablet.push([])).wipe).toMatchObject({ reason: 'signedOut' });
    expect((await phone.push([])).wipe).toBeUndefined();

    // Not an admin: neither another user's devices nor marking one lost.
    const adminId = (
      await db.query<{ id: string }>("select id::text as id from users where username = 'admin'")
    ).rows[0]!.id;
    expect((await call(phone.token, 'GET', `/api/users/${adminId}/devices`)).statusCode).toBe(403);
    expect(
      (await call(phone.token, 'POST', `/api/users/${officer.id}/devices/${tablet.clientId}/lost`))
        .statusCode,
    ).toBe(403);
    // Someone else's device id is unknown to this user.
    expect(
      (await call(adminToken, 'POST', `/api/devices/${phone.clientId}/sign-out`)).statusCode,
    ).toBe(404);
    expect((await call(phone.token, 'POST', '/api/devices/not-a-uuid/sign-out')).statusCode).toBe(
      400,
    );
  });

  it('audits each step: marked lost, the session ended when told, a user signing a device out, the hand-in', async () => {
    const mark = await auditMark(db);
    const phone = await TestDevice.signIn(app, 'officer1');
    const tablet = await TestDevice.signIn(app, 'officer1');
    await phone.push([]);
    await tablet.push([]);
    expect(
      (await call(adminToken, 'POST', `/api/users/${officer.id}/devices/${phone.clientId}/lost`))
        .statusCode,
    ).toBe(200);
    const pull = await phone.rawPull({
      protocolVersion: 1,
      schemaVersion: 1,
      clientId: phone.clientId,
      cursor: phone.cursor,
    });
    expect(pull.statusCode).toBe(401);
    const rescued = await call(phone.token, 'POST', '/api/devices/rescue', phone.pushBody([]));
    expect(rescued.statusCode).toBe(200);
    expect(
      (await call(tablet.token, 'POST', `/api/devices/${phone.clientId}/sign-out`)).statusCode,
    ).toBe(200);

    expect(await deviceAudit(db, mark)).toEqual([
      expect.objectContaining({
        action: 'device.lost',
        outcome: 'ok',
        actor_username: 'admin',
        subject_type: 'device',
        subject_id: phone.clientId,
        details: expect.objectContaining({ reason: 'lost', userId: officer.id }),
      }),
      expect.objectContaining({
        action: 'session.revoked',
        actor_username: 'officer1',
        subject_type: 'session',
        details: expect.objectContaining({ reason: 'lost', when: 'toldToWipe' }),
      }),
      expect.objectContaining({
        action: 'device.wiped',
        actor_username: 'officer1',
        subject_id: phone.clientId,
        details: expect.objectContaining({ reason: 'lost', kept: 0 }),
      }),
      expect.objectContaining({
        action: 'session.revoked',
        actor_username: 'officer1',
        subject_type: 'device',
        subject_id: phone.clientId,
        details: expect.objectContaining({ reason: 'signedOut', when: 'requested' }),
      }),
    ]);
  });

  it("a county admin cannot see, mark lost or read what was handed in of another county's user", async () => {
    const mark = await auditMark(db);
    await seedUser(db, 'chunanadmin', 'admin', { level: 'county', code: CHUNAN });
    const tonglu = await seedUser(db, 'tonglu1', 'officer', { level: 'county', code: TONGLU });
    const county = await loginToken(app, 'chunanadmin');
    const phone = await TestDevice.signIn(app, 'tonglu1');
    await phone.push([]);

    const refused = await call(
      county,
      'POST',
      `/api/users/${tonglu.id}/devices/${phone.clientId}/lost`,
    );
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({
      error: 'outsideArea',
      messages: { 'zh-CN': expect.stringContaining('不在您的管理范围') },
    });
    expect(
      await count(db, 'from clients where client_id = $1 and wipe_requested_at is not null', [
        phone.clientId,
      ]),
    ).toBe(0);
    expect((await phone.push([])).wipe).toBeUndefined();
    expect((await call(county, 'GET', `/api/users/${tonglu.id}/devices`)).statusCode).toBe(403);
    expect((await call(county, 'GET', `/api/users/${tonglu.id}/rescued`)).statusCode).toBe(403);
    // The refusal is recorded; its own county's user stays within reach.
    expect(await deviceAudit(db, mark)).toEqual([
      expect.objectContaining({
        action: 'device.lost',
        outcome: 'refused',
        actor_username: 'chunanadmin',
        details: expect.objectContaining({ reason: 'outsideArea' }),
      }),
    ]);
    expect((await call(county, 'GET', `/api/users/${officer.id}/devices`)).statusCode).toBe(200);
  });

  it('a lost device whose password must change is told to wipe, not held at the password gate', async () => {
    const phone = await TestDevice.signIn(app, 'officer1');
    await phone.push([]);
    await db.query('update users set must_change_password = true where id = $1', [officer.id]);
    // Before it is marked lost: the password gate, as for any session.
    expect((await phone.rawPush(phone.pushBody([]))).json()).toMatchObject({
      error: 'passwordChangeRequired',
    });
    await call(adminToken, 'POST', `/api/users/${officer.id}/devices/${phone.clientId}/lost`);
    const id = newId();
    const waiting = [phone.mutation('servicePoint', id, servicePointFields(QIANDAOHU_VILLAGE))];
    const push = await phone.rawPush(phone.pushBody(waiting));
    expect(push.statusCode).toBe(401);
    expect(push.json()).toMatchObject({ error: 'deviceWipe' });
    const me = await call(phone.token, 'GET', '/api/me');
    expect(me.statusCode).toBe(200);
    expect(Object.keys((me.json() as { user: object }).user).sort()).toEqual(
      ['displayName', 'id', 'role', 'scope', 'username'].sort(),
    );
    const rescued = await call(phone.token, 'POST', '/api/devices/rescue', phone.pushBody(waiting));
    expect(rescued.json()).toMatchObject({ kept: 1, wipe: { reason: 'lost' } });
    expect(await count(db, 'from records where id = $1', [id])).toBe(0);
  });
});
