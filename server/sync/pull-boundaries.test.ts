/**
 * Downloads across the digit boundaries of the transaction ids, on PGlite and PostgreSQL.
 *
 * Why this file exists: the pull once sorted its pages by the TEXT of the transaction id
 * ('1000' < '25' < '999') while its cursor compared the ids as numbers, so as soon as the change
 * log held ids of different digit counts every download longer than one page skipped rows — and
 * every other sync test stayed green, because none of them ever wrote past id 999 (issue 11). A
 * proof that never crosses a boundary proves nothing, so here the database's transaction counter
 * is moved to just below each boundary before the writes:
 *
 * - 1,000, 10,000 and 100,000 (digit counts 3→4→5→6): ids burned with a loop of committed
 *   transactions, on PGlite and on a fresh PostgreSQL cluster;
 * - 2^32 (the wrap of the 32-bit xid into the next epoch of xid8) and 10^10 (11 digits, epoch 2):
 *   PostgreSQL only, on clusters .ci/run prepares with pg_resetwal (scripts/test-postgres.sh);
 *   PGlite cannot be moved that far (burning 4 billion ids takes half a day).
 *
 * Each scenario: records written below the boundary; devices download them (first download);
 * then many more writes in transactions on both sides of it — creates, edits, deletes, records
 * moving out of an officer's township; then every device downloads incrementally and fresh
 * devices download from nothing, in pages of 1, 7, 100, 1,000 and the app's own full-download
 * sizes (500, then 5,000). Each must hold exactly the records the server holds in its area. The
 * pages of 1 and 7 walk one page at a time through the NEAR rows (of the device's own) either
 * side of the xid boundary and of the seq's 999 → 1,000, and take the rows far from both in one
 * page each stretch (downloadNear; every row far from a boundary is still downloaded and
 * checked): paging the whole log by 1 and 7 was ~650 pages per boundary and most of this file's
 * time (docs/TESTING.md, "Eighth session").
 * Last, the log is compacted: the horizon must be the newest deleted position by number, so a
 * device whose cursor lies below it (here: below the boundary) starts again.
 */
import { describe, expect, it } from 'vitest';
import { newId } from '../../src/domain/common';
import { MAX_PULL_LIMIT } from '../../src/domain/protocol';
import type { Actor } from '../../src/domain/scope';
import type { Db } from '../db';
import {
  burnTransactionIdsTo,
  createPostgresTestDatabase,
  openTestPglite,
  TEST_DATABASE_URL_VARIABLE,
} from '../test-support/databases';
import { migrate } from '../db/migrate';
import { readableLogBranchesSql } from './area';
import { compactChangeLog } from './compaction';
import { decodeCursor } from './cursor';
import { logPageSql } from './pull';
import {
  buildTestApp,
  CHUNAN,
  QIANDAOHU,
  QIANDAOHU_VILLAGE,
  resetDatabase,
  seedUser,
  servicePointFields,
  TestDevice,
  traineeFields,
  WENCHANG_VILLAGE,
} from '../test-support/sync';

/** The boundaries, ascending; a cluster serves those ahead of its counter, in order. */
export const XID_BOUNDARIES = [1_000n, 10_000n, 100_000n, 2n ** 32n, 10_000_000_000n] as const;
const PGLITE_BOUNDARIES = [1_000n, 10_000n, 100_000n];
/** How far ahead of a cluster's counter a boundary may be and still be reached by burning. */
const BURN_REACH = 300_000n;

export const XID_CLUSTERS_VARIABLE = 'TEST_XID_CLUSTERS';

type Copy = Map<string, number>;

function copyOf(device: TestDevice): Copy {
  return new Map([...device.copy].map(([key, change]) => [key, change.version]));
}

/** What the server holds in an area: entity:id → version of every live record. */
async function serverHolds(db: Db, entities: string[], where: string, code: string) {
  const { rows } = await db.query<{ key: string; version: string | number }>(
    `select entity || ':' || id::text as key, version from records
     where not deleted and entity = any($1::text[]) and ${where} = $2`,
    [entities, code],
  );
  return new Map(rows.map((r) => [r.key, Number(r.version)]));
}

/** How a device pulls: a fixed page size, or the app's full download (500, then 5,000). */
type PageSize = number | 'app';

