/**
 * Maintenance (server/maintenance.ts) on PGlite and (with TEST_DATABASE_URL) PostgreSQL. The
 * story behind the rules: a phone pushes, the answer is lost on the way, and the phone is offline
 * for weeks. When it comes back it retries — and must get the answer it missed, which is why push
 * answers are kept for months, not days. Past that, the retry must still not apply anything twice
 * nor claim "applied" for something that may have been refused; and what a rejected mutation
 * carried is never pruned.
 */
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { newId } from '../src/domain/common';
import type { PushResponse } from '../src/domain/protocol';
import type { Db } from './db';
import {
  claimMaintenanceRun,
  DEFAULT_MAINTENANCE,
  MAINTENANCE_SKIPPED,
  prunePushResults,
  readMaintenanceRecord,
  runMaintenance,
  startMaintenance,
  type MaintenanceConfig,
  type MaintenanceTimers,
} from './maintenance';
import { readServerConfig } from './start-server';
import {
  buildTestApp,
  loginToken,
  QIANDAOHU,
  QIANDAOHU_VILLAGE,
  seedUser,
  servicePointFields,
  TestClock,
  TestDevice,
  testBackends,
  useTestDatabase,
  WENCHANG_VILLAGE,
} from './test-support/sync';
import { untilTrue } from './test-support/conditions';

const DAY = 86_400_000;

async function count(db: Db, table: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(`select count(*)::int as n from ${table}`);
  return rows[0]!.n;
}

const config = (overrides: Partial<MaintenanceConfig> = {}): MaintenanceConfig => ({
  ...DEFAULT_MAINTENANCE,
  ...overrides,
});

