/**
 * Migration 0013 (record migration 2: agriShop.onPlatform → onServicePlatform) on a database that
 * holds the old shape: a database migrated through 0012 gets old-shape rows everywhere the server
 * keeps an agriShop field by name, then 0013 runs. The SQL must give exactly what the domain's
 * step (src/domain/recordMigrations.ts) gives, and touch nothing else. PGlite always; PostgreSQL
 * too when TEST_DATABASE_URL is set (as in CI).
 */
import { copyFile, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateRecord } from '../../src/domain/recordMigrations';
import { migrate, MIGRATIONS_DIR } from './migrate';
import {
  createPostgresTestDatabase,
  lendTestPglite,
  returnTestPglite,
  postgresTestUrl,
  type PostgresTestDatabase,
} from '../test-support/databases';
import type { Db } from './types';

const MIGRATION = '0013_agri_shop_on_service_platform.sql';
const SHOP = '0190a000-0000-7000-8000-000000000001';
const BOTH = '0190a000-0000-7000-8000-000000000002';
const POINT = '0190a000-0000-7000-8000-000000000003';

const OLD_SHOP = {
  id: SHOP,
  version: 3,
  updatedAt: '2026-01-01T00:00:00.000Z',
  updatedBy: 'officer1',
  deleted: false,
  name: '千岛湖山核桃网店',
  platform: 'taobao',
  url: null,
  regionCode: '330127100219',
  products: '山核桃',
  onPlatform: true,
  joinedOn: '2025-06-01',
};
// Half-upgraded by hand: both names. The new one's value is kept, as the domain's step keeps it.
const OLD_BOTH = { ...OLD_SHOP, id: BOTH, onPlatform: false, onServicePlatform: true };
// Another entity's field of the same name (none exists today; the point is the entity filter).
const POINT_DATA = { id: POINT, name: '服务点', onPlatform: 'not a shop field' };

interface Backend {
  kind: string;
  open(): Promise<Db>;
  close(db: Db): Promise<void>;
}

function backends(): Backend[] {
  const list: Backend[] = [
    {
      kind: 'pglite',
      open: () => lendTestPglite({ migrated: false }),
      close: (db) => returnTestPglite(db),
    },
  ];
  const url = postgresTestUrl('server/db/record-migrations.test.ts');
  if (url) {
    const databases = new Map<Db, PostgresTestDatabase>();
    list.push({
      kind: 'postgres',
      async open() {
        const database = await createPostgresTestDatabase(url);
        const db = await database.open();
        databases.set(db, database);
        return db;
      },
      close: async (db) => databases.get(db)?.drop(),
    });
  }
  return list;
}

