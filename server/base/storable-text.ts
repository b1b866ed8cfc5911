/**
 * Text PostgreSQL refuses to store: jsonb and text reject U+0000, and jsonb rejects a lone
 * UTF-16 surrogate (JSON.parse accepts "\ud800", PostgreSQL does not). Such text from a device
 * would make a whole batch fail with a 500 — and the device would retry the same batch forever,
 * its outbox blocked. So the server refuses it in records (a rejected mutation, like any other
 * invalid input) and repairs it where it only keeps what was sent (rejected mutations, messages).
 */

import { isStorableText, UNSTORABLE } from '../../src/domain/storableText';

export { isStorableText };
const UNSTORABLE_GLOBAL = new RegExp(UNSTORABLE.source, 'g');

/** True when a string, or any string or key inside a JSON value, cannot be stored. */
export function hasUnstorableText(value: unknown): boolean {
  // Fast path for the usual record: JSON.stringify writes U+0000 and lone surrogates as \u
  // escapes (and nothing else printable), so JSON without "\u" has neither.
  if (typeof value === 'object' && value !== null && !JSON.stringify(value).includes('\\u')) {
    return false;
  }
  return hasUnstorableTextDeep(value);
}

function hasUnstorableTextDeep(value: unknown): boolean {
  if (typeof value === 'string') return UNSTORABLE.test(value);
  if (Array.isArray(value)) return value.some(hasUnstorableTextDeep);
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).some(
      ([key, inner]) => UNSTORABLE.test(key) || hasUnstorableTextDeep(inner),
    );
  }
  return false;
}

/** The value with every unstorable character replaced by U+FFFD (�), keys included. */
export function toStorableJson<T>(value: T): T {
  if (typeof value === 'string') return value.replace(UNSTORABLE_GLOBAL, '\uFFFD') as T;
  if (Array.isArray(value)) return value.map(toStorableJson) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [
        key.replace(UNSTORABLE_GLOBAL, '\uFFFD'),
        toStorableJson(inner),
      ]),
    ) as T;
  }
  return value;
}
