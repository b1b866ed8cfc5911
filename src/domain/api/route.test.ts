import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lockMinutesOf } from '../idleLock';
import { lockSettingsRoute } from './accounts';
import { API_ROUTES } from './index';
import { queryString, routePath } from './route';

describe('route helpers', () => {
  it('fills the path params, encoded, and refuses a missing one', () => {
    expect(
      routePath('/api/records/:entity/:id/history', { entity: 'servicePoint', id: 'a/b' }),
    ).toBe('/api/records/servicePoint/a%2Fb/history');
    expect(() => routePath('/api/users/:id')).toThrow(/:id/);
  });

  it('writes only the query parts that are set', () => {
    expect(queryString({ limit: 5, after: null, point: undefined, action: 'login' })).toBe(
      '?limit=5&action=login',
    );
    expect(queryString({})).toBe('');
  });

  it('names every route once, by method and path', () => {
    const keys = API_ROUTES.map((route) => `${route.method} ${route.path}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toContain('GET /api/conflicts');
  });

  it('the idle lock’s zod-free reading agrees with the route’s answer schema', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.record({ idleLockMinutes: fc.oneof(fc.integer(), fc.double(), fc.string()) }),
          fc.anything(),
        ),
        (answer) => {
          const schema = lockSettingsRoute.answer.safeParse(answer);
          const value = lockMinutesOf(answer);
          expect(value !== null).toBe(schema.success);
          if (schema.success) expect(value).toBe(schema.data.idleLockMinutes);
        },
      ),
    );
  });
});
