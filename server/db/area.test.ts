/**
 * The one area filter on real rows (PGlite, and PostgreSQL with TEST_DATABASE_URL): records of
 * `records` at every level, with neighbours whose codes share a prefix string but lie in another
 * area (330122 and 330127 share "33012", 330203 and 3301 share "330", 330127100 and 330127101
 * share "33012710"). For each scope level (prefecture 4 digits, county 6, township 9): what
 * codeWithinSql keeps, what the records' area filter (server/sync/area.ts) gives a coordinator to
 * read and to write, and which accounts an admin lists.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Scope } from '../../src/domain/protocol';
import { listAccounts } from '../auth/users';
import { readableAreaSql, writableAreaSql } from '../sync/area';
import { seedUser, testBackends } from '../test-support/sync';
import { codeWithinSql } from './area';
import type { Db } from './types';

/** The rows: name → entity and place (county, township). */
const ROWS = {
  cityTarget: ['target', null, null], // the prefecture's own target
  qiandaohu: ['servicePoint', '330127', '330127100'], // 淳安 千岛湖镇
  qiandaohuNeighbour: ['servicePoint', '330127', '330127101'], // same county, next township
  chunanCentre: ['servicePoint', '330127', null], // 淳安, no township
  tonglu: ['servicePoint', '330122', '330122002'], // 桐庐: shares "33012" with 淳安
  otherCounty: ['servicePoint', '330110', '330110001'], // in the prefecture, another county
  ningbo: ['servicePoint', '330203', '330203001'], // another prefecture: shares "330"
} as const;
type RowName = keyof typeof ROWS;
const NAMES = Object.keys(ROWS) as RowName[];

const PREFECTURE: Scope = { level: 'prefecture', code: '3301' };
const COUNTY: Scope = { level: 'county', code: '330127' };
const TOWNSHIP: Scope = { level: 'township', code: '330127100' };

describe.each(testBackends('server/db/area.test.ts'))('the area filter on $kind', (backend) => {
  let db: Db;
  const ids = new Map<string, RowName>();

  beforeAll(async () => {
    db = await backend.open();
    for (const [i, name] of NAMES.entries()) {
      const [entity, county, township] = ROWS[name];
      const id = `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`;
      ids.set(id, name);
      await db.query(
        `insert into records (entity, id, data, version, county_code, township_code,
                              created_at, updated_at)
         values ($1, $2, '{}', 1, $3, $4, now(), now())`,
        [entity, id, county, township],
      );
    }
  });

  afterAll(async () => {
    await backend.close(db);
  });

  /** The names of the rows `where` keeps, sorted; `params` are its parameters. */
  async function kept(where: string, params: unknown[]): Promise<RowName[]> {
    const { rows } = await db.query<{ id: string }>(
      `select r.id::text as id from records r where coalesce(${where}, false)`,
      params,
    );
    return rows.map((row) => ids.get(row.id)!).sort();
  }
  const sorted = (names: RowName[]) => [...names].sort();

  it.each([
    [
      'prefecture 3301',
      'r.county_code',
      PREFECTURE,
      ['qiandaohu', 'qiandaohuNeighbour', 'chunanCentre', 'tonglu', 'otherCounty'],
    ],
    ['county 330127', 'r.county_code', COUNTY, ['qiandaohu', 'qiandaohuNeighbour', 'chunanCentre']],
    ['county 330127', 'r.township_code', COUNTY, ['qiandaohu', 'qiandaohuNeighbour']],
    ['township 330127100', 'r.township_code', TOWNSHIP, ['qiandaohu']],
  ] as const)(
    'codeWithinSql, %s on %s: the area, nothing that only shares a prefix string',
    async (_area, column, scope, expected) => {
      expect(await kept(codeWithinSql(column, '$1'), [scope.code])).toEqual(sorted([...expected]));
    },
  );

  it('cuts each code to the length of the area code it is compared with', async () => {
    // 淳安 330127 and 桐庐 330122 share "33012"; 千岛湖镇 330127100 and its neighbour 330127101
    // share "33012710": the comparison takes exactly the parameter's length each time.
    expect(await kept(codeWithinSql('r.county_code', '$1'), ['330127'])).not.toContain('tonglu');
    expect(await kept(codeWithinSql('r.township_code', '$1'), ['33012710'])).toEqual(
      sorted(['qiandaohu', 'qiandaohuNeighbour']),
    );
    expect(await kept(codeWithinSql('r.township_code', '$1'), ['330127100'])).toEqual([
      'qiandaohu',
    ]);
  });

  it.each([
    {
      scope: PREFECTURE,
      readable: [
        'cityTarget',
        'qiandaohu',
        'qiandaohuNeighbour',
        'chunanCentre',
        'tonglu',
        'otherCounty',
      ],
      writable: ['qiandaohu', 'qiandaohuNeighbour', 'chunanCentre', 'tonglu', 'otherCounty'],
    },
    {
      scope: COUNTY,
      readable: ['cityTarget', 'qiandaohu', 'qiandaohuNeighbour', 'chunanCentre'],
      writable: ['qiandaohu', 'qiandaohuNeighbour', 'chunanCentre'],
    },
    { scope: TOWNSHIP, readable: ['cityTarget', 'qiandaohu'], writable: ['qiandaohu'] },
  ] as const)(
    'a coordinator of $scope.level $scope.code reads and writes the records of the area only',
    async ({ scope, readable, writable }) => {
      const actor = { role: 'coordinator' as const, scope };
      const read = readableAreaSql(actor, 1, { alias: 'r' });
      expect(await kept(read.sql, read.params)).toEqual(sorted([...readable]));
      const write = writableAreaSql(actor, 1, { alias: 'r' });
      expect(await kept(write.sql, write.params)).toEqual(sorted([...writable]));
    },
  );

  it('lists an admin the accounts within their area, not the neighbour county’s', async () => {
    await seedUser(db, 'city', 'admin', PREFECTURE);
    await seedUser(db, 'chunan', 'coordinator', COUNTY);
    await seedUser(db, 'qiandaohu', 'officer', TOWNSHIP);
    await seedUser(db, 'tonglu', 'coordinator', { level: 'county', code: '330122' });
    await seedUser(db, 'ningbo', 'coordinator', { level: 'county', code: '330203' });
    const names = async (within: Scope) =>
      (await listAccounts(db, within)).map((account) => account.username).sort();
    expect(await names(PREFECTURE)).toEqual(['chunan', 'city', 'qiandaohu', 'tonglu']);
    expect(await names(COUNTY)).toEqual(['chunan', 'qiandaohu']);
    expect(await names(TOWNSHIP)).toEqual(['qiandaohu']);
  });
});
