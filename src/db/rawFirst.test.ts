/**
 * The first screen's reads without Dexie (rawFirst.ts) answer exactly what the same reads through
 * Dexie answer, and never touch a database Dexie has not made this schema's: a missing one is not
 * created, an older one is left for Dexie's upgrade, a newer one is left alone. Real IndexedDB
 * semantics (fake-indexeddb) and Dexie's real upgrade path.
 */
import { Dexie } from 'dexie';
import { beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { deleteRecord, saveRecord } from '../actions';
import { newServicePointFields } from '../domain/servicePoint';
import { freshDatabase } from '../test-support/database';
import {
  getDb,
  keepAnswer,
  keepCountedFigures,
  readRecordsStamp,
  readSession,
  useDatabaseNamed,
  writeLastSyncedAt,
  writePaceSummary,
  writeSession,
} from './index';
import { dexieFirstReader } from './dexieFirstReader';
import { firstAnswers } from './firstAnswerStore';
import { readFirstRows, readFirstWithoutDexie, type FirstReader } from './rawFirst';
import { CURRENT_SCHEMA_VERSION, SCHEMA_VERSIONS } from './schema';
import { rejectedTable } from './sync-state';
import { CHUNAN_COORDINATOR_SESSION as SESSION } from '../test-support/sessions';

/** UUIDv7-shaped ids whose order is their number. */
const idOf = (i: number) => `01900000-0000-7000-8000-${String(i).padStart(12, '0')}`;

/** Every read a first screen can make, as the start page and the point list make them. */
async function readEverything(r: FirstReader): Promise<void> {
  await Promise.all([
    r.session(),
    r.lastSyncedAt(),
    r.keptAnswer('areaName:330127'),
    r.keptAnswer('nothing-kept'),
    r.countedFigures('facts:2026'),
    r.countedFigures('old-style'),
    r.countedFigures('never-counted'),
    r.newestRecords('servicePoint', 2),
    r.newestRecords('servicePoint', 50),
    r.newestRecords('trainee', 50),
    r.rejected(),
    r.paceSummary(),
  ]);
}

/** The answers kept for the hooks, read one way, then the other, from the same database. */
async function answersBothWays(): Promise<{ raw: object; dexie: object }> {
  firstAnswers.clear();
  expect(await readFirstWithoutDexie(readEverything)).toBe(true);
  const raw = Object.fromEntries(firstAnswers);
  firstAnswers.clear();
  await readEverything(dexieFirstReader);
  const dexie = Object.fromEntries(firstAnswers);
  return { raw, dexie };
}

/** The names of the databases IndexedDB holds. */
async function databaseNames(): Promise<string[]> {
  return (await indexedDB.databases()).map((d) => d.name ?? '');
}

/** Opens `name` as Dexie would have at the schema's versions up to `upTo` (plus `extra`). */
function declaredUpTo(name: string, upTo: number, extra?: Record<string, string>): Dexie {
  const db = new Dexie(name);
  for (const { version, stores } of SCHEMA_VERSIONS.filter((v) => v.version <= upTo))
    db.version(version).stores(stores);
  if (extra) db.version(upTo + 1).stores(extra);
  onTestFinished(async () => {
    db.close();
    await Dexie.delete(name);
  });
  return db;
}

function uniqueName(label: string): string {
  return `raw-first-${label}-${Math.random().toString(36).slice(2)}`;
}

beforeEach(() => {
  firstAnswers.clear();
});

/** Every kind of first answer written, then read both ways: the same, and the rows written. */
async function rowForRow(name: string): Promise<void> {
  const db = freshDatabase(name);
  await writeSession(SESSION);
  await writeLastSyncedAt('2026-06-29T08:30:00.000Z');
  await keepAnswer('areaName:330127', '淳安县');
  for (let i = 1; i <= 4; i++) {
    await saveRecord('servicePoint', idOf(i), {
      ...newServicePointFields('2026-03-01'),
      regionCode: '330127101201',
      name: `点${i}`,
    });
  }
  // A delete waiting for its push: left out of the page and of the count.
  await deleteRecord('servicePoint', idOf(4));
  const stamp = await readRecordsStamp();
  expect(stamp).not.toBeNull();
  expect(
    await keepCountedFigures('facts:2026', { value: { open: 3 }, stamp, inputs: 'v1|day' }),
  ).toBe(true);
  // An older app's header, with the value inline.
  await db.meta.put({
    key: 'kept:counted:old-style',
    value: { value: { open: 1 }, stamp, inputs: 'v0' },
  });
  await rejectedTable(db).bulkAdd([1, 2].map((m) => rejectedRow(m)));
  await writePaceSummary({
    userId: 'u1',
    areaCode: '330127',
    year: 2026,
    behind: ['servicePointsOpen'],
    at: '2026-06-29T08:31:00.000Z',
  });

  const { raw, dexie } = await answersBothWays();
  expect(raw).toEqual(dexie);
  // And they are the rows written, not two agreeing blanks.
  expect(raw).toMatchObject({
    session: SESSION,
    'kept:areaName:330127': { value: '淳安县' },
    'kept:nothing-kept': null,
    'counted:facts:2026': { name: 'facts:2026', stamp, kept: { value: { open: 3 }, stamp } },
    'counted:old-style': { kept: { value: { open: 1 }, inputs: 'v0' } },
    'counted:never-counted': { kept: null, stamp },
    'newest:trainee:50': { rows: [], total: 0 },
    paceSummary: { behind: ['servicePointsOpen'] },
  });
  const page = raw['newest:servicePoint:2' as keyof typeof raw] as unknown as {
    rows: { id: string }[];
    total: number;
  };
  expect(page.rows.map((p) => p.id)).toEqual([idOf(3), idOf(2)]);
  expect(page.total).toBe(3);
  const rejected = raw['rejected' as keyof typeof raw] as unknown as { mutationId: number }[];
  expect(rejected.map((r) => r.mutationId)).toEqual([2, 1]); // newest first
}

describe('reads without Dexie', () => {
  it('answer what the reads through Dexie answer, row for row', async () => {
    await rowForRow('raw-first');
  });

  it('answer the same on an IndexedDB without getAllRecords (a phone before Chromium 141)', async () => {
    const proto = IDBObjectStore.prototype as { getAllRecords?: unknown };
    const getAllRecords = proto.getAllRecords;
    expect(getAllRecords).toBeTypeOf('function'); // else the test above took this path too
    delete proto.getAllRecords;
    try {
      await rowForRow('raw-first-cursor');
    } finally {
      proto.getAllRecords = getAllRecords;
    }
  });

  it('answer the same on a device that never synced (nothing kept, nothing written)', async () => {
    const db = freshDatabase('raw-first-empty');
    await db.open(); // Dexie made the database; nothing in it
    const { raw, dexie } = await answersBothWays();
    expect(raw).toEqual(dexie);
    expect(raw).toMatchObject({ session: null, lastSyncedAt: null, rejected: [] });
  });
});

describe('a database Dexie has not made this schema’s', () => {
  it('missing: reads nothing and creates nothing; Dexie then makes it as always', async () => {
    const name = uniqueName('missing');
    useDatabaseNamed(name);
    onTestFinished(() => getDb().delete());
    expect(await readFirstWithoutDexie(readEverything)).toBe(false);
    expect(firstAnswers.size).toBe(0);
    expect(await databaseNames()).not.toContain(name);

    await getDb().open();
    expect(getDb().verno).toBe(CURRENT_SCHEMA_VERSION);
    expect(getDb().tables.map((t) => t.name)).toContain('rejected');
    // Made by Dexie, it is read without it from now on.
    expect(await readFirstWithoutDexie((r) => r.session().then(() => undefined))).toBe(true);
  });

  it('older: left at its version for Dexie, whose upgrade then keeps the rows', async () => {
    const name = uniqueName('old');
    const old = declaredUpTo(name, 1);
    await old.table('meta').put({ key: 'session', value: SESSION });
    old.close();

    useDatabaseNamed(name);
    expect(await readFirstWithoutDexie(readEverything)).toBe(false);
    expect(firstAnswers.size).toBe(0);
    const [info] = (await indexedDB.databases()).filter((d) => d.name === name);
    expect(info?.version).toBe(10); // still version 1 (Dexie's 10): nothing of ours upgraded it

    // A first screen's reads then go through Dexie, which upgrades first.
    expect(await readFirstRows((r) => r.session().then(() => undefined))).toBe('through Dexie');
    expect(firstAnswers.get('session')).toEqual(SESSION);
    expect(getDb().verno).toBe(CURRENT_SCHEMA_VERSION);
    expect(await readSession()).toEqual(SESSION);
    getDb().close();
  });

  it('newer (a later app wrote it): left alone, read through Dexie', async () => {
    const name = uniqueName('newer');
    const newer = declaredUpTo(name, CURRENT_SCHEMA_VERSION, { later: 'id' });
    await newer.table('meta').put({ key: 'session', value: SESSION });
    newer.close();

    useDatabaseNamed(name);
    expect(await readFirstWithoutDexie(readEverything)).toBe(false);
    expect(firstAnswers.size).toBe(0);
    const [info] = (await indexedDB.databases()).filter((d) => d.name === name);
    expect(info?.version).toBe((CURRENT_SCHEMA_VERSION + 1) * 10);
    getDb().close();
  });

  it('steps aside when Dexie asks for a version change while it reads', async () => {
    const name = uniqueName('upgrade-during');
    const current = declaredUpTo(name, CURRENT_SCHEMA_VERSION);
    await current.table('meta').put({ key: 'session', value: SESSION });
    current.close();

    useDatabaseNamed(name);
    const read = await readFirstWithoutDexie(async (r) => {
      await r.session();
      // A later version opened while the raw connection is open: not blocked by it (a connection
      // that stayed open would block this open until the reads end — here, never)…
      const later = declaredUpTo(name, CURRENT_SCHEMA_VERSION, { later: 'id' });
      await later.open();
      later.close();
      // …and the reads after it fail: the answers are Dexie's to read.
      await r.lastSyncedAt();
    });
    expect(read).toBe(false);
    const [info] = (await indexedDB.databases()).filter((d) => d.name === name);
    expect(info?.version).toBe((CURRENT_SCHEMA_VERSION + 1) * 10);
    getDb().close();
  });
});

function rejectedRow(mutationId: number) {
  return {
    mutationId,
    entity: 'servicePoint' as const,
    recordId: idOf(mutationId),
    op: 'upsert' as const,
    changes: { name: `点${mutationId}` },
    baseVersion: 1,
    createdAt: '2026-06-01T08:00:00.000Z',
    reason: 'forbidden',
    message: null,
    rejectedAt: `2026-06-0${mutationId}T08:00:00.000Z`,
    dismissedAt: null,
  };
}
