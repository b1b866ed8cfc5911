/**
 * canWrite (src/domain/scope.ts) as a SQL condition on a `records` row, for lists that must be
 * cut into pages and counted in the database: a filter applied after the query would leave
 * short or empty pages and a wrong count. Built from ENTITY_ACCESS itself (writeAccess) and the
 * same place rule as scopeCoversPlace, so the rule stays in one place; scope-sql.test.ts checks
 * that the two agree for every role, scope level, entity and kind of place. The callers still
 * run canWrite on what comes back: the SQL narrows, the domain rule decides.
 */
import { ENTITY_NAMES, type EntityName } from '../../src/domain/entities';
import { writeAccess, type Actor } from '../../src/domain/scope';

/**
 * The condition "the actor may write this row" on the records row `alias`, for the given
 * entities (default all). Appends its parameters to `params` and refers to them by position.
 */
export function writableSql(
  actor: Actor,
  alias: string,
  params: unknown[],
  entities: readonly EntityName[] = ENTITY_NAMES,
): string {
  const everywhere = entities.filter((e) => writeAccess(actor.role, e) === 'everywhere');
  const inScope = entities.filter((e) => writeAccess(actor.role, e) === 'inScope');
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const parts: string[] = [];
  if (everywhere.length > 0) parts.push(`${alias}.entity = any(${param(everywhere)}::text[])`);
  if (inScope.length > 0) {
    const code = param(actor.scope.code);
    // scopeCoversPlace: a prefecture holds its counties and the records placed above any county
    // (county_code null); a county or a township holds what is placed in it, nothing coarser.
    const place =
      actor.scope.level === 'prefecture'
        ? `(${alias}.county_code is null or starts_with(${alias}.county_code, ${code}))`
        : actor.scope.level === 'county'
          ? `${alias}.county_code = ${code}`
          : `${alias}.township_code = ${code}`;
    parts.push(`(${alias}.entity = any(${param(inScope)}::text[]) and ${place})`);
  }
  return parts.length === 0 ? 'false' : `(${parts.join(' or ')})`;
}
