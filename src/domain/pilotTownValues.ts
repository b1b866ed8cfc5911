/**
 * The statuses of a central-town pilot without zod, so a screen that only shows pilots (the map's
 * town layers) does not load the schemas (pilotTown.ts holds those and re-exports these;
 * docs/PERFORMANCE.md, seventh session).
 */
export const PILOT_STATUSES = ['proposed', 'approved', 'inProgress', 'accepted', 'failed'] as const;
export type PilotStatus = (typeof PILOT_STATUSES)[number];
