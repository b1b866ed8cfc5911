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
  TestDevice,
  testBackends,
  useTestDatabase,
} from './test-support';

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
    });

    beforeEach(() => {
      db = database();
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
