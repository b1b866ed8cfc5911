/**
 * The names of the synced entities, without their schemas: the device's database, its sync state
 * and the board's figures need the list, not zod, and importing the registry (entities.ts) would
 * build every schema before the first screen shows (docs/PERFORMANCE.md, "Size"). entities.ts
 * re-exports the names and the type; schemas.test.ts checks that the list is the registry's, in its order.
 */
/**
 * Every synced entity, once. The registry (entities.ts) must name exactly these: its table
 * `satisfies` a record keyed by EntityName, so an entity added to one must be added to the other.
 * (The name type lives here, not in entities.ts, so that this file imports nothing back from the
 * registry that re-exports it: no import circle.)
 */
const ENTITIES = {
  servicePoint: true,
  flagshipStore: true,
  agriShop: true,
  trainee: true,
  trainingSession: true,
  attendance: true,
  pilotTown: true,
  target: true,
  centralTown: true,
} as const;

export type EntityName = keyof typeof ENTITIES;

export const ENTITY_NAMES = Object.keys(ENTITIES) as EntityName[];

export function isEntityName(name: string): name is EntityName {
  return Object.prototype.hasOwnProperty.call(ENTITIES, name);
}
