/**
 * The local database is upgraded in place on people's phones, holding changes not yet synced.
 * An upgrade that loses or hides an outbox entry loses someone's work, so every schema version
 * is opened with data and upgraded to the current one here.
 */
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { createDatabase, getClientId, pendingFor, type CundianDb } from './index';
import { CURRENT_SCHEMA_VERSION, ENTITY_TABLES, SCHEMA_VERSIONS } from './schema';

let counter = 0;
const opened: Dexie[] = [];
function uniqueName() {
  counter += 1;
  return `db-test-${Date.now()}-${counter}`;
}
afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});

function openAtVersion(name: string, upTo: number): Dexie {
  const db = new Dexie(name);
  for (const { version, stores } of SCHEMA_VERSIONS.filter((v) => v.version <= upTo)) {
    db.version(version).stores(stores);
  }
  opened.push(db);
  return db;
}

describe('local database schema', () => {
  it('has a table for every entity plus outbox and meta', async () => {
    const db = createDatabase(uniqueName());
    opened.push(db);
    await db.open();
    const names = db.tables.map((t) => t.name).sort();
    expect(names).toEqual(
      [
        ...Object.values(ENTITY_TABLES),
        'meta',
        'outbox',
        'drafts',
        'attachments',
        'rejected',
      ].sort(),
    );
    expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
  });

  it.each(SCHEMA_VERSIONS.slice(0, -1).map((v) => v.version))(
    'upgrades a version-%i database without losing records or pending changes',
    async (oldVersion) => {
      const name = uniqueName();
      const old = openAtVersion(name, oldVersion);
      await old.open();
      await old
        .table('servicePoints')
        .put({ id: 'p1', name: '旧服务点', regionCode: '330127101201' });
      await old.table('outbox').put({
        mutationId: 7,
        entity: 'servicePoint',
        recordId: 'p1',
        op: 'upsert',
        changes: { name: '旧服务点' },
        baseVersion: 0,
        createdAt: '2026-01-01T00:00:00.000Z',
      });
      await old.table('meta').put({ key: 'clientId', value: 'client-from-v1' });
      old.close();

      const db: CundianDb = createDatabase(name);
      opened.push(db);
      await db.open();
      expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
      expect(await db.servicePoints.get('p1')).toMatchObject({ name: '旧服务点' });
      expect(await db.outbox.count()).toBe(1);
      // The index added in v2 finds the entry written under v1.
      expect((await pendingFor('servicePoint', 'p1', db)).map((e) => e.mutationId)).toEqual([7]);
      // The device keeps its identity across the upgrade.
      expect(await getClientId(db)).toBe('client-from-v1');
    },
  );

  it('creates a client id once and keeps it', async () => {
    const db = createDatabase(uniqueName());
    opened.push(db);
    const first = await getClientId(db);
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    expect(await getClientId(db)).toBe(first);
  });
});
