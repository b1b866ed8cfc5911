/**
 * Whatever a broken or hostile client sends to push and pull — random JSON, near-valid bodies
 * with one thing wrong, wrong types, malformed JSON, oversized bodies — the server answers with
 * a 4xx and a message, or a valid protocol answer; never a 500, and a 4xx stores nothing. A
 * property test with fast-check over the request schemas, on PGlite and (with
 * TEST_DATABASE_URL) PostgreSQL.
 */
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTITY_NAMES } from '../../src/domain/entities';
import { newId } from '../../src/domain/common';
import {
  MAX_PUSH_BODY_BYTES,
  PROTOCOL_VERSION,
  pullResponseSchema,
  pushResponseSchema,
  SCHEMA_VERSION,
} from '../../src/domain/protocol';
import type { Db } from '../db';
import {
  buildTestApp,
  loginToken,
  QIANDAOHU,
  QIANDAOHU_VILLAGE,
  seedUser,
  servicePointFields,
  testBackends,
} from './test-support';

const TABLES = ['records', 'change_log', 'conflicts', 'push_results', 'clients'];

async function snapshot(db: Db): Promise<string> {
  const counts = await db.query<Record<string, number>>(
    `select ${TABLES.map((t) => `(select count(*)::int from ${t}) as ${t}`).join(', ')},
            (select coalesce(max(last_mutation_id), 0)::int from clients) as last_id`,
  );
  return JSON.stringify(counts.rows[0]);
}

/** Anything JSON, from scalars to deep objects. */
const anyJson = fc.jsonValue({ maxDepth: 4 });

/** A value for one field: right type or wrong, edge cases included. */
const fieldValue = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(
    QIANDAOHU_VILLAGE,
    '13812345678',
    '2026-03-01',
    'planned',
    'village',
    '<script>alert(1)</script>',
    '\u0000',
    'a\ud800b',
    '\udc00',
  ),
  fc.array(fc.string({ maxLength: 8 }), { maxLength: 3 }),
  anyJson,
);

/** Mostly the valid choice, sometimes anything else. */
function mostly<T>(valid: fc.Arbitrary<T>, other: fc.Arbitrary<unknown>) {
  return fc.oneof({ arbitrary: valid, weight: 5 }, { arbitrary: other, weight: 1 });
}

/** Near-valid mutations: right keys, values sometimes wrong. */
const mutation = fc.record({
  mutationId: mostly(
    fc.integer({ min: 1, max: 1_000_000 }),
    fc.oneof(fc.constantFrom(0, -1, 2 ** 53), fc.double(), fc.string()),
  ),
  entity: mostly(
    fc.constantFrom('servicePoint', 'agriShop'),
    fc.oneof(fc.constantFrom(...ENTITY_NAMES), fc.string({ maxLength: 12 })),
  ),
  recordId: mostly(fc.uuid({ version: 7 }), fc.string({ maxLength: 40 })),
  op: mostly(fc.constantFrom('upsert', 'delete'), fc.string({ maxLength: 8 })),
  changes: fc.oneof(
    { arbitrary: fc.constant(servicePointFields(QIANDAOHU_VILLAGE)), weight: 3 },
    fc.dictionary(
      fc.constantFrom(
        'name',
        'regionCode',
        'status',
        'tier',
        'notes',
        'phone',
        'x',
        '__proto__',
        'version',
      ),
      fieldValue,
      { maxKeys: 5 },
    ),
    fc.constant(servicePointFields(QIANDAOHU_VILLAGE)),
    fc
      .record({ notes: fieldValue, operatorPhone: fieldValue })
      .map((extra) => ({ ...servicePointFields(QIANDAOHU_VILLAGE), ...extra })),
    anyJson,
  ),
  baseVersion: mostly(
    fc.nat({ max: 3 }),
    fc.oneof(fc.integer({ min: -3, max: -1 }), fc.constant(2 ** 60), fc.string()),
  ),
});

