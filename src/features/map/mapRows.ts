/**
 * The map's first rows — the session and the kept points — asked of IndexedDB from the entry
 * (src/app/routes.tsx), not after the map's reads' chunk has loaded: the read of the 10,000
 * points' kept value then runs in IndexedDB while the main thread still evaluates the entry and
 * requests the screen's chunks (on a loaded 4× phone it came ~1 s after the entry otherwise;
 * docs/PERFORMANCE.md, eleventh session). Small and without Dexie (rawFirst.ts): the entry already
 * holds the reader. What the rows are for is mapReads.ts's.
 */
import { readCountedFiguresRemembered } from '../../db/countedFirst';
import { readFirstRows } from '../../db/rawFirst';
import type { CountedState } from '../../db/stamp';
import type { StoredSession } from '../../db/sync-state';

/** Under which name the map's compact points are kept (useMapPoints). */
export const MAP_POINTS_NAME = 'mapPoints';

export interface MapRows {
  /** The session, as soon as it is read (the gazetteer's scope waits only for it). */
  session: Promise<StoredSession | null>;
  /** Both rows read, and which way (without Dexie, or through it). Never rejects. */
  done: Promise<{
    way: 'without Dexie' | 'through Dexie' | 'failed';
    counted: CountedState<unknown>;
  }>;
}

export function readMapRows(): MapRows {
  let sessionRead = (_: StoredSession | null) => undefined as void;
  const session = new Promise<StoredSession | null>((resolve) => (sessionRead = resolve));
  let counted: CountedState<unknown> = { name: MAP_POINTS_NAME, stamp: null, kept: null };
  // Through IndexedDB's own API, not Dexie: Dexie's chunk and its open were 0.5–1 s of the map's
  // path at 4× before the points could be read (tenth session). The value is remembered for the
  // live query that follows (src/db/countedFirst.ts): it reads the header only.
  const done = readFirstRows(async (reader) => {
    const [, read] = await Promise.all([
      reader.session().then(sessionRead),
      readCountedFiguresRemembered(reader, MAP_POINTS_NAME),
    ]);
    counted = read;
  }).then(
    (way) => ({ way, counted }),
    () => ({ way: 'failed' as const, counted }),
  );
  void done.then(() => sessionRead(null)); // read or not, nobody waits for it any longer
  return { session, done };
}
