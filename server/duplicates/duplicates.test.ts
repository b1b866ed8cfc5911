/**
 * Duplicate service points after sync (issue 4), on PGlite and (with TEST_DATABASE_URL)
 * PostgreSQL: two officers, offline on different phones, register the same shop; the server
 * flags the pair when the second one arrives, and a coordinator of the area merges or dismisses
 * it. A merge is two ordinary changes, so every device receives it with its next pull.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { newId } from '../../src/domain/common';
import type { Db } from '../db';
import {
  buildTestApp,
  CHUNAN,
  loginToken,
  QIANDAOHU,
  QIANDAOHU_VILLAGE,
  seedUser,
  servicePointFields,
  TestDevice,
  testBackends,
  TONGLU,
  TONGLU_VILLAGE,
  useTestDatabase,
  WENCHANG_VILLAGE,
} from '../test-support/sync';
import { untilLockWaited } from '../test-support/conditions';
import { backfillPointKeys } from './backfill';
import { MAX_KEY_LOCKS } from './detect';
import type { DuplicateFlagView, ResolveAnswer } from './review';

const at = (lat: number, lng: number) => ({
  lat,
  lng,
  accuracy: 12,
  source: 'gps',
  capturedAt: '2026-03-01T08:00:00.000Z',
});
// 0.0005° of latitude ≈ 55 m; 0.005° ≈ 555 m.
const HERE = at(29.605, 119.042);
const NEAR = at(29.6055, 119.042);
const FAR = at(29.61, 119.042);
const PHOTO_A = 'a'.repeat(64);
const PHOTO_B = 'b'.repeat(64);

describe.each(testBackends('server/duplicates/duplicates.test.ts'))(
  'duplicate flags on $kind',
  (backend) => {
    let db: Db;
    let app: FastifyInstance;
    const database = useTestDatabase(backend);

    beforeEach(async () => {
      db = database();
      await seedUser(db, 'officer1', 'officer', { level: 'township', code: QIANDAOHU });
      await seedUser(db, 'officer2', 'officer', { level: 'county', code: CHUNAN });
      await seedUser(db, 'coordinator', 'coordinator', { level: 'county', code: CHUNAN });
      await seedUser(db, 'tonglu', 'coordinator', { level: 'county', code: TONGLU });
      await seedUser(db, 'tonglu-officer', 'officer', { level: 'county', code: TONGLU });
      app = await buildTestApp(db);
    });

    afterEach(async () => {
      await app.close();
    });

    async function as(username: string) {
      const token = await loginToken(app, username);
      return (method: 'GET' | 'POST', url: string, payload?: object) =>
        app.inject({
          method,
          url,
          headers: { authorization: `Bearer ${token}` },
          ...(payload ? { payload } : {}),
        });
    }

    async function flagsFor(username: string): Promise<DuplicateFlagView[]> {
      const response = await (await as(username))('GET', '/api/duplicates');
      expect(response.statusCode).toBe(200);
      return (response.json() as { duplicates: DuplicateFlagView[] }).duplicates;
    }

    async function create(device: TestDevice, fields: Record<string, unknown>): Promise<string> {
      const id = newId();
      const answer = await device.push([device.mutation('servicePoint', id, fields)]);
      expect(answer.results[0]!.status).toBe('applied');
      return id;
    }

    /** The story of the issue: the same shop registered on two phones, 55 m apart. */
    async function twoPhonesOneShop() {
      const a = await TestDevice.signIn(app, 'officer1');
      const b = await TestDevice.signIn(app, 'officer2');
      const first = await create(
        a,
        servicePointFields(QIANDAOHU_VILLAGE, {
          name: '富城村电商服务点',
          location: HERE,
          photos: [PHOTO_A],
          operatorPhone: null,
        }),
      );
      const second = await create(
        b,
        servicePointFields(QIANDAOHU_VILLAGE, {
          name: '村口小卖部',
          location: NEAR,
          photos: [PHOTO_B],
          operatorName: '李四',
          operatorPhone: '13900002222',
        }),
      );
      return { a, b, first, second };
    }

    it('flags the same village within 200 m when the second phone syncs, for the area only', async () => {
      const { first, second } = await twoPhonesOneShop();
      const flags = await flagsFor('coordinator');
      expect(flags).toHaveLength(1);
      expect(flags[0]!.reason).toBe('sameVillageNearby');
      expect(flags[0]!.distance).toBeGreaterThan(40);
      expect(flags[0]!.distance).toBeLessThan(70);
      expect(new Set([flags[0]!.a.id, flags[0]!.b.id])).toEqual(new Set([first, second]));
      // The coordinator sees the records as they are, with who edited them last.
      const byId = new Map([flags[0]!.a, flags[0]!.b].map((p) => [p.id, p]));
      expect(byId.get(second)!.data.operatorPhone).toBe('13900002222');
      expect(byId.get(first)!.lastEditedBy).toBe('officer1 (test)');

      // Another county's coordinator does not see it; an officer may not open the inbox.
      expect(await flagsFor('tonglu')).toEqual([]);
      const denied = await (await as('officer1'))('GET', '/api/duplicates');
      expect(denied.statusCode).toBe(403);
      expect(denied.json().messages['zh-CN']).toContain('协调员');
    });

    it('flags the same normalised name within a county, not across counties', async () => {
      const chunan = await TestDevice.signIn(app, 'officer2');
      const tonglu = await TestDevice.signIn(app, 'tonglu-officer');
      await create(chunan, servicePointFields(QIANDAOHU_VILLAGE, { name: '千岛湖 电商服务站' }));
      await create(tonglu, servicePointFields(TONGLU_VILLAGE, { name: '千岛湖服务点' }));
      expect(await flagsFor('coordinator')).toEqual([]);
      expect(await flagsFor('tonglu')).toEqual([]);

      await create(chunan, servicePointFields(WENCHANG_VILLAGE, { name: '千岛湖（服务点）' }));
      const flags = await flagsFor('coordinator');
      expect(flags.map((f) => f.reason)).toEqual(['sameName']);
      expect(flags[0]!.distance).toBeNull();
      expect(await flagsFor('tonglu')).toEqual([]);
    });

    it('does not flag points far apart, until one is moved close; a dismissal sticks', async () => {
      const device = await TestDevice.signIn(app, 'officer2');
      const one = await create(
        device,
        servicePointFields(QIANDAOHU_VILLAGE, { name: '东头小店', location: HERE }),
      );
      const two = await create(
        device,
        servicePointFields(QIANDAOHU_VILLAGE, { name: '西头超市', location: FAR }),
      );
      // Another township of the county, a similar spot: different village, not flagged.
      await create(
        device,
        servicePointFields(WENCHANG_VILLAGE, { name: '浪洞小店', location: NEAR }),
      );
      expect(await flagsFor('coordinator')).toEqual([]);

      // A status change (no name, place or location change) flags nothing.
      const status = await device.push([
        device.mutation(
          'servicePoint',
          two,
          {
            status: 'approved',
            statusHistory: [
              { status: 'planned', date: '2026-03-01' },
              { status: 'approved', date: '2026-03-02' },
            ],
          },
          1,
        ),
      ]);
      expect(status.results[0]!.status).toBe('applied');
      expect(await flagsFor('coordinator')).toEqual([]);

      // The officer corrects the location of the second: now 55 m from the first.
      const moved = await device.push([
        device.mutation('servicePoint', two, { location: NEAR }, 2),
      ]);
      expect(moved.results[0]!.status).toBe('applied');
      const [flag] = await flagsFor('coordinator');
      expect(new Set([flag!.a.id, flag!.b.id])).toEqual(new Set([one, two]));

      const coordinator = await as('coordinator');
      const dismissed = await coordinator('POST', `/api/duplicates/${flag!.id}/dismiss`, {});
      expect(dismissed.statusCode).toBe(200);
      expect((dismissed.json() as ResolveAnswer).resolution).toBe('dismissed');
      expect(await flagsFor('coordinator')).toEqual([]);

      // Edited again, still close: the coordinator already said they are two points.
      await device.push([device.mutation('servicePoint', two, { location: HERE }, 3)]);
      expect(await flagsFor('coordinator')).toEqual([]);
      const again = await coordinator('POST', `/api/duplicates/${flag!.id}/dismiss`, {});
      expect(again.statusCode).toBe(409);
    });

    it('merges: the kept point takes the chosen fields and both photos, the other is deleted on every device', async () => {
      const { a, b, first, second } = await twoPhonesOneShop();
      const [flag] = await flagsFor('coordinator');
      const coordinator = await as('coordinator');

      // A stale view (version 1 of a point that is now version 2) is refused, nothing changes.
      await a.push([a.mutation('servicePoint', first, { notes: '门口有快递柜' }, 1)]);
      const stale = await coordinator('POST', `/api/duplicates/${flag!.id}/merge`, {
        keep: first,
        take: ['operatorPhone'],
        versions: { [first]: 1, [second]: 1 },
      });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().messages['zh-CN']).toContain('重新查看');

      // Out of the coordinator's area: as if it did not exist.
      const foreign = await (
        await as('tonglu')
      )('POST', `/api/duplicates/${flag!.id}/merge`, {
        keep: first,
        take: [],
        versions: { [first]: 2, [second]: 1 },
      });
      expect(foreign.statusCode).toBe(404);

      // Keep the first (officer1's), take the operator's phone and name from the second.
      const merged = await coordinator('POST', `/api/duplicates/${flag!.id}/merge`, {
        keep: first,
        take: ['operatorPhone', 'operatorName'],
        versions: { [first]: 2, [second]: 1 },
      });
      expect(merged.statusCode).toBe(200);
      const answer = merged.json() as ResolveAnswer;
      expect(answer).toMatchObject({ resolution: 'merged', keptId: first, version: 3 });

      // Both phones receive the merge with their next pull.
      for (const device of [a, b]) {
        await device.pullAll();
        expect(device.data('servicePoint', second)).toBeUndefined();
        expect(device.data('servicePoint', first)).toMatchObject({
          name: '富城村电商服务点',
          notes: '门口有快递柜',
          operatorName: '李四',
          operatorPhone: '13900002222',
          photos: [PHOTO_A, PHOTO_B],
          location: HERE,
          version: 3,
        });
      }
      expect(await flagsFor('coordinator')).toEqual([]);
      const twice = await coordinator('POST', `/api/duplicates/${flag!.id}/merge`, {
        keep: first,
        take: [],
        versions: { [first]: 3, [second]: 1 },
      });
      expect(twice.statusCode).toBe(409);

      // The history says who merged: the coordinator's change on the kept point.
      const history = await coordinator('GET', `/api/records/servicePoint/${first}/history`);
      expect(JSON.stringify(history.json())).toContain('coordinator');
    });

    it('refuses a merge that keeps neither point, and a body that is not a merge', async () => {
      const { first, second } = await twoPhonesOneShop();
      const [flag] = await flagsFor('coordinator');
      const coordinator = await as('coordinator');
      const wrongKeep = await coordinator('POST', `/api/duplicates/${flag!.id}/merge`, {
        keep: newId(),
        take: [],
        versions: { [first]: 1, [second]: 1 },
      });
      expect(wrongKeep.statusCode).toBe(400);
      const badField = await coordinator('POST', `/api/duplicates/${flag!.id}/merge`, {
        keep: first,
        take: ['status'],
        versions: { [first]: 1, [second]: 1 },
      });
      expect(badField.statusCode).toBe(400);
      expect(await flagsFor('coordinator')).toHaveLength(1);
    });

    it("pages the inbox, counts what waits, and answers a point's own flags on their own", async () => {
      const officer = await TestDevice.signIn(app, 'officer2');
      // Five shops registered twice each (same name, same county): five flags, one per pair.
      const pairs: [string, string][] = [];
      for (const name of ['一号店', '二号店', '三号店', '四号店', '五号店']) {
        const first = await create(officer, servicePointFields(QIANDAOHU_VILLAGE, { name }));
        const second = await create(officer, servicePointFields(WENCHANG_VILLAGE, { name }));
        pairs.push([first, second]);
      }
      const coordinator = await as('coordinator');
      type Page = { duplicates: DuplicateFlagView[]; next: string | null; total: number };
      const read = async (query: string) => {
        const response = await coordinator('GET', `/api/duplicates${query}`);
        expect(response.statusCode, response.body).toBe(200);
        return response.json() as Page;
      };
      const first = await read('?limit=2');
      expect(first.total).toBe(5);
      expect(first.duplicates.map((f) => [f.a.id, f.b.id].sort())).toEqual(
        pairs.slice(0, 2).map((pair) => [...pair].sort()),
      );
      const seen = [...first.duplicates];
      let next = first.next;
      while (next) {
        const page = await read(`?limit=2&after=${next}`);
        expect(page.duplicates.length).toBeLessThanOrEqual(2);
        seen.push(...page.duplicates);
        next = page.next;
      }
      expect(seen.map((f) => f.id)).toEqual(
        [...new Set(seen.map((f) => f.id))].sort((x, y) => x - y),
      );
      expect(seen).toHaveLength(5);

      // On the page of the last pair's first point: only its flag, whatever page it is on.
      const own = await read(`?point=${pairs[4]![0]}`);
      expect(own).toMatchObject({ total: 1, next: null });
      expect([own.duplicates[0]!.a.id, own.duplicates[0]!.b.id]).toContain(pairs[4]![1]);

      // Another county: nothing, and nothing counted.
      expect((await (await as('tonglu'))('GET', '/api/duplicates')).json()).toEqual({
        duplicates: [],
        next: null,
        total: 0,
      });
      for (const bad of ['?limit=0', '?limit=201', '?after=zzz', '?point=nope']) {
        expect((await coordinator('GET', `/api/duplicates${bad}`)).statusCode, bad).toBe(400);
      }
    });

    it('a deleted point takes its open flags with it', async () => {
      const { b, second } = await twoPhonesOneShop();
      expect(await flagsFor('coordinator')).toHaveLength(1);
      await b.push([b.mutation('servicePoint', second, {}, 1, 'delete')]);
      expect(await flagsFor('coordinator')).toEqual([]);
    });

    it('fills missing keys at start (a database from before the key columns)', async () => {
      await twoPhonesOneShop();
      await db.exec(
        'delete from duplicate_flags; update records set dup_name = null, dup_village = null;',
      );
      expect(await backfillPointKeys(db)).toBe(2);
      expect(await flagsFor('coordinator')).toHaveLength(1);
      expect(await backfillPointKeys(db)).toBe(0);
    });

    it.runIf(backend.kind === 'postgres')(
      'two servers receiving the two registrations at the same moment still flag them',
      async () => {
        const other = await backend.openAnother!(db);
        const otherApp = await buildTestApp(other);
        try {
          for (let round = 0; round < 5; round++) {
            const a = await TestDevice.signIn(app, 'officer1');
            const b = await TestDevice.signIn(otherApp, 'officer2');
            const name = `同时登记${round}`;
            const loc = at(29.605 + round * 0.01, 119.042);
            await Promise.all([
              create(
                a,
                servicePointFields(QIANDAOHU_VILLAGE, { name: `${name}甲`, location: loc }),
              ),
              create(
                b,
                servicePointFields(QIANDAOHU_VILLAGE, { name: `${name}乙`, location: loc }),
              ),
            ]);
          }
          expect(await flagsFor('coordinator')).toHaveLength(5);
        } finally {
          await otherApp.close();
          await other.close();
        }
      },
    );

    it.runIf(backend.kind === 'postgres')(
      'two servers receiving one name at the same moment flag it (no location: the name lock)',
      async () => {
        const other = await backend.openAnother!(db);
        const otherApp = await buildTestApp(other);
        try {
          for (let round = 0; round < 5; round++) {
            const a = await TestDevice.signIn(app, 'officer1');
            const b = await TestDevice.signIn(otherApp, 'officer2');
            const name = `同名登记${round}`;
            await Promise.all([
              create(a, servicePointFields(QIANDAOHU_VILLAGE, { name })),
              create(b, servicePointFields(WENCHANG_VILLAGE, { name: `${name}服务点` })),
            ]);
          }
          const flags = await flagsFor('coordinator');
          expect(flags.map((f) => f.reason)).toEqual(Array(5).fill('sameName'));
        } finally {
          await otherApp.close();
          await other.close();
        }
      },
    );

    it.runIf(backend.kind === 'postgres')(
      'a batch with more than MAX_KEY_LOCKS keys locks its county, and a small one in that county waits for it',
      async () => {
        const other = await backend.openAnother!(db);
        const b = await TestDevice.signIn(app, 'officer2');
        try {
          // What a large batch holds while it looks for duplicates: its county, exclusively.
          const countyKey = `hashtextextended('point_keys:' || $1, 0)`;
          let settled = false;
          let pending: Promise<string> | undefined;
          await other.transaction(async (tx) => {
            await tx.query(`select pg_advisory_xact_lock(${countyKey})`, [CHUNAN]);
            pending = create(b, servicePointFields(WENCHANG_VILLAGE, { name: '等锁服务点' }));
            void pending.then(() => (settled = true));
            // PostgreSQL itself says the small batch waits for the county's lock (pg_locks).
            await untilLockWaited(db, countyKey, [CHUNAN]);
            expect(settled).toBe(false);
          });
          await pending; // and went through once the county was free
        } finally {
          await other.close();
        }
      },
    );

    it.runIf(backend.kind === 'postgres')(
      'a batch with more than MAX_KEY_LOCKS names is applied and flagged like a small one',
      async () => {
        const a = await TestDevice.signIn(app, 'officer1');
        const b = await TestDevice.signIn(app, 'officer2');
        await create(b, servicePointFields(WENCHANG_VILLAGE, { name: '大批同名' }));
        const batch = Array.from({ length: MAX_KEY_LOCKS + 1 }, (_, i) =>
          a.mutation(
            'servicePoint',
            newId(),
            servicePointFields(QIANDAOHU_VILLAGE, { name: i === 0 ? '大批同名' : `大批${i}` }),
          ),
        );
        const answer = await a.push(batch);
        expect(answer.results.every((r) => r.status === 'applied')).toBe(true);
        expect((await flagsFor('coordinator')).map((f) => f.reason)).toEqual(['sameName']);
      },
    );
  },
);
