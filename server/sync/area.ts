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
