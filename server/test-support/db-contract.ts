/**
 * The behaviour both databases must share, written once and run against PGlite
 * (pglite.test.ts) and PostgreSQL (postgres.test.ts). If a test passes on one and fails on the
 * other, the Db interface has leaked a difference that services would trip over.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import { migrate } from '../db/migrate';
import type { Db } from '../db/types';

export interface ContractDatabase {
  /** A fresh, empty (not migrated) database. */
  open(): Promise<Db>;
  /** Called after each test with what open() returned. */
  cleanup(db: Db): Promise<void>;
}

export function defineDbContractTests(kind: Db['kind'], database: ContractDatabase): void {
  describe(`Db contract on ${kind}`, () => {
    let db: Db;

    beforeEach(async () => {
      db = await database.open();
    });

    afterEach(async () => {
      await database.cleanup(db);
    });

    it('reports its kind', () => {
      expect(db.kind).toBe(kind);
    });

    it('runs parameterised queries and reports row counts', async () => {
      await db.exec(`
        create table items (id int primary key, label text not null);
        insert into items values (1, 'a'), (2, 'b'), (3, 'c');
      `);
      const selected = await db.query<{ id: number; label: string }>(
        'select id, label from items where id >= $1 order by id',
        [2],
      );
      expect(selected.rows).toEqual([
        { id: 2, label: 'b' },
        { id: 3, label: 'c' },
      ]);
      const updated = await db.query('update items set label = $1 where id < $2', ['z', 3]);
      expect(updated.rowCount).toBe(2);
    });

    it('returns the same JavaScript values on both databases', async () => {
      const { rows } = await db.query(`
        select 42::int8 as int8, (select count(*) from generate_series(1, 3)) as count,
          array[1, 2]::int8[] as int8_array, 7::int4 as int4, 1.5::numeric as numeric,
          date '2024-02-29' as day, array[date '2024-01-01']::date[] as days,
          timestamptz '2024-01-02 03:04:05+00' as at, '{"a": [1]}'::jsonb as json,
          true as flag, null::text as nothing
      `);
      expect(rows[0]).toEqual({
        int8: 42,
        count: 3,
        int8_array: [1, 2],
        int4: 7,
        numeric: '1.5',
        day: '2024-02-29',
        days: ['2024-01-01'],
        at: new Date('2024-01-02T03:04:05Z'),
        json: { a: [1] },
        flag: true,
        nothing: null,
      });
    });

    it('refuses an int8 beyond 2^53 instead of rounding it', async () => {
      await expect(db.query('select 9007199254740993::int8 as big')).rejects.toThrow(/::text/);
      const { rows } = await db.query('select 9007199254740993::int8::text as big');
      expect(rows[0]).toEqual({ big: '9007199254740993' });
    });

    it('commits a transaction and returns its value', async () => {
      await db.exec('create table notes (id int primary key)');
      const result = await db.transaction(async (tx) => {
        await tx.query('insert into notes values ($1)', [1]);
        await tx.query('insert into notes values ($1)', [2]);
        return 'done';
      });
      expect(result).toBe('done');
      expect((await db.query('select count(*) as n from notes')).rows[0]).toEqual({ n: 2 });
    });

    it('rolls a transaction back when its callback throws', async () => {
      await db.exec('create table notes (id int primary key)');
      await expect(
        db.transaction(async (tx) => {
          await tx.query('insert into notes values (1)');
          throw new Error('changed my mind');
        }),
      ).rejects.toThrow('changed my mind');
      await expect(
        db.transaction(async (tx) => {
          await tx.query('insert into notes values (2)');
          await tx.query('insert into notes values (2)'); // duplicate key
        }),
      ).rejects.toThrow(/duplicate key/);
      expect((await db.query('select count(*) as n from notes')).rows[0]).toEqual({ n: 0 });
    });

    it('keeps concurrent transactions apart', async () => {
      await db.exec('create table notes (id int primary key, batch int not null)');
      const batches = [1, 2, 3, 4, 5, 6];
      const results = await Promise.allSettled(
        batches.map((batch) =>
          db.transaction(async (tx) => {
            await tx.query('insert into notes values ($1, $2)', [batch * 10, batch]);
            await tx.query('insert into notes values ($1, $2)', [batch * 10 + 1, batch]);
            if (batch % 2 === 0) throw new Error(`batch ${batch} fails`);
          }),
        ),
      );
      expect(results.map((result) => result.status)).toEqual(
        batches.map((batch) => (batch % 2 === 0 ? 'rejected' : 'fulfilled')),
      );
      const { rows } = await db.query<{ batch: number }>(
        'select distinct batch from notes order by batch',
      );
      expect(rows.map((row) => row.batch)).toEqual([1, 3, 5]);
    });

    it('refuses the outer db inside a transaction (a deadlock on PGlite)', async () => {
      await expect(db.transaction(() => db.query('select 1'))).rejects.toThrow(/use the tx/);
      await expect(db.transaction(() => db.transaction(async () => 1))).rejects.toThrow(
        /use the tx/,
      );
      // Outside the callback the db works again.
      expect((await db.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
    });

    it('applies the migrations once, and a second run changes nothing', async () => {
      const first = await migrate(db);
      expect(first.applied).toContain('0001_init.sql');
      expect(first.alreadyApplied).toBe(0);

      const second = await migrate(db);
      expect(second.applied).toEqual([]);
      expect(second.alreadyApplied).toBe(first.applied.length);
      expect(second.changed).toEqual([]);

      const recorded = await db.query<{ version: string; name: string }>(
        'select version, name from schema_migrations order by version',
      );
      expect(recorded.rows[0]).toEqual({ version: '0001', name: 'init' });
      expect(recorded.rows).toHaveLength(first.applied.length);

      const meta = await db.query<{ value: { id: string; createdAt: string } }>(
        "select value from app_meta where key = 'instance'",
      );
      expect(meta.rows).toHaveLength(1);
      expect(meta.rows[0]?.value.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(Number.isNaN(Date.parse(meta.rows[0]?.value.createdAt ?? ''))).toBe(false);
    });

    it('answers /api/health with its kind', async () => {
      const app = await buildApp({ db, staticDir: '/nonexistent' });
      try {
        const response = await app.inject({ method: 'GET', url: '/api/health' });
        expect(response.statusCode).toBe(200);
        expect(response.json()).toMatchObject({ ok: true, db: kind });
      } finally {
        await app.close();
      }
    });
  });
}
