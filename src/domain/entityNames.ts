/**
 * The names of the synced entities, without their schemas: the device's database, its sync state
 * and the board's figures need the list, not zod, and importing the registry (entities.ts) would
 * build every schema before the first screen shows (docs/PERFORMANCE.md, "Size"). entities.ts
 * re-exports both names; schemas.test.ts checks that the list is the registry's, in its order.
 */
import type { EntityName } from './entities';

export type { EntityName } from './entities';

/** Typed as every entity and nothing else, so an entity added to the registry must be added here. */
const ENTITIES: Readonly<Record<EntityName, true>> = {
  servicePoint: true,
  flagshipStore: true,
  agriShop: true,
  trainee: true,
  trainingSession: true,
  attendance: true,
  pilotTown: true,
  target: true,
  centralTown: true,
};

export const ENTITY_NAMES = Object.keys(ENTITIES) as EntityName[];

export function isEntityName(name: string): name is EntityName {
  return Object.prototype.hasOwnProperty.call(ENTITIES, name);
}
