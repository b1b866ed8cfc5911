/**
 * Ids that routes take from their path (`/api/records/:entity/:id/history`, `/api/users/:id`,
 * `/api/conflicts/:id/…`, `/api/duplicates/:id/…`), checked before any query touches them.
 *
 * Why here and not in the SQL: a value PostgreSQL cannot read — a "uuid" of 36 dashes, a NUL
 * byte in a text parameter, a number past bigint — makes the query fail, and a failed query is
 * a 500 ("try again later") for what is the client's mistake and will fail the same way every
 * time. A malformed id is answered `400 invalid` in both languages; a well-formed id of nothing
 * the user may see stays a 404.
 */
import { idSchema } from '../../src/domain/common';
import { bilingualError, type Bilingual } from './api-error';

/** What the id names, for the message: { 'zh-CN': '记录编号', en: 'record id' }. */
export type IdName = Bilingual;

/** A record, user or device id: a UUID in lower case, as the server writes them. */
export function uuidParam(value: string, name: IdName): string {
  if (!idSchema.safeParse(value).success) {
    throw bilingualError(400, 'invalid', {
      'zh-CN': `${name['zh-CN']}格式不对：应为小写的 UUID`,
      en: `malformed ${name.en}: expected a lower-case UUID`,
    });
  }
  return value;
}

const SERIAL = /^[1-9][0-9]{0,15}$/;

/** A row number of a bigserial (conflicts, duplicate flags): 1, 2, 3… as plain digits. */
export function serialParam(value: string, name: IdName): number {
  const id = SERIAL.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(id)) {
    throw bilingualError(400, 'invalid', {
      'zh-CN': `${name['zh-CN']}格式不对：应为正整数`,
      en: `malformed ${name.en}: expected a positive whole number`,
    });
  }
  return id;
}
