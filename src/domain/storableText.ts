/**
 * Text PostgreSQL cannot store: U+0000 and lone UTF-16 surrogates (a jsonb or text value holding
 * one makes the query fail). Here so a request schema shared by client and server
 * (src/domain/api) can refuse it; the server's repair of records is server/base/storable-text.ts.
 */

export const UNSTORABLE =
  // eslint-disable-next-line no-control-regex -- matching U+0000 is the point
  /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether PostgreSQL can store this text as it is. */
export function isStorableText(text: string): boolean {
  return !UNSTORABLE.test(text);
}
