/**
 * The conflicts inbox and the record history, on PGlite and (with TEST_DATABASE_URL)
 * PostgreSQL. Arrival order decides a conflict automatically, so the only protection for the
 * value that lost is that a coordinator can see it and put it back — through the same path as
 * any edit, so every device receives the restored value.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { newId } from '../../src/domain/common';
import {
  LISTED_VALUE_PREVIEW_CHARS,
  MAX_INBOX_PAGE,
  MAX_LISTED_VALUE_BYTES,
} from '../../src/domain/inboxes';
import type { Db } from '../db';
import type { ConflictView } from './conflicts';
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
  TONGLU,
  useTestDatabase,
} from '../test-support/sync';

describe.each(testBackends('server/sync/conflicts.test.ts'))('conflicts on $kind', (backend) => {
  let db: Db;
  let app: FastifyInstance;

  const database = useTestDatabase(backend);

  beforeEach(async () => {
    db = database();
    await seedUser(db, 'officer1', 'officer', { level: 'township', code: QIANDAOHU });
    await seedUser(db, 'officer2', 'officer', { level: 'township', code: QIANDAOHU });
    await seedUser(db, 'coordinator', 'coordinator', { level: 'county', code: CHUNAN });
    await seedUser(db, 'coordinator2', 'coordinator', { level: 'county', code: CHUNAN });
    await seedUser(db, 'tonglu', 'coordinator', { level: 'county', code: TONGLU });
    app = await buildTestApp(db);
  });

  afterEach(async () => {
    await app.close();
  });

  async function as(username: string) {
    const token = await loginToken(app, username);
    return (method: 'GET' | 'POST', url: string, payload?: object) =>
      app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${token}` },
        ...(payload ? { payload } : {}),
      });
  }

  /** Two officers rename the same point offline: B's name wins, A's is kept. */
  async function makeConflict() {
    const a = await TestDevice.signIn(app, 'officer1');
    const b = await TestDevice.signIn(app, 'officer2');
    const id = newId();
    await a.push([a.mutation('servicePoint', id, servicePointFields(QIANDAOHU_VILLAGE))]);
    await a.push([a.mutation('servicePoint', id, { name: 'A 起的名字' }, 1)]);
    await b.push([b.mutation('servicePoint', id, { name: 'B 起的名字' }, 1)]);
    return { a, b, id };
  }

  it('lists a conflict with both values, who and when, to the coordinator of the area only', async () => {
    const { a, id } = await makeConflict();
    const coordinator = await as('coordinator');
    const listed = await coordinator('GET', '/api/conflicts');
    expect(listed.statusCode).toBe(200);
    const conflicts = listed.json().conflicts as ConflictView[];
    expect(conflicts).toEqual([
      expect.objectContaining({
        entity: 'servicePoint',
        recordId: id,
        kind: 'field',
        field: 'name',
        winningValue: 'B 起的名字',
        losingValue: 'A 起的名字',
        winner: { username: 'officer2', displayName: 'officer2 (test)', version: 3 },
        loser: expect.objectContaining({
          username: 'officer1',
          clientId: a.clientId,
          mutationId: 2,
          version: 2,
        }),
        recordDeleted: false,
      }),
    ]);
    expect((await (await as('tonglu'))('GET', '/api/conflicts')).json()).toEqual({
      conflicts: [],
      next: null,
      total: 0,
    });
    const officer = await (await as('officer1'))('GET', '/api/conflicts');
    expect(officer.statusCode).toBe(403);
  });

  it('restores the losing value as a new change that every device receives, once', async () => {
    const { a, id } = await makeConflict();
    const coordinator = await as('coordinator');
    const [conflict] = (await coordinator('GET', '/api/conflicts')).json()
      .conflicts as ConflictView[];
    const resolved = await coordinator('POST', `/api/conflicts/${conflict!.id}/resolve`, {
      restore: 'loser',
    });
    expect(resolved.statusCode).toBe(200);
    expect(resolved.json()).toMatchObject({ version: 4 });
    await a.pullAll();
    expect(a.data('servicePoint', id)).toMatchObject({
      name: 'A 起的名字',
      version: 4,
      updatedBy: 'coordinator',
    });
    expect((await coordinator('GET', '/api/conflicts')).json()).toMatchObject({
      conflicts: [],
      total: 0,
    });
    const twice = await coordinator('POST', `/api/conflicts/${conflict!.id}/resolve`, {
      restore: 'winner',
    });
    expect(twice.statusCode).toBe(409);
    expect(await db.query('select 1 from conflicts')).toMatchObject({ rowCount: 1 }); // no new conflict

    const history = await coordinator('GET', `/api/records/servicePoint/${id}/history`);
    expect(
      history
        .json()
        .history.map(
          (h: { version: number; op: string; fields: string[]; user: { username: string } }) => [
            h.version,
            h.op,
            h.fields,
            h.user.username,
          ],
        ),
    ).toEqual([
      [1, 'create', [], 'officer1'],
      [2, 'update', ['name'], 'officer1'],
      [3, 'update', ['name'], 'officer2'],
      [4, 'update', ['name'], 'coordinator'],
    ]);
    expect(
      (await (await as('tonglu'))('GET', `/api/records/servicePoint/${id}/history`)).statusCode,
    ).toBe(404);
  });

  it('brings back an update that lost to a delete, when asked', async () => {
    const a = await TestDevice.signIn(app, 'officer1');
    const b = await TestDevice.signIn(app, 'officer2');
    const id = newId();
    await a.push([a.mutation('servicePoint', id, servicePointFields(QIANDAOHU_VILLAGE))]);
    await a.push([a.mutation('servicePoint', id, {}, 1, 'delete')]);
    await b.push([b.mutation('servicePoint', id, { notes: '删不掉的备注' }, 1)]);
    const coordinator = await as('coordinator');
    const [conflict] = (await coordinator('GET', '/api/conflicts')).json()
      .conflicts as ConflictView[];
    expect(conflict).toMatchObject({
      kind: 'deleted',
      field: null,
      losingValue: { notes: '删不掉的备注' },
      recordDeleted: true,
    });
    const resolved = await coordinator('POST', `/api/conflicts/${conflict!.id}/resolve`, {
      restore: 'loser',
    });
    expect(resolved.statusCode).toBe(200);
    await b.pullAll();
    expect(b.data('servicePoint', id)).toMatchObject({
      notes: '删不掉的备注',
      deleted: false,
      version: 3,
    });
  });

  it('refuses bad resolve requests', async () => {
    const coordinator = await as('coordinator');
    expect(
      (await coordinator('POST', '/api/conflicts/999/resolve', { restore: 'loser' })).statusCode,
    ).toBe(404);
    expect(
      (await coordinator('POST', '/api/conflicts/abc/resolve', { restore: 'loser' })).statusCode,
    ).toBe(400);
    expect(
      (await coordinator('POST', '/api/conflicts/1/resolve', { restore: 'both' })).statusCode,
    ).toBe(400);
    expect((await coordinator('GET', '/api/records/spaceship/x/history')).statusCode).toBe(404);
  });

  /** `n` conflicts on `n` points: officer2 renames each after officer1 did, from version 1. */
  async function makeConflicts(n: number): Promise<string[]> {
    const a = await TestDevice.signIn(app, 'officer1');
    const b = await TestDevice.signIn(app, 'officer2');
    const ids = Array.from({ length: n }, () => newId());
    await a.push(
      ids.map((id) => a.mutation('servicePoint', id, servicePointFields(QIANDAOHU_VILLAGE))),
    );
    await a.push(ids.map((id, i) => a.mutation('servicePoint', id, { name: `A 的名字 ${i}` }, 1)));
    await b.push(ids.map((id, i) => b.mutation('servicePoint', id, { name: `B 的名字 ${i}` }, 1)));
    return ids;
  }

  interface Page {
    conflicts: ConflictView[];
    next: string | null;
    total: number;
  }

  it('pages the inbox: at most `limit`, `next` until the last page, the total; a resolved item never makes a page skip one', async () => {
    const ids = await makeConflicts(7);
    const coordinator = await as('coordinator');
    const first = (await coordinator('GET', '/api/conflicts?limit=3')).json() as Page;
    expect(first.conflicts.map((c) => c.recordId)).toEqual(ids.slice(0, 3));
    expect(first.total).toBe(7);
    expect(first.next).toEqual(expect.any(String));

    // Two of the first page are resolved before the next page is asked for.
    for (const conflict of first.conflicts.slice(0, 2)) {
      const resolved = await coordinator('POST', `/api/conflicts/${conflict.id}/resolve`, {
        restore: 'winner',
      });
      expect(resolved.statusCode).toBe(200);
    }
    const second = (
      await coordinator('GET', `/api/conflicts?limit=3&after=${first.next}`)
    ).json() as Page;
    expect(second.conflicts.map((c) => c.recordId)).toEqual(ids.slice(3, 6));
    expect(second.total).toBe(5);
    const last = (
      await coordinator('GET', `/api/conflicts?limit=3&after=${second.next}`)
    ).json() as Page;
    expect(last.conflicts.map((c) => c.recordId)).toEqual(ids.slice(6));
    expect(last.next).toBeNull();

    // Without parameters: the first DEFAULT_INBOX_PAGE, in the shape older apps read.
    const all = (await coordinator('GET', '/api/conflicts')).json() as Page;
    expect(all.conflicts).toHaveLength(5);
    expect(all.next).toBeNull();

    // Another county sees none of them, and counts none.
    expect((await (await as('tonglu'))('GET', '/api/conflicts')).json()).toEqual({
      conflicts: [],
      next: null,
      total: 0,
    });

    for (const bad of [
      'limit=0',
      `limit=${MAX_INBOX_PAGE + 1}`,
      'limit=x',
      'after=abc',
      'after=',
    ]) {
      const response = await coordinator('GET', `/api/conflicts?${bad}`);
      expect(response.statusCode, bad).toBe(400);
      expect(response.json().messages['zh-CN']).toEqual(expect.any(String));
    }
  });

  it('lists a 2 MB value as its start and its size, and keeps the answer small', async () => {
    const [id] = await makeConflicts(1);
    // What 60 pushes of junk left in a coordinator's inbox (before updates of deleted records
    // were validated): a losing value of 2 MB. Written as such rows were.
    const junk = '垃'.repeat(700_000);
    const { rows } = await db.query<{ id: number }>(
      `insert into conflicts (entity, record_id, kind, field, winning_value, losing_value,
                              created_at)
       select entity, record_id, 'deleted', null, '{"value": null}', $1::jsonb, created_at
       from conflicts where record_id = $2 returning id`,
      [JSON.stringify({ value: { name: junk, notes: { deep: [1, 2, 3] } } }), id],
    );
    const coordinator = await as('coordinator');
    const response = await coordinator('GET', '/api/conflicts');
    expect(response.body.length).toBeLessThan(20_000);
    const page = response.json() as Page;
    const listed = page.conflicts.find((c) => c.id === rows[0]!.id)!;
    expect(listed.truncated).toEqual({ losingValue: expect.any(Number) });
    expect(listed.truncated!.losingValue).toBeGreaterThan(2_000_000);
    expect(listed.losingValue).toMatch(/^\{"name": "垃垃垃/);
    expect(String(listed.losingValue)).toHaveLength(LISTED_VALUE_PREVIEW_CHARS + 1);
    expect(String(listed.losingValue).endsWith('…')).toBe(true);
    // The ordinary conflict beside it is whole and says nothing of truncation.
    const whole = page.conflicts.find((c) => c.id !== rows[0]!.id)!;
    expect(whole.losingValue).toBe('A 的名字 0');
    expect(whole).not.toHaveProperty('truncated');
  });

  it('lists a valid whole record over the cap cut, and restores it whole', async () => {
    const a = await TestDevice.signIn(app, 'coordinator');
    const b = await TestDevice.signIn(app, 'coordinator2');
    const id = newId();
    const pilot = {
      townshipCode: QIANDAOHU,
      year: 2026,
      status: 'proposed',
      statusHistory: [{ status: 'proposed', date: '2026-03-01' }],
      milestones: [],
      notes: '',
      photos: [],
    };
    expect((await a.push([a.mutation('pilotTown', id, pilot)])).results[0]!.status).toBe('applied');
    await b.push([b.mutation('pilotTown', id, {}, 1, 'delete')]);
    // 50 milestones of 80 characters: a valid pilot of about 15 KB, edited on a phone that had
    // not heard of the delete.
    const milestones = Array.from({ length: 50 }, (_, i) => ({
      id: `m${i}`,
      title: `第${i}项`.padEnd(80, '验'),
      done: false,
      doneOn: null,
    }));
    const late = await a.push([a.mutation('pilotTown', id, { milestones }, 1)]);
    expect(late.results[0]).toMatchObject({ status: 'rejected', reason: 'deleted' });

    const coordinator = await as('coordinator');
    const [listed] = ((await coordinator('GET', '/api/conflicts')).json() as Page).conflicts;
    expect(listed).toMatchObject({ kind: 'deleted', recordId: id });
    expect(listed!.truncated!.losingValue).toBeGreaterThan(MAX_LISTED_VALUE_BYTES);
    expect(typeof listed!.losingValue).toBe('string');

    const restored = await coordinator('POST', `/api/conflicts/${listed!.id}/resolve`, {
      restore: 'loser',
    });
    expect(restored.statusCode).toBe(200);
    await b.pullAll();
    expect(b.data('pilotTown', id)).toMatchObject({ deleted: false, milestones });
  });
});
