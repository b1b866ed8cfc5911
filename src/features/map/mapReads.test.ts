/**
 * The map's first reads (mapReads.ts) without Dexie: the session and the kept points are read
 * through IndexedDB's own API and left where the screen's hooks start from (firstAnswers), and
 * Dexie's live query that follows answers the very value read first — the header alone read
 * again, not the 10,000 points. Real IndexedDB semantics (fake-indexeddb), the shipped region
 * files served by a stubbed fetch; the map's chunk the reads import is waited for.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { saveRecord } from '../../actions';
import { keepCountedFigures, readCountedFigures, readRecordsStamp, writeSession } from '../../db';
import { firstAnswers } from '../../db/firstAnswerStore';
import type { CountedState } from '../../db/stamp';
import { MAP_POINTS_CODEC, MAP_POINTS_FORMAT } from '../../domain/mapPoint';
import { newServicePointFields } from '../../domain/servicePoint';
import { freshDatabase } from '../../test-support/database';
import { samplePoint } from '../../test-support/mapPoints';
import { outlineFileText, regionFileText } from '../../test-support/regions';
import { MAP_POINTS_NAME, readMapFirst, releaseMapHold } from './mapReads';
import { CHUNAN_COORDINATOR_SESSION as SESSION } from '../../test-support/sessions';

const regionFile = regionFileText();
const outlineFile = outlineFileText();

beforeEach(() => {
  firstAnswers.clear();
  freshDatabase('map-reads');
  vi.stubGlobal('fetch', async (url: string) =>
    url.endsWith('-outlines.json')
      ? new Response(outlineFile, { status: 200 })
      : new Response(regionFile, { status: 200 }),
  );
});

afterEach(async () => {
  // The reads asked for the map's chunk: it must be in before the file ends.
  await import('./CoverageMap');
  // Dexie's load no longer waits for a map that this file never shows (holdLiveSource).
  releaseMapHold();
  vi.unstubAllGlobals();
});

describe('the map’s first reads', () => {
  it('leave the session and the kept points for the screen, and Dexie reads them once', async () => {
    await writeSession(SESSION);
    await saveRecord('servicePoint', null, {
      ...newServicePointFields('2026-03-01'),
      regionCode: '330127101201',
      name: '下姜村',
    });
    const points = Array.from({ length: 50 }, (_, i) => samplePoint(i));
    const stamp = await readRecordsStamp();
    const stored = MAP_POINTS_CODEC.store(points);
    await keepCountedFigures(MAP_POINTS_NAME, {
      value: stored,
      stamp,
      inputs: String(MAP_POINTS_FORMAT),
    });
    firstAnswers.clear();

    await readMapFirst();

    expect(firstAnswers.get('session')).toEqual(SESSION);
    const first = firstAnswers.get(`counted:${MAP_POINTS_NAME}`) as CountedState<unknown>;
    expect(first.stamp).toBe(stamp);
    expect(MAP_POINTS_CODEC.restore(first.kept?.value)).toEqual(points);
    // The live query's read: the value object read first, not a second copy.
    const live = await readCountedFigures<unknown>(MAP_POINTS_NAME);
    expect(live.kept?.value).toBe(first.kept?.value);
  });

  it('with nothing kept: no points, the session still read', async () => {
    await writeSession(SESSION);
    firstAnswers.clear();
    await readMapFirst();
    expect(firstAnswers.get('session')).toEqual(SESSION);
    expect((firstAnswers.get(`counted:${MAP_POINTS_NAME}`) as CountedState<unknown>).kept).toBe(
      null,
    );
  });
});
