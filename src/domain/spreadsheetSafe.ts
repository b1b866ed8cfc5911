/**
 * The CSV files' guard against formula injection, apart from the service points' CSV module
 * (which builds rows with the schemas, so it loads zod): the map's gap list exports CSV too, and
 * the map's route should not load zod for it (docs/PERFORMANCE.md, seventh session).
 */

/** Cells that a spreadsheet would run as a formula are prefixed with ' (CSV injection). */
export function spreadsheetSafe(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * The CSV imports' way to read a row: a column's cell by name ('' when the file has no such
 * column), trimmed, without the ' that spreadsheetSafe put before a leading = + - or @.
 */
export function cellReader<C>(cells: readonly string[], columns: readonly (C | null)[]) {
  return (column: C): string => {
    const i = columns.indexOf(column);
    return i >= 0 ? (cells[i] ?? '').trim().replace(/^'(?=[=+\-@])/, '') : '';
  };
}
