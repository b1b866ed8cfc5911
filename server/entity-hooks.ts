/**
 * The server's table of entity-specific steps in the apply path (server/base/entity-hooks.ts
 * says what each step may do and when it runs). Composed here, above the features that own the
 * steps and the sync folder that runs them, and handed to every caller of applyMutations
 * (ServerContext.entityHooks; the demo data takes it directly) — so server/sync imports none of
 * them, and they depend on server/sync one way.
 *
 * Order matters for `afterApply`: the steps run in the order listed here. The duplicate flags
 * take the last locks of the apply path (server/duplicates/detect.ts), so service points come last.
 */
import { servicePointHooks } from './duplicates/hooks';
import type { EntityHookTable } from './base/entity-hooks';
import { attendanceHooks, trainingSessionHooks } from './training/hooks';

export const RECORD_HOOKS: EntityHookTable = {
  attendance: attendanceHooks,
  trainingSession: trainingSessionHooks,
  servicePoint: servicePointHooks,
};