async function download(device: TestDevice, size: PageSize): Promise<number> {
  let pages = 0;
  for (;;) {
    const limit = size === 'app' ? (pages === 0 && device.cursor === null ? 500 : 5000) : size;
    const answer = await device.pull(limit);
    if ('resetRequired' in answer) throw new Error('unexpected resetRequired');
    pages++;
    if (!answer.hasMore) return pages;
  }
}

/**
 * How many of a device's own rows either side of a boundary its small pages (1, 7) walk through
 * one page at a time; the rows farther away come in one page each stretch.
 */
const NEAR = 10;

/** A row of the change log, by its typed position. */
interface Position {
  xid: bigint;
  seq: bigint;
}

/**
 * Every row of the log a user's pull serves, in the order it serves them: the pull's own page
 * query (logPageSql over readableLogBranchesSql) with no limit. Only to place the page edges of
 * downloadNear; what a device must hold is checked against the records (serverHolds).
 */
async function positionsFor(db: Db, actor: Actor): Promise<Position[]> {
  const filter = readableLogBranchesSql(actor, 4);
  const { rows } = await db.query<{ xid: string; seq: string }>(
    `${logPageSql(filter.branches)}
     select xid::text as xid, seq::text as seq from numbered order by n`,
    ['0', 0, 10_000_000, ...filter.params],
  );
  // Ordered here by the typed (xid, seq), not by the query: a pull that ordered its pages
  // otherwise (issue 11's text of the xid) must fail the downloads, not shape their plan.
  return rows
    .map((r) => ({ xid: BigInt(r.xid), seq: BigInt(r.seq) }))
    .sort((a, b) => (a.xid !== b.xid ? (a.xid < b.xid ? -1 : 1) : a.seq < b.seq ? -1 : 1));
}

/** The index of the first row at or past a digit boundary of the xid or of the seq. */
function transitions(positions: Position[], boundary: bigint): { xid: number; seq: number } {
  return {
    xid: positions.findIndex((p) => p.xid >= boundary),
    seq: positions.findIndex((p) => p.seq >= 1_000n),
  };
}

/**
 * A download in pages of `size` wherever a page could hold a row within NEAR rows of the xid
 * boundary (…999 → …000, transactions B−1 → B) or of the seq's 999 → 1,000, and one page up to
 * just before those rows elsewhere: with pages of 1 every row near each boundary is a page edge
 * (what the text-ordered pull of issue 11 got wrong), with pages of 7 a page ends short of the
 * boundary and the next holds rows on both sides — the same edges the whole log paged by 1 or 7
 * put there, without the ~1,200 pages far from any boundary. Returns the pages as [first, last]
 * row indices; throws if the server's pages do not end where the plan says.
 */
async function downloadNear(
  device: TestDevice,
  size: number,
  positions: Position[],
  near: Set<number>,
): Promise<[number, number][]> {
  const indexOf = (cursor: string | null): number => {
    if (cursor === null) return -1;
    const at = decodeCursor(cursor)!;
    const index = positions.findIndex((p) => p.xid === BigInt(at.xid) && p.seq === BigInt(at.seq));
    if (index < 0) throw new Error(`cursor ${at.xid}/${at.seq} is not one of the device's rows`);
    return index;
  };
  const pages: [number, number][] = [];
  let next = indexOf(device.cursor) + 1;
  for (;;) {
    let limit = size;
    if (!near.has(next)) {
      const ahead = [...near].filter((i) => i > next).sort((a, b) => a - b)[0];
      limit = Math.min(MAX_PULL_LIMIT, Math.max(1, (ahead ?? positions.length) - next));
    }
    const answer = await device.pull(limit);
    if ('resetRequired' in answer) throw new Error('unexpected resetRequired');
    const last = answer.hasMore ? indexOf(device.cursor) : positions.length - 1;
    if (answer.hasMore && last !== next + limit - 1) {
      throw new Error(`a page of ${limit} from row ${next} ended at row ${last}`);
    }
    pages.push([next, last]);
    next = last + 1;
    if (!answer.hasMore) return pages;
  }
}

interface BoundaryFigures {
  boundary: bigint;
  device: string;
  size: PageSize;
  pages: number;
  expected: number;
  received: number;
}

