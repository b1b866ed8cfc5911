/**
 * The user's area as SQL: which rows of `records` (or of `change_log`) a user may read — and,
 * for the review inboxes, which records a user may write. The same rules as canRead and canWrite
 * in src/domain/scope.ts (ENTITY_ACCESS and scopeCoversPlace), written once for the queries that
 * must filter in the database — the pull, the completeness digest and its repair; the conflicts
 * and duplicates inboxes, paged and counted in the database. area.test.ts checks both against
 * the domain rules. Both tables carry county_code and township_code, the place the record has
 * (after the change, for the log); the log also has old_* for a change that moved the record, so
 * a device whose area the record LEFT receives that change too (and drops its copy).
 */
import { ENTITY_NAMES, type EntityName } from '../../src/domain/entities';
import type { Scope } from '../../src/domain/protocol';
import { codeWithinSql } from '../db/area';
import { isWholeArea } from '../../src/domain/levels';
import { readableEntities, writeAccess, type Actor } from '../../src/domain/scope';

export interface AreaSql {
  sql: string;
  params: unknown[];
}

/**
 * The WHERE condition for rows the user may read; its parameters are numbered from `firstParam`.
 * `includeOldPlace`: also rows whose place before the change was in the area (change_log only).
 */
export function readableAreaSql(
  user: Actor,
  firstParam: number,
  options: { includeOldPlace?: boolean; alias?: string } = {},
): AreaSql {
  const { everywhere, inScope } = readableEntities(user.role);
  const p = options.alias ? `${options.alias}.` : '';
  const params: unknown[] = [everywhere, inScope];
  const everywhereSql = `${p}entity = any($${firstParam}::text[])`;
  const inScopeEntities = `${p}entity = any($${firstParam + 1}::text[])`;
  const placeSql = placeInScopeSql(user.scope, p, `$${firstParam + 2}`, options.includeOldPlace);
  params.push(user.scope.code);
  return { sql: `(${everywhereSql} or (${inScopeEntities} and ${placeSql}))`, params };
}

/**
 * readableAreaSql on the change log (`includeOldPlace`) cut into DISJOINT conditions, each served
 * by one index in `(…, xid, seq)` order, so the pull can read a page as a merge of ordered index
 * ranges (a `UNION ALL` of `order by xid, seq limit n` branches: a Merge Append) and stop after
 * the page. The single OR condition let the planner only combine the area's indexes in a
 * BitmapOr, which has no order: every page of a first download read and sorted the area's whole
 * remaining log, so a download cost the square of the area's size (docs/SERVER.md "Seventh
 * session"). Parameters as readableAreaSql's ($first: the entities read everywhere, $first+1: those
 * read in scope, $first+2: the scope's code); the union of the branches is exactly its condition
 * (area.test.ts checks it), and no row satisfies two (a row in two branches would be served twice).
 *
 * - the entities read everywhere (targets, central towns): `entity = any(…)` — few rows, read
 *   through change_log_record and sorted;
 * - a county's or a township's records: `(county_code | township_code) = code`, the 0014 index;
 * - the ones that LEFT it (a move): `old_… = code` and the new place elsewhere, the partial 0014
 *   index;
 * - a prefecture that is not the whole deployment (a prefecture user of a province):
 *   `left(county_code, 4) = code`, and the same on old_county_code (the 0018 indexes; the
 *   length is the level's, the expression the index's, so the planner can match it);
 * - the deployment's whole area, and a province: ONE branch, the whole condition, read in the
 *   primary key's (xid, seq) order: nearly every row of the log is the user's.
 */
export function readableLogBranchesSql(
  user: Actor,
  firstParam: number,
): AreaSql & { branches: string[] } {
  const whole = readableAreaSql(user, firstParam, { includeOldPlace: true });
  const { everywhere, inScope } = readableEntities(user.role);
  const scope = user.scope;
  if (scope.level === 'province' || isWholeArea(scope)) return { ...whole, branches: [whole.sql] };
  const code = `$${firstParam + 2}`;
  const [now, before, beforeColumn] =
    scope.level === 'prefecture'
      ? ['left(county_code, 4)', 'left(old_county_code, 4)', 'old_county_code']
      : scope.level === 'county'
        ? ['county_code', 'old_county_code', 'old_county_code']
        : ['township_code', 'old_township_code', 'old_township_code'];
  const branches: string[] = [];
  if (everywhere.length > 0) branches.push(`entity = any($${firstParam}::text[])`);
  if (inScope.length > 0) {
    const entities = `entity = any($${firstParam + 1}::text[])`;
    branches.push(`${entities} and ${now} = ${code}`);
    branches.push(
      `${entities} and ${beforeColumn} is not null and ${before} = ${code}` +
        ` and ${now} is distinct from ${code}`,
    );
  }
  // No entity readable at all: a branch that keeps nothing, so the query stays well formed.
  if (branches.length === 0) branches.push('false');
  return { sql: whole.sql, params: whole.params, branches };
}

/**
 * scopeCoversPlace as SQL: the place columns (prefixed `p`) lie in `scope`, whose code is the
 * parameter `code`; with `includeOldPlace`, the place before the change counts too.
 */
function placeInScopeSql(scope: Scope, p: string, code: string, includeOldPlace = false): string {
  switch (scope.level) {
    case 'province':
    case 'prefecture': {
      // Every county of the area, and places without a county (area-wide targets) when the
      // area is the deployment's whole area (scopeCoversPlace).
      const within = codeWithinSql(`${p}county_code`, code);
      const place = isWholeArea(scope) ? `(${p}county_code is null or ${within})` : `(${within})`;
      return includeOldPlace
        ? `(${place} or ${codeWithinSql(`${p}old_county_code`, code)})`
        : place;
    }
    case 'county':
      return `(${p}county_code = ${code}${includeOldPlace ? ` or ${p}old_county_code = ${code}` : ''})`;
    case 'township':
      return `(${p}township_code = ${code}${
        includeOldPlace ? ` or ${p}old_township_code = ${code}` : ''
      })`;
  }
}

/**
 * The WHERE condition for `records` rows the actor may WRITE (canWrite), among `entities` (all
 * by default); its parameters are numbered from `firstParam`. For the review inboxes, which must
 * cut pages and count in the database: a filter applied afterwards would leave short or empty
 * pages and a wrong count.
 */
export function writableAreaSql(
  actor: Actor,
  firstParam: number,
  options: { alias?: string; entities?: readonly EntityName[] } = {},
): AreaSql {
  const p = options.alias ? `${options.alias}.` : '';
  const entities = options.entities ?? ENTITY_NAMES;
  const everywhere = entities.filter((e) => writeAccess(actor.role, e) === 'everywhere');
  const inScope = entities.filter((e) => writeAccess(actor.role, e) === 'inScope');
  const params: unknown[] = [everywhere, inScope, actor.scope.code];
  const placeSql = placeInScopeSql(actor.scope, p, `$${firstParam + 2}`);
  return {
    sql: `(${p}entity = any($${firstParam}::text[])
           or (${p}entity = any($${firstParam + 1}::text[]) and ${placeSql}))`,
    params,
  };
}
