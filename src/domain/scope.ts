/**
 * Who may read and write which records, and where (DESIGN.md §7). Shared by the client (to hide
 * what a user cannot do) and the server (which enforces it on every push and pull; the client's
 * copy is a courtesy, never the guard).
 *
 * A record's PLACE is the region code that decides whose it is: a service point's village, a
 * training session's township, a target's county… Attendance has no place of its own: it belongs
 * where its session is held, so the caller supplies a lookup for the session's township.
 *
 * A user's SCOPE is the whole prefecture, a county or a township (protocol.ts `Scope`). A record
 * is in scope when its place lies inside it. Records placed at a coarser level than the scope (a
 * county centre for a township officer, a prefecture-wide target for a county coordinator) are
 * not inside it.
 *
 * The rules are data (ENTITY_ACCESS), each with the reason it is so. Pure: no Node, no DOM.
 */
import type { EntityName } from './entities';
import { isWholeArea, levelOfCode } from './levels';
import type { Role, Scope } from './protocol';

/** none: never; inScope: records whose place lies in the user's scope; everywhere: all of them. */
export type Access = 'none' | 'inScope' | 'everywhere';

interface EntityAccess {
  read: Readonly<Record<Role, Access>>;
  write: Readonly<Record<Role, Access>>;
}

const ALL_IN_SCOPE = {
  admin: 'inScope',
  coordinator: 'inScope',
  officer: 'inScope',
  trainer: 'inScope',
} as const;

// The other rows the table uses, named once (several entities share each).
const ALL_EVERYWHERE = {
  admin: 'everywhere',
  coordinator: 'everywhere',
  officer: 'everywhere',
  trainer: 'everywhere',
} as const;
const COUNTY_AND_FIELD = { ...ALL_IN_SCOPE, trainer: 'none' } as const;
const COUNTY_ONLY = { ...ALL_IN_SCOPE, officer: 'none', trainer: 'none' } as const;
const COUNTY_AND_TRAINERS = { ...ALL_IN_SCOPE, officer: 'none' } as const;
const CITY_ONLY = {
  admin: 'inScope',
  coordinator: 'none',
  officer: 'none',
  trainer: 'none',
} as const;

/**
 * Read and write access per entity and role. Admins are scoped like everyone else, but an admin
 * normally holds the whole prefecture, so for them "inScope" means everything.
 */
export const ENTITY_ACCESS: Readonly<Record<EntityName, EntityAccess>> = {
  // Service points are the officers' daily work; coordinators review and correct them. Everyone
  // may see the points of their area (trainers hold sessions at them), but trainers do not edit
  // them, so they see the operator's phone masked (MASKED_FIELDS).
  servicePoint: { read: ALL_IN_SCOPE, write: COUNTY_AND_FIELD },
  // Flagship stores are opened by central towns and tracked by the county: coordinators keep
  // them. Officers and trainers may look (they are public shops) but not change the records.
  flagshipStore: { read: ALL_IN_SCOPE, write: COUNTY_ONLY },
  // Agricultural shops are found and registered in the field, like service points.
  agriShop: { read: ALL_IN_SCOPE, write: COUNTY_AND_FIELD },
  // Trainees are personal data (name, phone): only those who run or oversee training see them,
  // and only in their own area. Officers never receive them.
  trainee: { read: COUNTY_AND_TRAINERS, write: COUNTY_AND_TRAINERS },
  // Sessions are not personal; officers may see what training runs in their township.
  trainingSession: { read: ALL_IN_SCOPE, write: COUNTY_AND_TRAINERS },
  // Attendance says who was where on which day: personal data, like trainees.
  attendance: { read: COUNTY_AND_TRAINERS, write: COUNTY_AND_TRAINERS },
  // Pilots are run by the county with the township; officers and trainers may follow them.
  pilotTown: { read: ALL_IN_SCOPE, write: COUNTY_ONLY },
  // Targets are the plan: everyone measures against them; admins set those of the areas inside
  // their own (a province admin the province's, its prefectures' and counties'; a prefecture
  // admin its prefecture's and its counties'; docs/ASSESSMENT.md "Targets at every level").
  target: { read: ALL_EVERYWHERE, write: CITY_ONLY },
  // The central-town list is an official designation by the city, needed everywhere (a flagship
  // store must belong to a central town); only the city edits it.
  centralTown: { read: ALL_EVERYWHERE, write: CITY_ONLY },
};

