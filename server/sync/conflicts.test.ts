/**
 * The conflicts inbox and the record history, on PGlite and (with TEST_DATABASE_URL)
 * PostgreSQL. Arrival order decides a conflict automatically, so the only protection for the
 * value that lost is that a coordinator can see it and put it back — through the same path as
 * any edit, so every device receives the restored value.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { newId } from '../../src/domain/common';
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
} from './test-support';

describe.each(testBackends('server/sync/conflicts.test.ts'))('conflicts on $kind', (backend) => {
  let db: Db;
  let app: FastifyInstance;

  const database = useTestDatabase(backend);

  beforeEach(async () => {
    db = database();
    await seedUser(db, 'officer1', 'officer', { level: 'township', code: QIANDAOHU });
    await seedUser(db, 'officer2', 'officer', { level: 'township', code: QIANDAOHU });
    await seedUser(db, 'coordinator', 'coordinator', { level: 'county', code: CHUNAN });
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
    expect((await (await as('tonglu'))('GET', '/api/conflicts')).json()).toEqual({ conflicts: [] });
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
    expect((await coordinator('GET', '/api/conflicts')).json()).toEqual({ conflicts: [] });
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
});