describe.each(testBackends('server/sync/fuzz.test.ts'))(
  'push and pull fuzz on $kind',
  (backend) => {
    let db: Db;
    let app: FastifyInstance;
    let token: string;
    const clientId = newId();

    beforeAll(async () => {
      db = await backend.open();
      await seedUser(db, 'officer1', 'officer', { level: 'township', code: QIANDAOHU });
      app = await buildTestApp(db);
      token = await loginToken(app, 'officer1');
    });

    afterAll(async () => {
      await app.close();
      await backend.close(db);
    });

    async function send(url: string, payload: string) {
      const before = await snapshot(db);
      const response = await app.inject({
        method: 'POST',
        url,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        payload,
      });
      expect(response.statusCode, `${response.body} for ${payload.slice(0, 2000)}`).toBeLessThan(
        500,
      );
      if (response.statusCode >= 400) {
        const body = response.json() as { error: string; message: string };
        expect(typeof body.error).toBe('string');
        expect(body.message.length).toBeGreaterThan(0);
        expect(await snapshot(db)).toBe(before); // nothing stored
      }
      return response;
    }

    it('answers random JSON bodies with a 4xx and stores nothing', async () => {
      await fc.assert(
        fc.asyncProperty(
          anyJson,
          fc.constantFrom('/api/sync/push', '/api/sync/pull'),
          async (body, url) => {
            const response = await send(url, JSON.stringify(body));
            expect(response.statusCode).toBeGreaterThanOrEqual(400);
          },
        ),
        { numRuns: 100 },
      );
    });

    it('answers near-valid pushes with a 4xx or a valid answer, one result per mutation', async () => {
      let nextId = 1_000_000;
      const statuses = new Set<string>();
      await fc.assert(
        fc.asyncProperty(
          fc.array(mutation, { maxLength: 6 }),
          fc.record({
            protocolVersion: mostly(
              fc.constant(PROTOCOL_VERSION),
              fc.oneof(fc.integer({ min: -1, max: 3 }), fc.string()),
            ),
            schemaVersion: mostly(fc.constant(SCHEMA_VERSION), fc.integer({ min: -1, max: 3 })),
            clientId: mostly(fc.constant(clientId), fc.string({ maxLength: 40 })),
          }),
          fc.boolean(),
          async (mutations, envelope, increasingIds) => {
            // Half the time, ids the server has not seen (so the mutations really run).
            const sent = increasingIds
              ? mutations.map((m) => ({ ...m, mutationId: ++nextId }))
              : mutations;
            const response = await send(
              '/api/sync/push',
              JSON.stringify({ ...envelope, mutations: sent }),
            );
            if (response.statusCode === 200) {
              const answer = pushResponseSchema.parse(response.json());
              expect(answer.results.map((r) => r.mutationId)).toEqual(
                sent.map((m) => m.mutationId),
              );
              for (const result of answer.results) {
                statuses.add(result.reason ?? result.status);
                if (result.status === 'rejected') expect(result.reason).toBeDefined();
              }
            }
          },
        ),
        { numRuns: 200 },
      );
      // And, whatever the seed, one batch known to reach every stage.
      const known = await send(
        '/api/sync/push',
        JSON.stringify({
          protocolVersion: PROTOCOL_VERSION,
          schemaVersion: SCHEMA_VERSION,
          clientId,
          mutations: [
            {
              mutationId: ++nextId,
              entity: 'servicePoint',
              recordId: newId(),
              op: 'upsert',
              changes: servicePointFields(QIANDAOHU_VILLAGE),
              baseVersion: 0,
            },
            {
              mutationId: ++nextId,
              entity: 'servicePoint',
              recordId: newId(),
              op: 'upsert',
              changes: { ...servicePointFields(QIANDAOHU_VILLAGE), operatorPhone: '1' },
              baseVersion: 0,
            },
            {
              mutationId: ++nextId,
              entity: 'servicePoint',
              recordId: 'nope',
              op: 'upsert',
              changes: {},
              baseVersion: 0,
            },
          ],
        }),
      );
      for (const result of pushResponseSchema.parse(known.json()).results) {
        statuses.add(result.reason ?? result.status);
      }
      // The generator reaches every stage: applied, invalid after merging, malformed.
      expect([...statuses]).toEqual(expect.arrayContaining(['applied', 'invalid', 'badRequest']));
    });

    it('answers near-valid pulls with a 4xx or a valid answer', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.record({
            protocolVersion: fc.oneof(
              fc.constant(PROTOCOL_VERSION),
              fc.integer({ min: -1, max: 3 }),
            ),
            schemaVersion: fc.constant(SCHEMA_VERSION),
            clientId: fc.oneof(
              fc.constant(clientId),
              fc.uuid({ version: 4 }),
              fc.string({ maxLength: 40 }),
            ),
            cursor: fc.oneof(
              fc.constant(null),
              fc.string({ maxLength: 60 }),
              fc.base64String({ maxLength: 80 }),
              fc.integer(),
            ),
            limit: fc.oneof(
              fc.integer({ min: -5, max: 6000 }),
              fc.constant(undefined),
              fc.double(),
            ),
          }),
          async (body) => {
            const response = await send('/api/sync/pull', JSON.stringify(body));
            if (response.statusCode === 200) pullResponseSchema.parse(response.json());
          },
        ),
        { numRuns: 100 },
      );
    });

    it('refuses malformed JSON, wrong content types and oversized bodies', async () => {
      for (const payload of ['{', '{"mutations": [}', 'null', '"text"', '[]', '\u0000']) {
        const response = await send('/api/sync/push', payload);
        expect(response.statusCode).toBeGreaterThanOrEqual(400);
      }
      const before = await snapshot(db);
      const plain = await app.inject({
        method: 'POST',
        url: '/api/sync/push',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain' },
        payload: 'hello',
      });
      expect(plain.statusCode).toBe(400); // parsed as text, then refused: no version fields
      const huge = JSON.stringify({
        protocolVersion: PROTOCOL_VERSION,
        schemaVersion: SCHEMA_VERSION,
        clientId,
        mutations: [
          {
            mutationId: 1,
            entity: 'servicePoint',
            recordId: newId(),
            op: 'upsert',
            changes: { notes: 'x'.repeat(MAX_PUSH_BODY_BYTES) },
            baseVersion: 0,
          },
        ],
      });
      const tooLarge = await send('/api/sync/push', huge);
      expect(tooLarge.statusCode).toBe(413);
      expect(tooLarge.json()).toMatchObject({ error: 'tooLarge' });
      const bigPull = await send('/api/sync/pull', JSON.stringify({ cursor: 'x'.repeat(20_000) }));
      expect(bigPull.statusCode).toBe(413);
      expect(await snapshot(db)).toBe(before);
    });
  },
);