describe.each(testBackends('server/maintenance.test.ts'))('maintenance on $kind', (backend) => {
  let db: Db;
  let app: FastifyInstance;
  let clock: TestClock;
  const database = useTestDatabase(backend, async (db) => {
    await seedUser(db, 'officer1', 'officer', { level: 'township', code: QIANDAOHU });
    await seedUser(db, 'officer2', 'officer', { level: 'township', code: QIANDAOHU });
  });

  beforeEach(async () => {
    db = database();
    clock = new TestClock();
    app = await buildTestApp(db, clock);
  });

  afterEach(async () => {
    await app.close();
  });

  it('prunes push answers past the retention, keeps newer ones and those that rejected something; a late retry applies nothing twice', async () => {
    const device = await TestDevice.signIn(app, 'officer1');
    const point = newId();
    const batchA = device.pushBody([
      device.mutation('servicePoint', point, servicePointFields(QIANDAOHU_VILLAGE)),
      device.mutation('servicePoint', point, { name: '改名' }),
    ]);
    const batchB = device.pushBody([
      device.mutation('servicePoint', newId(), servicePointFields(QIANDAOHU_VILLAGE)),
      device.mutation('servicePoint', newId(), servicePointFields(WENCHANG_VILLAGE)), // scope
    ]);
    const answerA = (await device.rawPush(batchA)).json<PushResponse>();
    const answerB = (await device.rawPush(batchB)).json<PushResponse>();
    expect(answerB.results[1]).toMatchObject({ status: 'rejected', reason: 'scopeDenied' });

    clock.advance(170 * DAY);
    const back = new TestDevice(app, await loginToken(app, 'officer1'), device.clientId);
    const batchC = back.pushBody([
      { ...back.mutation('servicePoint', point, { notes: '半年后' }, 2), mutationId: 5 },
    ]);
    const answerC = (await back.rawPush(batchC)).json<PushResponse>();
    expect(answerC.results[0]!.status).toBe('applied');

    // 181 days after A and B, 11 after C: only A goes (B rejected something).
    clock.advance(11 * DAY);
    const report = await runMaintenance(db, config({ changeLogRetentionDays: null }), clock.now());
    expect(report).toEqual({
      pushResultsPruned: 1,
      compaction: null,
      photos: { photosDeleted: 0, bytesFreed: 0 },
      auditPruned: 0,
    });
    expect(await count(db, 'push_results')).toBe(2);

    const before = {
      records: await count(db, 'records'),
      changes: await count(db, 'change_log'),
      conflicts: await count(db, 'conflicts'),
    };
    const late = new TestDevice(app, await loginToken(app, 'officer1'), device.clientId);
    const retryA = (await late.rawPush(batchA)).json<PushResponse>();
    expect(retryA.lastMutationId).toBe(5);
    for (const result of retryA.results) {
      expect(result).toMatchObject({
        status: 'rejected',
        reason: 'badRequest',
        message: { en: expect.stringMatching(/no longer kept/) as unknown },
      });
    }
    expect(answerA.results.map((r) => r.status)).toEqual(['applied', 'applied']);
    // The kept answers come back exactly as given.
    expect((await late.rawPush(batchB)).json()).toEqual({ ...answerB, lastMutationId: 5 });
    expect((await late.rawPush(batchC)).json()).toEqual(answerC);
    expect({
      records: await count(db, 'records'),
      changes: await count(db, 'change_log'),
      conflicts: await count(db, 'conflicts'),
    }).toEqual(before);
    // A second run finds nothing more.
    expect((await runMaintenance(db, config(), clock.now())).pushResultsPruned).toBe(0);
  });

  it('prunes in chunks until nothing old is left', async () => {
    const device = await TestDevice.signIn(app, 'officer1');
    await device.push([]); // binds the device
    await db.query(
      `insert into push_results (client_id, first_mutation_id, last_mutation_id, results,
                                 rejected_mutations, processed_at)
       select $1, i, i, '{"applied": [], "rejected": []}', null, $2
       from generate_series(1, 5003) as i`,
      [device.clientId, new Date(clock.time.getTime() - 200 * DAY)],
    );
    expect(await prunePushResults(db, new Date(clock.time.getTime() - 180 * DAY))).toBe(5003);
    const { rows } = await db.query<{ through: number }>(
      'select results_pruned_through as through from clients where client_id = $1',
      [device.clientId],
    );
    expect(rows[0]!.through).toBe(5003);
  });

  it('compacts the change log past CHANGE_LOG_RETENTION_DAYS, and not at all when off', async () => {
    const device = await TestDevice.signIn(app, 'officer1');
    const point = newId();
    await device.push([
      device.mutation('servicePoint', point, servicePointFields(QIANDAOHU_VILLAGE)),
    ]);
    await device.push([device.mutation('servicePoint', point, { name: '第二版' }, 1)]);
    await device.push([device.mutation('servicePoint', point, { name: '第三版' }, 2)]);
    clock.advance(400 * DAY);

    expect(
      (await runMaintenance(db, config({ changeLogRetentionDays: null }), clock.now())).compaction,
    ).toBeNull();
    expect(await count(db, 'change_log')).toBe(3);
    expect(
      (await runMaintenance(db, config({ changeLogRetentionDays: 500 }), clock.now())).compaction,
    ).toMatchObject({ rowsDeleted: 0 });

    const report = await runMaintenance(db, config({ changeLogRetentionDays: 365 }), clock.now());
    expect(report.compaction).toMatchObject({ rowsDeleted: 2, tombstonesPurged: 0 });
    expect(await count(db, 'change_log')).toBe(1); // the newest row of the record stays
  });

  it('deletes photos no record uses after UNUSED_PHOTOS_RETENTION_DAYS, and nothing a record or an open conflict may still want', async () => {
    const one = await TestDevice.signIn(app, 'officer1');
    const photo = (label: string) => {
      const bytes = Buffer.alloc(100, 0x20);
      bytes.set([0xff, 0xd8, 0xff, 0xe0]);
      bytes.write(label, 4);
      return { bytes, sha: createHash('sha256').update(bytes).digest('hex') };
    };
    const upload = async (device: TestDevice, p: { bytes: Buffer; sha: string }) => {
      const response = await app.inject({
        method: 'PUT',
        url: `/api/attachments/${p.sha}`,
        headers: { authorization: `Bearer ${device.token}`, 'content-type': 'image/jpeg' },
        payload: p.bytes,
      });
      expect(response.statusCode).toBe(201);
    };
    const [listed, never, removedLate, held, deletedPoint] = [
      '用着的',
      '从没用过',
      '刚被拿掉',
      '冲突里的',
      '删掉的点',
    ].map(photo);
    for (const p of [listed!, never!, removedLate!, held!, deletedPoint!]) await upload(one, p);
    const point = newId();
    await one.push([
      one.mutation(
        'servicePoint',
        point,
        servicePointFields(QIANDAOHU_VILLAGE, {
          photos: [listed!.sha, removedLate!.sha, held!.sha],
        }),
      ),
    ]);
    const gone = newId();
    await one.push([
      one.mutation(
        'servicePoint',
        gone,
        servicePointFields(QIANDAOHU_VILLAGE, { photos: [deletedPoint!.sha] }),
      ),
    ]);
    await one.push([one.mutation('servicePoint', gone, {}, 1, 'delete')]);

    clock.advance(40 * DAY);
    // Officer 1 takes one photo out; then officer 2, from the first version, takes out two:
    // officer 2 arrives later and wins, and officer 1's list — still holding `held` — waits in
    // the conflicts inbox. (New sign-ins: the sessions of 40 days ago have expired.)
    const oneAgain = await TestDevice.signIn(app, 'officer1');
    const twoAgain = await TestDevice.signIn(app, 'officer2');
    await oneAgain.push([
      oneAgain.mutation('servicePoint', point, { photos: [listed!.sha, held!.sha] }, 1),
    ]);
    await twoAgain.push([twoAgain.mutation('servicePoint', point, { photos: [listed!.sha] }, 1)]);

    const off = await runMaintenance(db, config({ unusedPhotosRetentionDays: null }), clock.now());
    expect(off.photos).toBeNull();
    expect(await count(db, 'attachments')).toBe(5);

    const report = await runMaintenance(db, config(), clock.now());
    // Uploaded 40 days ago and never listed: gone. Listed, held by a conflict, listed by a
    // deleted point (a coordinator may bring it back), taken out just now: kept.
    expect(report.photos).toEqual({ photosDeleted: 1, bytesFreed: 100 });
    const kept = await db.query<{ sha256: string }>('select sha256 from attachments');
    expect(kept.rows.map((r) => r.sha256).sort()).toEqual(
      [listed!.sha, removedLate!.sha, held!.sha, deletedPoint!.sha].sort(),
    );
    expect(
      await db.query('select 1 from attachment_uploads where sha256 = $1', [never!.sha]),
    ).toMatchObject({ rows: [] });

    // 31 days after they were taken out, `removedLate` goes too; `held` stays for the conflict.
    clock.advance(31 * DAY);
    expect((await runMaintenance(db, config(), clock.now())).photos).toEqual({
      photosDeleted: 1,
      bytesFreed: 100,
    });
    expect(
      await db.query('select 1 from attachments where sha256 = $1', [held!.sha]),
    ).toMatchObject({ rows: [{}] });
    const conflict = await db.query<{ id: number }>(
      'select id from conflicts where resolved_at is null',
    );
    expect(conflict.rows).toHaveLength(1);
    // Once the conflict is resolved (officer 2's list kept), its photo is unused like any other.
    await db.query('update conflicts set resolved_at = $1', [clock.now()]);
    expect((await runMaintenance(db, config(), clock.now())).photos).toEqual({
      photosDeleted: 1,
      bytesFreed: 100,
    });
    expect(await count(db, 'attachments')).toBe(2);
  });

  it('runs at start and on its interval, survives a failing run, and stops', async () => {
    let transactions = 0;
    let failNext = true;
    const counting: Db = {
      ...db,
      kind: db.kind,
      description: db.description,
      query: (sql, params) => db.query(sql, params),
      exec: (sql) => db.exec(sql),
      close: () => db.close(),
      transaction: (fn) => {
        transactions++;
        if (failNext) {
          failNext = false;
          return Promise.reject(new Error('database restarting'));
        }
        return db.transaction(fn);
      },
    };
    const log = { info: vi.fn(), error: vi.fn() };
    // Timers the test fires by hand: "runs on its interval" and "stops" are read from what is
    // pending, not waited out (and the database keeps its own, real timers).
    const pending = new Set<() => void>();
    const timers: MaintenanceTimers = {
      set(fn) {
        pending.add(fn);
        return { cancel: () => pending.delete(fn) };
      },
    };
    // The clock moves one interval per firing, so every firing finds its period's run due.
    let time = Date.parse('2026-03-01T06:00:00Z');
    const fire = () => {
      expect(pending.size).toBe(1);
      const [next] = pending;
      pending.delete(next!);
      time += 60_000;
      next!();
    };
    const maintenance = startMaintenance(
      counting,
      config({ intervalMs: 60_000, changeLogRetentionDays: null }),
      { log, timers, now: () => new Date(time) },
    );
    await maintenance.firstRun;
    expect(transactions).toBe(1); // the first run failed at its first transaction
    expect(log.error).toHaveBeenCalledOnce(); // logged, not thrown
    expect(pending.size).toBe(1); // and the next run is scheduled all the same
    // The interval comes: the second run; once it is done, the third is scheduled.
    fire();
    expect(transactions).toBeGreaterThan(1);
    await untilTrue(() => pending.size === 1);
    const afterSecond = transactions;
    fire();
    expect(transactions).toBeGreaterThan(afterSecond);
    await maintenance.stop(); // waits for the third run
    // Stopped: nothing is scheduled, so nothing more can run.
    expect(pending.size).toBe(0);
    expect(log.error).toHaveBeenCalledOnce();
    // The first run failed before it could claim; the second and third were claimed and ran.
    expect(await readMaintenanceRecord(db)).toMatchObject({
      runs: 2,
      startedAt: new Date(time).toISOString(),
      finishedAt: new Date(time).toISOString(),
      failed: false,
    });
  });

  it('two instances on one database: each period runs once, by whichever claims it first', async () => {
    // Two server instances: on PostgreSQL each has its own connection pool (as two processes
    // would); PGlite is one process, so both run in it on the one database.
    const other = backend.openAnother ? await backend.openAnother(db) : db;
    const device = await TestDevice.signIn(app, 'officer1');
    await device.push([]); // binds the device
    // One push answer past the retention: whichever instance runs first prunes it.
    await db.query(
      `insert into push_results (client_id, first_mutation_id, last_mutation_id, results,
                                 rejected_mutations, processed_at)
       values ($1, 1, 1, '{"applied": [], "rejected": []}', null, $2)`,
      [device.clientId, new Date(clock.time.getTime() - 200 * DAY)],
    );
    expect(await count(db, 'push_results')).toBe(1);
    const pending = new Map<string, () => void>();
    const timersOf = (name: string): MaintenanceTimers => ({
      set(fn) {
        pending.set(name, fn);
        return { cancel: () => pending.delete(name) };
      },
    });
    const logs = { a: { info: vi.fn(), error: vi.fn() }, b: { info: vi.fn(), error: vi.fn() } };
    const settings = config({ intervalMs: 3_600_000 });
    const now = () => clock.now();
    const a = startMaintenance(db, settings, {
      log: logs.a,
      now,
      timers: timersOf('a'),
      instance: 'a',
    });
    const b = startMaintenance(other, settings, {
      log: logs.b,
      now,
      timers: timersOf('b'),
      instance: 'b',
    });
    await Promise.all([a.firstRun, b.firstRun]);

    const first = await readMaintenanceRecord(db);
    expect(first).toMatchObject({ runs: 1, failed: false });
    expect(['a', 'b']).toContain(first!.by);
    // The job ran once: one instance pruned the old answer, the other found the run claimed.
    const said = [...logs.a.info.mock.calls, ...logs.b.info.mock.calls].map((call) => call[1]);
    expect(said.sort()).toEqual(
      [
        MAINTENANCE_SKIPPED,
        'maintenance: old push answers, change log and unused photos pruned',
      ].sort(),
    );
    expect(await count(db, 'push_results')).toBe(0);

    // Both wake within the same period (a quarter of an hour apart): still one run.
    const fireBoth = async () => {
      const fns = [...pending.values()];
      pending.clear();
      for (const fn of fns) fn();
      await untilTrue(() => pending.size === 2); // both rescheduled: both runs are over
    };
    clock.advance(15 * 60_000);
    await fireBoth();
    expect((await readMaintenanceRecord(db))?.runs).toBe(1);
    // The next period: one more run, not two.
    clock.advance(60 * 60_000);
    await fireBoth();
    expect((await readMaintenanceRecord(db))?.runs).toBe(2);
    clock.advance(60 * 60_000);
    await fireBoth();
    expect((await readMaintenanceRecord(db))?.runs).toBe(3);

    await Promise.all([a.stop(), b.stop()]);
    expect(logs.a.error).not.toHaveBeenCalled();
    expect(logs.b.error).not.toHaveBeenCalled();
  });

  it('a run whose instance died mid-way holds the period, and is taken over once stale', async () => {
    const startedAt = clock.now();
    expect(
      await claimMaintenanceRun(db, { now: startedAt, intervalMs: 3_600_000, by: 'dead' }),
    ).toBe(true);
    // Never finished. An hour later it is still "in progress": nobody runs over it…
    clock.advance(60 * 60_000);
    expect(
      await claimMaintenanceRun(db, { now: clock.now(), intervalMs: 3_600_000, by: 'alive' }),
    ).toBe(false);
    // …until three intervals have passed: then its instance is taken for dead.
    clock.advance(2 * 60 * 60_000);
    expect(
      await claimMaintenanceRun(db, { now: clock.now(), intervalMs: 3_600_000, by: 'alive' }),
    ).toBe(true);
    expect(await readMaintenanceRecord(db)).toMatchObject({ by: 'alive', runs: 2 });
  });
});

