/**
 * Password hashing with scrypt (node:crypto), each hash carrying its own salt and cost:
 * `scrypt$N$r$p$salt$hash` (salt and hash base64url). Verifying reads the parameters from the
 * stored hash, so the cost can be raised for new passwords without breaking the old ones.
 */
import {
  randomBytes,
  scrypt as scryptCallback,
  timingSafeEqual,
  type ScryptOptions,
} from 'node:crypto';
import { dictionary as commonDictionary } from '@zxcvbn-ts/language-common';
import {
  DEFAULT_PASSWORD_POLICY,
  describePasswordProblems,
  passwordProblems,
  type PasswordPolicy,
  type PasswordProblem,
} from '../../src/domain/passwordPolicy';
import { bilingualError } from '../base/api-error';
import type { ScryptParameters } from '../base/context';

/** OWASP's minimum for scrypt is N = 2^17 with r = 8 (128 MiB); on a 2-core office server with
 * 50 officers signing in at 8 o'clock that is too heavy, so 2^15 (32 MiB): still ~0.1 s a guess. */
export const DEFAULT_SCRYPT: ScryptParameters = { N: 2 ** 15, r: 8, p: 1 };

const KEY_LENGTH = 32;
const SALT_LENGTH = 16;

function scrypt(password: string, salt: Buffer, params: ScryptParameters): Promise<Buffer> {
  const options: ScryptOptions = { ...params, maxmem: 256 * params.N * params.r + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scryptCallback(password.normalize('NFC'), salt, KEY_LENGTH, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export async function hashPassword(
  password: string,
  params: ScryptParameters = DEFAULT_SCRYPT,
): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await scrypt(password, salt, params);
  return [
    'scrypt',
    params.N,
    params.r,
    params.p,
    salt.toString('base64url'),
    key.toString('base64url'),
  ].join('$');
}

/** True when the password matches the stored hash; false for a wrong password or a bad hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, saltText, keyText] = stored.split('$');
  if (scheme !== 'scrypt' || !saltText || !keyText) return false;
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  if (![params.N, params.r, params.p].every((v) => Number.isInteger(v) && v > 0)) return false;
  const expected = Buffer.from(keyText, 'base64url');
  const actual = await scrypt(password, Buffer.from(saltText, 'base64url'), params);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/**
 * The list of common passwords: the 49 233 of @zxcvbn-ts/language-common (a maintained npm
 * package; lists leaked passwords by frequency). Loaded on the server only — never in the app's
 * bundle (the app checks the other rules before sending; the server checks all of them).
 */
let commonPasswords: Set<string> | undefined;

export function isCommonPassword(lowerCaseCandidate: string): boolean {
  commonPasswords ??= new Set(
    commonDictionary['passwords-common'].map((password) => password.toLowerCase()),
  );
  return commonPasswords.has(lowerCaseCandidate);
}

/** Everything wrong with a new password for this user under this policy ([] when acceptable). */
export function newPasswordProblems(
  password: string,
  username: string,
  policy: PasswordPolicy = DEFAULT_PASSWORD_POLICY,
  oldPassword?: string,
): PasswordProblem[] {
  return passwordProblems(password, {
    username,
    policy,
    isCommon: isCommonPassword,
    ...(oldPassword !== undefined ? { oldPassword } : {}),
  });
}

/** Throws 400 `passwordPolicy` saying, in both languages, what to fix. */
export function assertPasswordAcceptable(
  password: string,
  username: string,
  policy: PasswordPolicy = DEFAULT_PASSWORD_POLICY,
  oldPassword?: string,
): void {
  const problems = newPasswordProblems(password, username, policy, oldPassword);
  if (problems.length > 0) {
    throw bilingualError(400, 'passwordPolicy', describePasswordProblems(problems));
  }
}
