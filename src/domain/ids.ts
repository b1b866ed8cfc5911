/**
 * Record ids, without zod: the device's database gives every write an id before any schema is
 * loaded (docs/PERFORMANCE.md, "Size"). common.ts re-exports both, beside the id's schema.
 */
import { v5 as uuidv5, v7 as uuidv7 } from 'uuid';

/** New record ids are UUIDv7: unique per device with no coordination, and roughly time-ordered. */
export function newId(): string {
  return uuidv7();
}

// Namespace for ids derived from natural keys (attendance, targets, central towns). Fixed forever:
// changing it would make two devices derive different ids for the same pair.
const DERIVED_ID_NAMESPACE = '6f1d3c1e-8c0a-4b8e-9a57-2f0c6c1d0e55';

/** A UUIDv5 derived from a natural key, so two offline devices arrive at the same id. */
export function derivedId(kind: string, ...parts: string[]): string {
  return uuidv5(`${kind}:${parts.join(':')}`, DERIVED_ID_NAMESPACE);
}
