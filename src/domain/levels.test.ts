import { afterEach, describe, expect, it } from 'vitest';
import { deployment, setDeployment } from './deployment';
import { twoPrefectureProvince } from '../test-support/province';
import {
  AREA_LEVELS,
  codeAtLevel,
  isWholeArea,
  levelAbove,
  levelBelow,
  levelOfCode,
  rootScope,
} from './levels';
import { scopeCoversPlace } from './scope';

const built = deployment();
afterEach(() => setDeployment(built));

const province = twoPrefectureProvince(built);

describe('area levels', () => {
  it('names a level by code length and nothing else', () => {
    expect(['33', '3301', '330127', '330127100'].map(levelOfCode)).toEqual(AREA_LEVELS);
    for (const bad of ['', '3', '330', '33012', '330127100200', '33a1', ' 3301']) {
      expect(levelOfCode(bad)).toBeUndefined();
    }
  });

  it('steps one level down and up, stopping at the ends', () => {
    expect(levelBelow('province')).toBe('prefecture');
    expect(levelBelow('county')).toBe('township');
    expect(levelBelow('township')).toBeNull();
    expect(levelAbove('prefecture')).toBe('province');
    expect(levelAbove('province')).toBeNull();
    expect(codeAtLevel('330127100200', 'county')).toBe('330127');
    expect(codeAtLevel('3301', 'county')).toBeNull();
  });

  it('the root scope is the deployment: a prefecture, or a province', () => {
    expect(rootScope()).toEqual({ level: 'prefecture', code: built.code });
    setDeployment(province);
    expect(rootScope()).toEqual({ level: 'province', code: '33' });
    expect(isWholeArea({ code: '33' })).toBe(true);
    // In a province deployment a prefecture is one area among several, not the whole.
    expect(isWholeArea({ code: '3301' })).toBe(false);
  });

  it('a place without a county belongs to the whole area only', () => {
    setDeployment(province);
    const areaWide = { countyCode: null, townshipCode: null };
    expect(scopeCoversPlace({ level: 'province', code: '33' }, areaWide)).toBe(true);
    expect(scopeCoversPlace({ level: 'prefecture', code: '3301' }, areaWide)).toBe(false);
    const inHangzhou = { countyCode: '330127', townshipCode: '330127100' };
    expect(scopeCoversPlace({ level: 'prefecture', code: '3301' }, inHangzhou)).toBe(true);
    expect(scopeCoversPlace({ level: 'prefecture', code: '3302' }, inHangzhou)).toBe(false);
    expect(scopeCoversPlace({ level: 'province', code: '33' }, inHangzhou)).toBe(true);
  });
});
