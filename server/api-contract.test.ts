/**
 * The API's contract (src/domain/api, issue 15 item 3): every route the app calls exists on the
 * server; the server's real answer of each (over app.inject, on PGlite and — with
 * TEST_DATABASE_URL — PostgreSQL) parses with the route's answer schema; and a request the
 * route's schema refuses is refused by the server with 400 `invalid`. A server change that breaks
 * a shape the app reads fails here, not on a phone.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  API_ROUTES,
  auditCsvRoute,
  auditRoute,
  changePasswordRoute,
  conflictsRoute,
  countyTableRoute,
  createUserRoute,
  digestRoute,
  dismissDuplicateRoute,
  downloadAttachmentRoute,
  duplicatesRoute,
  healthRoute,
  historyRoute,
  lockSettingsRoute,
  loginRoute,
  logoutRoute,
  markDeviceLostRoute,
  meRoute,
  mergeDuplicateRoute,
  myDevicesRoute,
  passwordStatusRoute,
  pullRoute,
  pushRoute,
  queryString,
  repairRoute,
  rescueRoute,
  resolveConflictRoute,
  routePath,
  signOutDeviceRoute,
  updateUserRoute,
  uploadAttachmentRoute,
  userDevicesRoute,
  userRescuedRoute,
  usersRoute,
  type ApiRoute,
} from '../src/domain/api';
import { newId } from '../src/domain/common';
import { errorResponseSchema, PROTOCOL_VERSION, SCHEMA_VERSION } from '../src/domain/protocol';
import type { Db } from './db';
import {
  buildTestApp,
  CHUNAN,
  loginToken,
  QIANDAOHU,
  QIANDAOHU_VILLAGE,
  seedUser,
  servicePointFields,
  TEST_PASSWORD,
  TestDevice,
  testBackends,
  useTestDatabase,
  type TestUser,
} from './test-support/sync';

interface Call {
  params?: Record<string, string>;
  query?: Record<string, string | number>;
  body?: unknown;
  token?: string;
  headers?: Record<string, string>;
  payload?: Buffer;
}

describe.each(testBackends('server/api-contract.test.ts'))(
  'the API contract on $kind',
  (backend) => {
    let db: Db;
    let app: FastifyInstance;
    let officer: TestUser;
    const database = useTestDatabase(backend);
    /** The routes whose answer was checked against its schema in this test. */
    const checked = new Set<ApiRoute>();

    beforeEach(async () => {
      db = database();
      officer = await seedUser(db, 'officer1', 'officer', { level: 'township', code: QIANDAOHU });
      await seedUser(db, 'officer2', 'officer', { level: 'township', code: QIANDAOHU });
      await seedUser(db, 'coordinator', 'coordinator', { level: 'county', code: CHUNAN });
      await seedUser(db, 'admin', 'admin', { level: 'prefecture', code: '3301' });
      app = await buildTestApp(db);
    });

    afterEach(async () => {
      await app.close();
    });

    // Every route of the API had its answer checked by the tests above, in whatever order they
    // ran (a test of its own depended on running last). Checked once all of them ran and passed:
    // a run of only some of them (-t), or one that failed, says nothing about coverage.
    // (vitest reads a hook's first parameter as its fixtures: an object pattern, here empty.)
    // eslint-disable-next-line no-empty-pattern
    afterAll(({}, suite) => {
      const all = suite.tasks.every((task) => task.mode === 'run' && task.result?.state === 'pass');
      if (!all) return;
      const missed = API_ROUTES.filter((route) => !checked.has(route)).map((r) => r.path);
      expect(missed, 'routes no test of this file checked').toEqual([]);
    });

    function send(route: ApiRoute, call: Call = {}) {
      const headers: Record<string, string> = { ...call.headers };
      if (call.token) headers.authorization = `Bearer ${call.token}`;
      const options: InjectOptions = {
        method: route.method,
        url: routePath(route.path, call.params) + queryString(call.query),
        headers,
      };
      if (call.payload) options.payload = call.payload;
      else if (call.body !== undefined) options.payload = call.body as object;
      return app.inject(options);
    }

    /** Calls the route and parses the server's answer with the route's own answer schema. */
    async function answer(route: ApiRoute, call: Call = {}): Promise<unknown> {
      const response = await send(route, call);
      const expected = route.status ?? 200;
      expect(response.statusCode, `${route.method} ${route.path}: ${response.body}`).toBe(expected);
      checked.add(route);
      if (!route.answer) return undefined;
      const parsed = route.answer.safeParse(response.json());
      expect(parsed.error, `${route.method} ${route.path}`).toBeUndefined();
      return parsed.data;
    }

    /** The schema refuses `bad`, and so does the server: 400, in the error shape. */
    async function refused(route: ApiRoute, part: 'body' | 'query', bad: unknown, call: Call = {}) {
      const schema = route[part];
      expect(schema, `${route.path} has a ${part} schema`).toBeDefined();
      expect(schema!.safeParse(bad).success, `${route.path} ${part} schema refuses it`).toBe(false);
      const response = await send(
        route,
        part === 'body' ? { ...call, body: bad } : { ...call, query: bad as Call['query'] },
      );
      expect(response.statusCode, `${route.method} ${route.path}: ${response.body}`).toBe(400);
      const error = errorResponseSchema.parse(response.json());
      // 'invalid' on most routes; the sync protocol's own name for it on push and pull.
      expect(['invalid', 'badRequest']).toContain(error.error);
    }

    const envelope = (clientId: string) => ({
      protocolVersion: PROTOCOL_VERSION,
      schemaVersion: SCHEMA_VERSION,
      clientId,
    });

    it('every route of src/domain/api is served, and nothing answers a route it does not list', async () => {
      for (const route of API_ROUTES) {
        expect(app.hasRoute({ method: route.method, url: route.path }), route.path).toBe(true);
      }
      expect(new Set(API_ROUTES.map((r) => `${r.method} ${r.path}`)).size).toBe(API_ROUTES.length);
    });

    it('accounts, password, lock and devices answer in their schemas; bad requests are 400', async () => {
      await answer(healthRoute);
      await answer(loginRoute, { body: { username: 'officer1', password: TEST_PASSWORD } });
      await refused(loginRoute, 'body', { username: 42, password: 'x' });

      const admin = await loginToken(app, 'admin');
      const device = await TestDevice.signIn(app, 'officer1');
      const other = await TestDevice.signIn(app, 'officer1');
      await device.pull();
      await other.pull();
      await answer(meRoute, { token: device.token });
      await answer(passwordStatusRoute, { token: device.token });
      await answer(lockSettingsRoute, { token: device.token });
      await refused(changePasswordRoute, 'body', { oldPassword: TEST_PASSWORD }, { token: admin });

      await answer(usersRoute, { token: admin });
      const created = (await answer(createUserRoute, {
        token: admin,
        body: {
          username: 'newofficer',
          displayName: '新来的',
          role: 'officer',
          scope: { level: 'township', code: QIANDAOHU },
          password: 'Xk3!vq9#Lm2@pw',
        },
      })) as { user: { id: string } };
      await refused(createUserRoute, 'body', { username: 'x' }, { token: admin });
      await answer(updateUserRoute, {
        token: admin,
        params: { id: created.user.id },
        body: { displayName: '改了名字' },
      });
      await refused(
        updateUserRoute,
        'body',
        { nickname: 'x' },
        {
          token: admin,
          params: { id: created.user.id },
        },
      );
      const signedIn = (await answer(loginRoute, {
        body: { username: 'newofficer', password: 'Xk3!vq9#Lm2@pw' },
      })) as { token: string };
      const newToken = signedIn.token;
      await answer(changePasswordRoute, {
        token: newToken,
        body: { oldPassword: 'Xk3!vq9#Lm2@pw', newPassword: 'Pq8$wz4&Rt6*ab' },
      });

      await answer(myDevicesRoute, { token: device.token });
      await answer(signOutDeviceRoute, {
        token: device.token,
        params: { clientId: other.clientId },
      });
      await answer(userDevicesRoute, { token: admin, params: { id: officer.id } });
      await answer(markDeviceLostRoute, {
        token: admin,
        params: { id: officer.id, clientId: device.clientId },
      });
      // The lost phone hands in what it holds and learns it must wipe.
      const mutation = device.mutation(
        'servicePoint',
        newId(),
        servicePointFields(QIANDAOHU_VILLAGE),
      );
      await refused(rescueRoute, 'body', { mutations: 'none' }, { token: device.token });
      await answer(rescueRoute, {
        token: device.token,
        body: { ...envelope(device.clientId), mutations: [mutation] },
      });
      await answer(userRescuedRoute, { token: admin, params: { id: officer.id } });
      await answer(logoutRoute, { token: admin });
    });

    it('sync, conflicts, history, duplicates, figures, audit and photos answer in their schemas', async () => {
      const a = await TestDevice.signIn(app, 'officer1');
      const b = await TestDevice.signIn(app, 'officer2');
      const coordinator = await loginToken(app, 'coordinator');
      const admin = await loginToken(app, 'admin');

      // A conflict: two officers rename the same point.
      const id = newId();
      await answer(pushRoute, {
        token: a.token,
        body: a.pushBody([a.mutation('servicePoint', id, servicePointFields(QIANDAOHU_VILLAGE))]),
      });
      await refused(pushRoute, 'body', { clientId: 'not an id' }, { token: a.token });
      await a.push([a.mutation('servicePoint', id, { name: 'A 起的名字' }, 1)]);
      await b.push([b.mutation('servicePoint', id, { name: 'B 起的名字' }, 1)]);

      const pulled = (await answer(pullRoute, {
        token: a.token,
        body: { ...envelope(a.clientId), cursor: null },
      })) as { cursor: string };
      await refused(pullRoute, 'body', { ...envelope(a.clientId), cursor: 7 }, { token: a.token });
      await answer(digestRoute, {
        token: a.token,
        body: { ...envelope(a.clientId), cursor: pulled.cursor, exclude: [] },
      });
      await refused(digestRoute, 'body', { ...envelope(a.clientId) }, { token: a.token });
      await answer(repairRoute, {
        token: a.token,
        body: { ...envelope(a.clientId), entity: 'servicePoint', buckets: ['00', 'ff'] },
      });
      await refused(
        repairRoute,
        'body',
        { ...envelope(a.clientId), entity: 'servicePoint', buckets: [] },
        {
          token: a.token,
        },
      );

      const conflicts = (await answer(conflictsRoute, { token: coordinator })) as {
        conflicts: { id: number }[];
      };
      expect(conflicts.conflicts).toHaveLength(1);
      await refused(conflictsRoute, 'query', { limit: '0' }, { token: coordinator });
      await refused(
        resolveConflictRoute,
        'body',
        { restore: 'both' },
        {
          token: coordinator,
          params: { id: String(conflicts.conflicts[0]!.id) },
        },
      );
      await answer(resolveConflictRoute, {
        token: coordinator,
        params: { id: String(conflicts.conflicts[0]!.id) },
        body: { restore: 'loser' },
      });
      const history = (await answer(historyRoute, {
        token: coordinator,
        params: { entity: 'servicePoint', id },
      })) as { history: unknown[] };
      expect(history.history.length).toBeGreaterThan(2);

      // Two pairs of points with the same name in the county: one dismissed, one merged.
      const pairs: string[][] = [];
      for (const name of ['千岛湖服务点', '文昌电商站']) {
        const ids = [newId(), newId()];
        await a.push([
          a.mutation('servicePoint', ids[0]!, servicePointFields(QIANDAOHU_VILLAGE, { name })),
          a.mutation('servicePoint', ids[1]!, servicePointFields(QIANDAOHU_VILLAGE, { name })),
        ]);
        pairs.push(ids);
      }
      const flags = (await answer(duplicatesRoute, { token: coordinator })) as {
        duplicates: { id: number; a: { id: string }; b: { id: string } }[];
      };
      expect(flags.duplicates).toHaveLength(2);
      await answer(duplicatesRoute, {
        token: coordinator,
        query: { point: pairs[0]![0]!, limit: 1 },
      });
      await refused(duplicatesRoute, 'query', { limit: 'many' }, { token: coordinator });
      const [first, second] = flags.duplicates;
      await answer(dismissDuplicateRoute, {
        token: coordinator,
        params: { id: String(first!.id) },
      });
      await refused(
        mergeDuplicateRoute,
        'body',
        { keep: 'a' },
        {
          token: coordinator,
          params: { id: String(second!.id) },
        },
      );
      await answer(mergeDuplicateRoute, {
        token: coordinator,
        params: { id: String(second!.id) },
        body: { keep: second!.a.id, take: [], versions: { [second!.a.id]: 1, [second!.b.id]: 1 } },
      });

      await answer(countyTableRoute, { token: coordinator, query: { year: 2026 } });
      await refused(countyTableRoute, 'query', { year: 'soon' }, { token: coordinator });
      await answer(auditRoute, { token: admin, query: { limit: 5 } });
      await refused(auditRoute, 'query', { limit: '0' }, { token: admin });
      await answer(auditCsvRoute, { token: admin });

      const photo = Buffer.alloc(64, 0x20);
      photo.set([0xff, 0xd8, 0xff, 0xe0]);
      const sha256 = createHash('sha256').update(photo).digest('hex');
      const uploaded = await send(uploadAttachmentRoute, {
        token: a.token,
        params: { sha256 },
        headers: { 'content-type': 'image/jpeg' },
        payload: photo,
      });
      expect(uploaded.statusCode).toBe(201);
      expect(uploadAttachmentRoute.answer.parse(uploaded.json())).toEqual({
        sha256,
        size: 64,
        type: 'image/jpeg',
      });
      checked.add(uploadAttachmentRoute);
      // Not listed by a record yet: nobody may read it (404 in the error shape).
      const download = await send(downloadAttachmentRoute, { token: a.token, params: { sha256 } });
      expect(download.statusCode).toBe(404);
      expect(errorResponseSchema.safeParse(download.json()).success).toBe(true);
      checked.add(downloadAttachmentRoute);
    });
  },
);
