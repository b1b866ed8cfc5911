/**
 * Targets are the city's plan: the grid offers an admin only the cells of their area and never a
 * coordinator any, but that is a courtesy — the server is the guard (DESIGN.md §7). A target for
 * a county outside the writer's area, a prefecture-wide target from a county-scoped admin, or any
 * target from a coordinator is refused with a reason and stores nothing; the city's admin may set
 * every row. Each target of a grid save arrives as its own mutation, so one refused cell never
 * blocks the others.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { targetId } from '../../src/domain/target';
import type { Db } from '../db';
import {
  buildTestApp,
  CHUNAN,
  seedUser,
  TestDevice,
  testBackends,
  TONGLU,
  useTestDatabase,
} from '../test-support/sync';

const target = (countyCode: string | null, value: number) => ({
  year: 2026,
  countyCode,
  metric: 'servicePoints',
  value,
});

describe.each(testBackends('server/assessment/targets.test.ts'))('targets on $kind', (backend) => {
  let db: Db;
  const database = useTestDatabase(backend, async (db) => {
    await seedUser(db, 'cityadmin', 'admin', { level: 'prefecture', code: '3301' });
    await seedUser(db, 'countyadmin', 'admin', { level: 'county', code: CHUNAN });
    await seedUser(db, 'coordinator', 'coordinator', { level: 'county', code: CHUNAN });
  });

  beforeEach(() => {
    db = database();
  });

  async function stored(countyCode: string | null): Promise<number | undefined> {
    const { rows } = await db.query<{ value: number }>(
      `select (data ->> 'value')::int as value from records where id = $1`,
      [targetId(2026, countyCode, 'servicePoints')],
    );
    return rows[0]?.value;
  }

  it('refuses a target outside the writer’s area, and any target from a coordinator', async () => {
    const app = await buildTestApp(db);
    const countyAdmin = await TestDevice.signIn(app, 'countyadmin');
    const answer = await countyAdmin.push([
      countyAdmin.mutation('target', targetId(2026, TONGLU, 'servicePoints'), target(TONGLU, 90)),
      countyAdmin.mutation('target', targetId(2026, null, 'servicePoints'), target(null, 1500)),
      countyAdmin.mutation('target', targetId(2026, CHUNAN, 'servicePoints'), target(CHUNAN, 150)),
    ]);
    expect(answer.results.map((r) => [r.status, r.reason ?? null])).toEqual([
      ['rejected', 'scopeDenied'],
      ['rejected', 'scopeDenied'],
      ['applied', null],
    ]);
    expect(await stored(TONGLU)).toBeUndefined();
    expect(await stored(null)).toBeUndefined();
    expect(await stored(CHUNAN)).toBe(150);

    const coordinator = await TestDevice.signIn(app, 'coordinator');
    const refused = await coordinator.push([
      coordinator.mutation('target', targetId(2026, CHUNAN, 'servicePoints'), { value: 9999 }, 1),
    ]);
    expect(refused.results.map((r) => r.reason)).toEqual(['roleDenied']);
    expect(await stored(CHUNAN)).toBe(150);
    await app.close();
  });

  it('lets the city’s admin set the prefecture’s row and every county’s', async () => {
    const app = await buildTestApp(db);
    const admin = await TestDevice.signIn(app, 'cityadmin');
    const answer = await admin.push([
      admin.mutation('target', targetId(2026, null, 'servicePoints'), target(null, 1500)),
      admin.mutation('target', targetId(2026, TONGLU, 'servicePoints'), target(TONGLU, 90)),
    ]);
    expect(answer.results.map((r) => r.status)).toEqual(['applied', 'applied']);
    expect(await stored(null)).toBe(1500);
    expect(await stored(TONGLU)).toBe(90);
    await app.close();
  });
});
