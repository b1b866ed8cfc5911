/**
 * The county table the server counts (GET /api/assessment/counties), on PGlite and PostgreSQL: a
 * coordinator's phone holds only its own county, so this is where its rank comes from. It must be
 * the app's own counting over the server's records, each county against its own target, the
 * prefecture's row against the prefecture's target — and nothing personal.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../src/domain/common';
import { countyTableResponseSchema } from '../../src/domain/metricsWire';
import { targetId } from '../../src/domain/target';
import type { Db } from '../db';
import {
  buildTestApp,
  CHUNAN,
  loginToken,
  QIANDAOHU_VILLAGE,
  seedUser,
  servicePointFields,
  TestClock,
  TestDevice,
  testBackends,
  TONGLU,
  TONGLU_VILLAGE,
  useTestDatabase,
  WENCHANG_VILLAGE,
} from '../test-support/sync';
import { programmeToday } from './routes';

const open = (village: string, name: string) =>
  servicePointFields(village, {
    name,
    status: 'open',
    openedOn: '2026-02-01',
    statusHistory: [
      { status: 'planned', date: '2026-01-05' },
      { status: 'approved', date: '2026-01-20' },
      { status: 'open', date: '2026-02-01' },
    ],
  });

const target = (countyCode: string | null, value: number) => ({
  year: 2026,
  countyCode,
  metric: 'servicePoints',
  value,
});

describe.each(testBackends('server/assessment/routes.test.ts'))(
  'county table on $kind',
  (backend) => {
    let db: Db;
    const database = useTestDatabase(backend);

    beforeEach(async () => {
      db = database();
      await seedUser(db, 'admin', 'admin', { level: 'prefecture', code: '3301' });
      await seedUser(db, 'coordinator', 'coordinator', { level: 'county', code: CHUNAN });
      await seedUser(db, 'officer', 'officer', { level: 'township', code: '330127100' });
    });

    it('ranks every county against its own target, the prefecture against its own, from the server’s records', async () => {
      const clock = new TestClock(new Date('2026-07-01T02:00:00Z'));
      const app = await buildTestApp(db, clock);
      const admin = await TestDevice.signIn(app, 'admin');
      const answer = await admin.push([
        admin.mutation('servicePoint', newId(), open(QIANDAOHU_VILLAGE, '千岛湖一号')),
        admin.mutation('servicePoint', newId(), open(WENCHANG_VILLAGE, '文昌一号')),
        admin.mutation('servicePoint', newId(), open(TONGLU_VILLAGE, '桐庐一号')),
        admin.mutation('target', targetId(2026, CHUNAN, 'servicePoints'), target(CHUNAN, 4)),
        admin.mutation('target', targetId(2026, TONGLU, 'servicePoints'), target(TONGLU, 1)),
        admin.mutation('target', targetId(2026, null, 'servicePoints'), target(null, 1500)),
      ]);
      expect(answer.results.filter((r) => r.status !== 'applied')).toEqual([]);

      const token = await loginToken(app, 'coordinator');
      const response = await app.inject({
        url: '/api/assessment/counties?year=2026',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.statusCode).toBe(200);
      const { table, countedAt } = countyTableResponseSchema.parse(response.json());
      expect(countedAt).toBe('2026-07-01T02:00:00.000Z');
      expect(table.today).toBe('2026-07-01');
      expect(table.rows).toHaveLength(13);
      const row = (code: string) => table.rows.find((r) => r.area.code === code)!;
      expect(row(CHUNAN).measures.servicePointsOpen).toMatchObject({
        actual: 2,
        target: 4,
        share: 0.5,
        pace: 'ahead',
      });
      expect(row(TONGLU).measures.servicePointsOpen).toMatchObject({ actual: 1, share: 1 });
      expect(row(TONGLU).ranks.servicePointsOpen).toBe(1);
      expect(row(CHUNAN).ranks.servicePointsOpen).toBe(2);
      // A county with no target of its own: not ranked, with the hint by rural villages.
      const other = table.rows.find((r) => r.area.code === '330182')!;
      expect(other.measures.servicePointsOpen.target).toBeNull();
      expect(other.ranks.servicePointsOpen).toBeNull();
      expect(other.measures.servicePointsOpen.hint).toBeGreaterThan(0);
      // The totals row: the prefecture against the prefecture's own target.
      expect(table.total.area.code).toBe('3301');
      expect(table.total.measures.servicePointsOpen).toMatchObject({ actual: 3, target: 1500 });
      // Aggregates only: no record, no name, no phone.
      expect(response.body).not.toContain('千岛湖一号');
      expect(response.body).not.toContain('138');
      await app.close();
    });

    it('answers every signed-in role, refuses a bad year in words, and nobody signed out', async () => {
      const app = await buildTestApp(db);
      const token = await loginToken(app, 'officer');
      const ok = await app.inject({
        url: '/api/assessment/counties?year=2025',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(ok.statusCode).toBe(200);
      for (const year of ['1999', 'abc', '2026.5', '']) {
        const bad = await app.inject({
          url: `/api/assessment/counties?year=${year}`,
          headers: { authorization: `Bearer ${token}` },
        });
        expect(bad.statusCode, year).toBe(400);
        expect(bad.json().messages['zh-CN']).toContain('年份');
      }
      expect((await app.inject({ url: '/api/assessment/counties?year=2026' })).statusCode).toBe(
        401,
      );
      await app.close();
    });
  },
);

describe('programmeToday', () => {
  it('is the date in China, whatever the server’s own zone', () => {
    expect(programmeToday(new Date('2026-12-31T16:30:00Z'))).toBe('2027-01-01');
    expect(programmeToday(new Date('2026-12-31T15:59:00Z'))).toBe('2026-12-31');
  });
});
