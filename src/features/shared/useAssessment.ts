/**
 * What every assessment screen (概览's board, the county table, the trends, the report and the
 * workbook) reads: the device's records and the gazetteer as a MetricInput, the year's facts
 * counted once (src/domain/metrics.ts), the user's own area, and when the figures date from (the
 * last sync). One hook, so no screen gathers its inputs — or counts — its own way.
 */
import { useMemo } from 'react';
import { useRegions } from '../../app/regions';
import { useLastSyncedAt, useRecords, useSession } from '../../db';
import { PREFECTURE } from '../../domain/generated/prefecture';
import {
  areaOfCode,
  metricFacts,
  type Area,
  type MetricFacts,
  type MetricInput,
} from '../../domain/metrics';
import { localToday } from './dates';

/** The records and gazetteer the metrics read, or undefined while any is still loading. */
export function useMetricInput(): MetricInput | undefined {
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
  return useMemo(() => {
    if (
      regions.status !== 'ready' ||
      !points ||
      !trainees ||
      !sessions ||
      !attendance ||
      !centralTowns ||
      !stores ||
      !pilots ||
      !shops ||
      !targets
    ) {
      return undefined;
    }
    return {
      villages: regions.regions.villages,
      points,
      trainees,
      sessions,
      attendance,
      centralTowns,
      stores,
      pilots,
      shops,
      targets,
    };
  }, [
    regions,
    points,
    trainees,
    sessions,
    attendance,
    centralTowns,
    stores,
    pilots,
    shops,
    targets,
  ]);
}

/** A year's facts from the device's records (recounted when a record changes). */
export function useMetricFacts(
  year: number,
  today: string = localToday(),
): MetricFacts | undefined {
  const input = useMetricInput();
  return useMemo(() => (input ? metricFacts(input, year, today) : undefined), [input, year, today]);
}

/**
 * The signed-in user's own area: their township, county, or the prefecture (also when nobody is
 * signed in: the device then holds only what was typed on it).
 */
export function useUserArea(): Area {
  const session = useSession();
  const scope = session?.user.scope;
  return scope ? areaOfCode(scope.code) : areaOfCode(PREFECTURE.code);
}

/** When the device's figures date from: its last successful sync (null: never synced). */
export function useFiguresAsOf(): string | null | undefined {
  return useLastSyncedAt();
}
