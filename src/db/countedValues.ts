/**
 * The last value of kept figures read per database and name, with its token (stamp.ts): without
 * Dexie, so a first read through IndexedDB's own API (countedFirst.ts) can leave the value here
 * for Dexie's live query, which then reads the header alone, not the value again.
 */

const lastValues = new Map<string, { token: string; value: unknown }>();

function keyOf(database: string, name: string): string {
  return `${database}\u0000${name}`;
}

/** The value read last under `name` in `database`, if its token is `token`. */
export function lastCountedValue(
  database: string,
  name: string,
  token: string,
): { value: unknown } | undefined {
  const last = lastValues.get(keyOf(database, name));
  return last && last.token === token ? { value: last.value } : undefined;
}

/** Remembers the value read under `name` in `database` with the header's token. */
export function rememberCountedValue(
  database: string,
  name: string,
  token: string,
  value: unknown,
): void {
  lastValues.set(keyOf(database, name), { token, value });
}
