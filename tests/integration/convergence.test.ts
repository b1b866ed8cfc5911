/**
 * Convergence, as a property: whatever several phones do — create, edit and delete the same
 * service points, drop offline and back at random, lose requests and answers, receive duplicates,
 * wait on a slow network, sync in the background while the user keeps typing — once the network
 * is good and every phone has synced, every phone shows exactly what the server holds, and every
 * change anyone made was either applied by the server or refused with a reason that the phone
 * kept. This is the promise "nothing typed silently disappears" checked over many histories
 * (fast-check shrinks a failing one to the smallest sequence that breaks it).
 *
 * Every history starts a few transaction ids below a digit boundary of the ids (1,000 or
 * 10,000), and may jump to just below the next one at any step, so its writes cross them while
 * phones hold unsynced state: a pull that once sorted ids as text skipped records exactly there
 * while this test, always running below 1,000, stayed green (issue 11).
 */
import 'fake-indexeddb/auto';
import { Blob, File } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { burnTransactionIdsTo, currentTransactionId } from '../../server/test-support/databases';
import { deleteRecord, RecordNotFound, saveRecord } from '../../src/actions';
import { listOutbox, listRecords, listRejected, type CundianDb } from '../../src/db';
import type { Scope } from '../../src/domain/protocol';
import { newServicePointFields } from '../../src/domain/servicePoint';
import {
  COUNTY,
  createDevice,
  logIn,
  startTestServer,
  TOWNSHIP_A,
  VILLAGE_A,
  VILLAGE_A2,
  VILLAGE_B,
  type Device,
} from './harness';

Object.assign(globalThis, { Blob, File });

type FaultMode = 'none' | 'lossy' | 'duplicating' | 'slow';

type Command =
  | { kind: 'create'; device: number; name: number; village: 0 | 1 | 2 }
  | {
      kind: 'edit';
      device: number;
      pick: number;
      field: 'name' | 'notes' | 'operatorName';
      value: number;
    }
  | { kind: 'delete'; device: number; pick: number }
  | { kind: 'online'; device: number; online: boolean }
  | { kind: 'faults'; device: number; mode: FaultMode }
  | { kind: 'sync'; device: number; background: boolean }
  /** Everyone syncs: records spread to every phone, so later edits collide. */
  | { kind: 'syncAll' }
  /** The server's transaction ids jump to just below the next digit boundary (9,999 → 10,000). */
  | { kind: 'approachBoundary' };

/** Two officers of one township and their county's coordinator, one phone each. */
const DEVICES = 3;
const USERS = ['officer', 'officer2', 'coordinator'];
const ROLES_OF_DEVICES = ['officer', 'officer', 'coordinator'] as const;
const SCOPES: Scope[] = [
  { level: 'township', code: TOWNSHIP_A },
  { level: 'township', code: TOWNSHIP_A },
  { level: 'county', code: COUNTY },
];
const device = fc.integer({ min: 0, max: DEVICES - 1 });
const command: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('create' as const),
      device,
      name: fc.nat(99),
      // Mostly inside the officers' township; sometimes in another one, where officers may not
      // write (the server refuses with scopeDenied) but the county coordinator may.
      village: fc.constantFrom<0 | 1 | 2>(0, 0, 1, 1, 2),
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('edit' as const),
      device,
      pick: fc.nat(20),
      field: fc.constantFrom('name' as const, 'notes' as const, 'operatorName' as const),
      value: fc.nat(99),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('delete' as const), device, pick: fc.nat(20) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('online' as const), device, online: fc.boolean() }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('faults' as const),
      device,
      mode: fc.constantFrom<FaultMode>('none', 'lossy', 'duplicating', 'slow'),
    }),
  },
  {
    weight: 6,
    arbitrary: fc.record({ kind: fc.constant('sync' as const), device, background: fc.boolean() }),
  },
  { weight: 2, arbitrary: fc.constant({ kind: 'syncAll' as const }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'approachBoundary' as const }) },
);

