/**
 * Migration 0009 on a database that already holds photos (PGlite and, with TEST_DATABASE_URL,
 * PostgreSQL): who listed each photo before is not known, so a listing counts as seen when the
 * photo's uploader may read the record. Every photo the app put in a point of its own area stays
 * visible after the upgrade; a hash copied into another area's point before the upgrade — the
 * hole this closes — is not served there.
 */
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../../src/domain/common';
import type { Scope } from '../../src/domain/protocol';
import type { Db } from '../db';
import { migrate, MIGRATIONS_DIR } from '../db/migrate';
import {
  createPostgresTestDatabase,
  lendTestPglite,
  returnTestPglite,
  postgresTestUrl,
} from '../test-support/databases';
import { serverRegions } from '../regions';
import { applyMutations } from '../sync/apply';
import {
  CHUNAN,
  QIANDAOHU,
  QIANDAOHU_VILLAGE,
  seedUser,
  servicePointFields,
  testBackends,
  TONGLU,
  TONGLU_VILLAGE,
  useTestDatabase,
} from '../test-support/sync';
import { removeUnusedPhotos } from './cleanup';
import { photosVisibleTo } from './listings';

const FILE = 'server/attachments/listings.test.ts';

interface Unmigrated {
  kind: string;
  open(): Promise<{ db: Db; close(): Promise<void> }>;
}

const databases: Unmigrated[] = [
  {
    kind: 'pglite',
    async open() {
      const db = await lendTestPglite({ migrated: false });
      return { db, close: () => returnTestPglite(db) };
    },
  },
];
const url = postgresTestUrl(FILE);
if (url) {
  databases.push({
    kind: 'postgres',
    async open() {
      const database = await createPostgresTestDatabase(url);
      return { db: await database.open(), close: () => database.drop() };
    },
  });
}

/** The migrations before `version`, in a folder of their own. */
async function migrationsBefore(version: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cundian-migrations-'));
  for (const file of await readdir(MIGRATIONS_DIR)) {
    if (file.endsWith('.sql') && file < version)
      await cp(join(MIGRATIONS_DIR, file), join(dir, file));
  }
  return dir;
}

describe.each(databases)('migration 0009 on $kind', (backend) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  it("trusts the photos already listed in their uploader's area, not a hash copied elsewhere", async () => {
    const { db, close } = await backend.open();
    cleanups.push(close);
    const before = await migrationsBefore('0009');
    cleanups.push(() => rm(before, { recursive: true, force: true }));
    await migrate(db, { migrationsDir: before });

    const user = async (username: string, scope: Scope) =>
      (
        await db.query<{ id: string }>(
          `insert into users (username, display_name, role, scope_level, scope_code, password_hash)
           values ($1, $1, 'officer', $2, $3, 'x') returning id::text as id`,
          [username, scope.level, scope.code],
        )
      ).rows[0]!.id;
    const qiandaohu = await user('qiandaohu', { level: 'township', code: QIANDAOHU });
    const tonglu = await user('tonglu', { level: 'county', code: TONGLU });
    const sha = 'c'.repeat(64);
    await db.query(
      `insert into attachments (sha256, content, content_type, size, uploaded_by, created_at)
       values ($1, '\\xffd8ff00', 'image/jpeg', 4, $2, now())`,
      [sha, qiandaohu],
    );
    const point = async (by: string, village: string) => {
      const id = newId();
      await db.query(
        `insert into records (entity, id, data, version, county_code, township_code, created_at,
                              updated_at, updated_by)
         values ('servicePoint', $1, $2, 1, $3, $4, now(), now(), $5)`,
        [id, { photos: [sha], regionCode: village }, village.slice(0, 6), village.slice(0, 9), by],
      );
      return id;
    };
    await point(qiandaohu, QIANDAOHU_VILLAGE); // the officer's own point
    await point(tonglu, TONGLU_VILLAGE); // the hash copied into another county's point

    await migrate(db);

    const { rows } = await db.query<{ county: string; seen: boolean }>(
      `select r.county_code as county, l.seen from attachment_listings l
       join records r on r.entity = l.entity and r.id = l.record_id order by r.county_code`,
    );
    expect(rows).toEqual([
      { county: TONGLU, seen: false },
      { county: CHUNAN, seen: true },
    ]);
    const sees = async (scope: Scope) =>
      (await photosVisibleTo(db, { role: 'officer', scope }, [sha])).has(sha);
    expect(await sees({ level: 'township', code: QIANDAOHU })).toBe(true);
    expect(await sees({ level: 'county', code: CHUNAN })).toBe(true);
    expect(await sees({ level: 'county', code: TONGLU })).toBe(false);
    // Its uploader is noted, so the officer's next listing of it is trusted too.
    const uploads = await db.query('select 1 from attachment_uploads where user_id = $1', [
      qiandaohu,
    ]);
    expect(uploads.rows).toHaveLength(1);
  });
});

