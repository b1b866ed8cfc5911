/**
 * What every assessment screen (概览's board, the county table, the trends, the report and the
 * workbook) reads: the device's records and the gazetteer as a MetricInput, the year's facts
 * counted once (src/domain/metrics.ts), the user's own area, and when the figures date from (the
 * last sync). One hook, so no screen gathers its inputs — or counts — its own way.
 */
import { useEffect, useMemo } from 'react';
import { markOnce, useMarkFirstData } from './firstData';
import { GAZETTEER_VERSION, useRegions } from '../../regions';
import {
  keepCountedFigures,
  useCountedFigures,
  useLastSyncedAt,
  useRecords,
  useRecordsWithStamp,
  useSession,
} from '../../db/live';
import type { AssessmentRecords } from '../../domain/assessmentReport';
import { deployment } from '../../domain/deployment';
import {
  areaOfCode,
  metricFacts,
  METRIC_ENTITIES,
  METRIC_FACTS_FORMAT,
  type Area,
  type MetricFacts,
} from '../../domain/metrics';
import { localToday } from './dates';
import { keptFactsName, userAreaCode } from './assessmentKeys';

// Pure and without the database: the start page's first reads use them (assessmentKeys.ts).
export { keptAreaNameKey, keptFactsName, userAreaCode } from './assessmentKeys';

/**
 * The records and gazetteer the metrics read, or undefined while any is still loading. Whole
 * records (AssessmentRecords), so the report lists what the metrics count without a second read.
 */
export function useMetricInput(): AssessmentRecords | undefined {
  const regions = useRegions();
  const points = useRecords('servicePoint');
  const trainees = useRecords('trainee');
  const sessions = useRecords('trainingSession');
  const attendance = useRecords('attendance');
  const centralTowns = useRecords('centralTown');
  const stores = useRecords('flagshipStore');
  const pilots = useRecords('pilotTown');
  const shops = useRecords('agriShop');
  const targets = useRecords('target');
  // The lists as one object, kept while none of them changes.
  const lists = useMemo(
    () => ({
      points,
      trainees,
      sessions,
      attendance,
      centralTowns,
      stores,
      pilots,
      shops,
      targets,
    }),
    [points, trainees, sessions, attendance, centralTowns, stores, pilots, shops, targets],
  );
  return useMemo(() => {
    if (regions.status !== 'ready' || !allLoaded(lists)) return undefined;
    return {
      villages: regions.regions.villages,
      ruralCounts: regions.regions.ruralCounts,
      ...lists,
    };
  }, [regions, lists]);
}

/** Every list read (none still undefined). */
function allLoaded<T extends object>(lists: T): lists is { [K in keyof T]: NonNullable<T[K]> } {
  return Object.values(lists).every((list) => list !== undefined);
}

/** The entities the year's facts are counted from (MetricInput's records). */
const FACT_ENTITIES = METRIC_ENTITIES;

/**
 * A year's facts from the device's records (recounted when a record changes).
 *
 * Counting reads every record (10,000 service points on a county's phone), which on a cheap phone
 * takes longer than the rest of the start page together. So the facts are kept on the device with
 * the records' stamp they were counted at (src/db/stamp.ts): while no record changed, the kept
 * facts ARE the count, and a cold start shows them after reading two small rows. When the stamp
 * moved, the records are read (with their stamp, in one transaction), counted and kept again.
 * The day, the gazetteer and the definition of the facts (METRIC_FACTS_FORMAT) are part of what
 * the kept facts must match (docs/PERFORMANCE.md).
 */
export function useMetricFacts(
  year: number,
  today: string = localToday(),
): MetricFacts | undefined {
  const name = keptFactsName(year);
  const counted = useCountedFigures<MetricFacts>(name);
  if (counted !== undefined) markOnce('cundian:kept-facts');
  // Not the gazetteer itself: its version (the build's), so kept figures show before the file is
  // parsed — on a cheap phone parsing it was the start page's longest wait (docs/PERFORMANCE.md).
  const inputs = `${METRIC_FACTS_FORMAT}|${today}|${deployment().code}|${GAZETTEER_VERSION}`;
  const kept = counted?.kept;
  const current =
    counted !== undefined && kept != null && kept.stamp === counted.stamp && kept.inputs === inputs
      ? kept.value
      : undefined;
  const stale = counted !== undefined && current === undefined;
  // The gazetteer only to count afresh (kept figures that match need none of it).
  const regions = useRegions(stale);
  const snapshot = useRecordsWithStamp(FACT_ENTITIES, stale);
  const fresh = useMemo(() => {
    if (!snapshot || regions.status !== 'ready') return undefined;
    const r = snapshot.records;
    const input = {
      villages: regions.regions.villages,
      ruralCounts: regions.regions.ruralCounts,
      points: r.servicePoint,
      trainees: r.trainee,
      sessions: r.trainingSession,
      attendance: r.attendance,
      centralTowns: r.centralTown,
      stores: r.flagshipStore,
      pilots: r.pilotTown,
      shops: r.agriShop,
      targets: r.target,
    };
    return { facts: metricFacts(input, year, today), stamp: snapshot.stamp };
  }, [snapshot, regions, year, today]);
  useEffect(() => {
    if (!fresh) return;
    // Not kept when a record changed while counting (the stamp moved): the next count will be.
    keepCountedFigures(name, { value: fresh.facts, stamp: fresh.stamp, inputs }).catch(
      () => undefined, // a full phone: the figures are simply counted again next time
    );
  }, [fresh, inputs, name]);
  const facts = current ?? fresh?.facts;
  // The start page's figures are shown with these: the sync engine may load now (firstData.ts).
  useMarkFirstData(facts !== undefined);
  return facts;
}

/**
 * The signed-in user's own area: their township, county, or the prefecture (also when nobody is
 * signed in: the device then holds only what was typed on it).
 */
export function useUserArea(): Area {
  const code = userAreaCode(useSession());
  // The same object while the code is the same, so effects and memos keyed on it do not rerun.
  return useMemo(() => areaOfCode(code), [code]);
}

/** When the device's figures date from: its last successful sync (null: never synced). */
export function useFiguresAsOf(): string | null | undefined {
  return useLastSyncedAt();
}