/** A small seeded PRNG, so a failing history replays with the same network faults. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function applyFaultMode(d: Device, mode: FaultMode, random: () => number) {
  d.network.delayMs = mode === 'slow' ? () => Math.floor(random() * 4) : undefined;
  d.network.fault =
    mode === 'lossy'
      ? () => {
          const r = random();
          return r < 0.2 ? 'dropRequest' : r < 0.4 ? 'dropResponse' : 'ok';
        }
      : mode === 'duplicating'
        ? () => (random() < 0.5 ? 'duplicate' : 'ok')
        : undefined;
}

/** What a device shows of a point, compared with the server's row. */
function visible(row: Record<string, unknown>) {
  return {
    id: row.id,
    version: row.version,
    name: row.name,
    notes: row.notes,
    operatorName: row.operatorName,
    regionCode: row.regionCode,
  };
}

async function livePoints(db: CundianDb) {
  const rows = await listRecords('servicePoint', db);
  return rows
    .map((r) => visible(r as unknown as Record<string, unknown>))
    .sort((a, b) => String(a.id).localeCompare(String(b.id)));
}

/** Where a history starts: this many transaction ids below a digit boundary of the ids. */
const start = fc.record({
  boundary: fc.constantFrom(1_000n, 10_000n),
  below: fc.integer({ min: 1, max: 3 }),
});

