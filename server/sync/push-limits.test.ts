/**
 * What one device may make the server hold or walk, on PGlite and (with TEST_DATABASE_URL)
 * PostgreSQL. Found by fuzzing the API (issue 11 §5): a mutation nested thousands of levels deep
 * overflowed the stack (a 500 for the whole batch, which the device then retried forever), and
 * every refused mutation was kept whole, forever — twenty 3.9 MB pushes by one officer added
 * 156 MB in seconds. The limits below are the protocol's (docs/PROTOCOL.md "Limits"); the tests
 * use the real figures, so they also prove the figures hold what a real app sends.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../src/domain/common';
import {
  MAX_MUTATION_VALUE_DEPTH,
  PROTOCOL_VERSION,
  SCHEMA_VERSION,
} from '../../src/domain/protocol';
import type { Db } from '../db';
import {
  buildTestApp,
  QIANDAOHU,
  QIANDAOHU_VILLAGE,
  seedUser,
  servicePointFields,
  TestClock,
  TestDevice,
  testBackends,
  useTestDatabase,
} from '../test-support/sync';

async function count(db: Db, table: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(`select count(*)::int as n from ${table}`);
  return rows[0]!.n;
}

/** JSON text nested `depth` levels deep (objects or lists), built as text: no recursion anywhere. */
export function nestedJson(depth: number, kind: 'object' | 'list' = 'object'): string {
  return kind === 'object'
    ? '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)
    : '['.repeat(depth) + ']'.repeat(depth);
}

/** A push body as text with `"__DEEP__"` replaced by `deep` (JSON.stringify would recurse). */
function withDeepValue(body: unknown, deep: string): string {
  const text = JSON.stringify(body);
  expect(text).toContain('"__DEEP__"');
  return text.replace('"__DEEP__"', deep);
}

