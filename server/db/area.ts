/**
 * "This region code lies in that area" as SQL, written once (issue 15 item 2). Region codes nest
 * by prefix with one length per level (prefecture 4 digits, county 6, township 9, village 12), so
 * a code lies in an area when its first char_length(area) characters ARE the area's code: 3301
 * holds 330127 and 330127100, but 330203 (another prefecture) shares only "330", and 330122
 * (another county) only "33012". A string prefix of a different length (LIKE '33012%', or a
 * code compared cut to the wrong length) would let a neighbour in; the comparison here is always
 * cut to the area code's own length, taken from the parameter itself.
 *
 * Used by the records' area filter (server/sync/area.ts: the pull, the digest, the conflicts and
 * duplicates inboxes), the accounts an admin lists (server/auth/users.ts) and the audit entries an
 * admin reads (server/audit/query.ts). Parameterised: `code` is a placeholder such as `$3`, the
 * area's code travels as a parameter, never inside the SQL text.
 */

/** The SQL condition: `column` (a region code, or null → not within) lies in the area `code`. */
export function codeWithinSql(column: string, code: string): string {
  return `left(${column}, char_length(${code}::text)) = ${code}::text`;
}
