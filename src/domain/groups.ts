/**
 * Lists under a key (a multimap as a Map of arrays): the one way every part of the app — the
 * gazetteer's index, the sync's pending changes and digests, the duplicate checks on the device
 * and the server, the sessions' attendance — gathers values by a key.
 */

/** Adds a value to the list under its key, starting the list when the key is new. */
export function addTo<K, V>(groups: Map<K, V[]>, key: K, value: V): void {
  const list = groups.get(key);
  if (list) list.push(value);
  else groups.set(key, [value]);
}

/** The items in lists under their key, each list in the items' order. */
export function groupBy<T, K>(items: Iterable<T>, keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) addTo(groups, keyOf(item), item);
  return groups;
}
