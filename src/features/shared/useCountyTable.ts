/**
 * The assessment's table of areas one level down (issue 12 part 3, issue 16 part 2): counted on
 * the phone when it holds the whole area, else asked from the server and kept for offline use.
 * Apart from useAssessment.ts so the start page (概览's board) does not load it, nor the drill-down
 * through the levels it uses (src/domain/areas.ts; docs/PERFORMANCE.md "Size").
 */
import { useEffect, useMemo, useState } from 'react';
import { useRegions } from '../../regions';
import { keepAnswer, useKeptAnswer, useSession } from '../../db';
import { areasBelow } from '../../domain/areas';
import { deployment } from '../../domain/deployment';
import { codeAtLevel, isWholeArea, levelOfCode } from '../../domain/levels';
import { areaOfCode, areaTable, type AreaTable } from '../../domain/metrics';
import type { CountyTableResponse } from '../../domain/metricsWire';
import type { SyncFailure } from '../../sync';
import { localToday } from './dates';
import { useMetricFacts, userAreaCode } from './useAssessment';

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
