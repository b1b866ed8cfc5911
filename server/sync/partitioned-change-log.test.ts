/**
 * The sync tests again, on a change_log PARTITIONED BY PROVINCE (issue 16 part 6, docs/SCALE.md):
 * the layout a PostgreSQL per province, or Citus distributing by county code, gives the log. The
 * same test files run here unchanged — imported after partitionTestChangeLogs(), so every
 * database their testBackends() opens (PGlite, and PostgreSQL with TEST_DATABASE_URL) has the
 * partitioned log — which shows that the pull, the push, the digest, the conflicts and the
 * compaction assume no single table. A first test checks the layout is really there and that the
 * rows land in their province's partition.
 */
import { describe, expect, it } from 'vitest';
import { newId } from '../../src/domain/common';
import { partitionTestChangeLogs, testBackends, useTestDatabase } from '../test-support/sync';
import {
  buildTestApp,
  QIANDAOHU,
  QIANDAOHU_VILLAGE,
  seedUser,
  servicePointFields,
  TestDevice,
} from '../test-support/sync';
import { changeLogPartitions, provinceCodes } from '../test-support/partitioned-change-log';

partitionTestChangeLogs();

describe.each(testBackends('server/sync/partitioned-change-log.test.ts'))(
  'change_log partitioned by province on $kind',
  (backend) => {
    const database = useTestDatabase(backend, async (db) => {
      await seedUser(db, 'officer1', 'officer', { level: 'township', code: QIANDAOHU });
    });

    it('has one partition per province and a default, and a push lands in 33 (Zhejiang)', async () => {
      const db = database();
      const { rows } = await db.query<{ partitions: number; kind: string }>(
        `select (select count(*)::int from pg_inherits where inhparent = 'change_log'::regclass)
                  as partitions,
                (select relkind::text from pg_class where oid = 'change_log'::regclass) as kind`,
      );
      expect(rows[0]).toEqual({ partitions: provinceCodes().length + 1, kind: 'p' });
      // The pull's area indexes (0014) are on the partitioned log, as in production.
      const indexes = await db.query<{ name: string }>(
        `select c.relname as name from pg_index i join pg_class c on c.oid = i.indexrelid
         where i.indrelid = 'change_log'::regclass order by 1`,
      );
      expect(indexes.rows.map((r) => r.name)).toEqual(
        expect.arrayContaining([
          'change_log_county',
          'change_log_township',
          'change_log_old_county',
          'change_log_old_township',
        ]),
      );

      const app = await buildTestApp(db);
      try {
        const device = await TestDevice.signIn(app, 'officer1');
        const point = newId();
        await device.push([
          device.mutation('servicePoint', point, servicePointFields(QIANDAOHU_VILLAGE)),
          device.mutation('servicePoint', point, { name: '改名' }),
        ]);
        expect(await changeLogPartitions(db)).toEqual(new Map([['change_log_p33', 2]]));
        await device.pullAll();
        expect(device.data('servicePoint', point)).toMatchObject({ name: '改名' });
      } finally {
        await app.close();
      }
    });
  },
);

// The sync tests themselves, on the partitioned log. This file shares the node project's worker
// and its modules (vite.config.ts), where those files may already have run: the query makes each
// a module of its own, evaluated (and so collected) again here, while what they import
// (test-support/sync.ts, whose layout partitionTestChangeLogs() set) stays the shared copy.
const again = (path: string) => import(/* @vite-ignore */ `${path}?partitioned-change-log`);
await again('./push.test.ts');
await again('./pull.test.ts');
await again('./conflicts.test.ts');
await again('./digest.test.ts');
await again('./area.test.ts');
await again('../maintenance.test.ts'); // the compaction of the log, and its horizon
