/**
 * The demo must load on a fresh installation, be valid under the same rules as real data (it
 * goes through the push path), be recognisable as demo, and never load twice — a second start,
 * or a second server on the same PostgreSQL, must not duplicate it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { parseAreaFile } from '../area-file';
import { deployment, setDeployment } from '../../src/domain/deployment';
import { parseRegionFile } from '../../src/domain/region';
import type { Db } from '../db';
import { configureDeployment, serverRegions } from '../regions';
import { RECORD_HOOKS } from '../entity-hooks';
import {
  buildTestApp,
  TestDevice,
  testBackends,
  TEST_SCRYPT,
  useTestDatabase,
} from '../test-support/sync';
import {
  demoAccounts,
  demoArea,
  DEMO_PASSWORD,
  describeDemo,
  isEmptyDatabase,
  loadDemoData,
} from './demo-data';
import { generatedRegions } from '../test-support/generated-regions';

describe.each(testBackends('server/demo/demo-data.test.ts'))('demo data on $kind', (backend) => {
  let db: Db;
  const database = useTestDatabase(backend);

  beforeEach(() => {
    db = database();
  });

  it('loads once, valid and marked as demo, and not twice', async () => {
    const regions = serverRegions();
    expect(await isEmptyDatabase(db)).toBe(true);
    const report = await loadDemoData(db, { regions, hooks: RECORD_HOOKS, scrypt: TEST_SCRYPT });
    expect(report?.rejected).toEqual([]);
    expect(report?.records.servicePoint).toBe(61);
    // One pair is there on purpose, for the coordinator's duplicates review.
    const flags = await db.query<{ reason: string }>('select reason from duplicate_flags');
    expect(flags.rows.map((r) => r.reason)).toEqual(['sameVillageNearby']);
    expect(report?.accounts.map((a) => a.username)).toEqual(
      demoAccounts(serverRegions()).map((a) => a.username),
    );
    expect(await isEmptyDatabase(db)).toBe(false);
    const counts = async () =>
      (
        await db.query<{ records: number; changes: number; users: number }>(
          `select (select count(*)::int from records) as records,
                (select count(*)::int from change_log) as changes,
                (select count(*)::int from users) as users`,
        )
      ).rows[0];
    const before = await counts();
    expect(before?.records).toBe(Object.values(report!.records).reduce((a, b) => a + (b ?? 0), 0));
    expect(before?.changes).toBe(before?.records); // each created through the apply path

    expect(
      await loadDemoData(db, { regions, hooks: RECORD_HOOKS, scrypt: TEST_SCRYPT }),
    ).toBeUndefined();
    expect(await counts()).toEqual(before);

    const names = await db.query<{ name: string }>(
      `select coalesce(data ->> 'name', data ->> 'storeName', data ->> 'title') as name from records
       where entity in ('servicePoint', 'flagshipStore', 'agriShop', 'trainee', 'trainingSession')`,
    );
    expect(names.rows.every((row) => row.name.startsWith('【演示】'))).toBe(true);
    const lines = describeDemo(report!, regions).join('\n');
    expect(lines).toContain(`password ${DEMO_PASSWORD}`);
    expect(lines).toMatch(/officer\s+officer\s+淳安县 · 千岛湖镇/);
  });

  it("lives in another prefecture's own county when REGION is another (宁波市: 象山县)", async () => {
    const out = generatedRegions('3302');
    const built = deployment();
    try {
      const file = (name: string): unknown =>
        JSON.parse(readFileSync(join(out, 'public', 'regions', name), 'utf8'));
      setDeployment(parseAreaFile(file('3302-area.json')));
      const regions = parseRegionFile(file('3302.json'));
      const report = await loadDemoData(db, { regions, hooks: RECORD_HOOKS, scrypt: TEST_SCRYPT });
      expect(report?.rejected).toEqual([]);
      expect(report?.records.servicePoint).toBeGreaterThan(10);
      const lines = describeDemo(report!, regions).join('\n');
      expect(lines).toMatch(/admin\s+admin\s+宁波市/);
      expect(lines).toMatch(/coordinator\s+coordinator\s+象山县/);
      const places = await db.query<{ code: string }>(
        `select distinct left(data ->> 'regionCode', 4) as code from records where entity = 'servicePoint'`,
      );
      expect(places.rows.map((r) => r.code)).toEqual(['3302']);
    } finally {
      setDeployment(built);
    }
  }, 120_000); // generating 3302's region data (once per run) and the demo: 30 s ran out at load 17

  it('in a province (REGION=33) lives in two prefectures: a province admin, a prefecture admin and county people in each', async () => {
    const out = generatedRegions('33');
    const built = deployment();
    try {
      configureDeployment({ REGION: '33' }, out);
      const regions = serverRegions();
      const report = await loadDemoData(db, { regions, hooks: RECORD_HOOKS, scrypt: TEST_SCRYPT });
      expect(report?.rejected).toEqual([]);
      expect(report?.accounts.map((a) => `${a.username} ${a.scope.level} ${a.scope.code}`)).toEqual(
        [
          'admin province 33',
          'admin-3301 prefecture 3301',
          'coordinator-3301 county 330127',
          'officer-3301 township 330127100',
          'trainer-3301 county 330127',
          'admin-3302 prefecture 3302',
          'coordinator-3302 county 330225',
          `officer-3302 township ${demoArea(regions, '3302').township}`,
          'trainer-3302 county 330225',
        ],
      );
      const lines = describeDemo(report!, regions).join('\n');
      expect(lines).toMatch(/admin\s+admin\s+浙江省 \(whole province\)/);
      expect(lines).toMatch(/admin-3302\s+admin\s+宁波市 \(prefecture\)/);
      expect(lines).toMatch(/officer-3301\s+officer\s+淳安县 · 千岛湖镇/);
      expect(lines).toMatch(/coordinator-3302\s+coordinator\s+象山县/);
      const places = await db.query<{ code: string; n: number }>(
        `select left(data ->> 'regionCode', 6) as code, count(*)::int as n from records
         where entity = 'servicePoint' group by 1 order by 1`,
      );
      expect(places.rows.map((r) => r.code)).toEqual(['330127', '330225']);
      // The area-wide targets once (the province admin's), each county's in its prefecture.
      const targets = await db.query<{ county: string | null; n: number }>(
        `select left(data ->> 'countyCode', 4) as county, count(*)::int as n from records
         where entity = 'target' group by 1 order by 1 nulls first`,
      );
      expect(targets.rows.map((r) => r.county)).toEqual([null, '3301', '3302']);
      expect(targets.rows[0]?.n).toBe(8); // four metrics, two years
      // Each demo prefecture's own plan (its 4-digit row) beside the province's, which is larger:
      // the prefecture's board has targets of its own to read against.
      const own = await db.query<{ county: string; n: number }>(
        `select data ->> 'countyCode' as county, count(*)::int as n
         from records where entity = 'target' and length(data ->> 'countyCode') = 4
         group by 1 order by 1`,
      );
      expect(own.rows.map((r) => `${r.county} ${r.n}`)).toEqual(['3301 8', '3302 8']);
      const [provincePoints, prefecturePoints] = await Promise.all(
        [null, '3301'].map(
          async (code) =>
            (
              await db.query<{ value: number }>(
                `select (data ->> 'value')::int as value from records where entity = 'target'
               and data ->> 'year' = '2026' and data ->> 'metric' = 'servicePoints'
               and data ->> 'countyCode' is not distinct from $1`,
                [code],
              )
            ).rows[0]?.value,
        ),
      );
      expect(provincePoints).toBeGreaterThan(prefecturePoints!);

      const app = await buildTestApp(db);
      const pull = async (username: string) => {
        const response = await app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username, password: DEMO_PASSWORD },
        });
        expect(response.statusCode).toBe(200);
        const device = new TestDevice(app, response.json().token);
        await device.pullAll();
        return [...device.copy.values()]
          .filter((c) => c.entity === 'servicePoint')
          .map((c) => String(c.data?.regionCode).slice(0, 4));
      };
      expect(new Set(await pull('admin'))).toEqual(new Set(['3301', '3302']));
      expect(new Set(await pull('admin-3302'))).toEqual(new Set(['3302']));
      expect(new Set(await pull('officer-3302'))).toEqual(new Set(['3302']));
      await app.close();
    } finally {
      configureDeployment({ REGION: built.code });
      setDeployment(built);
    }
  }, 120_000);

  it('signs the demo accounts in, each seeing its own share', async () => {
    await loadDemoData(db, { regions: serverRegions(), hooks: RECORD_HOOKS, scrypt: TEST_SCRYPT });
    const app = await buildTestApp(db);
    const response = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'officer', password: DEMO_PASSWORD },
    });
    expect(response.statusCode).toBe(200);
    const officer = new TestDevice(app, response.json().token);
    await officer.pullAll();
    const entities = new Set([...officer.copy.values()].map((c) => c.entity));
    expect(entities.has('trainee')).toBe(false);
    expect(entities.has('servicePoint')).toBe(true);
    const points = [...officer.copy.values()].filter((c) => c.entity === 'servicePoint');
    expect(points.every((c) => String(c.data?.regionCode).startsWith('330127100'))).toBe(true);
    await app.close();
  });
});