/**
 * Personal fields shown masked (138****5678) to a role that may read the entity but not write
 * it: it has no use for the number, and cannot send the masked value back because it cannot
 * edit the record. Roles that edit the record need the real value to keep it valid.
 */
export const MASKED_FIELDS: Readonly<Partial<Record<EntityName, readonly string[]>>> = {
  servicePoint: ['operatorPhone'],
  trainee: ['phone'],
};

/**
 * Bumped whenever ENTITY_ACCESS or MASKED_FIELDS change what a role receives: pull cursors carry
 * a fingerprint that includes it, so every device re-downloads under the new rules.
 */
export const ACCESS_RULES_VERSION = 1;

/**
 * Where a record sits: its county and township, each null when the place is coarser. A place
 * wider than a county but narrower than the deployment — a prefecture's own target in a province
 * (target.ts) — has the prefecture's 4 digits as its `countyCode`: the area at or above county
 * level it belongs to. Scope checks by prefix then put it where it belongs (inside the province
 * and that prefecture, outside its counties and the other prefectures), and the server's
 * county_code column, filtered the same way (server/sync/area.ts), needs no change.
 */
export interface RecordPlace {
  countyCode: string | null;
  townshipCode: string | null;
}

/** The field holding each entity's place; attendance takes its session's township instead. */
export const PLACE_FIELD: Readonly<Record<Exclude<EntityName, 'attendance'>, string>> = {
  servicePoint: 'regionCode',
  flagshipStore: 'townshipCode',
  agriShop: 'regionCode',
  trainee: 'villageCode',
  trainingSession: 'townshipCode',
  pilotTown: 'townshipCode',
  centralTown: 'townshipCode',
  target: 'countyCode', // null: the deployment's whole area; 4 digits: a prefecture's own
};

/**
 * County and township of a region code (6, 9 or 12 digits); null → the deployment's whole area;
 * a prefecture's 4 digits → that prefecture (as `countyCode`, see RecordPlace).
 */
export function placeOfRegion(regionCode: string | null): RecordPlace {
  if (regionCode === null) return { countyCode: null, townshipCode: null };
  if (regionCode.length === 4) return { countyCode: regionCode, townshipCode: null };
  return {
    countyCode: regionCode.length >= 6 ? regionCode.slice(0, 6) : null,
    townshipCode: regionCode.length >= 9 ? regionCode.slice(0, 9) : null,
  };
}

export type RecordRegion =
  { ok: true; regionCode: string | null } | { ok: false; missing: 'session' | 'place' };

/**
 * The region code that decides a record's scope. For attendance, `sessionTownship` looks up the
 * session's township (from the server's table, or from the device's copy); an unknown session
 * gives `{ ok: false, missing: 'session' }`.
 */
export function recordRegion(
  entity: EntityName,
  record: Readonly<Record<string, unknown>>,
  sessionTownship: (sessionId: string) => string | undefined = () => undefined,
): RecordRegion {
  if (entity === 'attendance') {
    const sessionId = record.sessionId;
    const township = typeof sessionId === 'string' ? sessionTownship(sessionId) : undefined;
    return township === undefined
      ? { ok: false, missing: 'session' }
      : { ok: true, regionCode: township };
  }
  const value = record[PLACE_FIELD[entity]];
  if (value === null && entity === 'target') return { ok: true, regionCode: null };
  return typeof value === 'string'
    ? { ok: true, regionCode: value }
    : { ok: false, missing: 'place' };
}

/** True when a place lies inside the scope (see the module comment for coarser places). */
export function scopeCoversPlace(scope: Scope, place: RecordPlace): boolean {
  switch (scope.level) {
    case 'province':
    case 'prefecture':
      // Places without a county (area-wide targets) belong to the deployment's whole area only.
      return place.countyCode === null
        ? isWholeArea(scope)
        : place.countyCode.startsWith(scope.code);
    case 'county':
      return place.countyCode === scope.code;
    case 'township':
      return place.townshipCode === scope.code;
  }
}

export interface Actor {
  role: Role;
  scope: Scope;
}

function allows(access: Access, actor: Actor, place: RecordPlace): boolean {
  if (access === 'everywhere') return true;
  if (access === 'inScope') return scopeCoversPlace(actor.scope, place);
  return false;
}

export function readAccess(role: Role, entity: EntityName): Access {
  return ENTITY_ACCESS[entity].read[role];
}

export function writeAccess(role: Role, entity: EntityName): Access {
  return ENTITY_ACCESS[entity].write[role];
}

