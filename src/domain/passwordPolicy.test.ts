import { describe, expect, it } from 'vitest';
import {
  characterClasses,
  commonPasswordCandidates,
  containsUsername,
  DEFAULT_PASSWORD_POLICY,
  describePasswordProblems,
  passwordProblems,
  passwordStatus,
} from './passwordPolicy';

const codes = (password: string, username = 'wangfang', extra = {}) =>
  passwordProblems(password, { username, ...extra }).map((problem) => problem.code);

describe('the password policy', () => {
  it('accepts a long password of three classes that is not the user name', () => {
    expect(codes('Qiandao-lake-7')).toEqual([]);
    expect(codes('千岛湖-lake-2026')).toEqual([]); // Chinese counts as a symbol
  });

  it('wants 10 characters and 3 of the 4 classes by default', () => {
    expect(codes('Ab-1')).toEqual(['tooShort']);
    expect(codes('aaaaaaaaaaaa')).toEqual(['fewClasses']);
    expect(codes('12345678')).toEqual(['tooShort', 'fewClasses']);
    expect(codes('abcdefgh12')).toEqual(['fewClasses']);
    expect(codes('abcdefgh1!')).toEqual([]);
    expect(passwordProblems('aaaaaaaaaaaa', { username: 'x' })).toContainEqual({
      code: 'fewClasses',
      need: 3,
      have: 1,
    });
  });

  it('counts the classes', () => {
    expect([...characterClasses('aB3-')].sort()).toEqual(['digit', 'lower', 'symbol', 'upper']);
    expect([...characterClasses('ab')]).toEqual(['lower']);
  });

  it('takes its numbers from the configuration', () => {
    const policy = { ...DEFAULT_PASSWORD_POLICY, minLength: 14, minClasses: 4 };
    expect(codes('Qiandao-lake-7', 'x', { policy })).toEqual([]);
    expect(codes('Qiandao-lake7', 'x', { policy })).toEqual(['tooShort']);
    expect(codes('qiandao-lake-77', 'x', { policy })).toEqual(['fewClasses']);
  });

  it('refuses the user name in any case, reversed or in leet', () => {
    expect(containsUsername('WangFang-2026', 'wangfang')).toBe(true);
    expect(containsUsername('gnafgnaw-2026', 'wangfang')).toBe(true);
    expect(containsUsername('Adm1n-Secret-2026', 'admin')).toBe(true);
    expect(containsUsername('Qiandao-lake-7', 'wangfang')).toBe(false);
    // A two-letter name inside a long password is chance.
    expect(containsUsername('Climbing-2026', 'li')).toBe(false);
    expect(codes('WangFang-2026')).toEqual(['containsUsername']);
  });

  it('refuses common passwords through the list the server passes, also with digits around', () => {
    const list = new Set(['password', 'qwerty123']);
    const isCommon = (candidate: string) => list.has(candidate);
    expect(codes('Password2026!', 'x', { isCommon })).toEqual(['common']);
    expect(codes('2026!Password', 'x', { isCommon })).toEqual(['common']);
    expect(codes('Password2026!', 'x')).toEqual([]); // the app has no list: the server decides
    expect(commonPasswordCandidates('Qwerty123')).toEqual(['qwerty123', 'qwerty']);
  });

  it('wants a new password to differ from the old one', () => {
    expect(codes('Qiandao-lake-7', 'x', { oldPassword: 'Qiandao-lake-7' })).toEqual(['sameAsOld']);
  });

  it('says what to fix in Chinese and English', () => {
    const text = describePasswordProblems(passwordProblems('abc', { username: 'x' }));
    expect(text['zh-CN']).toBe(
      '密码至少要 10 个字符，请加长；密码要包含小写字母、大写字母、数字、符号中的至少 3 种（现在只有 1 种）',
    );
    expect(text.en).toMatch(/^the password needs at least 10 characters: make it longer; /);
  });
});

describe('password status', () => {
  const now = new Date('2026-12-01T00:00:00Z');
  const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);

  it('expires after 180 days and warns in the last 14', () => {
    const policy = DEFAULT_PASSWORD_POLICY;
    expect(
      passwordStatus({ mustChange: false, changedAt: daysAgo(100) }, policy, now),
    ).toMatchObject({
      mustChange: false,
      warn: false,
    });
    expect(
      passwordStatus({ mustChange: false, changedAt: daysAgo(170) }, policy, now),
    ).toMatchObject({
      mustChange: false,
      warn: true,
      expiresAt: '2026-12-11T00:00:00.000Z',
    });
    expect(
      passwordStatus({ mustChange: false, changedAt: daysAgo(180) }, policy, now),
    ).toMatchObject({
      mustChange: true,
      reason: 'expired',
      warn: false,
    });
    expect(passwordStatus({ mustChange: true, changedAt: now }, policy, now)).toMatchObject({
      mustChange: true,
      reason: 'setByAdmin',
    });
  });

  it('never expires with 0 days', () => {
    const policy = { ...DEFAULT_PASSWORD_POLICY, expiryDays: 0 };
    expect(passwordStatus({ mustChange: false, changedAt: daysAgo(5000) }, policy, now)).toEqual({
      mustChange: false,
      reason: null,
      expiresAt: null,
      warn: false,
      policy: { minLength: 10, minClasses: 3, maxLength: 200 },
    });
  });
});
