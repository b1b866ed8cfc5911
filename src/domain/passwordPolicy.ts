/**
 * The password policy (docs/SECURITY.md "身份鉴别 / Identity and authentication"), as data shared
 * by the server, which enforces it when a password is SET (an admin creating or resetting one, a
 * user changing their own), and the app, which says what is wrong before sending.
 *
 * Rules: at least `minLength` characters, at least `minClasses` of the four classes (lower-case,
 * upper-case, digit, symbol — any other character, Chinese included, counts as a symbol), not the
 * user name (case-insensitive: not containing it, forwards or reversed), and — on the server only,
 * which holds the list — not a common password. Seeded demo accounts are not checked: the policy
 * applies to passwords people set, and the demo exists only on a loopback server.
 *
 * Pure and free of zod, React and Node: the list of common passwords is passed in as a predicate.
 */
import type { Bilingual } from './bilingual';

export interface PasswordPolicy {
  minLength: number;
  /** How many of the four character classes (lower, upper, digit, symbol) a password needs. */
  minClasses: number;
  maxLength: number;
  /** Days a password stays valid after it was set; 0 = never expires. */
  expiryDays: number;
  /** Days before expiry that the app starts warning. */
  warnDays: number;
}

/** Defaults meeting MLPS 2.0 level 2 (等保二级): ≥ 10 characters, 3 of 4 classes, 180 days. */
export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = {
  minLength: 10,
  minClasses: 3,
  maxLength: 200,
  expiryDays: 180,
  warnDays: 14,
};

/** The lowest minimum length a deployment may configure. */
export const LOWEST_MIN_LENGTH = 8;

export type PasswordProblem =
  | { code: 'tooShort'; min: number }
  | { code: 'tooLong'; max: number }
  | { code: 'fewClasses'; need: number; have: number }
  | { code: 'containsUsername' }
  | { code: 'sameAsOld' }
  | { code: 'common' };

export type CharacterClass = 'lower' | 'upper' | 'digit' | 'symbol';

export function characterClasses(password: string): Set<CharacterClass> {
  const classes = new Set<CharacterClass>();
  for (const char of password) {
    if (/\p{Ll}/u.test(char)) classes.add('lower');
    else if (/\p{Lu}/u.test(char)) classes.add('upper');
    else if (/\p{Nd}/u.test(char)) classes.add('digit');
    else classes.add('symbol');
  }
  return classes;
}

/** Lower-case, with leet digits read as letters: "Adm1n" → "admin". */
function simplified(text: string): string {
  return text
    .toLowerCase()
    .replace(/[0@4]/g, (c) => (c === '0' ? 'o' : 'a'))
    .replace(/1/g, 'i')
    .replace(/3/g, 'e')
    .replace(/\$|5/g, 's');
}

/** True when the password contains the user name, forwards or reversed, plainly or in leet. */
export function containsUsername(password: string, username: string): boolean {
  const name = username.trim().toLowerCase();
  // A two-letter name ("li") inside a long password is chance, not a choice.
  if (name.length < 3) return password.toLowerCase() === name;
  const reversed = [...name].reverse().join('');
  const lower = password.toLowerCase();
  const simple = simplified(password);
  return [name, reversed].some(
    (candidate) => lower.includes(candidate) || simple.includes(simplified(candidate)),
  );
}

/**
 * The forms of a password looked up in the list of common passwords: itself lower-cased, and its
 * core without leading or trailing digits and symbols ("Password2026!" → "password").
 */
export function commonPasswordCandidates(password: string): string[] {
  const lower = password.toLowerCase();
  const core = lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  return core.length >= 4 && core !== lower ? [lower, core] : [lower];
}

export interface PasswordCheckInput {
  username: string;
  policy?: PasswordPolicy;
  /** The password being replaced (a user changing their own): the new one must differ. */
  oldPassword?: string;
  /** The server's list of common passwords (lower-case); the app leaves it out. */
  isCommon?: (lowerCaseCandidate: string) => boolean;
}

