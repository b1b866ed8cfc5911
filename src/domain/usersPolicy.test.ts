import { describe, expect, it } from 'vitest';
import { auditVisibleTo } from './audit';
import type { Scope } from './protocol';
import { grantableLevels, grantRefusal, mayManageAccount, scopeWithin } from './usersPolicy';

const city: Scope = { level: 'prefecture', code: '3301' };
const chunan: Scope = { level: 'county', code: '330127' };
const tonglu: Scope = { level: 'county', code: '330122' };
const qiandaohu: Scope = { level: 'township', code: '330127100' };

describe('the account policy', () => {
  it('nests areas by code', () => {
    expect(scopeWithin(qiandaohu, chunan)).toBe(true);
    expect(scopeWithin(chunan, chunan)).toBe(true);
    expect(scopeWithin(city, chunan)).toBe(false);
    expect(scopeWithin(tonglu, chunan)).toBe(false);
  });

  it('lets an admin manage and grant within their own area only', () => {
    const countyAdmin = { role: 'admin' as const, scope: chunan };
    expect(mayManageAccount(countyAdmin, qiandaohu)).toBe(true);
    expect(mayManageAccount(countyAdmin, tonglu)).toBe(false);
    expect(grantRefusal(countyAdmin, 'admin', chunan)).toBeNull();
    expect(grantRefusal(countyAdmin, 'admin', city)).toBe('wider');
    expect(grantRefusal(countyAdmin, 'officer', tonglu)).toBe('wider');
    expect(grantRefusal({ role: 'coordinator', scope: city }, 'officer', chunan)).toBe('notAdmin');
    expect(grantableLevels(countyAdmin)).toEqual(['county', 'township']);
    expect(grantableLevels({ role: 'admin', scope: city })).toEqual([
      'prefecture',
      'county',
      'township',
    ]);
  });

  it('shows an admin the audit entries of their area', () => {
    expect(auditVisibleTo(city, [])).toBe(true);
    expect(auditVisibleTo(chunan, ['3301', '330127100'])).toBe(true);
    expect(auditVisibleTo(chunan, ['3301', '330122'])).toBe(false);
    expect(auditVisibleTo(chunan, [])).toBe(false);
  });
});
