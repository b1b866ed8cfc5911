/**
 * The test databases' copies of the PGlite templates share one buffer of the template's bytes
 * (databases.ts, TemplateBytes): what a copy writes must never reach the next copy.
 */
import { describe, expect, it } from 'vitest';
import { openTestPglite } from './databases';

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
