/**
 * The apply path runs the entity steps it is handed, and only those (entity-hooks.ts): apply.ts
 * names no entity, so what a feature needs beside the generic merge (attendance following its
 * session, duplicate flags) reaches it only through this table. Here a table made for the test
 * shows the contract each step relies on: `prepare` sees the stored record and its result is what
 * gets judged; `derivedColumns` lands in the row; `afterApply` runs once per batch per entity, in
 * the table's order, with every changed record before and after — and not at all for an entity
 * the batch did not change.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../src/domain/common';
import type { Db } from '../db';
import { serverRegions } from '../regions';
import { applyMutations, type WriteActor } from './apply';
import type { EntityHookTable, RecordChange } from '../base/entity-hooks';
import type { ApplyMutation } from '../base/records';
import {
  CHUNAN,
  QIANDAOHU,
  QIANDAOHU_VILLAGE,
  seedUser,
  servicePointFields,
  testBackends,
  trainingSessionFields,
  useTestDatabase,
} from '../test-support/sync';

describe.each(testBackends('server/sync/entity-hooks.test.ts'))(
  'entity hooks on $kind',
  (backend) => {
    let db: Db;
    let actor: WriteActor;
    const database = useTestDatabase(backend);
    beforeEach(async () => {
      db = database();
      const user = await seedUser(db, 'coordinator', 'coordinator', {
        level: 'county',
        code: CHUNAN,
      });
      actor = { ...user, userId: user.id, clientId: null };
    });

    const upsert = (
      entity: ApplyMutation['entity'],
      recordId: string,
      changes: Record<string, unknown>,
      baseVersion = 0,
    ): ApplyMutation => ({
      mutationId: null,
      entity,
      recordId,
      op: 'upsert',
      changes,
      baseVersion,
    });

    it('runs prepare, derived columns and after-apply steps from the table, in its order', async () => {
      const calls: { entity: string; changes: { before: number | null; after: number }[] }[] = [];
      const record =
        (entity: string) =>
        async (_tx: unknown, changes: readonly RecordChange[]): Promise<void> => {
          calls.push({
            entity,
            changes: changes.map((c) => ({
              before: c.before?.version ?? null,
              after: c.after.version,
            })),
          });
        };
      const hooks: EntityHookTable = {
        // Listed first, so run first, though the batch writes its points first.
        trainingSession: { afterApply: record('trainingSession') },
        servicePoint: {
          prepare: (mutation, current) =>
            current
              ? { ...mutation, changes: { ...mutation.changes, notes: '由 prepare 补上' } }
              : mutation,
          derivedColumns: (r) => ({ dup_name: `name:${r.id}`, dup_village: null }),
          afterApply: record('servicePoint'),
        },
        trainee: { afterApply: record('trainee') }, // nothing of it in the batch: never called
      };
      const context = { now: new Date(), regions: serverRegions(), hooks };
      const point = newId();
      const session = newId();
      await db.transaction((tx) =>
        applyMutations(tx, context, actor, [
          upsert('servicePoint', point, servicePointFields(QIANDAOHU_VILLAGE)),
          upsert(
            'servicePoint',
            newId(),
            servicePointFields(QIANDAOHU_VILLAGE, { name: '另一个' }),
          ),
          upsert('trainingSession', session, trainingSessionFields(QIANDAOHU)),
        ]),
      );
      expect(calls).toEqual([
        { entity: 'trainingSession', changes: [{ before: null, after: 1 }] },
        {
          entity: 'servicePoint',
          changes: [
            { before: null, after: 1 },
            { before: null, after: 1 },
          ],
        },
      ]);

      calls.length = 0;
      const [outcome] = await db.transaction((tx) =>
        applyMutations(tx, context, actor, [upsert('servicePoint', point, { name: '改名' }, 1)]),
      );
      expect(outcome).toMatchObject({ status: 'applied', version: 2 });
      expect(calls).toEqual([{ entity: 'servicePoint', changes: [{ before: 1, after: 2 }] }]);
      const { rows } = await db.query<{ notes: string; dup_name: string }>(
        `select data ->> 'notes' as notes, dup_name from records where id = $1`,
        [point],
      );
      expect(rows).toEqual([{ notes: '由 prepare 补上', dup_name: `name:${point}` }]);
    });

    it('with no table, runs no entity step (the generic path alone)', async () => {
      const point = newId();
      await db.transaction((tx) =>
        applyMutations(tx, { now: new Date(), regions: serverRegions() }, actor, [
          upsert('servicePoint', point, servicePointFields(QIANDAOHU_VILLAGE)),
        ]),
      );
      const { rows } = await db.query<{ dup_name: string | null }>(
        'select dup_name from records where id = $1',
        [point],
      );
      expect(rows).toEqual([{ dup_name: null }]);
    });
  },
);