/**
 * Several server instances on one PostgreSQL: maintenance on one may decide that a photo nobody
 * listed for a month can go at the very moment a push on another lists it again. The push holds
 * a lock on the photo's name until it commits; the clean-up takes it too and looks again, so the
 * photo stays. (PGlite runs one transaction at a time: no such moment there.)
 */
describe.each(testBackends(FILE).filter((backend) => backend.kind === 'postgres'))(
  'clean-up beside a push on $kind',
  (backend) => {
    const database = useTestDatabase(backend, async (db) => {
      await seedUser(db, 'officer1', 'officer', { level: 'township', code: QIANDAOHU });
    });

    it('keeps a photo that a push still in progress lists', async () => {
      const db = database();
      const instance = await backend.openAnother!(db);
      try {
        const { rows } = await db.query<{ id: string }>(
          "select id::text as id from users where username = 'officer1'",
        );
        const officer = rows[0]!.id;
        const sha = 'd'.repeat(64);
        const longAgo = new Date(Date.now() - 60 * 86_400_000);
        await db.query(
          `insert into attachments (sha256, content, content_type, size, uploaded_by, created_at)
           values ($1, '\\xffd8ff00', 'image/jpeg', 4, $2, $3)`,
          [sha, officer, longAgo],
        );
        await db.query(
          'insert into attachment_uploads (sha256, user_id, uploaded_at) values ($1, $2, $3)',
          [sha, officer, longAgo],
        );

        let commit!: () => void;
        const mayCommit = new Promise<void>((resolve) => (commit = resolve));
        let listed!: () => void;
        const hasListed = new Promise<void>((resolve) => (listed = resolve));
        const push = db.transaction(async (tx) => {
          await applyMutations(
            tx,
            { now: new Date(), regions: serverRegions() },
            {
              userId: officer,
              username: 'officer1',
              role: 'officer',
              scope: { level: 'township', code: QIANDAOHU },
              clientId: null,
            },
            [
              {
                mutationId: null,
                entity: 'servicePoint',
                recordId: newId(),
                op: 'upsert',
                changes: servicePointFields(QIANDAOHU_VILLAGE, { photos: [sha] }),
                baseVersion: 0,
              },
            ],
          );
          listed();
          await mayCommit;
        });
        await hasListed;
        const cleanup = removeUnusedPhotos(instance, { before: new Date() });
        // Either the clean-up waits for the push's lock, or (without it) it finishes first.
        let finished = false;
        void cleanup.then(() => (finished = true));
        for (;;) {
          const waiting = await db.query(
            `select 1 from pg_stat_activity
             where datname = current_database() and wait_event_type = 'Lock'
               and query like '%pg_advisory_xact_lock(%'`,
          );
          if (waiting.rows.length > 0 || finished) break;
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        commit();
        await push;
        expect(await cleanup).toEqual({ photosDeleted: 0, bytesFreed: 0 });
        const kept = await db.query('select 1 from attachments where sha256 = $1', [sha]);
        expect(kept.rows).toHaveLength(1);
      } finally {
        await instance.close();
      }
    });
  },
);
