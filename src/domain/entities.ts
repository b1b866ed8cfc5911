/**
 * The registry of synced entities: name → schema. The client's actions, the local database and
 * (later) the server's push validation all look entities up here, so a record is validated by the
 * very same schema everywhere (STYLE.md habit 2).
 */
import type { z } from 'zod';
import { toFieldProblems, type FieldProblem } from './messages';
import { agriShopSchema } from './agriShop';
import { attendanceSchema } from './attendance';
import { centralTownSchema } from './centralTown';
import { flagshipStoreSchema } from './flagshipStore';
import { pilotTownSchema } from './pilotTown';
import { servicePointSchema } from './servicePoint';
import { targetSchema } from './target';
import { traineeSchema } from './trainee';
import { trainingSessionSchema } from './trainingSession';
import type { EntityName } from './entityNames';

export const ENTITY_SCHEMAS = {
  servicePoint: servicePointSchema,
  flagshipStore: flagshipStoreSchema,
  agriShop: agriShopSchema,
  trainee: traineeSchema,
  trainingSession: trainingSessionSchema,
  attendance: attendanceSchema,
  pilotTown: pilotTownSchema,
  target: targetSchema,
  centralTown: centralTownSchema,
} as const satisfies Readonly<Record<EntityName, z.ZodType>>;

export type EntityRecord<E extends EntityName> = z.infer<(typeof ENTITY_SCHEMAS)[E]>;

// The names without the schemas, for the modules that need no zod (entityNames.ts).
export { ENTITY_NAMES, isEntityName, type EntityName } from './entityNames';

export type Validation<E extends EntityName> =
  { ok: true; record: EntityRecord<E> } | { ok: false; problems: FieldProblem[] };

/**
 * Validates a whole record with its entity's schema: the one call the device's actions and the
 * server's push both make. reportInput lets a missing field read "必填" rather than "格式不对".
 */
export function validateRecord<E extends EntityName>(entity: E, value: unknown): Validation<E> {
  const result = ENTITY_SCHEMAS[entity].safeParse(value, { reportInput: true });
  if (result.success) return { ok: true, record: result.data as EntityRecord<E> };
  return { ok: false, problems: toFieldProblems(result.error) };
}
