/**
 * Record migration 2 (agriShop.onPlatform → onServicePlatform) as an app still on record schema
 * version 1 meets a server that stores version 2: its pushes are upgraded on the way in (its
 * outbox is never stuck), what it pulls or downloads again comes back in the shape it knows, and
 * an app older than MIN_SCHEMA_VERSION is told to update (the handshake), its outbox kept.
 * Through the HTTP app, on PGlite and (TEST_DATABASE_URL) PostgreSQL.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../src/domain/common';
import { bucketOf } from '../../src/domain/digest';
import {
  MIN_SCHEMA_VERSION,
  PROTOCOL_VERSION,
  SCHEMA_VERSION,
  type Mutation,
} from '../../src/domain/protocol';
import type { Db } from '../db';
import {
  buildTestApp,
  QIANDAOHU,
  QIANDAOHU_VILLAGE,
  seedUser,
  TestDevice,
  testBackends,
  useTestDatabase,
} from '../test-support/sync';

/** An agriShop as an app of record schema version 1 builds it. */
function oldShopFields(overrides: Record<string, unknown> = {}) {
  return {
    name: '千岛湖山核桃网店',
    platform: 'taobao',
    url: null,
    regionCode: QIANDAOHU_VILLAGE,
    products: '山核桃',
    onPlatform: true,
    joinedOn: '2025-06-01',
    ...overrides,
  };
}

/** A device whose app is on record schema version `schemaVersion`. */
class AppOnVersion {
  constructor(
    readonly device: TestDevice,
    readonly schemaVersion: number,
  ) {}

  push(mutations: Mutation[]) {
    return this.device.rawPush({
      ...this.device.pushBody(mutations),
      schemaVersion: this.schemaVersion,
    });
  }

  pull() {
    return this.device.rawPull({
      protocolVersion: PROTOCOL_VERSION,
      schemaVersion: this.schemaVersion,
      clientId: this.device.clientId,
      cursor: null,
    });
  }

  repair(entity: string, buckets: string[]) {
    return this.device.app.inject({
      method: 'POST',
      url: '/api/sync/records',
      headers: { authorization: `Bearer ${this.device.token}` },
      payload: {
        protocolVersion: PROTOCOL_VERSION,
        schemaVersion: this.schemaVersion,
        clientId: this.device.clientId,
        entity,
        buckets,
      },
    });
  }
}

interface Pulled {
  changes: { entity: string; id: string; data: Record<string, unknown> | null }[];
}

describe.each(testBackends('server/sync/record-migrations.test.ts'))(
  'an app on an older record schema, on $kind',
  (backend) => {
    let db: Db;
    const database = useTestDatabase(backend, async (db) => {
      await seedUser(db, 'officer1', 'officer', { level: 'township', code: QIANDAOHU });
      await seedUser(db, 'officer2', 'officer', { level: 'township', code: QIANDAOHU });
    });
    beforeEach(() => {
      db = database();
    });

    it('is served: its old field name is upgraded on push, and given back on pull and repair', async () => {
      expect(SCHEMA_VERSION).toBe(2);
      const app = await buildTestApp(db);
      const old = new AppOnVersion(await TestDevice.signIn(app, 'officer1'), 1);
      const current = await TestDevice.signIn(app, 'officer2');
      const id = newId();

      // A create and then an update, both with the old name.
      const created = await old.push([old.device.mutation('agriShop', id, oldShopFields())]);
      expect(created.statusCode).toBe(200);
      expect(created.json()).toMatchObject({ results: [{ status: 'applied' }] });
      const updated = await old.push([
        old.device.mutation('agriShop', id, { onPlatform: false, joinedOn: null }, 1),
      ]);
      expect(updated.json()).toMatchObject({ results: [{ status: 'applied' }] });

      // Stored in the current shape only, and the change log names the new field.
      const { rows } = await db.query<{ data: Record<string, unknown>; fields: string[] }>(
        `select r.data, l.fields from records r
         join change_log l on l.entity = r.entity and l.record_id = r.id and l.version = 2
         where r.entity = 'agriShop' and r.id = $1`,
        [id],
      );
      expect(rows[0]!.data).toMatchObject({ onServicePlatform: false, joinedOn: null, version: 2 });
      expect(rows[0]!.data).not.toHaveProperty('onPlatform');
      expect([...rows[0]!.fields].sort()).toEqual(['joinedOn', 'onServicePlatform']);

      // A current app reads the new name …
      await current.pullAll();
      expect(current.data('agriShop', id)).toMatchObject({ onServicePlatform: false });
      expect(current.data('agriShop', id)).not.toHaveProperty('onPlatform');

      // … the old app the name it knows, on a pull and on a repair download alike.
      const pulled = (await old.pull()).json() as Pulled;
      const shop = pulled.changes.find((c) => c.id === id)!.data!;
      expect(shop).toMatchObject({ onPlatform: false, joinedOn: null, version: 2 });
      expect(shop).not.toHaveProperty('onServicePlatform');
      const repaired = (await old.repair('agriShop', [bucketOf(id)])).json() as Pulled;
      expect(repaired.changes.map((c) => c.data)).toEqual([shop]);

      // A current app's change under the new name merges with the old app's: one record.
      const fromCurrent = await current.push([
        current.mutation('agriShop', id, { onServicePlatform: true, joinedOn: '2026-02-01' }, 2),
      ]);
      expect(fromCurrent.results).toMatchObject([{ status: 'applied' }]);
      const again = (await old.pull()).json() as Pulled;
      expect(again.changes.find((c) => c.id === id)!.data).toMatchObject({
        onPlatform: true,
        joinedOn: '2026-02-01',
        version: 3,
      });
      await app.close();
    });

    it('an old create missing the field is refused in words, like any invalid record', async () => {
      const app = await buildTestApp(db);
      const old = new AppOnVersion(await TestDevice.signIn(app, 'officer1'), 1);
      const { onPlatform: _dropped, ...withoutFlag } = oldShopFields();
      const answer = await old.push([old.device.mutation('agriShop', newId(), withoutFlag)]);
      expect(answer.json()).toMatchObject({
        results: [
          {
            status: 'rejected',
            reason: 'invalid',
            message: {
              'zh-CN': '已接入公共服务平台：必填',
              en: expect.stringContaining('required'),
            },
          },
        ],
      });
      await app.close();
    });

    it('an app older than MIN_SCHEMA_VERSION is told to update, and nothing of its push is kept', async () => {
      const app = await buildTestApp(db);
      const tooOld = new AppOnVersion(
        await TestDevice.signIn(app, 'officer1'),
        MIN_SCHEMA_VERSION - 1,
      );
      const push = await tooOld.push([
        tooOld.device.mutation('agriShop', newId(), oldShopFields()),
      ]);
      expect(push.statusCode).toBe(426);
      expect(push.json()).toMatchObject({ error: 'clientTooOld' });
      expect((await tooOld.pull()).statusCode).toBe(426);
      const { rows } = await db.query<{ n: number }>('select count(*)::int as n from records');
      expect(rows[0]!.n).toBe(0);
      await app.close();
    });
  },
);