describe('convergence of several devices through the real server', () => {
  it('ends with every device equal to the server and every change applied or refused with a reason', async () => {
    let crossed = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(command, { minLength: 10, maxLength: 40 }),
        fc.nat(),
        start,
        async (commands, seed, { boundary, below }) => {
          const random = prng(seed);
          const server = await startTestServer();
          const devices: Device[] = [];
          const made = new Map<Device, Set<number>>();
          const background: Promise<unknown>[] = [];
          try {
            for (let i = 0; i < DEVICES; i++) {
              await server.createUser(USERS[i]!, ROLES_OF_DEVICES[i]!, SCOPES[i]!);
            }
            for (let i = 0; i < DEVICES; i++) {
              const d = createDevice(server, `conv${i}`, {
                pullLimit: 4,
                pushBatchSize: 3,
                random,
              });
              devices.push(d);
              made.set(d, new Set());
              await logIn(d, USERS[i]!);
            }
            // Accounts and sign-ins done: the history's own writes start near the boundary.
            await burnTransactionIdsTo(server.db, boundary - BigInt(below));

            for (const c of commands) {
              if (c.kind === 'syncAll') {
                for (const each of devices) await each.engine.sync('manual');
                continue;
              }
              if (c.kind === 'approachBoundary') {
                // (Asking takes an id, and so does the burn's own question: hence + 2.)
                const now = await currentTransactionId(server.db);
                const next = 10n ** BigInt((now + 2n).toString().length);
                if (next <= 100_000n) await burnTransactionIdsTo(server.db, next - 1n);
                continue;
              }
              const d = devices[c.device]!;
              const mine = made.get(d)!;
              const live = await listRecords('servicePoint', d.db);
              const target =
                live.length > 0 ? live[('pick' in c ? c.pick : 0) % live.length] : undefined;
              try {
                switch (c.kind) {
                  case 'create': {
                    const fields = {
                      ...newServicePointFields('2026-03-01'),
                      regionCode: [VILLAGE_A, VILLAGE_A2, VILLAGE_B][c.village]!,
                      name: `服务点${c.name}`,
                    };
                    const { mutationId } = await saveRecord('servicePoint', null, fields, d.db);
                    if (mutationId !== null) mine.add(mutationId);
                    break;
                  }
                  case 'edit': {
                    if (!target) break;
                    const value = c.field === 'name' ? `改名${c.value}` : `${c.field}${c.value}`;
                    const { mutationId } = await saveRecord(
                      'servicePoint',
                      target.id,
                      { [c.field]: value },
                      d.db,
                    );
                    if (mutationId !== null) mine.add(mutationId);
                    break;
                  }
                  case 'delete': {
                    if (!target) break;
                    const { mutationId } = await deleteRecord('servicePoint', target.id, d.db);
                    if (mutationId !== null) mine.add(mutationId);
                    break;
                  }
                  case 'online':
                    d.network.online = c.online;
                    break;
                  case 'faults':
                    applyFaultMode(d, c.mode, random);
                    break;
                  case 'sync':
                    if (c.background) background.push(d.engine.sync('timer'));
                    else await d.engine.sync('manual');
                    break;
                }
              } catch (error) {
                // A sync pulled a delete while the user was about to edit: the action refuses.
                if (!(error instanceof RecordNotFound)) throw error;
              }
            }

            // Quiet period: good network everywhere, everyone syncs until nothing moves.
            await Promise.allSettled(background);
            for (const d of devices) {
              d.network.online = true;
              applyFaultMode(d, 'none', random);
            }
            for (let round = 0; round < 3; round++) {
              for (const d of devices) expect(await d.engine.sync('manual')).toBe('synced');
            }

            const { rows } = await server.db.query<{ data: Record<string, unknown> }>(
              `select data from records where entity = 'servicePoint' and not deleted order by id`,
            );
            const onServer = rows
              .map((r) => visible(r.data))
              .sort((a, b) => String(a.id).localeCompare(String(b.id)));
            const { rows: span } = await server.db.query<{ crossed: boolean }>(
              `select bool_or(xid < $1::text::xid8) and bool_or(xid >= $1::text::xid8) as crossed
               from change_log`,
              [boundary.toString()],
            );
            if (span[0]?.crossed) crossed += 1;

            for (const [i, d] of devices.entries()) {
              expect(await listOutbox(d.db)).toEqual([]);
              // Each device holds exactly the server's points in its user's area.
              const area = SCOPES[i]!.code;
              expect(await livePoints(d.db)).toEqual(
                onServer.filter((p) => String(p.regionCode).startsWith(area)),
              );

              // Every change made on this device was answered by the server, and each refusal
              // is kept on the device with the server's reason.
              const rejectedHere = new Map(
                (await listRejected(d.db)).map((r) => [r.mutationId, r]),
              );
              for (const mutationId of made.get(d)!) {
                const verdict = d.verdicts.get(mutationId);
                expect(verdict, `mutation ${mutationId} of ${d.name} was answered`).toBeDefined();
                if (verdict!.status === 'rejected') {
                  expect(verdict!.reason).toBeTruthy();
                  expect(rejectedHere.get(mutationId)?.reason).toBe(verdict!.reason);
                } else {
                  expect(verdict!.status).toBe('applied');
                  expect(rejectedHere.has(mutationId)).toBe(false);
                }
              }
            }
          } finally {
            await Promise.allSettled(background);
            for (const d of devices) await d.close();
            await server.close();
          }
        },
      ),
      // Modest: each run starts a server and three phones (≈ 1.5 s on an idle machine). Bounded by
      // count, not by time: a time limit made the property fail on a loaded machine with nothing
      // wrong (sixth session), and a test never passes or fails on time. A failure is shrunk
      // within the test's own generous timeout below.
      {
        numRuns: 12,
        // One history that surely writes on both sides of 1,000 (three phones creating and
        // syncing one after another from 999), whatever the random ones do.
        examples: [
          [
            [
              { kind: 'create', device: 0, name: 1, village: 0 },
              { kind: 'sync', device: 0, background: false },
              { kind: 'create', device: 1, name: 2, village: 0 },
              { kind: 'edit', device: 1, pick: 0, field: 'notes', value: 3 },
              { kind: 'sync', device: 1, background: false },
              { kind: 'create', device: 2, name: 4, village: 1 },
              { kind: 'sync', device: 2, background: false },
              { kind: 'syncAll' },
              { kind: 'edit', device: 2, pick: 1, field: 'name', value: 5 },
              { kind: 'syncAll' },
            ],
            1,
            { boundary: 1_000n, below: 1 },
          ],
        ],
      },
    );
    // The histories did write on both sides of a boundary (else the start is mis-set).
    expect(crossed).toBeGreaterThan(0);
  }, 600_000);
});
