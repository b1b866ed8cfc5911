/**
 * Pages of the review inboxes (conflicts, duplicate flags): `?limit=` (1–MAX_INBOX_PAGE, default
 * DEFAULT_INBOX_PAGE) and `?after=` (the `next` of the previous page), in id order, oldest first.
 *
 * The cursor is opaque to clients but is only the last id listed: resolving items meanwhile
 * never makes the next page skip or repeat one (ids only grow; a resolved item just drops out).
 * It is base64url so nobody builds one by hand and a later server may put more in it.
 */
import { inboxQuerySchema } from '../../src/domain/api';
import { DEFAULT_INBOX_PAGE, MAX_INBOX_PAGE } from '../../src/domain/inboxes';
import { bilingualError } from '../base/api-error';
import { parseRequest } from '../base/api-validate';

export interface InboxPage {
  limit: number;
  /** List ids above this one (null: from the start). */
  afterId: number | null;
}

const CURSOR_PREFIX = 'i1:';

export function encodeInboxCursor(id: number): string {
  return Buffer.from(`${CURSOR_PREFIX}${id}`).toString('base64url');
}

function decodeInboxCursor(cursor: string): number | null {
  if (!/^[A-Za-z0-9_-]{1,40}$/.test(cursor)) return null;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith(CURSOR_PREFIX)) return null;
  const digits = text.slice(CURSOR_PREFIX.length);
  const id = /^(0|[1-9][0-9]{0,15})$/.test(digits) ? Number(digits) : NaN;
  return Number.isSafeInteger(id) ? id : null;
}

const LIMIT_INVALID = {
  'zh-CN': `每页条数（limit）应为 1 到 ${MAX_INBOX_PAGE} 之间的整数`,
  en: `limit must be a whole number from 1 to ${MAX_INBOX_PAGE}`,
};
const AFTER_INVALID = {
  'zh-CN': '翻页位置（after）无法识别：请从第一页重新加载',
  en: 'the after cursor is not one this server gave: load again from the first page',
};

/**
 * Reads `?limit=&after=` with the API's inboxQuerySchema (a repeated key, which Fastify gives as
 * an array, does not fit it either); anything malformed is a 400 in both languages.
 */
export function parseInboxPage(query: unknown): InboxPage {
  const q = parseRequest(inboxQuerySchema, query ?? {}, (error) =>
    error.issues.some((issue) => issue.path[0] === 'limit') ? LIMIT_INVALID : AFTER_INVALID,
  );
  const limit = q.limit === undefined ? DEFAULT_INBOX_PAGE : Number(q.limit);
  if (q.after === undefined) return { limit, afterId: null };
  const afterId = decodeInboxCursor(q.after);
  if (afterId === null) throw bilingualError(400, 'invalid', AFTER_INVALID);
  return { limit, afterId };
}

/**
 * Cuts the rows of a query that asked for `limit + 1` into the page and its `next` cursor (null
 * when this was the last page).
 */
export function pageOf<T extends { id: number }>(
  rows: readonly T[],
  limit: number,
): { items: T[]; next: string | null } {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, next: rows.length > limit && last ? encodeInboxCursor(last.id) : null };
}
