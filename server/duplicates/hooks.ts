/**
 * The service points' steps in the apply path (server/base/entity-hooks.ts): their duplicate
 * keys written with their rows, and the likely duplicates flagged among those whose name, place
 * or location changed (detect.ts). The arrow runs one way: this folder uses server/sync, never
 * the reverse; the server hands this table to the apply path (server/entity-hooks.ts).
 */
import type { EntityHooks } from '../base/entity-hooks';
import { duplicateColumns, flagDuplicates } from './detect';

export const servicePointHooks: EntityHooks = {
  derivedColumns: duplicateColumns,
  // The last locks the apply path takes (detect.ts): listed last in the server's table.
  afterApply: async (tx, points, context) => {
    await flagDuplicates(tx, points, {
      now: context.now,
      serialised: context.serialised,
      locksHeld: context.locksHeld,
    });
  },
};