describe.each(backends())('migration 0013 on $kind', (backend) => {
  let db: Db;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cundian-0013-'));
    // Every migration before 0013, as a server of record schema version 1 ran them.
    for (const file of await readdir(MIGRATIONS_DIR)) {
      if (file.endsWith('.sql') && file < MIGRATION) {
        await copyFile(join(MIGRATIONS_DIR, file), join(dir, file));
      }
    }
    db = await backend.open();
    await migrate(db, { migrationsDir: dir });

    const insertRecord = `insert into records (entity, id, data, field_stamps, version, created_at, updated_at)
      values ($1, $2, $3::jsonb, $4::jsonb, 3, now(), now())`;
    const stamps = { v: { onPlatform: 3, name: 2 }, w: { '1': ['u', 'c', 1] } };
    await db.query(insertRecord, [
      'agriShop',
      SHOP,
      JSON.stringify(OLD_SHOP),
      JSON.stringify(stamps),
    ]);
    await db.query(insertRecord, [
      'agriShop',
      BOTH,
      JSON.stringify(OLD_BOTH),
      JSON.stringify({ v: { onPlatform: 2, onServicePlatform: 3 }, w: {} }),
    ]);
    await db.query(insertRecord, [
      'servicePoint',
      POINT,
      JSON.stringify(POINT_DATA),
      JSON.stringify(stamps),
    ]);
    const insertChange = `insert into change_log (entity, record_id, version, op, fields, changed_at)
      values ($1, $2, $3, $4, $5::text[], now())`;
    await db.query(insertChange, ['agriShop', SHOP, 1, 'create', []]);
    await db.query(insertChange, ['agriShop', SHOP, 3, 'update', ['joinedOn', 'onPlatform']]);
    await db.query(insertChange, ['servicePoint', POINT, 2, 'update', ['onPlatform']]);
    const insertConflict = `insert into conflicts (entity, record_id, kind, field, winning_value, losing_value, created_at)
      values ($1, $2, $3, $4, $5::jsonb, $6::jsonb, now())`;
    await db.query(insertConflict, [
      'agriShop',
      SHOP,
      'field',
      'onPlatform',
      JSON.stringify({ value: true }),
      JSON.stringify({ value: false }),
    ]);
    await db.query(insertConflict, [
      'agriShop',
      SHOP,
      'deleted',
      null,
      JSON.stringify({ value: null }),
      JSON.stringify({ value: { onPlatform: false, joinedOn: null } }),
    ]);
    await db.query(insertConflict, ['servicePoint', POINT, 'field', 'onPlatform', null, null]);

    await copyFile(join(MIGRATIONS_DIR, MIGRATION), join(dir, MIGRATION));
    const report = await migrate(db, { migrationsDir: dir });
    expect(report.applied).toEqual([MIGRATION]);
  });

  afterAll(async () => {
    if (db) await backend.close(db);
    await rm(dir, { recursive: true, force: true });
  });

  async function record(entity: string, id: string) {
    const { rows } = await db.query<{ data: Record<string, unknown>; field_stamps: unknown }>(
      'select data, field_stamps from records where entity = $1 and id = $2',
      [entity, id],
    );
    return rows[0]!;
  }

  it("rewrites records.data exactly as the domain's migrateRecord does", async () => {
    expect((await record('agriShop', SHOP)).data).toEqual(migrateRecord('agriShop', OLD_SHOP, 1));
    expect((await record('agriShop', SHOP)).data).toMatchObject({ onServicePlatform: true });
    expect((await record('agriShop', BOTH)).data).toEqual(migrateRecord('agriShop', OLD_BOTH, 1));
    expect((await record('servicePoint', POINT)).data).toEqual(POINT_DATA);
  });

  it('renames the field in the per-field stamps the merge decides on', async () => {
    expect((await record('agriShop', SHOP)).field_stamps).toEqual({
      v: { onServicePlatform: 3, name: 2 },
      w: { '1': ['u', 'c', 1] },
    });
    expect((await record('agriShop', BOTH)).field_stamps).toEqual({
      v: { onServicePlatform: 3 },
      w: {},
    });
    expect((await record('servicePoint', POINT)).field_stamps).toMatchObject({
      v: { onPlatform: 3 },
    });
  });

  it("renames the field in the change log's field lists and in kept conflicts", async () => {
    const log = await db.query<{ entity: string; version: number; fields: string[] }>(
      'select entity, version::int as version, fields from change_log order by seq',
    );
    expect(log.rows.map((r) => [r.entity, r.version, r.fields])).toEqual([
      ['agriShop', 1, []],
      ['agriShop', 3, ['joinedOn', 'onServicePlatform']],
      ['servicePoint', 2, ['onPlatform']],
    ]);
    const conflicts = await db.query<{
      entity: string;
      field: string | null;
      losing_value: unknown;
    }>('select entity, field, losing_value from conflicts order by id');
    expect(conflicts.rows).toEqual([
      { entity: 'agriShop', field: 'onServicePlatform', losing_value: { value: false } },
      {
        entity: 'agriShop',
        field: null,
        losing_value: { value: { onServicePlatform: false, joinedOn: null } },
      },
      { entity: 'servicePoint', field: 'onPlatform', losing_value: null },
    ]);
  });

  it('leaves no agriShop field under the old name anywhere', async () => {
    const { rows } = await db.query<{ n: number }>(
      `select (select count(*) from records where entity = 'agriShop'
                and (data ? 'onPlatform' or field_stamps -> 'v' ? 'onPlatform'))
            + (select count(*) from change_log where entity = 'agriShop' and 'onPlatform' = any (fields))
            + (select count(*) from conflicts where entity = 'agriShop' and field = 'onPlatform')
            as n`,
    );
    expect(Number(rows[0]!.n)).toBe(0);
  });
});
