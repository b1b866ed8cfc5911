/**
 * Whatever a broken or hostile client sends to push and pull — random JSON, near-valid bodies
 * with one thing wrong, wrong types, malformed JSON, oversized bodies, values nested thousands of
 * levels deep — the server answers with a 4xx and a message, or a valid protocol answer; never a
 * 500, and a 4xx stores nothing. What it keeps stays within bounds: only valid updates of a
 * deleted record in the conflicts inbox, refusals within the limits of kept-rejections.ts,
 * attendance only of trainees the writer may see (issue 11 §5–6). A property test with
 * fast-check over the request schemas, on PGlite and (with TEST_DATABASE_URL) PostgreSQL.
 */
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { attendanceId } from '../../src/domain/attendance';
import { ENTITY_NAMES } from '../../src/domain/entities';
import { newId } from '../../src/domain/common';
import { validateRecord } from '../../src/domain/entities';
import {
  MAX_MUTATION_VALUE_DEPTH,
  MAX_PUSH_BODY_BYTES,
  PROTOCOL_VERSION,
  pullResponseSchema,
  pushResponseSchema,
  SCHEMA_VERSION,
} from '../../src/domain/protocol';
import type { Db } from '../db';
import { KEEP_REJECTED_LIMITS } from './kept-rejections';
import {
  buildTestApp,
  CHUNAN,
  loginToken,
  QIANDAOHU,
  QIANDAOHU_VILLAGE,
  seedUser,
  servicePointFields,
  TestDevice,
  testBackends,
  TONGLU_VILLAGE,
  traineeFields,
  trainingSessionFields,
} from '../test-support/sync';

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
    // A device of its own for each test: the server answers a mutation id at or below the
    // device's last one as already done, so a test's ids (1,000,000…, 2,000,000…) would be old
    // news for a shared device once a later range had run (a shuffled order).
    let clientId = newId();
    beforeEach(() => {
      clientId = newId();
    });

    beforeAll(async () => {
      db = await backend.open();
      await seedUser(db, 'officer1', 'officer', { level: 'township', code: QIANDAOHU });
      await seedUser(db, 'trainer1', 'trainer', { level: 'county', code: CHUNAN });
      await seedUser(db, 'admin', 'admin', { level: 'prefecture', code: '3301' });
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

    it('answers mutations nested at any depth: a 400 naming it past the limit, never a 500', async () => {
      // Issue 11 §5: 3,000–10,000+ levels overflowed the stack. Built as text (JSON.stringify
      // would recurse), in the changes, in another field of the mutation, or as the mutation.
      let nextId = 2_000_000;
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.integer({ min: 1, max: MAX_MUTATION_VALUE_DEPTH + 2 }),
            fc.integer({ min: 3_000, max: 120_000 }),
          ),
          fc.constantFrom('object', 'list'),
          fc.constantFrom('field', 'changes', 'entity', 'mutation'),
          fc.nat({ max: 2 }),
          async (depth, kind, where, index) => {
            const deep =
              kind === 'object'
                ? '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)
                : '['.repeat(depth) + ']'.repeat(depth);
            const mutations: unknown[] = Array.from({ length: 3 }, () => ({
              mutationId: ++nextId,
              entity: 'servicePoint',
              recordId: newId(),
              op: 'upsert',
              changes: servicePointFields(QIANDAOHU_VILLAGE),
              baseVersion: 0,
            }));
            const target = mutations[index] as Record<string, unknown>;
            if (where === 'field')
              target.changes = { ...(target.changes as object), notes: '__DEEP__' };
            else if (where === 'mutation') mutations[index] = '__DEEP__';
            else target[where] = '__DEEP__';
            const body = JSON.stringify({
              protocolVersion: PROTOCOL_VERSION,
              schemaVersion: SCHEMA_VERSION,
              clientId,
              mutations,
            }).replace('"__DEEP__"', deep);
            if (body.length > MAX_PUSH_BODY_BYTES) return;
            const response = await send('/api/sync/push', body);
            // The depth of the mutation's deepest value: the deep text, plus changes for a field.
            const valueDepth =
              where === 'field' ? depth + 1 : where === 'mutation' ? depth - 1 : depth;
            if (valueDepth > MAX_MUTATION_VALUE_DEPTH) {
              expect(response.statusCode).toBe(400);
              expect(response.json().messages.en).toContain(`mutations[${index}]`);
            } else {
              // Within the limit: answered on its merits (a value that is no mutation at all
              // fails the envelope, with a 400 of its own).
              expect(response.statusCode).toBe(where === 'mutation' ? 400 : 200);
            }
          },
        ),
        { numRuns: 60 },
      );
    });

    it('keeps in the conflicts inbox only updates of a deleted record that are valid in every other respect', async () => {
      // Issue 11 §5: objects as notes, numbers as phones and a 2 MB name went into the inbox.
      const deletedId = newId();
      let nextId = 3_000_000;
      const push = (mutations: unknown[]) =>
        send(
          '/api/sync/push',
          JSON.stringify({
            protocolVersion: PROTOCOL_VERSION,
            schemaVersion: SCHEMA_VERSION,
            clientId,
            mutations,
          }),
        );
      const created = await push([
        {
          mutationId: ++nextId,
          entity: 'servicePoint',
          recordId: deletedId,
          op: 'upsert',
          changes: servicePointFields(QIANDAOHU_VILLAGE),
          baseVersion: 0,
        },
        {
          mutationId: ++nextId,
          entity: 'servicePoint',
          recordId: deletedId,
          op: 'delete',
          changes: {},
          baseVersion: 1,
        },
      ]);
      expect(created.statusCode).toBe(200);
      const { rows: last } = await db.query<{ data: Record<string, unknown> }>(
        'select data from records where id = $1',
        [deletedId],
      );
      await fc.assert(
        fc.asyncProperty(
          fc.dictionary(
            fc.constantFrom(
              'name',
              'notes',
              'operatorPhone',
              'status',
              'regionCode',
              'location',
              'services',
            ),
            fc.oneof(fieldValue, fc.constant('x'.repeat(200_000))),
            { minKeys: 1, maxKeys: 3 },
          ),
          async (changes) => {
            const response = await push([
              {
                mutationId: ++nextId,
                entity: 'servicePoint',
                recordId: deletedId,
                op: 'upsert',
                changes,
                baseVersion: 1,
              },
            ]);
            expect(response.statusCode).toBe(200);
          },
        ),
        {
          numRuns: 80,
          // Whatever the seed: one valid update (kept) and the issue's three (refused).
          examples: [
            [{ name: '  晚到的名字 ', notes: '补充' }],
            [{ notes: { html: '<b>x</b>' } }],
            [{ operatorPhone: 13812345678 }],
            [{ name: 'x'.repeat(200_000) }],
          ],
        },
      );
      const { rows } = await db.query<{ losing: Record<string, unknown> }>(
        `select losing_value -> 'value' as losing from conflicts
         where record_id = $1 and kind = 'deleted'`,
        [deletedId],
      );
      expect(rows.map((r) => r.losing)).toContainEqual({ name: '晚到的名字', notes: '补充' });
      for (const { losing } of rows) {
        const merged = { ...last[0]!.data, ...losing, deleted: false };
        expect(validateRecord('servicePoint', merged)).toMatchObject({ ok: true });
      }
    });

    it('keeps within the limits whatever is refused: each kept mutation ≤ 128 KiB, a batch ≤ 1 MiB, the user’s day ≤ 4 MiB', async () => {
      // Issue 11 §5: refused pushes were kept whole and forever (20 × 3.9 MB: 156 MB in 8 s).
      let nextId = 4_000_000;
      const notes = fc.oneof(
        fc.integer({ min: 1_001, max: 3_000 }),
        fc.integer({ min: 100_000, max: 140_000 }), // around the 128 KiB a mutation
        fc.constantFrom(20_000, 600_000),
      );
      await fc.assert(
        fc.asyncProperty(fc.array(notes, { minLength: 1, maxLength: 12 }), async (sizes) => {
          const mutations = sizes.map((size) => ({
            mutationId: ++nextId,
            entity: 'servicePoint',
            recordId: newId(),
            op: 'upsert',
            // Refused: notes hold at most 1,000 characters.
            changes: servicePointFields(QIANDAOHU_VILLAGE, { notes: '备'.repeat(size) }),
            baseVersion: 0,
          }));
          const body = JSON.stringify({
            protocolVersion: PROTOCOL_VERSION,
            schemaVersion: SCHEMA_VERSION,
            clientId,
            mutations,
          });
          if (Buffer.byteLength(body) > MAX_PUSH_BODY_BYTES) return;
          const response = await send('/api/sync/push', body);
          expect(response.statusCode).toBe(200);
          const { rows } = await db.query<{ bytes: number; kept: unknown[] | null }>(
            `select rejected_bytes as bytes, rejected_mutations as kept from push_results
             where client_id = $1 and last_mutation_id = $2`,
            [clientId, nextId],
          );
          const [row] = rows;
          // What was counted is what is kept, measured as the server measures it (JSON, UTF-8).
          const kept = (row!.kept ?? []).map((m) => Buffer.byteLength(JSON.stringify(m)));
          expect(kept.reduce((a, b) => a + b, 0)).toBe(row!.bytes);
          for (const size of kept)
            expect(size).toBeLessThanOrEqual(KEEP_REJECTED_LIMITS.mutationBytes);
          expect(row!.bytes).toBeLessThanOrEqual(KEEP_REJECTED_LIMITS.batchBytes);
          // Every answer still gives its reason; less than whole is said in words.
          const results = pushResponseSchema.parse(response.json()).results;
          const noted = results.filter((r) =>
            /kept only a summary|was not kept/.test(r.message!.en),
          );
          expect(results.every((r) => r.reason === 'invalid')).toBe(true);
          expect(kept.length).toBeGreaterThanOrEqual(results.length - noted.length);
        }),
        { numRuns: 25 },
      );
      const { rows } = await db.query<{ day: number }>(
        'select coalesce(sum(rejected_bytes), 0)::int as day from push_results',
      );
      expect(rows[0]!.day).toBeLessThanOrEqual(KEEP_REJECTED_LIMITS.userDayBytes);
    });

    it('signs in only trainees the writer may see, whatever ids and values a trainer sends', async () => {
      // Issue 11 §6: a county trainer could sign in a trainee of another county (or anyone).
      const trainer = await TestDevice.signIn(app, 'trainer1'); // 淳安县
      const admin = await TestDevice.signIn(app, 'admin');
      const session = newId();
      const [local, elsewhere, gone] = [newId(), newId(), newId()];
      await admin.push([
        admin.mutation('trainingSession', session, trainingSessionFields(QIANDAOHU)),
        admin.mutation('trainee', local, traineeFields(QIANDAOHU_VILLAGE)),
        admin.mutation('trainee', elsewhere, traineeFields(TONGLU_VILLAGE)),
        admin.mutation('trainee', gone, traineeFields(QIANDAOHU_VILLAGE)),
        admin.mutation('trainee', gone, {}, 1, 'delete'),
      ]);
      const seen = new Set<string>();
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom('local', 'elsewhere', 'gone', 'unknown', 'notAnId'),
          fc.constantFrom('known', 'unknown'),
          fc.constantFrom('present', 'absent', 'gone fishing'),
          async (who, where, status) => {
            const traineeId = { local, elsewhere, gone, unknown: newId(), notAnId: 'x'.repeat(36) }[
              who
            ];
            const sessionId = where === 'known' ? session : newId();
            const answer = await trainer.push([
              trainer.mutation('attendance', attendanceId(sessionId, traineeId), {
                sessionId,
                traineeId,
                status,
                checkedInAt: status === 'absent' ? null : '2026-03-10T01:02:03.000Z',
              }),
            ]);
            const expected =
              who === 'notAnId' || status === 'gone fishing'
                ? 'invalid'
                : where === 'unknown' || who === 'gone' || who === 'unknown'
                  ? 'notFound'
                  : who === 'elsewhere'
                    ? 'scopeDenied'
                    : 'applied';
            const result = answer.results[0]!;
            expect(result.reason ?? result.status).toBe(expected);
            seen.add(expected);
          },
        ),
        {
          numRuns: 40,
          // Whatever the seed, every outcome at least once.
          examples: [
            ['local', 'known', 'present'],
            ['elsewhere', 'known', 'present'],
            ['gone', 'known', 'absent'],
            ['notAnId', 'known', 'present'],
          ],
        },
      );
      expect([...seen]).toEqual(
        expect.arrayContaining(['invalid', 'notFound', 'scopeDenied', 'applied']),
      );
      // Only trainees of the area were ever signed in.
      const { rows } = await db.query<{ trainee: string }>(
        `select distinct data ->> 'traineeId' as trainee from records where entity = 'attendance'`,
      );
      expect(rows.map((r) => r.trainee)).toEqual([local]);
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

