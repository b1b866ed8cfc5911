/**
 * area.ts writes canRead and canWrite again in SQL, for the queries that filter in the database
 * (pull, digest, repair; the review inboxes, paged and counted there). Two copies of one rule
 * drift unless something compares them: this asks the database, for every role, scope level,
 * entity and kind of place, and expects the domain rule's answer each time (PGlite and, with
 * TEST_DATABASE_URL, PostgreSQL).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTITY_NAMES } from '../../src/domain/entities';
import { ROLES, type Scope } from '../../src/domain/protocol';
import { canRead, canWrite, type Actor, type RecordPlace } from '../../src/domain/scope';
import type { Db } from '../db';
import { readableAreaSql, readableLogBranchesSql, writableAreaSql, type AreaSql } from './area';
import { testBackends } from '../test-support/sync';

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

const ROWS = ENTITY_NAMES.flatMap((entity) => PLACES.map((place) => ({ entity, ...place })));

describe.each(testBackends('server/sync/area.test.ts'))('area SQL on $kind', (backend) => {
  let db: Db;
  beforeAll(async () => {
    db = await backend.open();
  });
  afterAll(async () => {
    await backend.close(db);
  });

  /** Which of ROWS the condition keeps, asked of the database ($1 is the rows). */
  async function kept(condition: AreaSql): Promise<boolean[]> {
    const { rows } = await db.query<{ i: number; ok: boolean }>(
      `select r.i, coalesce(${condition.sql}, false) as ok
       from (select x.i, x.entity, x."countyCode" as county_code,
                    x."townshipCode" as township_code
             from jsonb_to_recordset($1::jsonb)
               as x(i int, entity text, "countyCode" text, "townshipCode" text)) as r
       order by r.i`,
      [JSON.stringify(ROWS.map((row, i) => ({ i, ...row }))), ...condition.params],
    );
    expect(rows.map((row) => row.i)).toEqual(ROWS.map((_, i) => i));
    return rows.map((row) => row.ok);
  }

  it.each([
    [
      'readableAreaSql',
      'canRead',
      (actor: Actor) => readableAreaSql(actor, 2, { alias: 'r' }),
      canRead,
    ],
    [
      'writableAreaSql',
      'canWrite',
      (actor: Actor) => writableAreaSql(actor, 2, { alias: 'r' }),
      canWrite,
    ],
  ] as const)(
    '%s agrees with %s for every role, scope, entity and place',
    async (_sql, _rule, toSql, rule) => {
      let checked = 0;
      for (const role of ROLES) {
        for (const scope of SCOPES) {
          const actor = { role, scope };
          const answers = await kept(toSql(actor));
          ROWS.forEach((row, i) => {
            expect(answers[i], `${role} ${scope.level} ${JSON.stringify(row)}`).toBe(
              rule(actor, row.entity, row),
            );
            checked++;
          });
        }
      }
      expect(checked).toBe(ROLES.length * SCOPES.length * ENTITY_NAMES.length * PLACES.length);
    },
  );

  // The pull reads a page as a merge of one ordered index range per branch: a row in no branch
  // would never reach a device that may read it, a row in two would be served twice. So: for
  // every role and scope (a prefecture that is not the whole deployment and a province too), on
  // change-log rows that moved (an old place) or not, exactly one branch keeps a row when the
  // whole condition does, and none when it does not.
  it('readableLogBranchesSql: disjoint branches whose union is the log condition', async () => {
    const oldPlaces: RecordPlace[] = [{ countyCode: null, townshipCode: null }, ...PLACES.slice(1)];
    const logRows = ENTITY_NAMES.flatMap((entity) =>
      PLACES.flatMap((place) =>
        [null, ...oldPlaces].map((old) => ({
          entity,
          ...place,
          oldCountyCode: old?.countyCode ?? null,
          oldTownshipCode: old?.townshipCode ?? null,
        })),
      ),
    );
    const scopes: Scope[] = [
      ...SCOPES,
      { level: 'prefecture', code: '3302' },
      { level: 'province', code: '33' },
    ];
    let checked = 0;
    let kept = 0;
    for (const role of ROLES) {
      for (const scope of scopes) {
        const { sql, params, branches } = readableLogBranchesSql({ role, scope }, 2);
        const { rows } = await db.query<{ i: number; whole: boolean; hits: number }>(
          `select i, coalesce(${sql}, false) as whole,
                  (${branches.map((b) => `(coalesce(${b}, false))::int`).join(' + ')}) as hits
           from jsonb_to_recordset($1::jsonb)
             as x(i int, entity text, county_code text, township_code text,
                  old_county_code text, old_township_code text)
           order by i`,
          [
            JSON.stringify(
              logRows.map((row, i) => ({
                i,
                entity: row.entity,
                county_code: row.countyCode,
                township_code: row.townshipCode,
                old_county_code: row.oldCountyCode,
                old_township_code: row.oldTownshipCode,
              })),
            ),
            ...params,
          ],
        );
        expect(rows).toHaveLength(logRows.length);
        for (const row of rows) {
          const label = `${role} ${scope.level} ${scope.code} ${JSON.stringify(logRows[row.i])}`;
          expect(row.hits, label).toBe(row.whole ? 1 : 0);
          if (row.whole) kept++;
          checked++;
        }
      }
    }
    expect(checked).toBe(ROLES.length * scopes.length * logRows.length);
    expect(kept).toBeGreaterThan(0);
  });
});
