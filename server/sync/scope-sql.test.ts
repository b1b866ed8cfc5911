/**
 * writableSql is canWrite written again in SQL, so that the review inboxes can be paged and
 * counted in the database. Two copies of one rule drift unless something compares them: this
 * asks the database, for every role, scope level, entity and kind of place, and expects the
 * domain rule's answer each time (PGlite and, with TEST_DATABASE_URL, PostgreSQL).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTITY_NAMES } from '../../src/domain/entities';
import { ROLES, type Scope } from '../../src/domain/protocol';
import { canWrite, type RecordPlace } from '../../src/domain/scope';
import type { Db } from '../db';
import { writableSql } from './scope-sql';
import { testBackends } from './test-support';

const SCOPES: Scope[] = [
  { level: 'prefecture', code: '3301' },
  { level: 'county', code: '330127' },
  { level: 'township', code: '330127100' },
];

const PLACES: RecordPlace[] = [
  { countyCode: null, townshipCode: null }, // the prefecture itself (a city-wide target)
  { countyCode: '330127', townshipCode: null }, // a county centre
  { countyCode: '330127', townshipCode: '330127100' },
  { countyCode: '330127', townshipCode: '330127101' },
  { countyCode: '330122', townshipCode: '330122002' }, // another county
  { countyCode: '330203', townshipCode: '330203001' }, // another prefecture (宁波)
];

describe.each(testBackends('server/sync/scope-sql.test.ts'))('writableSql on $kind', (backend) => {
  let db: Db;
  beforeAll(async () => {
    db = await backend.open();
  });
  afterAll(async () => {
    await backend.close(db);
  });

  it('agrees with canWrite for every role, scope, entity and place', async () => {
    const rows = ENTITY_NAMES.flatMap((entity) => PLACES.map((place) => ({ entity, ...place })));
    const table = rows.map((row, i) => ({ i, ...row }));
    let checked = 0;
    for (const role of ROLES) {
      for (const scope of SCOPES) {
        const actor = { role, scope };
        const params: unknown[] = [JSON.stringify(table)];
        const condition = writableSql(actor, 'r', params);
        const { rows: answers } = await db.query<{ i: number; ok: boolean }>(
          `select r.i, coalesce(${condition}, false) as ok
           from (select x.i, x.entity, x."countyCode" as county_code,
                        x."townshipCode" as township_code
                 from jsonb_to_recordset($1::jsonb)
                   as x(i int, entity text, "countyCode" text, "townshipCode" text)) as r`,
          params,
        );
        expect(answers).toHaveLength(rows.length);
        for (const { i, ok } of answers) {
          const row = rows[i]!;
          const expected = canWrite(actor, row.entity, row);
          expect(ok, `${role} ${scope.level} ${row.entity} ${JSON.stringify(row)}`).toBe(expected);
          checked++;
        }
      }
    }
    expect(checked).toBe(ROLES.length * SCOPES.length * ENTITY_NAMES.length * PLACES.length);
  });
});