/** May this user receive this record? */
export function canRead(actor: Actor, entity: EntityName, place: RecordPlace): boolean {
  return allows(readAccess(actor.role, entity), actor, place);
}

/** May this user create, change or delete a record placed here? */
export function canWrite(actor: Actor, entity: EntityName, place: RecordPlace): boolean {
  return allows(writeAccess(actor.role, entity), actor, place);
}

/** May this role write this entity anywhere at all (the role check, before any place)? */
export function roleMayWrite(role: Role, entity: EntityName): boolean {
  return writeAccess(role, entity) !== 'none';
}

/**
 * The one question a screen asks before it offers an action that writes (修改, 更改状态, 新建…):
 * may this user write `entity` placed at `regionCode`? The same rule the server enforces on every
 * push (canWrite); the client's answer only decides what is shown. `actor` null is the app used
 * without an account: everything on the device was typed there, so everything may be changed.
 * A region code null means a new record whose place is not chosen yet: the role decides.
 */
export function mayWrite(
  actor: Actor | null,
  entity: EntityName,
  regionCode: string | null,
): boolean {
  if (actor === null) return true;
  if (regionCode === null) return roleMayWrite(actor.role, entity);
  return canWrite(actor, entity, placeOfRegion(regionCode));
}

/** mayWrite for a stored record (its place read from the entity's place field). */
export function mayWriteRecord(
  actor: Actor | null,
  entity: EntityName,
  record: Readonly<Record<string, unknown>>,
  sessionTownship?: (sessionId: string) => string | undefined,
): boolean {
  if (actor === null) return true;
  const region = recordRegion(entity, record, sessionTownship);
  // A place the device cannot work out (attendance of an unknown session): the server decides.
  if (!region.ok) return roleMayWrite(actor.role, entity);
  if (region.regionCode === null) return canWrite(actor, entity, placeOfRegion(null));
  return canWrite(actor, entity, placeOfRegion(region.regionCode));
}

/** The entities a role receives, split by whether its scope filters them. */
export function readableEntities(role: Role): { everywhere: EntityName[]; inScope: EntityName[] } {
  const everywhere: EntityName[] = [];
  const inScope: EntityName[] = [];
  for (const [entity, access] of Object.entries(ENTITY_ACCESS) as [EntityName, EntityAccess][]) {
    if (access.read[role] === 'everywhere') everywhere.push(entity);
    else if (access.read[role] === 'inScope') inScope.push(entity);
  }
  return { everywhere, inScope };
}

/** The fields of `entity` this role sees masked (empty when it may write the entity). */
export function maskedFieldsFor(role: Role, entity: EntityName): readonly string[] {
  if (roleMayWrite(role, entity)) return [];
  return MASKED_FIELDS[entity] ?? [];
}

/**
 * Whether lists and detail pages show this entity's phone in full (as a tap-to-call link: an
 * officer in the field calls the operator from the list) or masked (138****5678). The same rule
 * as what the server sends (maskedFieldsFor): a role that may write the entity sees the number,
 * one that may only read it does not. With no signed-in user (the app used alone, without an
 * account) everything on the device was typed there, so it is shown in full. A role that never
 * receives the entity (officers and trainees) gets false: nothing to show, nothing unmasked.
 */
export function showsFullPhone(role: Role | null, entity: EntityName): boolean {
  return role === null || maskedFieldsFor(role, entity).length === 0;
}

/**
 * A short fingerprint of what a user receives (role, scope, rules version). Pull cursors carry
 * it: when it no longer matches the user, the device must drop its copy and download again.
 * FNV-1a, not a secret: it only has to change when its input does.
 */
export function accessFingerprint(actor: Actor): string {
  const text = `${ACCESS_RULES_VERSION}|${actor.role}|${actor.scope.level}|${actor.scope.code}`;
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36);
}

/**
 * The user's AREA as one region code, for place pickers and list filters: their county (6 digits)
 * or township (9 digits), or '' for the whole prefecture and with nobody signed in (nothing to
 * narrow). The one derivation: screens ask it through useScopeCode (features/shared/access.ts).
 * A code lies in the area when it starts with it (regionInScope in protocol.ts).
 */
export function areaCodeOf(scope: Scope | null | undefined): string {
  return scope && !isWholeArea(scope) ? scope.code : '';
}

/** The scope level a code of this length names, or undefined (levels.ts). */
export function scopeLevelOfCode(code: string): Scope['level'] | undefined {
  return levelOfCode(code);
}