/** Filled by every scenario and printed at the end (the closing note quotes it). */
const figures: { db: string; rows: BoundaryFigures[] }[] = [];

async function crossBoundary(db: Db, boundary: bigint, label: string): Promise<void> {
  await resetDatabase(db);
  await seedUser(db, 'officer', 'officer', { level: 'township', code: QIANDAOHU });
  await seedUser(db, 'coordinator', 'coordinator', { level: 'county', code: CHUNAN });
  const app = await buildTestApp(db);
  try {
    const writer = await TestDevice.signIn(app, 'coordinator');
    const officerSizes: PageSize[] = [1, 7, 100];
    const coordinatorSizes: PageSize[] = [7, 100, 1000, 'app'];

    // Below the boundary: a few points in the officer's township and elsewhere in the county.
    await burnTransactionIdsTo(db, boundary - 120n);
    const points: string[] = [];
    for (let i = 0; i < 8; i++) {
      const id = newId();
      points.push(id);
      const village = i % 2 === 0 ? QIANDAOHU_VILLAGE : WENCHANG_VILLAGE;
      await writer.push([
        writer.mutation('servicePoint', id, servicePointFields(village, { name: `点${i}` })),
      ]);
    }
    const early = {
      officer: await Promise.all(officerSizes.map(() => TestDevice.signIn(app, 'officer'))),
      coordinator: await Promise.all(
        coordinatorSizes.map(() => TestDevice.signIn(app, 'coordinator')),
      ),
    };
    for (const [i, device] of early.officer.entries()) await download(device, officerSizes[i]!);
    for (const [i, device] of early.coordinator.entries()) {
      await download(device, coordinatorSizes[i]!);
    }

    // A device that stops following here, below the boundary (for the compaction below).
    const staleCursor = early.coordinator[0]!.cursor;

    // Across it: 16 transactions starting a few ids below, about 80 changes each.
    await burnTransactionIdsTo(db, boundary - 6n);
    for (let t = 0; t < 16; t++) {
      const batch = [];
      for (let i = 0; i < 70; i++) {
        const id = newId();
        points.push(id);
        // One point in ten in the officer's township: their pages of 1 stay about a hundred.
        const village = i % 10 === 0 ? QIANDAOHU_VILLAGE : WENCHANG_VILLAGE;
        // Names of their own: a shared name would make every pair a duplicate to flag.
        batch.push(
          writer.mutation('servicePoint', id, servicePointFields(village, { name: `点${t}-${i}` })),
        );
      }
      for (let i = 0; i < 6; i++) {
        batch.push(writer.mutation('trainee', newId(), traineeFields(WENCHANG_VILLAGE)));
      }
      // Older points change: an edit, a delete, a move out of the officer's township.
      // (The writer's own earlier changes never conflict with its later ones.)
      const edited = points[t % 8]!;
      batch.push(
        writer.mutation('servicePoint', edited, { notes: `第${t}次` }, 1 + Math.floor(t / 8)),
      );
      const previous = 8 + (t - 1) * 70; // the first point of the previous transaction
      if (t > 0)
        batch.push(writer.mutation('servicePoint', points[previous + 1]!, {}, 1, 'delete'));
      if (t > 0) {
        // points[previous] lies in the officer's township (i = 0): it leaves their area.
        batch.push(
          writer.mutation('servicePoint', points[previous]!, { regionCode: WENCHANG_VILLAGE }, 1),
        );
      }
      const answer = await writer.push(batch);
      expect(answer.results.every((r) => r.status === 'applied')).toBe(true);
    }

    // The log really holds ids on both sides of the boundary (else this proves nothing).
    const { rows: span } = await db.query<{ below: string; above: string }>(
      `select count(*) filter (where xid < $1::text::xid8)::text as below,
              count(*) filter (where xid >= $1::text::xid8)::text as above
       from change_log`,
      [boundary.toString()],
    );
    expect(Number(span[0]!.below), `rows below ${boundary}`).toBeGreaterThan(100);
    expect(Number(span[0]!.above), `rows at or above ${boundary}`).toBeGreaterThan(100);

    const officerHolds = await serverHolds(db, ['servicePoint'], 'township_code', QIANDAOHU);
    const coordinatorHolds = await serverHolds(
      db,
      ['servicePoint', 'trainee'],
      'county_code',
      CHUNAN,
    );
    expect(coordinatorHolds.size).toBeGreaterThan(1000);
    expect(officerHolds.size).toBeGreaterThan(50);

    // Where each user's rows cross the boundaries: the pages of 1 and 7 walk through the NEAR
    // rows either side of each, one page at a time (downloadNear).
    const actors: Record<'officer' | 'coordinator', Actor> = {
      officer: { role: 'officer', scope: { level: 'township', code: QIANDAOHU } },
      coordinator: { role: 'coordinator', scope: { level: 'county', code: CHUNAN } },
    };
    const plans = {} as Record<
      'officer' | 'coordinator',
      { positions: Position[]; near: Set<number> }
    >;
    for (const who of ['officer', 'coordinator'] as const) {
      const positions = await positionsFor(db, actors[who]);
      const edges = transitions(positions, boundary);
      // Rows on both sides of each boundary, in this user's own rows (else this proves nothing).
      expect(edges.xid, `${who}: rows below ${boundary}`).toBeGreaterThan(NEAR);
      expect(positions.length - edges.xid, `${who}: rows from ${boundary}`).toBeGreaterThan(NEAR);
      expect(edges.seq, `${who}: rows below seq 1,000`).toBeGreaterThan(NEAR);
      expect(positions.length - edges.seq, `${who}: rows from seq 1,000`).toBeGreaterThan(NEAR);
      const near = new Set<number>();
      for (const edge of [edges.xid, edges.seq]) {
        for (let i = edge - NEAR; i < edge + NEAR; i++) near.add(i);
      }
      plans[who] = { positions, near };
    }

    const rows: BoundaryFigures[] = [];
    figures.push({ db: label, rows });
    const check = async (
      who: 'officer' | 'coordinator',
      kind: 'incremental' | 'first',
      device: TestDevice,
      size: PageSize,
    ) => {
      let pages: number;
      if (typeof size === 'number' && size < 100) {
        const { positions, near } = plans[who];
        const served = await downloadNear(device, size, positions, near);
        pages = served.length;
        // Every row near a boundary came in a page of `size` that started near it.
        const oversized = served.filter(
          ([first, last]) =>
            [...near].some((i) => i >= first && i <= last) &&
            (!near.has(first) || last - first + 1 > size),
        );
        expect.soft(oversized, `${who}, ${kind}: pages over the rows near ${boundary}`).toEqual([]);
      } else {
        pages = await download(device, size);
      }
      const expected = who === 'officer' ? officerHolds : coordinatorHolds;
      const copy = copyOf(device);
      const received = [...expected].filter(([key, v]) => copy.get(key) === v).length;
      rows.push({
        boundary,
        device: `${who} ${kind}`,
        size,
        pages,
        expected: expected.size,
        received,
      });
      // Soft: every device and page size is checked and printed, even after a first failure.
      expect
        .soft(copy, `${who}, ${kind} download in pages of ${size} across ${boundary}`)
        .toEqual(expected);
    };
    for (const [i, device] of early.officer.entries()) {
      await check('officer', 'incremental', device, officerSizes[i]!);
    }
    for (const [i, device] of early.coordinator.entries()) {
      await check('coordinator', 'incremental', device, coordinatorSizes[i]!);
    }
    for (const size of officerSizes) {
      await check('officer', 'first', await TestDevice.signIn(app, 'officer'), size);
    }
    for (const size of coordinatorSizes) {
      await check('coordinator', 'first', await TestDevice.signIn(app, 'coordinator'), size);
    }

    // Compaction across the boundary: the horizon is the newest deleted position by NUMBER,
    // so a device behind it starts again and one past it carries on.
    // Rows a compaction deletes: superseded by a newer row of their record, or of a tombstone.
    const { rows: superseded } = await db.query<{ xid: string; seq: string }>(
      `select l.xid::text as xid, l.seq::text as seq from change_log l
       where exists (select 1 from change_log n where n.entity = l.entity
                     and n.record_id = l.record_id and (n.xid, n.seq) > (l.xid, l.seq))
          or exists (select 1 from records r where r.entity = l.entity and r.id = l.record_id
                     and r.deleted)
       order by l.xid desc, l.seq desc limit 1`,
    );
    const report = await compactChangeLog(db, { before: new Date('2026-03-03T00:00:00Z') });
    expect(report.horizon).toEqual({
      xid: superseded[0]!.xid,
      seq: Number(superseded[0]!.seq),
    });
    expect(BigInt(report.horizon!.xid)).toBeGreaterThanOrEqual(boundary);
    const caughtUp = early.coordinator[0]!;
    expect(await caughtUp.pull()).toMatchObject({ changes: [], hasMore: false });
    caughtUp.cursor = staleCursor;
    expect(await caughtUp.pull()).toEqual({ resetRequired: true });
  } finally {
    await app.close();
  }
}

