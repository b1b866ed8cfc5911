/**
 * What the map reads before its first render (src/db/firstAnswers.ts): the session and the kept
 * map points; the gazetteer and outlines it counts coverage with start loading at the same time.
 * Without Dexie when the database is this schema's (src/db/rawFirst.ts): nothing here imports it.
 */
import { MAP_POINTS_NAME, readMapRows, type MapRows } from './mapRows';
import { MAP_POINTS_CODEC, MAP_POINTS_FORMAT } from '../../domain/mapPoint';
import { loadOutlines } from '../../map/outlines';
import { deployment } from '../../domain/deployment';
import { areaCodeOf } from '../../domain/scope';
import { firstDataShown, markOnce } from '../shared/firstData';
import { holdLiveSource } from '../../db/live';
import { loadRegions, setRegionsScope } from '../../regions';
import { outlinesCodeOf } from './firstView';
import { useMapStore } from './mapStore';
import type { prepareFirstView } from './CoverageMap';

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

export { MAP_POINTS_NAME };

/**
 * The longest Dexie's load waits for the map's first markers (holdLiveSource): a map that does
 * not start must not keep the live queries and the writes waiting.
 */
const LIVE_HOLD_LIMIT_MS = 3_000;

let releaseHold: () => void = () => undefined;

/** Dexie's load no longer waits for the map (tests: each starts without the hold). */
export function releaseMapHold(): void {
  releaseHold();
}

/**
 * The map's first reads: `rows` are the session and the kept points, asked for from the entry
 * (mapRows.ts); the gazetteer, the outlines and the map's chunk are asked for here, and the kept
 * points decoded and handed to the cluster worker.
 */
export async function readMapFirst(rows: MapRows = readMapRows()): Promise<void> {
  // The gazetteer and the outlines are asked for now but not waited for: parsing them before the
  // first render held the map's placeholder back (first content 2.0 → 4.3 s at 4×) and the data
  // came no sooner. The screen takes them from the regions' and outlines' stores when they land.
  loadRegions().catch(() => undefined);
  // The outlines too, at once where they do not depend on the user (one prefecture's deployment):
  // fetched and parsed while the reads wait on the database, as before; a province's wait for the
  // session (below) so that a county user fetches their prefecture's file only.
  const outlinesNow = deployment().level !== 'province';
  if (outlinesNow) loadOutlines(outlinesCodeOf(undefined, '')).catch(() => undefined);
  // The map itself (Leaflet, the layers: MapScreen's lazy chunk) is fetched and compiled while
  // the reads wait on the database, not after the screen's first render asked for it: the map
  // is what the screen is for, and its chunk came 0.8 s after the render at 4× (fifth session).
  const mapChunk: { prepare?: typeof prepareFirstView } = {};
  // Leaflet's own chunk first, evaluated in a task of its own: evaluated with the map's chunk,
  // the two were one task of ~220 ms at 4× (eleventh session; the goal is none over 200 ms).
  import('leaflet')
    .then(() => import('./CoverageMap'))
    .then(
      (chunk) => (mapChunk.prepare = chunk.prepareFirstView),
      () => undefined,
    );
  // Which region files to fetch depends on the user's area, which the gazetteer otherwise learns
  // from the shell (ShellStatus, a lazy chunk rendered after the screen's first render): the
  // files waited 2 s for it at 4× while nothing else was left to wait for (docs/PERFORMANCE.md,
  // eighth session). The map reads the session anyway; it tells the gazetteer the same area the
  // shell will (a later call with the same area changes nothing).
  const scope = rows.session.then((read) => {
    const code = read?.user.scope.code ?? null;
    setRegionsScope(code === null ? null : { code });
    // The outlines the screen will draw (a county user of a province: their prefecture's only).
    const area = areaCodeOf(read?.user.scope) || undefined;
    if (!outlinesNow) {
      loadOutlines(outlinesCodeOf(area, useMapStore.getState().filters.county)).catch(
        () => undefined,
      );
    }
    return area;
  });
  const { way, counted } = await rows.done;
  markOnce('cundian:map-read');
  // The first answers are in without Dexie: its chunk and open wait for the map's first markers
  // (the first data), so they do not come between the figures and Leaflet's map (tenth session).
  if (way === 'without Dexie') releaseHold = holdLiveSource(firstDataShown(), LIVE_HOLD_LIMIT_MS);
  // The kept points decoded now, in a task of their own (the codec keeps the decoding per value):
  // decoded by the screen's first render, they made it one task with the figures and the map
  // (docs/PERFORMANCE.md, eighth session). Only when the screen will use them (useMapPoints).
  const kept = counted.kept;
  if (kept && kept.stamp === counted.stamp && kept.inputs === String(MAP_POINTS_FORMAT)) {
    await nextTask();
    const points = MAP_POINTS_CODEC.restore(kept.value);
    // The cluster worker gets the first view's points now, in a task of its own, if the map's
    // chunk is in (it usually is: asked for above, before the reads): it indexes them while the
    // gazetteer, the screen and Leaflet start on the main thread, and the points layer adopts the
    // index (docs/PERFORMANCE.md, ninth session).
    await nextTask();
    // Not later: a layer that has already loaded its points would not adopt it.
    mapChunk.prepare?.(points, await scope);
    // And the app's first render a task after it, not in the same one.
    await nextTask();
  }
}
