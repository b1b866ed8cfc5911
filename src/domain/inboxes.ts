/**
 * The two review inboxes that live on the server — conflicts (values that lost) and likely
 * duplicate service points — are read a page at a time (docs/PROTOCOL.md "Conflicts",
 * "Duplicate service points"). The figures are here because both sides use them: the server
 * enforces them, the app asks for pages of this size and says what a cut value was.
 *
 * Why pages and a cap: one coordinator's inbox once held 60 conflicts of 2 MB junk each, and
 * asking for it cost 232 MB of JSON, 31 s and 2.4 GB of server memory. A page is at most
 * MAX_INBOX_PAGE items, and no listed value is larger than MAX_LISTED_VALUE_BYTES.
 */

/** Items per page when the request does not say (`?limit=`). */
export const DEFAULT_INBOX_PAGE = 50;
/** The most a page may hold; a larger `limit` is refused (400). */
export const MAX_INBOX_PAGE = 200;

/**
 * A conflict's value (the one that won, the one that lost) is listed whole up to this many bytes
 * of JSON: every single field a valid record can hold fits (the longest, a pilot's notes, is
 * 2,000 characters: 6 KB of CJK), so only junk and very large whole records are cut. A page of
 * 50 then holds at most ~800 KB of values.
 */
export const MAX_LISTED_VALUE_BYTES = 8 * 1024;

/**
 * A value over the cap is listed as the first this-many characters of its text (a string's own
 * characters, anything else as JSON), followed by "…", with its full size beside it: enough to
 * see what it is. Restoring it applies the whole value, which the server still holds.
 */
export const LISTED_VALUE_PREVIEW_CHARS = 200;
