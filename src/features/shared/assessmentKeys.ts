/**
 * The names under which the start page's figures and area name are kept, and the user's own
 * area's code: pure, without the database, so the start page's first reads (which run before
 * Dexie has loaded: src/db/rawFirst.ts) can use them. Re-exported by useAssessment.ts.
 */
import type { StoredSession } from '../../db/sync-state';
import { deployment } from '../../domain/deployment';

/** Under which name a year's facts are kept on the device (src/db/stamp.ts). */
export function keptFactsName(year: number): string {
  return `facts:${year}`;
}

/** Under which key an area's name is kept, so the board shows it before the gazetteer loads. */
export function keptAreaNameKey(areaCode: string): string {
  return `areaName:${areaCode}`;
}

/** The code of the user's own area (the prefecture's when nobody is signed in). */
export function userAreaCode(session: StoredSession | null | undefined): string {
  return session?.user.scope.code ?? deployment().code;
}