describe('downloads across transaction-id boundaries on PGlite', () => {
  for (const boundary of PGLITE_BOUNDARIES) {
    it(`receives every record across ${boundary}`, async () => {
      const db = await openTestPglite();
      try {
        await crossBoundary(db, boundary, 'pglite');
      } finally {
        await db.close();
      }
    }, 120_000);
  }
});

/**
 * The PostgreSQL clusters of TEST_XID_CLUSTERS (comma-separated admin URLs, each a cluster this
 * file may advance at will), and which boundaries each can reach. Missing in CI is an error;
 * elsewhere a loud warning.
 */
async function planClusters(): Promise<{ url: string; boundaries: bigint[] }[]> {
  const urls = (process.env[XID_CLUSTERS_VARIABLE] ?? '')
    .split(',')
    .map((u) => u.trim())
    .filter(Boolean);
  const ci = ['1', 'true'].includes((process.env.CI ?? '').trim().toLowerCase());
  const advice =
    `${XID_CLUSTERS_VARIABLE} is not set, so the transaction-id boundary tests do not run on ` +
    `PostgreSQL. scripts/test-postgres.sh starts the clusters they need.`;
  if (urls.length === 0) {
    if (ci && process.env[TEST_DATABASE_URL_VARIABLE]) throw new Error(`CI: ${advice}`);
    if (process.env[TEST_DATABASE_URL_VARIABLE]) console.warn(`\n⚠️  WARNING: ${advice}\n`);
    return [];
  }
  const pg = (await import('pg')).default;
  const plan: { url: string; boundaries: bigint[] }[] = [];
  for (const url of urls) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ xid: string }>(
        'select pg_current_xact_id()::text as xid',
      );
      const now = BigInt(rows[0]!.xid);
      plan.push({
        url,
        boundaries: XID_BOUNDARIES.filter((b) => b - 200n > now && b - now <= BURN_REACH),
      });
    } finally {
      await client.end();
    }
  }
  const covered = new Set(plan.flatMap((p) => p.boundaries));
  const missing = XID_BOUNDARIES.filter((b) => !covered.has(b));
  if (missing.length > 0) {
    const message = `${XID_CLUSTERS_VARIABLE}: no cluster can reach ${missing.join(', ')}`;
    if (ci) throw new Error(`CI: ${message}`);
    console.warn(`\n⚠️  WARNING: ${message}\n`);
  }
  return plan;
}

const clusters = await planClusters();

describe.runIf(clusters.length > 0)(
  'downloads across transaction-id boundaries on PostgreSQL',
  () => {
    for (const cluster of clusters) {
      for (const boundary of cluster.boundaries) {
        it(`receives every record across ${boundary}`, async () => {
          const database = await createPostgresTestDatabase(cluster.url);
          try {
            const db = await database.open();
            await migrate(db);
            await crossBoundary(db, boundary, 'postgres');
          } finally {
            await database.drop();
          }
        }, 120_000);
      }
    }
  },
);

describe('boundary figures', () => {
  it('prints what each device expected and received', () => {
    for (const { db, rows } of figures) {
      console.log(`\n${db}: pages, and records expected / received, per device and page size`);
      for (const r of rows) {
        console.log(
          `  ${String(r.boundary).padStart(11)}  ${r.device.padEnd(24)} pages of ${String(r.size).padEnd(5)} ${String(r.pages).padStart(4)} pages  ${r.expected} / ${r.received}`,
        );
      }
    }
    expect(figures.length).toBeGreaterThan(0);
  });
});
