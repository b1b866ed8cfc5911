/**
 * The Dexie half of record migration 2 (agriShop.onPlatform → onServicePlatform): a phone that
 * stored records, pending changes, refused changes and a half-filled form under the old app opens
 * its database with the new code and finds every one of them in the new shape, nothing lost.
 */
import { Dexie } from 'dexie';
import { afterEach, expect, it } from 'vitest';
import { RECORD_SCHEMA_VERSION } from '../domain/recordMigrations';
import { createDatabase, type CundianDb } from './database';
import { CURRENT_SCHEMA_VERSION, SCHEMA_VERSIONS, STORED_RECORD_VERSION } from './schema';
import { rejectedTable } from './sync-state';

const opened: Dexie[] = [];
let counter = 0;
afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});

/** The database as the old app declared it: every version up to `upTo`, no upgrades of its own. */
function openAsOldApp(name: string, upTo: number): Dexie {
  const db = new Dexie(name);
  for (const { version, stores } of SCHEMA_VERSIONS.filter((v) => v.version <= upTo)) {
    db.version(version).stores(stores);
  }
  opened.push(db);
  return db;
}

const SHOP = 'aaaaaaaa-0000-4000-8000-000000000001';
const POINT = 'aaaaaaaa-0000-4000-8000-000000000002';

it('stores the records of the current record schema version', () => {
  // A step added to src/domain/recordMigrations.ts without its database version fails here.
  expect(STORED_RECORD_VERSION).toBe(RECORD_SCHEMA_VERSION);
});

it('rewrites agriShops, their pending and refused changes and their drafts on upgrade from v5', async () => {
  counter += 1;
  const name = `record-upgrade-${Date.now()}-${counter}`;
  const old = openAsOldApp(name, 5);
  await old.open();
  await old.table('agriShops').put({
    id: SHOP,
    version: 3,
    name: '临安山核桃网店',
    platform: 'taobao',
    onPlatform: true,
    joinedOn: '2025-06-01',
    regionCode: '330185101',
    deleted: false,
  });
  await old.table('servicePoints').put({ id: POINT, name: '旧服务点', version: 1 });
  const base = {
    recordId: SHOP,
    op: 'upsert',
    baseVersion: 3,
    createdAt: '2026-01-01T00:00:00.000Z',
  };
  await old.table('outbox').bulkPut([
    { ...base, mutationId: 7, entity: 'agriShop', changes: { onPlatform: false, joinedOn: null } },
    { ...base, mutationId: 8, entity: 'agriShop', changes: { name: '只改名字' } },
    { ...base, mutationId: 9, entity: 'servicePoint', recordId: POINT, changes: { onPlatform: 1 } },
  ]);
  await old.table('rejected').add({
    ...base,
    mutationId: 5,
    entity: 'agriShop',
    changes: { onPlatform: true },
    reason: 'scopeDenied',
    rejectedAt: '2026-01-02T00:00:00.000Z',
  });
  await old.table('drafts').bulkPut([
    {
      key: `agriShop:${SHOP}`,
      value: { name: '草稿', onPlatform: true },
      updatedAt: base.createdAt,
    },
    { key: 'servicePoint:new', value: { onPlatform: 'untouched' }, updatedAt: base.createdAt },
  ]);
  old.close();

  const db: CundianDb = createDatabase(name);
  opened.push(db);
  await db.open();
  expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);

  const shop = (await db.agriShops.get(SHOP)) as Record<string, unknown>;
  expect(shop).toMatchObject({ onServicePlatform: true, joinedOn: '2025-06-01', version: 3 });
  expect(shop).not.toHaveProperty('onPlatform');
  // Another entity is not touched, even where a key of that name happens to exist.
  expect(await db.servicePoints.get(POINT)).toMatchObject({ name: '旧服务点' });

  const outbox = await db.outbox.orderBy('mutationId').toArray();
  expect(outbox.map((e) => e.changes)).toEqual([
    { onServicePlatform: false, joinedOn: null },
    { name: '只改名字' },
    { onPlatform: 1 },
  ]);
  // Pending work keeps its place, ids and base versions.
  expect(outbox.map((e) => [e.mutationId, e.baseVersion])).toEqual([
    [7, 3],
    [8, 3],
    [9, 3],
  ]);

  const [refused] = await rejectedTable(db).toArray();
  expect(refused).toMatchObject({ mutationId: 5, changes: { onServicePlatform: true } });

  expect((await db.drafts.get(`agriShop:${SHOP}`))?.value).toEqual({
    name: '草稿',
    onServicePlatform: true,
  });
  expect((await db.drafts.get('servicePoint:new'))?.value).toEqual({ onPlatform: 'untouched' });
});

it('creates a new database at the current version without running the upgrade', async () => {
  counter += 1;
  const db = createDatabase(`record-upgrade-new-${Date.now()}-${counter}`);
  opened.push(db);
  await db.open();
  expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
  expect(await db.agriShops.count()).toBe(0);
});
