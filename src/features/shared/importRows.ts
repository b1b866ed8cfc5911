/**
 * What every CSV import's checking loop shares (service points, the training roster):
 * a pause every so many rows, so a big file on a cheap phone does not freeze the page and the
 * progress shows; the answer split into the rows that will be saved and those that will not; and
 * the record fields a row does not have yet, for checking it with the entity's schema.
 */

/** After row `i`: every `every` rows, says how far it is and lets the page paint. */
export async function pauseEvery(
  i: number,
  every: number,
  total: number,
  onProgress: ((done: number, total: number) => void) | undefined,
): Promise<void> {
  if (i % every !== every - 1) return;
  onProgress?.(i + 1, total);
  await new Promise((resolve) => setTimeout(resolve, 0));
}

/** The checked rows, and those with fields (to save) and without (to fix) apart. */
export function splitRows<R extends { fields: unknown }>(
  rows: R[],
): { rows: R[]; valid: R[]; invalid: R[] } {
  return {
    rows,
    valid: rows.filter((r) => r.fields !== null),
    invalid: rows.filter((r) => r.fields === null),
  };
}

/**
 * The record fields an imported row does not have yet (a new id, the first version), so that the
 * row is checked with the entity's own schema (validateRecord) as a saved record would be.
 */
export const PLACEHOLDER_META = {
  id: '00000000-0000-7000-8000-000000000000',
  version: 0,
  updatedAt: null,
  updatedBy: null,
  deleted: false,
};
