/**
 * The user's area as SQL: which rows of `records` (or of `change_log`) a user may read. The
 * same rule as canRead in src/domain/scope.ts (ENTITY_ACCESS and scopeCoversPlace), written once
 * for the queries that must filter in the database — the pull, the completeness digest and its
 * repair. Both tables carry county_code and township_code, the place the record has (after the
 * change, for the log); the log also has old_* for a change that moved the record, so a device
 * whose area the record LEFT receives that change too (and drops its copy).
 */
import { readableEntities } from '../../src/domain/scope';
import type { SessionUser } from '../auth/sessions';

export interface AreaSql {
  sql: string;
  params: unknown[];
}

/**
 * The WHERE condition for rows the user may read; its parameters are numbered from `firstParam`.
 * `includeOldPlace`: also rows whose place before the change was in the area (change_log only).
 */
export function readableAreaSql(
  user: SessionUser,
  firstParam: number,
  options: { includeOldPlace?: boolean; alias?: string } = {},
): AreaSql {
  const { everywhere, inScope } = readableEntities(user.role);
  const p = options.alias ? `${options.alias}.` : '';
  const params: unknown[] = [everywhere, inScope];
  const everywhereSql = `${p}entity = any($${firstParam}::text[])`;
  const inScopeEntities = `${p}entity = any($${firstParam + 1}::text[])`;
  const code = `$${firstParam + 2}`;
  let placeSql: string;
  switch (user.scope.level) {
    case 'prefecture':
      // Places without a county (prefecture-wide targets) and every county of the prefecture.
      placeSql = `(${p}county_code is null or left(${p}county_code, 4) = ${code})`;
      if (options.includeOldPlace) {
        placeSql = `(${placeSql} or left(${p}old_county_code, 4) = ${code})`;
      }
      break;
    case 'county':
      placeSql = `(${p}county_code = ${code}`;
      placeSql += options.includeOldPlace ? ` or ${p}old_county_code = ${code})` : ')';
      break;
    case 'township':
      placeSql = `(${p}township_code = ${code}`;
      placeSql += options.includeOldPlace ? ` or ${p}old_township_code = ${code})` : ')';
      break;
  }
  params.push(user.scope.code);
  return { sql: `(${everywhereSql} or (${inScopeEntities} and ${placeSql}))`, params };
}