describe.each(testBackends('server/sync/push-limits.test.ts'))(
  'push limits on $kind',
  (backend) => {
    let db: Db;
    const database = useTestDatabase(backend, async (db) => {
      await seedUser(db, 'officer1', 'officer', { level: 'township', code: QIANDAOHU });
      await seedUser(db, 'officer2', 'officer', { level: 'township', code: QIANDAOHU });
    });

    beforeEach(() => {
      db = database();
    });

    describe('what refusals leave on the server', () => {
      /** A create refused as invalid (notes hold at most 1,000 characters) of about `bytes`. */
      const refused = (device: TestDevice, bytes: number) =>
        device.mutation(
          'servicePoint',
          newId(),
          servicePointFields(QIANDAOHU_VILLAGE, { notes: 'x'.repeat(bytes) }),
        );

      async function kept(clientId?: string) {
        const { rows } = await db.query<{
          rejected: Record<string, unknown>[] | null;
          bytes: number;
          text: number;
        }>(
          `select rejected_mutations as rejected, rejected_bytes as bytes,
                  coalesce(octet_length(rejected_mutations::text), 0) as text
           from push_results ${clientId ? 'where client_id = $1' : ''}
           order by processed_at, last_mutation_id`,
          clientId ? [clientId] : [],
        );
        return rows;
      }

      it('keeps a refusal of the largest record any schema allows whole, and says nothing more', async () => {
        const app = await buildTestApp(db);
        const device = await TestDevice.signIn(app, 'officer1');
        // An officer may not write pilots (roleDenied): a valid record refused whole. Every
        // field at its longest, in Chinese (3 bytes a character).
        const cjk = (n: number) => '镇'.repeat(n);
        const pilot = {
          townshipCode: QIANDAOHU,
          year: 2026,
          status: 'proposed',
          statusHistory: Array.from({ length: 100 }, () => ({
            status: 'proposed',
            date: '2026-03-01',
            note: cjk(200),
          })),
          milestones: Array.from({ length: 50 }, (_, i) => ({
            id: String(i).padStart(40, 'm'),
            title: cjk(80),
            done: false,
            doneOn: null,
          })),
          notes: cjk(2000),
          photos: Array.from({ length: 20 }, (_, i) => String(i).padStart(64, 'a')),
        };
        const mutation = device.mutation('pilotTown', newId(), pilot);
        expect(JSON.stringify(mutation).length * 3).toBeGreaterThan(85_000);
        const answer = await device.push([mutation]);
        expect(answer.results[0]).toMatchObject({ reason: 'roleDenied' });
        expect(answer.results[0]?.message?.en).not.toContain('kept');
        const [row] = await kept();
        expect(row?.rejected).toEqual([mutation]);
        expect(row?.bytes).toBeGreaterThan(85_000);
        await app.close();
      });

      it('keeps a refusal over 128 KB as a summary of at most 2 KB, and the answer says so', async () => {
        const app = await buildTestApp(db);
        const device = await TestDevice.signIn(app, 'officer1');
        const big = refused(device, 3_900_000);
        const answer = await device.push([big]);
        expect(answer.results[0]).toMatchObject({
          status: 'rejected',
          reason: 'invalid',
          message: {
            'zh-CN': expect.stringContaining('服务器只保存了这条修改的摘要：它超过 128 KB'),
            en: expect.stringContaining('The server kept only a summary of this change'),
          },
        });
        expect(answer.results[0]?.message?.['zh-CN']).toMatch(/^备注：最多 1000 个字。/);
        const [row] = await kept();
        expect(row?.bytes).toBeLessThanOrEqual(2048);
        expect(row?.rejected).toEqual([
          {
            summary: { bytes: expect.any(Number), why: 'tooLarge' },
            mutationId: big.mutationId,
            entity: 'servicePoint',
            recordId: big.recordId,
            op: 'upsert',
            baseVersion: 0,
            changes: {
              ...servicePointFields(QIANDAOHU_VILLAGE),
              notes: { truncated: true, bytes: 3_900_002, start: `"${'x'.repeat(119)}` },
            },
          },
        ]);
        expect((row?.rejected?.[0]?.summary as { bytes: number }).bytes).toBeGreaterThan(3_900_000);
        await app.close();
      });

      it('twenty refused pushes of 3.9 MB by one officer leave a few KB, not 156 MB', async () => {
        const app = await buildTestApp(db);
        const device = await TestDevice.signIn(app, 'officer1');
        for (let i = 0; i < 20; i++) {
          const answer = await device.push([refused(device, 3_900_000)]);
          expect(answer.results[0]?.reason).toBe('invalid');
        }
        const rows = await kept();
        expect(rows).toHaveLength(20);
        const { rows: total } = await db.query<{ n: number }>(
          `select sum(octet_length(results::text) + coalesce(octet_length(rejected_mutations::text), 0))::int as n
           from push_results`,
        );
        expect(total[0]!.n).toBeLessThan(20 * 3 * 1024);
        await app.close();
        // 78 MB of JSON parsed and refused: on a busy 2-core machine this takes over 30 s.
      }, 120_000);

      it('keeps at most 1 MB of one batch: whole, then summaries, then nothing — each answer says which', async () => {
        const app = await buildTestApp(db);
        const device = await TestDevice.signIn(app, 'officer1');
        const mutations = [
          ...Array.from({ length: 10 }, () => refused(device, 102_000)),
          ...Array.from({ length: 30 }, () => refused(device, 20_000)),
        ];
        const answer = await device.push(mutations);
        expect(answer.results.every((r) => r.reason === 'invalid')).toBe(true);
        const said = answer.results.map((r) =>
          r.message!.en.includes('kept only a summary')
            ? 'summary'
            : r.message!.en.includes('was not kept')
              ? 'nothing'
              : 'whole',
        );
        expect(said.slice(0, 10)).toEqual(Array(10).fill('whole'));
        // In order: whole, then summaries, then nothing.
        expect(said.join(' ')).toMatch(/^(whole )+(summary )+(nothing ?)+$/);
        answer.results.forEach((result, i) => {
          if (said[i] === 'whole') return;
          expect(result.message!.en).toContain('the 1 MB one batch may keep');
          expect(result.message!['zh-CN']).toContain('这一批被拒修改可保存的 1 MB 已用完');
        });
        const [row] = await kept();
        expect(row!.bytes).toBeLessThanOrEqual(1024 * 1024);
        expect(row!.rejected).toHaveLength(said.filter((s) => s !== 'nothing').length);
        expect(row!.rejected!.map((m) => m.mutationId)).toEqual(
          mutations.slice(0, row!.rejected!.length).map((m) => m.mutationId),
        );
        await app.close();
      });

      it('keeps at most 4 MB a user in 24 hours, across devices; the answers say so, a retry gets the same, the next day starts afresh', async () => {
        const clock = new TestClock();
        const app = await buildTestApp(db, clock);
        const phone = await TestDevice.signIn(app, 'officer1');
        const tablet = await TestDevice.signIn(app, 'officer1');
        const colleague = await TestDevice.signIn(app, 'officer2');
        const batch = (device: TestDevice) =>
          Array.from({ length: 10 }, () => refused(device, 102_000));
        // Four batches of ≈ 1 MB from two devices: all whole.
        for (const device of [phone, tablet, phone, tablet]) {
          const answer = await device.push(batch(device));
          expect(answer.results.every((r) => !r.message!.en.includes('kept'))).toBe(true);
          clock.advance(60_000);
        }
        // The fifth fills the day's figure to the byte: one refusal of exactly what is left is
        // kept whole, the next not at all.
        const left = 4 * 1024 * 1024 - (await kept()).reduce((sum, row) => sum + row.bytes, 0);
        const filler = refused(phone, 0);
        const size = Buffer.byteLength(JSON.stringify(filler));
        filler.changes.notes = 'x'.repeat(left - size);
        const fifth = await phone.push([filler, refused(phone, 2_000)]);
        expect(fifth.results[0]!.message!.en).not.toContain('kept');
        expect(fifth.results[1]!.message).toMatchObject({
          'zh-CN': expect.stringContaining('你 24 小时内被拒修改可保存的 4 MB 已用完'),
          en: expect.stringContaining('per user in 24 hours is used up'),
        });
        // The sixth keeps nothing at all, and every answer says it in words.
        const sixthBody = tablet.pushBody(batch(tablet));
        const sixth = await tablet.push(sixthBody.mutations);
        for (const result of sixth.results) {
          expect(result.reason).toBe('invalid');
          expect(result.message!['zh-CN']).toContain('服务器没有保存这条修改的内容');
          expect(result.message!['zh-CN']).toContain('内容只保存在本机');
          expect(result.message!.en).toContain(
            'What this change carried was not kept on the server',
          );
        }
        expect((await kept(tablet.clientId)).at(-1)).toMatchObject({ rejected: null, bytes: 0 });
        const used = (await kept()).reduce((sum, row) => sum + row.bytes, 0);
        expect(used).toBe(4 * 1024 * 1024);
        // A retried push (the answer was lost) gets the same answers.
        expect((await tablet.rawPush(sixthBody)).json()).toEqual(sixth);
        // Another user has a figure of their own.
        const theirs = await colleague.push([refused(colleague, 50_000)]);
        expect(theirs.results[0]?.message?.en).not.toContain('kept');
        // A day later the officer's refusals are kept whole again.
        clock.advance(24 * 60 * 60_000);
        const nextDay = await phone.push([refused(phone, 50_000)]);
        expect(nextDay.results[0]?.message?.en).not.toContain('kept');
        expect((await kept(phone.clientId)).at(-1)?.rejected).toHaveLength(1);
        await app.close();
      });

      it('two devices of one user pushing at once (two server instances) stay within the day together', async () => {
        // On PostgreSQL the batches really overlap, and only the per-user lock keeps them from
        // both seeing the same allowance left; PGlite runs them one after the other anyway.
        const other = backend.openAnother ? await backend.openAnother(db) : db;
        const app1 = await buildTestApp(db);
        const app2 = await buildTestApp(other);
        const phone = await TestDevice.signIn(app1, 'officer1');
        const tablet = await TestDevice.signIn(app2, 'officer1');
        for (let i = 0; i < 3; i++) {
          await phone.push(Array.from({ length: 10 }, () => refused(phone, 102_000)));
        }
        // ≈ 1.07 MB left; each device sends ≈ 1 MB.
        await Promise.all(
          [phone, tablet].map((d) => d.push(Array.from({ length: 10 }, () => refused(d, 102_000)))),
        );
        const used = (await kept()).reduce((sum, row) => sum + row.bytes, 0);
        expect(used).toBeLessThanOrEqual(4 * 1024 * 1024);
        await app1.close();
        await app2.close();
        if (other !== db) await other.close();
      });
    });

    describe('nesting', () => {
      async function pushText(device: TestDevice, payload: string) {
        return device.app.inject({
          method: 'POST',
          url: '/api/sync/push',
          headers: {
            authorization: `Bearer ${device.token}`,
            'content-type': 'application/json',
          },
          payload,
        });
      }

      it.each([
        [3_000, 'object'],
        [10_000, 'object'],
        [100_000, 'list'],
        [MAX_MUTATION_VALUE_DEPTH, 'object'], // changes → notes: one level more than allowed
      ] as const)(
        'refuses a batch whose mutation nests %i levels (%s) with a 400 naming it; nothing applied',
        async (depth, kind) => {
          const app = await buildTestApp(db);
          const device = await TestDevice.signIn(app, 'officer1');
          const good = newId();
          const body = device.pushBody([
            device.mutation('servicePoint', good, servicePointFields(QIANDAOHU_VILLAGE)),
            device.mutation('servicePoint', newId(), {
              ...servicePointFields(QIANDAOHU_VILLAGE),
              notes: '__DEEP__',
            }),
          ]);
          const response = await pushText(device, withDeepValue(body, nestedJson(depth, kind)));
          expect(response.statusCode).toBe(400);
          expect(response.json()).toMatchObject({
            error: 'badRequest',
            messages: {
              'zh-CN': expect.stringContaining('第 2 条修改（编号 2）'),
              en: expect.stringContaining('mutations[1], mutationId 2'),
            },
          });
          expect(response.json().messages.en).toContain(`deeper than ${MAX_MUTATION_VALUE_DEPTH}`);
          for (const table of ['records', 'change_log', 'push_results', 'clients']) {
            expect(await count(db, table), table).toBe(0);
          }
          // The device's id was not used up: the same ids, without the deep value, apply.
          const retried = await device.push([
            body.mutations[0]!,
            { ...body.mutations[1]!, changes: servicePointFields(QIANDAOHU_VILLAGE) },
          ]);
          expect(retried.results.map((r) => r.status)).toEqual(['applied', 'applied']);
          await app.close();
        },
      );

      it('accepts values nested up to the limit (and rejects them on their merits)', async () => {
        const app = await buildTestApp(db);
        const device = await TestDevice.signIn(app, 'officer1');
        const body = device.pushBody([
          device.mutation('servicePoint', newId(), {
            ...servicePointFields(QIANDAOHU_VILLAGE),
            notes: '__DEEP__',
          }),
        ]);
        // changes is level 1, so notes may hold 15 more.
        const response = await pushText(
          device,
          withDeepValue(body, nestedJson(MAX_MUTATION_VALUE_DEPTH - 1)),
        );
        expect(response.statusCode).toBe(200);
        expect(response.json()).toMatchObject({
          results: [{ mutationId: 1, status: 'rejected', reason: 'invalid' }],
        });
        await app.close();
      });

      it('names a deep mutation that is not even an object, and deep values outside changes', async () => {
        const app = await buildTestApp(db);
        const device = await TestDevice.signIn(app, 'officer1');
        const asElement = `{"protocolVersion":${PROTOCOL_VERSION},"schemaVersion":${SCHEMA_VERSION},"clientId":"${device.clientId}","mutations":[${nestedJson(50_000, 'list')}]}`;
        const element = await pushText(device, asElement);
        expect(element.statusCode).toBe(400);
        expect(element.json().messages.en).toContain('mutations[0], mutationId ?');
        const inEntity = withDeepValue(
          device.pushBody([
            { ...device.mutation('servicePoint', newId(), {}), entity: '__DEEP__' as never },
          ]),
          nestedJson(20_000),
        );
        expect((await pushText(device, inEntity)).statusCode).toBe(400);
        expect(await count(db, 'push_results')).toBe(0);
        await app.close();
      });

      it('parses a body nested a million levels outside the mutations (within 4 MiB) without failing', async () => {
        const app = await buildTestApp(db);
        const device = await TestDevice.signIn(app, 'officer1');
        // An unknown envelope key is ignored by the envelope's schema; JSON.parse and Fastify's
        // prototype-poisoning scan are iterative, so nothing overflows.
        const body = withDeepValue(
          { ...device.pushBody([]), extra: '__DEEP__' },
          nestedJson(1_000_000, 'list'),
        );
        expect(body.length).toBeGreaterThan(2_000_000);
        const response = await pushText(device, body);
        expect(response.statusCode).toBe(200);
        expect(response.json()).toEqual({ results: [], lastMutationId: 0 });
        // And one that also trips the scan (a "constructor" key): the same.
        const scanned = withDeepValue(
          { ...device.pushBody([]), extra: '__DEEP__', constructor: 1 },
          nestedJson(100_000),
        );
        expect((await pushText(device, scanned)).statusCode).toBe(200);
        await app.close();
      });
    });
  },
);
