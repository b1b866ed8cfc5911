/**
 * What every assessment screen (概览's board, the county table, the trends, the report and the
 * workbook) reads: the device's records and the gazetteer as a MetricInput, the year's facts
 * counted once (src/domain/metrics.ts), the user's own area, and when the figures date from (the
 * last sync). One hook, so no screen gathers its inputs — or counts — its own way.
 */
import { useEffect, useMemo, useState } from 'react';
import { markOnce, useMarkFirstData } from './firstData';
import { GAZETTEER_VERSION, useRegions } from '../../regions';
import {
  keepAnswer,
  keepCountedFigures,
  useCountedFigures,
  useKeptAnswer,
  useLastSyncedAt,
  useRecords,
  useRecordsWithStamp,
  useSession,
  type StoredSession,
} from '../../db';
import type { AssessmentRecords } from '../../domain/assessmentReport';
import { deployment } from '../../domain/deployment';
import {
  areaOfCode,
  areaTable,
  metricFacts,
  METRIC_ENTITIES,
  METRIC_FACTS_FORMAT,
  type Area,
  type AreaTable,
  type MetricFacts,
} from '../../domain/metrics';
import type { CountyTableResponse } from '../../domain/metricsWire';
import type { SyncFailure } from '../../sync';
import { localToday } from './dates';
import { codeAtLevel, isWholeArea, levelOfCode } from '../../domain/levels';
import { areasBelow } from '../../domain/areas';

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

/** Under which name a year's facts are kept on the device (stamp.ts). */
export function keptFactsName(year: number): string {
  return `facts:${year}`;
}

/** Under which key an area's name is kept, so the board shows it before the gazetteer loads. */
export function keptAreaNameKey(areaCode: string): string {
  return `areaName:${areaCode}`;
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

/** The code of the user's own area (the prefecture's when nobody is signed in). */
export function userAreaCode(session: StoredSession | null | undefined): string {
  return session?.user.scope.code ?? deployment().code;
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

export type CountyTableState =
  | { status: 'loading' }
  /**
   * source 'device': counted from this phone's records (it holds every county: an admin of the
   * prefecture). 'server': counted by the server, kept on the phone; `countedAt` says when.
   */
  | { status: 'ready'; table: AreaTable; source: 'device' | 'server'; countedAt: string | null }
  /** A county or township user offline who never received the table (or the server refused). */
  | { status: 'unavailable'; failure: SyncFailure | null };

/**
 * The area whose areas one level down a table ranks (src/domain/areas.ts): a province or a
 * prefecture ranks its own prefectures or counties; a county or a township is ranked among the
 * counties of its prefecture (never the province's: a figure is set only against its own area).
 */
export function tableParentOf(areaCode: string): string {
  const level = levelOfCode(areaCode);
  if (level === 'province' || level === 'prefecture') return areaCode;
  return codeAtLevel(areaCode, 'prefecture') ?? deployment().code;
}

/**
 * The areas one level below `parentCode` × every metric for a year, ranked, with the parent's own
 * figures as the totals row: a province's prefectures, a prefecture's counties. A phone that holds
 * the whole parent area (the user's scope covers it: a province or prefecture admin) counts it
 * itself, offline too; any other phone holds only its own area, so the table comes from the
 * server (GET /api/assessment/counties: the counties of the user's prefecture) when it can be
 * asked, and the last answer is kept for offline use with the time it was counted.
 */
export function useCountyTable(
  year: number,
  today: string = localToday(),
  parentCode?: string,
): CountyTableState {
  const session = useSession();
  const regions = useRegions();
  const parent = parentCode ?? tableParentOf(userAreaCode(session));
  // Nobody signed in: the device holds only what was typed on it, and counts all of it.
  const onDevice =
    !session || isWholeArea(session.user.scope) || parent.startsWith(session.user.scope.code);
  const facts = useMetricFacts(year, today);
  const kept = useKeptAnswer<CountyTableResponse>(`countyTable:${year}`);
  const token = session?.token ?? null;
  const [failure, setFailure] = useState<SyncFailure | null>(null);

  useEffect(() => {
    if (onDevice || !token) return;
    let cancelled = false;
    setFailure(null);
    // The engine's chunk is loaded here, not with the board: the first screen does not wait for
    // it (docs/PERFORMANCE.md).
    void import('../../sync').then(({ getSyncEngine, toSyncFailure }) =>
      getSyncEngine()
        .api.countyTable(token, year)
        .then(
          (answer) => keepAnswer(`countyTable:${year}`, answer),
          (error: unknown) => !cancelled && setFailure(toSyncFailure(error)),
        ),
    );
    return () => {
      cancelled = true;
    };
  }, [onDevice, token, year]);

  const local = useMemo(() => {
    if (!onDevice || !facts || regions.status !== 'ready') return null;
    return areaTable(
      facts,
      areasBelow(parent, regions.regions).map((a) => areaOfCode(a.code)),
      areaOfCode(parent),
      today,
    );
  }, [onDevice, facts, regions, today, parent]);

  // Whose phone this is decides where the table comes from: wait for the session to be read
  // rather than show a coordinator, for a moment, a table counted from their county's records.
  if (session === undefined) return { status: 'loading' };
  if (onDevice) {
    return local
      ? { status: 'ready', table: local, source: 'device', countedAt: null }
      : { status: 'loading' };
  }
  if (kept === undefined) return { status: 'loading' };
  if (kept) {
    return {
      status: 'ready',
      table: kept.value.table,
      source: 'server',
      countedAt: kept.value.countedAt,
    };
  }
  return failure || !token ? { status: 'unavailable', failure } : { status: 'loading' };
}
