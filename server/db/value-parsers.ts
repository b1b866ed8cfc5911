/**
 * How column values come back to JavaScript, made the same on PGlite and PostgreSQL.
 *
 * Out of the box they differ (STACK.md trap 14): `pg` returns int8 and count(*) as strings,
 * PGlite as numbers (or BigInt when large); `pg` turns a `date` into a Date at local midnight,
 * PGlite into a Date at UTC midnight. Code that passes on one database would then break on the
 * other. We install the same parsers on both drivers instead of asking every query to cast:
 * a forgotten cast would only show up in production, a parser cannot be forgotten.
 *
 * - int8 (count, sum of int, bigserial) → number. JavaScript numbers are exact only up to
 *   2^53 − 1; a larger value throws (a query error) instead of silently losing digits. Counts and
 *   ids here stay far below that; a column that really needs 64 bits must be selected as
 *   `col::text`.
 * - int8[] → number[] (same rule per element).
 * - date → the 'YYYY-MM-DD' text itself: a calendar day has no time zone, and a Date object
 *   would shift it by the server's offset.
 *
 * Everything else keeps the drivers' defaults, which already agree for what we use: int2/int4,
 * float, bool, text, uuid, jsonb (parsed), timestamptz (Date), numeric (string), bytea
 * (Uint8Array; Buffer on pg is a Uint8Array). Use timestamptz, not timestamp: the drivers
 * disagree on which zone a bare timestamp is in.
 */
import pg from 'pg';

export const PG_TYPE = { int8: 20, int8Array: 1016, date: 1082, dateArray: 1182, textArray: 1009 };

export function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(
      `int8 value ${text} is beyond JavaScript's exact range (2^53 - 1): select it as ::text`,
    );
  }
  return value;
}

export function parseDate(text: string): string {
  return text;
}

/** Parsers for PGlite's `parsers` option (PGlite applies them to array elements itself). */
export const pgliteParsers = {
  [PG_TYPE.int8]: parseInt8,
  [PG_TYPE.date]: parseDate,
};

type NestedArray = (string | null | NestedArray)[];

function mapNested<T>(values: NestedArray, parse: (text: string) => T): unknown[] {
  return values.map((value) =>
    value === null ? null : Array.isArray(value) ? mapNested(value, parse) : parse(value),
  );
}

/**
 * `pg`'s `types` option: our parsers for the types above, the defaults for the rest. Per pool, not
 * `pg.types.setTypeParser()`, so nothing else in the process that uses `pg` is affected.
 */
export const pgTypeOverrides: { getTypeParser: typeof pg.types.getTypeParser } = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (format === 'binary') return pg.types.getTypeParser(oid, format);
    // pg's text[] parser splits an array literal into (nested) strings; we parse each element.
    const parseTextArray = pg.types.getTypeParser(PG_TYPE.textArray) as (
      text: string,
    ) => NestedArray;
    switch (oid) {
      case PG_TYPE.int8:
        return parseInt8;
      case PG_TYPE.int8Array:
        return (text: string) => mapNested(parseTextArray(text), parseInt8);
      case PG_TYPE.date:
        return parseDate;
      case PG_TYPE.dateArray:
        return (text: string) => mapNested(parseTextArray(text), parseDate);
      default:
        return pg.types.getTypeParser(oid, format);
    }
  }) as typeof pg.types.getTypeParser,
};
