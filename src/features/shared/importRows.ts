/**
 * The two steps every CSV import's checking loop shares (service points, the training roster):
 * a pause every so many rows, so a big file on a cheap phone does not freeze the page and the
 * progress shows; and the answer split into the rows that will be saved and those that will not.
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
