/**
 * Whether this device's user may do a writing action, for the screens: the one rule of
 * src/domain/scope.ts (mayWrite / mayWriteRecord), which the server enforces on every push. The
 * client's answer only decides which buttons and forms are offered; the server is the guard.
 */
import type { EntityName } from '../../domain/entities';
import { areaCodeOf, mayWrite, mayWriteRecord } from '../../domain/scope';
import { useSession } from '../../db';

/**
 * True when the signed-in user may write `entity` at `regionCode` (a session's township for the
 * session and its attendance), and with nobody signed in (the app used alone: everything here
 * was typed on this device). False while the session is still being read: never offer a button
 * for a moment and then take it away. `null` region: a new record, the role decides.
 */
export function useMayWrite(entity: EntityName, regionCode: string | null | undefined): boolean {
  const session = useSession();
  if (session === undefined || regionCode === undefined || regionCode === '') return false;
  return mayWrite(session?.user ?? null, entity, regionCode);
}

/** useMayWrite for a stored record; false while the record or the session is being read. */
export function useMayWriteRecord(
  entity: EntityName,
  record: Readonly<Record<string, unknown>> | null | undefined,
): boolean {
  const session = useSession();
  if (session === undefined || !record) return false;
  return mayWriteRecord(session?.user ?? null, entity, record);
}

/**
 * The user's area as a region code for the place pickers and filters (areaCodeOf): a county
 * (6 digits) or township (9 digits), or '' for the whole prefecture, with nobody signed in and
 * while the session is read. Only this area is offered (the server refuses a record placed
 * elsewhere). The one hook for every feature (towns, training, service points).
 */
export function useScopeCode(): string {
  return areaCodeOf(useSession()?.user.scope);
}
