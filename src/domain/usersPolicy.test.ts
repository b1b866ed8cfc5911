import { afterEach, describe, expect, it } from 'vitest';
import { auditVisibleTo } from './audit';
import { deployment, setDeployment } from './deployment';
import type { Scope } from './protocol';
import { grantableLevels, grantRefusal, mayManageAccount, scopeWithin } from './usersPolicy';
import { twoPrefectureProvince } from '../test-support/province';

const built = deployment();
afterEach(() => setDeployment(built));

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

  it('never offers a level wider than the deployment; in a province, its admin grants every level', () => {
    expect(grantableLevels({ role: 'admin', scope: city })).not.toContain('province');
    setDeployment(twoPrefectureProvince(built));
    const provinceAdmin = {
      role: 'admin' as const,
      scope: { level: 'province', code: '33' } as Scope,
    };
    expect(grantableLevels(provinceAdmin)).toEqual([
      'province',
      'prefecture',
      'county',
      'township',
    ]);
    // A prefecture admin of the province is an ordinary area admin one level up.
    const ningbo = {
      role: 'admin' as const,
      scope: { level: 'prefecture', code: '3302' } as Scope,
    };
    expect(grantableLevels(ningbo)).toEqual(['prefecture', 'county', 'township']);
    expect(grantRefusal(ningbo, 'officer', { level: 'county', code: '330225' })).toBeNull();
    expect(grantRefusal(ningbo, 'officer', chunan)).toBe('wider');
    expect(grantRefusal(ningbo, 'admin', provinceAdmin.scope)).toBe('wider');
    expect(grantRefusal(provinceAdmin, 'admin', { level: 'prefecture', code: '3302' })).toBeNull();
  });

  it('shows an admin the audit entries of their area', () => {
    expect(auditVisibleTo(city, [])).toBe(true);
    expect(auditVisibleTo(chunan, ['3301', '330127100'])).toBe(true);
    expect(auditVisibleTo(chunan, ['3301', '330122'])).toBe(false);
    expect(auditVisibleTo(chunan, [])).toBe(false);
  });
});
