/**
 * What the map reads before its first render (src/db/firstAnswers.ts): the session, the kept
 * map points, and the gazetteer and outlines it counts coverage with — so the first render
 * draws the map rather than a spinner that a second render replaces.
 */
import { readCountedFiguresFirst, readSessionFirst } from '../../db';
import { loadOutlines } from '../../map/outlines';
import { loadRegions } from '../../regions';

/** Under which name the map's compact points are kept (useMapPoints). */
export const MAP_POINTS_NAME = 'mapPoints';

export async function readMapFirst(): Promise<void> {
  await Promise.all([
    readSessionFirst(),
    readCountedFiguresFirst(MAP_POINTS_NAME),
    loadRegions(),
    loadOutlines(),
  ]);
}
