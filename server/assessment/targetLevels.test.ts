/**
 * Targets at every level in a province (docs/ASSESSMENT.md "Targets at every level"): a target row
 * belongs to the whole area (countyCode null), a prefecture (4 digits) or a county (6). The server
 * is the guard: a prefecture admin sets their prefecture's row and their counties', and is refused
 * — in words — the province's row and another prefecture's; the province admin sets every row.
 * A small two-prefecture province (test-support/province.ts), its index given to the app.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deployment, setDeployment } from '../../src/domain/deployment';
import { parseRegionFiles } from '../../src/domain/region';
import type { Scope } from '../../src/domain/protocol';
import { canWrite, placeOfRegion } from '../../src/domain/scope';
import { targetId } from '../../src/domain/target';
import { oneCountyPrefectureFile, twoPrefectureProvince } from '../../src/test-support/province';
import { buildApp } from '../app';
import type { Db } from '../db';
import { writableAreaSql } from '../sync/area';
import {
  seedUser,
  TEST_SCRYPT,
  TestDevice,
  testBackends,
  useTestDatabase,
} from '../test-support/sync';

const built = deployment();
const province = twoPrefectureProvince(built);

const target = (countyCode: string | null, value: number) => ({
  year: 2026,
  countyCode,
  metric: 'servicePoints',
  value,
});

describe.each(testBackends('server/assessment/targetLevels.test.ts'))(
  'targets at every level of a province on $kind',
  (backend) => {
    beforeAll(() => setDeployment(province));
    afterAll(() => setDeployment(built));

    let db: Db;
    const database = useTestDatabase(backend, async (db) => {
      await seedUser(db, 'provinceadmin', 'admin', { level: 'province', code: '33' });
      await seedUser(db, 'ningboadmin', 'admin', { level: 'prefecture', code: '3302' });
    });
    beforeEach(() => {
      db = database();
    });

    const regions = () =>
      parseRegionFiles(
        [
          oneCountyPrefectureFile({
            prefecture: '3301',
            name: '杭州市',
            county: '330127',
            countyName: '淳安县',
          }),
          oneCountyPrefectureFile({
            prefecture: '3302',
            name: '宁波市',
            county: '330225',
            countyName: '象山县',
          }),
        ],
        province,
      );

    async function stored(countyCode: string | null): Promise<number | undefined> {
      const { rows } = await db.query<{ value: number }>(
        `select (data ->> 'value')::int as value from records where id = $1`,
        [targetId(2026, countyCode, 'servicePoints')],
      );
      return rows[0]?.value;
    }

    it('a prefecture admin sets their prefecture’s and counties’ rows, never the province’s or another prefecture’s', async () => {
      const app = await buildApp({
        db,
        staticDir: '/nonexistent',
        scrypt: TEST_SCRYPT,
        regions: regions(),
      });
      const admin = await TestDevice.signIn(app, 'ningboadmin');
      const answer = await admin.push([
        admin.mutation('target', targetId(2026, null, 'servicePoints'), target(null, 3000)),
        admin.mutation('target', targetId(2026, '3301', 'servicePoints'), target('3301', 1500)),
        admin.mutation('target', targetId(2026, '330127', 'servicePoints'), target('330127', 90)),
        admin.mutation('target', targetId(2026, '3302', 'servicePoints'), target('3302', 1200)),
        admin.mutation('target', targetId(2026, '330225', 'servicePoints'), target('330225', 80)),
      ]);
      expect(answer.results.map((r) => [r.status, r.reason ?? null])).toEqual([
        ['rejected', 'scopeDenied'],
        ['rejected', 'scopeDenied'],
        ['rejected', 'scopeDenied'],
        ['applied', null],
        ['applied', null],
      ]);
      // The refusal says why in words, in both languages.
      expect(answer.results[1]?.message?.['zh-CN']).toBe(
        '这个区域的目标不归你设定：你只能设定本辖区及其下属区域的目标',
      );
      expect(answer.results[0]?.message?.en).toContain('not yours to set');
      expect(await stored(null)).toBeUndefined();
      expect(await stored('3301')).toBeUndefined();
      expect(await stored('330127')).toBeUndefined();
      expect(await stored('3302')).toBe(1200);
      expect(await stored('330225')).toBe(80);
      await app.close();
    });

    it('the province admin sets the province’s row and every prefecture’s; the province’s own code is no row', async () => {
      const app = await buildApp({
        db,
        staticDir: '/nonexistent',
        scrypt: TEST_SCRYPT,
        regions: regions(),
      });
      const admin = await TestDevice.signIn(app, 'provinceadmin');
      const answer = await admin.push([
        admin.mutation('target', targetId(2026, null, 'servicePoints'), target(null, 3000)),
        admin.mutation('target', targetId(2026, '3301', 'servicePoints'), target('3301', 1500)),
        admin.mutation('target', targetId(2026, '3302', 'servicePoints'), target('3302', 1200)),
        admin.mutation('target', targetId(2026, '33', 'servicePoints'), target('33', 1)),
        admin.mutation('target', targetId(2026, '3303', 'servicePoints'), target('3303', 1)),
      ]);
      expect(answer.results.map((r) => [r.status, r.reason ?? null])).toEqual([
        ['applied', null],
        ['applied', null],
        ['applied', null],
        ['rejected', 'invalid'],
        ['rejected', 'invalid'],
      ]);
      expect(JSON.stringify(answer.results[3]?.message)).toContain('目标只能定给');
      expect(await stored(null)).toBe(3000);
      expect(await stored('3301')).toBe(1500);
      expect(await stored('3302')).toBe(1200);
      expect(await stored('33')).toBeUndefined();

      // The prefecture's row is stored in its prefecture (county_code = its 4 digits), so the
      // area filters (pull, inboxes, audit) put it in the province and that prefecture only.
      const { rows } = await db.query<{ county_code: string | null }>(
        `select county_code from records where id = $1`,
        [targetId(2026, '3302', 'servicePoints')],
      );
      expect(rows[0]?.county_code).toBe('3302');

      // Everyone reads every target: the prefecture admin's pull holds the rows.
      const ningbo = await TestDevice.signIn(app, 'ningboadmin');
      await ningbo.pullAll();
      const pulled = [...ningbo.copy.values()]
        .filter((c) => c.entity === 'target')
        .map((c) => (c.data as { countyCode: string | null } | null)?.countyCode);
      expect(pulled.sort()).toEqual(['3301', '3302', null].sort());
      await app.close();
    });

    it('the inboxes’ area SQL agrees with canWrite for a target of every level', async () => {
      // The conflicts inbox pages in the database (server/sync/area.ts): a prefecture's own row
      // (county_code = its 4 digits) is in the province's and that prefecture's, nobody else's.
      const codes = [null, '3301', '330127', '3302', '330225'];
      const rows = codes.map((code, i) => ({ i, county: placeOfRegion(code).countyCode }));
      const scopes: Scope[] = [
        { level: 'province', code: '33' },
        { level: 'prefecture', code: '3301' },
        { level: 'prefecture', code: '3302' },
        { level: 'county', code: '330225' },
      ];
      for (const scope of scopes) {
        const actor = { role: 'admin' as const, scope };
        const area = writableAreaSql(actor, 2, { alias: 'r', entities: ['target'] });
        const { rows: kept } = await db.query<{ i: number; ok: boolean }>(
          `select r.i, coalesce(${area.sql}, false) as ok
           from (select x.i, 'target' as entity, x.county as county_code,
                        null::text as township_code
                 from jsonb_to_recordset($1::jsonb) as x(i int, county text)) as r
           order by r.i`,
          [JSON.stringify(rows), ...area.params],
        );
        expect(
          kept.map((row) => row.ok),
          JSON.stringify(scope),
        ).toEqual(codes.map((code) => canWrite(actor, 'target', placeOfRegion(code))));
      }
      // And what canWrite says, spelled out once.
      const ningbo = { role: 'admin' as const, scope: scopes[2]! };
      expect(codes.filter((code) => canWrite(ningbo, 'target', placeOfRegion(code)))).toEqual([
        '3302',
        '330225',
      ]);
    });
  },
);
