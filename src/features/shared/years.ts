/**
 * The years the assessment screens offer: the policy's first year (2013) to next year, newest
 * first — next year so an admin can set targets, and a board can be read against them, before
 * it starts. One rule for every year picker (概览, the central towns, the targets).
 */
export const FIRST_YEAR = 2013;

export function currentYear(): number {
  return new Date().getFullYear();
}

/** Years offered in pickers: next year down to FIRST_YEAR. */
export function yearOptions(): number[] {
  const years: number[] = [];
  for (let y = currentYear() + 1; y >= FIRST_YEAR; y--) years.push(y);
  return years;
}