describe('maintenance settings', () => {
  it('reads the interval and retention periods from the environment', () => {
    expect(readServerConfig({}).maintenance).toEqual({
      intervalMs: 3_600_000,
      pushResultsRetentionDays: 180,
      changeLogRetentionDays: 365,
      unusedPhotosRetentionDays: 30,
      auditRetentionDays: 365,
    });
    expect(
      readServerConfig({
        MAINTENANCE_INTERVAL_MINUTES: '15',
        PUSH_RESULTS_RETENTION_DAYS: '90',
        CHANGE_LOG_RETENTION_DAYS: 'off',
        UNUSED_PHOTOS_RETENTION_DAYS: '60',
        AUDIT_RETENTION_DAYS: '730',
      }).maintenance,
    ).toEqual({
      intervalMs: 900_000,
      pushResultsRetentionDays: 90,
      changeLogRetentionDays: null,
      unusedPhotosRetentionDays: 60,
      auditRetentionDays: 730,
    });
    expect(
      readServerConfig({ UNUSED_PHOTOS_RETENTION_DAYS: 'off' }).maintenance
        ?.unusedPhotosRetentionDays,
    ).toBeNull();
    expect(
      readServerConfig({ MAINTENANCE_INTERVAL_MINUTES: 'off' }).maintenance?.intervalMs,
    ).toBeNull();
  });

  it('refuses periods too short for a phone that was offline for weeks', () => {
    expect(() => readServerConfig({ PUSH_RESULTS_RETENTION_DAYS: '7' })).toThrow(
      'PUSH_RESULTS_RETENTION_DAYS must be a whole number ≥ 30, not "7"',
    );
    expect(() => readServerConfig({ PUSH_RESULTS_RETENTION_DAYS: 'off' })).toThrow(/≥ 30/);
    expect(() => readServerConfig({ CHANGE_LOG_RETENTION_DAYS: '10' })).toThrow(/≥ 30 or off/);
    expect(() => readServerConfig({ UNUSED_PHOTOS_RETENTION_DAYS: '3' })).toThrow(
      /UNUSED_PHOTOS_RETENTION_DAYS must be a whole number ≥ 30 or off/,
    );
    expect(() => readServerConfig({ MAINTENANCE_INTERVAL_MINUTES: 'hourly' })).toThrow(
      /MAINTENANCE_INTERVAL_MINUTES/,
    );
  });
});
