/**
 * Kept figures read before the first render by either reader (rawFirst.ts without Dexie,
 * dexieFirstReader.ts through it), with their value remembered for Dexie's live query
 * (countedValues.ts): the live query that starts after the first render then reads the header
 * alone, not the value a second time — for the map's 10,000 points that second copy out of
 * IndexedDB was a 300 ms task at 4× (docs/PERFORMANCE.md, fifth session). Dexie's own first read
 * remembers it already; the read without Dexie does not know the header's token, so it is read
 * here, before and after the figures.
 */
import { COUNTED_PREFIX, KEPT_PREFIX } from './metaKeys';
import { currentDatabaseName } from './firstAnswerStore';
import { rememberCountedValue } from './countedValues';
import type { FirstReader } from './firstReader';
import type { CountedState } from './stamp';

/** The kept answer's key (kept.ts) that is the counted figures' header (stamp.ts). */
const headerKey = (name: string) => `${COUNTED_PREFIX.slice(KEPT_PREFIX.length)}${name}`;

async function tokenOf(reader: FirstReader, name: string): Promise<string | undefined> {
  const header = (await reader.keptAnswer<unknown>(headerKey(name))) as { token?: unknown } | null;
  return typeof header?.token === 'string' ? header.token : undefined;
}

/**
 * `reader.countedFigures(name)`, its value remembered under the header's token. One at a time:
 * the same token read before and after means the value read between was written with it (a new
 * value always comes with a new token, in the same transaction); a write in between, and nothing
 * is remembered (the live query reads the value, as before).
 */
export async function readCountedFiguresRemembered<T>(
  reader: FirstReader,
  name: string,
): Promise<CountedState<T>> {
  const before = await tokenOf(reader, name);
  const counted = await reader.countedFigures<T>(name);
  if (before === undefined || !counted.kept) return counted;
  const after = await tokenOf(reader, name);
  if (after === before) {
    rememberCountedValue(currentDatabaseName(), name, before, counted.kept.value);
  }
  return counted;
}