/**
 * Every route with an id in its path (or a cursor in its query) reads that id before any query:
 * a value PostgreSQL cannot cast — 36 dashes for a uuid, a NUL byte, a number past bigint — once
 * reached the database and came back as a 500 ("try again later"), for a request that fails the
 * same way every time. Now: 400 `invalid` in both languages when the id is malformed, 404 when it
 * is well formed but names nothing the user may see.
 */
describe.each(testBackends('server/sync/fuzz.test.ts'))('ids in paths on $kind', (backend) => {
  let db: Db;
  let app: FastifyInstance;
  let token: string;

  beforeAll(async () => {
    db = await backend.open();
    await seedUser(db, 'admin', 'admin', { level: 'prefecture', code: '3301' });
    app = await buildTestApp(db);
    token = await loginToken(app, 'admin');
  });

  afterAll(async () => {
    await app.close();
    await backend.close(db);
  });

  /** Each route, with an id put into its path (already URL-encoded) and a valid body. */
  const routes: {
    method: 'GET' | 'POST' | 'PATCH' | 'PUT';
    url: (id: string) => string;
    payload?: object;
  }[] = [
    { method: 'GET', url: (id) => `/api/records/servicePoint/${id}/history` },
    { method: 'GET', url: (id) => `/api/records/${id}/${newId()}/history` },
    { method: 'PATCH', url: (id) => `/api/users/${id}`, payload: { displayName: '王' } },
    { method: 'POST', url: (id) => `/api/conflicts/${id}/resolve`, payload: { restore: 'loser' } },
    { method: 'POST', url: (id) => `/api/duplicates/${id}/dismiss`, payload: {} },
    {
      method: 'POST',
      url: (id) => `/api/duplicates/${id}/merge`,
      payload: { keep: newId(), take: [], versions: {} },
    },
    { method: 'GET', url: (id) => `/api/attachments/${id}` },
    { method: 'GET', url: (id) => `/api/conflicts?after=${id}` },
    { method: 'GET', url: (id) => `/api/conflicts?limit=${id}` },
    { method: 'GET', url: (id) => `/api/duplicates?after=${id}` },
    { method: 'GET', url: (id) => `/api/duplicates?point=${id}` },
  ];

  async function call(route: (typeof routes)[number], id: string) {
    const before = await snapshot(db);
    const response = await app.inject({
      method: route.method,
      url: route.url(id),
      headers: { authorization: `Bearer ${token}` },
      ...(route.payload ? { payload: route.payload } : {}),
    });
    expect(response.statusCode, `${route.method} ${route.url(id)}: ${response.body}`).toBeLessThan(
      500,
    );
    expect(await snapshot(db)).toBe(before);
    return response;
  }

  it('answers the ids that once reached the database with 400 and a message in both languages', async () => {
    const malformed = [
      '-'.repeat(36), // the issue's case: passes a [0-9a-f-]{36} test, fails the uuid cast
      'a'.repeat(36),
      `${newId().toUpperCase()}`,
      '%00',
      'a%00b',
      '99999999999999999999',
      '-1',
      '0',
      '1e3',
      '%201',
      '%E4%B8%AD%E6%96%87',
    ];
    for (const id of malformed) {
      // The routes that take a uuid or a row number; the property below covers all of them.
      for (const route of [routes[0]!, routes[2]!, routes[3]!, routes[4]!, routes[10]!]) {
        const response = await call(route, id);
        expect(response.statusCode, `${route.url(id)}`).toBe(400);
        expect(response.json()).toMatchObject({
          error: 'invalid',
          messages: { 'zh-CN': expect.any(String), en: expect.any(String) },
        });
      }
    }
    // Well formed, but nothing there: 404, as before.
    expect((await call(routes[0]!, newId())).statusCode).toBe(404);
    expect((await call(routes[2]!, newId())).statusCode).toBe(404);
    expect((await call(routes[3]!, '12345')).statusCode).toBe(404);
    expect((await call(routes[4]!, '12345')).statusCode).toBe(404);
  });

  it('never answers a 500 whatever is put where an id goes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        fc.oneof(
          fc.string({ maxLength: 80, unit: 'binary' }),
          fc.uuid(),
          fc.stringMatching(/^[0-9a-f-]{36}$/),
          fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map(String),
          fc.base64String({ maxLength: 40 }),
        ),
        async (route, raw) => {
          // Lone surrogates cannot be put in a URL at all; everything else goes, encoded.
          let id: string;
          try {
            id = encodeURIComponent(raw);
          } catch {
            return;
          }
          const response = await call(route, id);
          if (response.statusCode >= 400) {
            const body = response.json() as { error: string; message: string };
            expect(typeof body.error).toBe('string');
            expect(body.message.length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
