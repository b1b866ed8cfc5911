import { describe, expect, it } from 'vitest';
import { validateRecord } from './entities';
import { MIN_SCHEMA_VERSION, SCHEMA_VERSION } from './protocol';
import {
  downgradeRecord,
  migrateRecord,
  oldestServableVersion,
  RECORD_MIGRATIONS,
  RECORD_SCHEMA_VERSION,
  renameField,
} from './recordMigrations';

/** An agriShop as an app of record schema version 1 stored and sent it. */
const V1_SHOP = {
  id: 'aaaaaaaa-0000-4000-8000-000000000001',
  version: 3,
  updatedAt: '2026-01-01T00:00:00.000Z',
  updatedBy: 'officer',
  deleted: false,
  name: '临安山核桃网店',
  platform: 'taobao',
  url: null,
  regionCode: '330185101',
  products: '山核桃',
  onPlatform: true,
  joinedOn: '2025-06-01',
};

describe('record migrations', () => {
  it('numbers the steps 2, 3, … with no gap, and the protocol carries the last', () => {
    expect(RECORD_MIGRATIONS.map((s) => s.to)).toEqual(RECORD_MIGRATIONS.map((_, i) => i + 2));
    expect(SCHEMA_VERSION).toBe(RECORD_SCHEMA_VERSION);
    expect(RECORD_SCHEMA_VERSION).toBe(2);
  });

  it('refuses (MIN_SCHEMA_VERSION) every app older than a step that cannot be undone', () => {
    expect(MIN_SCHEMA_VERSION).toBeGreaterThanOrEqual(oldestServableVersion());
  });

  it('brings a version-1 agriShop to the current shape, which the current schema accepts', () => {
    const migrated = migrateRecord('agriShop', V1_SHOP, 1);
    expect(migrated).not.toHaveProperty('onPlatform');
    expect(migrated).toMatchObject({ onServicePlatform: true, joinedOn: '2025-06-01' });
    expect(validateRecord('agriShop', migrated).ok).toBe(true);
    // The old shape itself no longer passes: the field is required under its new name.
    expect(validateRecord('agriShop', V1_SHOP).ok).toBe(false);
    // Pure: the input is untouched.
    expect(V1_SHOP).toHaveProperty('onPlatform', true);
  });

  it("upgrades a mutation's partial changes, touching only what is there", () => {
    expect(migrateRecord('agriShop', { onPlatform: false, joinedOn: null }, 1)).toEqual({
      onServicePlatform: false,
      joinedOn: null,
    });
    expect(migrateRecord('agriShop', { name: '只改名字' }, 1)).toEqual({ name: '只改名字' });
    expect(migrateRecord('agriShop', {}, 1)).toEqual({});
  });

  it('leaves other entities, and data already current, as they are', () => {
    const point = { name: '服务点', onPlatform: 'not a shop field' };
    expect(migrateRecord('servicePoint', point, 1)).toBe(point);
    const current = migrateRecord('agriShop', V1_SHOP, 1);
    expect(migrateRecord('agriShop', current, RECORD_SCHEMA_VERSION)).toBe(current);
  });

  it('serves an older app the shape it knows, and round-trips', () => {
    const current = migrateRecord('agriShop', V1_SHOP, 1);
    expect(downgradeRecord('agriShop', current, 1)).toEqual(V1_SHOP);
    expect(downgradeRecord('agriShop', current, RECORD_SCHEMA_VERSION)).toBe(current);
  });

  it('keeps the new name where a record holds both', () => {
    const { up, down } = renameField('a', 'b');
    expect(up({ a: 1, b: 2 })).toEqual({ b: 2 });
    expect(down?.({ a: 1, b: 2 })).toEqual({ a: 1 });
  });
});