/** Everything wrong with a new password, in the order a person fixes it; [] when acceptable. */
export function passwordProblems(password: string, input: PasswordCheckInput): PasswordProblem[] {
  const policy = input.policy ?? DEFAULT_PASSWORD_POLICY;
  const problems: PasswordProblem[] = [];
  const length = [...password].length;
  if (length < policy.minLength) problems.push({ code: 'tooShort', min: policy.minLength });
  if (length > policy.maxLength) problems.push({ code: 'tooLong', max: policy.maxLength });
  const have = characterClasses(password).size;
  if (have < policy.minClasses) {
    problems.push({ code: 'fewClasses', need: policy.minClasses, have });
  }
  if (containsUsername(password, input.username)) problems.push({ code: 'containsUsername' });
  if (input.oldPassword !== undefined && input.oldPassword === password) {
    problems.push({ code: 'sameAsOld' });
  }
  const isCommon = input.isCommon;
  if (isCommon && commonPasswordCandidates(password).some((candidate) => isCommon(candidate))) {
    problems.push({ code: 'common' });
  }
  return problems;
}

/** A problem in both languages, saying what to do (the server's answers). */
export function describePasswordProblem(problem: PasswordProblem): Bilingual {
  switch (problem.code) {
    case 'tooShort':
      return {
        'zh-CN': `密码至少要 ${problem.min} 个字符，请加长`,
        en: `the password needs at least ${problem.min} characters: make it longer`,
      };
    case 'tooLong':
      return {
        'zh-CN': `密码最多 ${problem.max} 个字符，请缩短`,
        en: `the password may have at most ${problem.max} characters: make it shorter`,
      };
    case 'fewClasses':
      return {
        'zh-CN': `密码要包含小写字母、大写字母、数字、符号中的至少 ${problem.need} 种（现在只有 ${problem.have} 种）`,
        en: `the password needs at least ${problem.need} of: lower-case letters, capitals, digits, symbols (it has ${problem.have})`,
      };
    case 'containsUsername':
      return {
        'zh-CN': '密码不能包含用户名（正写、倒写都不行）',
        en: 'the password must not contain the user name (forwards or backwards)',
      };
    case 'sameAsOld':
      return {
        'zh-CN': '新密码不能和旧密码一样',
        en: 'the new password must differ from the old one',
      };
    case 'common':
      return {
        'zh-CN': '这是常见密码，很容易被猜中，请换一个',
        en: 'this is a common password, easily guessed: choose another',
      };
  }
}

/** All problems joined, in both languages (one answer of the server). */
export function describePasswordProblems(problems: readonly PasswordProblem[]): Bilingual {
  const texts = problems.map(describePasswordProblem);
  return {
    'zh-CN': texts.map((text) => text['zh-CN']).join('；'),
    en: texts.map((text) => text.en).join('; '),
  };
}

/** When a password set at `changedAt` expires, or null when passwords do not expire. */
export function passwordExpiresAt(changedAt: Date, policy: PasswordPolicy): Date | null {
  if (policy.expiryDays <= 0) return null;
  return new Date(changedAt.getTime() + policy.expiryDays * 86_400_000);
}

/** What the app is told about its user's password (login and GET /api/auth/password). */
export interface PasswordStatus {
  /** An admin set it (or it expired): only the change-password route works until it is changed. */
  mustChange: boolean;
  reason: 'setByAdmin' | 'expired' | null;
  /** ISO time, or null when passwords do not expire. */
  expiresAt: string | null;
  /** Within the warning days before expiry. */
  warn: boolean;
  policy: Pick<PasswordPolicy, 'minLength' | 'minClasses' | 'maxLength'>;
}

export function passwordStatus(
  account: { mustChange: boolean; changedAt: Date },
  policy: PasswordPolicy,
  now: Date,
): PasswordStatus {
  const expires = passwordExpiresAt(account.changedAt, policy);
  const expired = expires !== null && expires <= now;
  const warn =
    expires !== null &&
    !expired &&
    expires.getTime() - now.getTime() <= policy.warnDays * 86_400_000;
  return {
    mustChange: account.mustChange || expired,
    reason: account.mustChange ? 'setByAdmin' : expired ? 'expired' : null,
    expiresAt: expires?.toISOString() ?? null,
    warn,
    policy: {
      minLength: policy.minLength,
      minClasses: policy.minClasses,
      maxLength: policy.maxLength,
    },
  };
}
