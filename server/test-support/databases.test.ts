/**
 * The test databases' copies of the PGlite templates share one buffer of the template's bytes
 * (databases.ts, TemplateBytes): what a copy writes must never reach the next copy.
 */
import { describe, expect, it } from 'vitest';
import { lendTestPglite, openTestPglite, returnTestPglite } from './databases';

describe('copies of the PGlite templates', () => {
  it('start from the template, whatever an earlier copy wrote or dropped', async () => {
    const first = await openTestPglite();
    try {
      await first.exec(
        `create table left_behind (n int);
         insert into left_behind select generate_series(1, 20000);
         drop table users cascade;`,
      );
    } finally {
      await first.close();
    }
    const second = await openTestPglite();
    try {
      const { rows } = await second.query<{ leftBehind: string | null; users: string | null }>(
        `select to_regclass('left_behind')::text as "leftBehind",
                to_regclass('users')::text as users`,
      );
      expect(rows).toEqual([{ leftBehind: null, users: 'users' }]);
      // The small buffer cache of the copies (half of their start-up CPU).
      const setting = await second.query<{ s: string }>(
        `select current_setting('shared_buffers') as s`,
      );
      expect(setting.rows[0]!.s).toBe('16MB');
    } finally {
      await second.close();
    }
  });
});

describe('the lendable PGlite (one per worker, reset between files)', () => {
  it('comes back as a fresh copy: data emptied, sequences restarted, app_meta as migrated', async () => {
    const first = await lendTestPglite();
    const { rows: meta } = await first.query<{ m: string }>(
      `select jsonb_agg(a order by key)::text as m from app_meta a`,
    );
    await first.exec(
      `insert into audit_log (at, action) values (now(), 'test');
       insert into app_meta (key, value) values ('leftover', '1');
       update app_meta set value = '{"id": "another"}' where key = 'instance';`,
    );
    // While it is out, another file (or a second open in this one) gets a copy of its own.
    const other = await lendTestPglite();
    expect(other).not.toBe(first);
    await returnTestPglite(other);
    await returnTestPglite(first);

    const again = await lendTestPglite();
    try {
      expect(again).toBe(first);
      const { rows } = await again.query<{ audit: number; m: string; next: string }>(
        `select (select count(*)::int from audit_log) as audit,
                (select jsonb_agg(a order by key)::text from app_meta a) as m,
                nextval('audit_log_id_seq')::text as next`,
      );
      expect(rows).toEqual([{ audit: 0, m: meta[0]!.m, next: '1' }]);
    } finally {
      await returnTestPglite(again);
    }
  });

  it('is not lent again when a file changed its shape (a table, a setting)', async () => {
    for (const change of ['create table left_behind (n int)', `set statement_timeout = '5min'`]) {
      const db = await lendTestPglite();
      await db.exec(change);
      await returnTestPglite(db);
      const next = await lendTestPglite();
      try {
        expect(next, change).not.toBe(db);
        const { rows } = await next.query<{ t: string | null; s: string }>(
          `select to_regclass('left_behind')::text as t, current_setting('statement_timeout') as s`,
        );
        expect(rows).toEqual([{ t: null, s: '0' }]);
      } finally {
        await returnTestPglite(next);
      }
    }
  });

  it("comes back without the statistics the app's ANALYZE gathered (a fresh copy has none)", async () => {
    const db = await lendTestPglite();
    await db.exec(`insert into audit_log (at, action) values (now(), 'test'); analyze audit_log`);
    await returnTestPglite(db);
    const next = await lendTestPglite();
    try {
      expect(next).toBe(db);
      const { rows } = await next.query<{ n: number }>(
        `select count(*)::int as n from pg_statistic where starelid = 'audit_log'::regclass`,
      );
      expect(rows).toEqual([{ n: 0 }]);
    } finally {
      await returnTestPglite(next);
    }
  });
});

describe('the lendable empty PGlite (one per worker, the public schema made again)', () => {
  it('comes back as a fresh copy of the empty template: what a test created is gone', async () => {
    const first = await lendTestPglite({ migrated: false });
    await first.exec(
      `create table steps (n int primary key);
       insert into steps values (1);
       create function twice(n int) returns int language sql as 'select n * 2';
       create type mood as enum ('ok');`,
    );
    await returnTestPglite(first);
    const again = await lendTestPglite({ migrated: false });
    try {
      expect(again).toBe(first);
      const { rows } = await again.query<{ steps: string | null; twice: string | null }>(
        `select to_regclass('steps')::text as steps, to_regprocedure('twice(int)')::text as twice`,
      );
      expect(rows).toEqual([{ steps: null, twice: null }]);
      // The public schema as initdb made it: owner, rights and comment.
      const { rows: schema } = await again.query<{ owner: string; acl: string; note: string }>(
        `select nspowner::regrole::text as owner, nspacl::text as acl,
                obj_description(oid, 'pg_namespace') as note
         from pg_namespace where nspname = 'public'`,
      );
      expect(schema).toEqual([
        {
          owner: 'pg_database_owner',
          acl: '{pg_database_owner=UC/pg_database_owner,=U/pg_database_owner}',
          note: 'standard public schema',
        },
      ]);
      // The migrated one is another database.
      const migrated = await lendTestPglite();
      try {
        expect(migrated).not.toBe(again);
      } finally {
        await returnTestPglite(migrated);
      }
    } finally {
      await returnTestPglite(again);
    }
  });

  it('is not lent again when a test left a schema, a setting or an advisory lock', async () => {
    for (const change of [
      'create schema elsewhere',
      `set statement_timeout = '5min'`,
      'select pg_advisory_lock(42)',
    ]) {
      const db = await lendTestPglite({ migrated: false });
      await db.exec(change);
      await returnTestPglite(db);
      const next = await lendTestPglite({ migrated: false });
      try {
        expect(next, change).not.toBe(db);
        const { rows } = await next.query<{ schema: string | null; s: string; locks: number }>(
          `select (select nspname::text from pg_namespace where nspname = 'elsewhere') as schema,
                  current_setting('statement_timeout') as s,
                  (select count(*)::int from pg_locks where locktype = 'advisory') as locks`,
        );
        expect(rows).toEqual([{ schema: null, s: '0', locks: 0 }]);
      } finally {
        await returnTestPglite(next);
      }
    }
  });
});
