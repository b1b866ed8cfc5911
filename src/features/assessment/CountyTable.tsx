/**
 * 区县对比 (issue 12, part 3): every county × every metric for a year — done, target, share
 * coloured by pace, rank — with the prefecture's own figures against its own targets as the
 * totals row. An admin's phone counts it from its own records; anyone else's phone gets it from
 * the server and keeps it for offline use (useCountyTable), and says when it was counted. A
 * coordinator finds their county marked in words and their rank said in a sentence.
 */
import { formatDate, useLocale, useT } from '../../i18n';
import { useRegions } from '../../regions';
import { useSession } from '../../db';
import { METRIC_IDS, METRICS, type AreaTable, type MetricId } from '../../domain/metrics';
import { Banner, EmptyState, Spinner } from '../../ui';
import { PaceLegend } from './PaceMark';
import { useFiguresAsOf, userAreaCode } from '../shared/useAssessment';
import { tableParentOf, useCountyTable } from '../shared/useCountyTable';
import { AreaTableView } from './AreaTableView';
import { assessmentHref } from './nav';
import { ReportLink } from './ReportLink';
import { thisYearNow } from './parts';
import { useWide } from './useWide';
import { isWholeArea, levelOfCode, type AreaLevel } from '../../domain/levels';
import { areaNameOf, areaTrail } from '../../domain/areas';
import { deployment } from '../../domain/deployment';
import { AreaTrail } from '../shared/AreaTrail';
import type { Translate } from '../../i18n';

/** The totals row's name: 某某省（全省）, 某某市（全市）, 某某县（全县）. */
export function wholeName(t: Translate, level: AreaLevel, name: string): string {
  if (level === 'province') return t('drill.wholeName.province', { name });
  if (level === 'county') return t('drill.wholeName.county', { name });
  return t('assessment.prefectureName', { name });
}

const MOMENT: Intl.DateTimeFormatOptions = {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
};

/** "统计于 …" for the server's table; the last sync for the device's own count. */
export function FiguresAsOf({
  source,
  countedAt,
}: {
  source: 'device' | 'server';
  countedAt: string | null;
}) {
  const t = useT();
  const lastSync = useFiguresAsOf();
  let text: string;
  if (source === 'server' && countedAt) {
    text = t('assessment.asOf.server', { time: formatDate(countedAt, MOMENT) });
  } else if (lastSync === undefined) return null;
  else if (lastSync === null) text = t('assessment.asOf.deviceNever');
  else text = t('assessment.asOf.device', { time: formatDate(lastSync, MOMENT) });
  return (
    <p className="muted as-of" data-testid="figures-as-of">
      {text}
    </p>
  );
}

/** The user's own county (a county coordinator's, or the county of a township), if any. */
export function useMyCounty(): string | null {
  const session = useSession();
  const scope = session?.user.scope;
  if (!scope || isWholeArea(scope) || scope.code.length < 6) return null;
  return scope.code.slice(0, 6);
}

/** Nothing counted and no target anywhere: a page of zeros would say nothing true. */
export function isEmptyTable(table: AreaTable): boolean {
  return [...table.rows, table.total].every((row) =>
    METRIC_IDS.every((m) => row.measures[m].actual === 0 && row.measures[m].target === null),
  );
}

/**
 * Which area's table to show: the one asked for (`?area=`, a drill-down step) when it is a
 * province or prefecture inside what the user's phone holds, else the user's own (tableParentOf).
 */
export function useTableArea(asked: string | null): { code: string; top: string } {
  const session = useSession();
  const own = tableParentOf(userAreaCode(session));
  const scope = session?.user.scope.code ?? own;
  const level = asked ? levelOfCode(asked) : undefined;
  const fits =
    asked !== null &&
    (level === 'province' || level === 'prefecture') &&
    asked.startsWith(own) &&
    asked.startsWith(scope);
  return { code: fits ? asked : own, top: own };
}

/** What the assessment screen's query asks of its area table and its target grid. */
export interface AreaTableQuery {
  year: number;
  metric: MetricId;
  /**
   * The area whose areas one level down are listed (the query's ?area=: a drill-down step, or a
   * province admin's drill into a prefecture), or the user's own (useTableArea).
   */
  area?: string | null;
}

export function CountyTable({ year, metric, area = null }: AreaTableQuery) {
  const t = useT();
  const locale = useLocale();
  const regions = useRegions();
  const { code: parent, top } = useTableArea(area);
  const state = useCountyTable(year, undefined, parent);
  const wide = useWide();
  const mine = useMyCounty();
  const thisYear = thisYearNow();

  if (regions.status === 'error') return <Banner tone="error">{t('assessment.loadFailed')}</Banner>;
  if (state.status === 'loading' || regions.status !== 'ready') return <Spinner />;
  if (state.status === 'unavailable') {
    return (
      <Banner tone="warning" icon="wifi-off">
        {t('assessment.table.unavailable', { year })}
      </Banner>
    );
  }
  const { table } = state;
  const index = regions.regions;
  const plainName = (code: string) => areaNameOf(code, index) ?? code;
  // The totals row says it is the whole area (全省 / 全市); the rows are the areas one level down.
  const nameOf = (code: string) =>
    code === table.total.area.code
      ? wholeName(t, table.total.area.level, plainName(code))
      : plainName(code);
  const ofProvince = table.total.area.level === 'province';
  // A drilled-into prefecture names itself in the heading: 某某市各区县 (a province has 11).
  const drilled = parent !== deployment().code && table.total.area.level === 'prefecture';

  const heading = (
    <>
      <AreaTrail
        codes={areaTrail(parent).filter((c) => c.length >= top.length)}
        nameOf={plainName}
        hrefOf={(code) =>
          assessmentHref('table', { year, metric, area: code === top ? undefined : code })
        }
      />
      <h2 className="section-title" id="county-table-title">
        {ofProvince
          ? t('drill.table.heading.province', { year })
          : drilled
            ? t('drill.table.heading.prefecture', { year, name: plainName(parent) })
            : t('assessment.table.heading', { year })}
      </h2>
    </>
  );
  if (isEmptyTable(table)) {
    return (
      <section aria-labelledby="county-table-title">
        {heading}
        <FiguresAsOf source={state.source} countedAt={state.countedAt} />
        <EmptyState icon="store" title={t('assessment.table.empty', { year })} />
      </section>
    );
  }

  const myRow = mine ? table.rows.find((r) => r.area.code === mine) : undefined;
  const ranked = table.rows.filter((r) => r.ranks[metric] !== null).length;
  return (
    <section aria-labelledby="county-table-title" className="county-table">
      {heading}
      <FiguresAsOf source={state.source} countedAt={state.countedAt} />
      {myRow && !wide ? (
        <p className="my-rank" data-testid="my-rank">
          {myRow.ranks[metric] === null
            ? t('assessment.table.myRankNone', {
                county: nameOf(myRow.area.code),
                metric: METRICS[metric].name[locale],
              })
            : t('assessment.table.myRank', {
                county: nameOf(myRow.area.code),
                metric: METRICS[metric].name[locale],
                rank: myRow.ranks[metric]!,
                of: ranked,
              })}
        </p>
      ) : null}
      <PaceLegend past={year < thisYear} future={year > thisYear} />
      <AreaTableView
        rows={table.rows}
        total={table.total}
        mode="targets"
        wide={wide}
        metric={metric}
        metrics={METRIC_IDS}
        nameOf={nameOf}
        hrefOf={(code) =>
          levelOfCode(code) === 'county'
            ? assessmentHref('county', { code, year, metric })
            : assessmentHref('table', { year, metric, area: code })
        }
        mine={mine}
        nameHeader={ofProvince ? t('drill.table.column.province') : undefined}
        caption={
          ofProvince
            ? wide
              ? t('drill.table.captionWide.province', { year })
              : t('drill.table.caption.province', { metric: METRICS[metric].name[locale] })
            : wide
              ? t('assessment.table.captionWide', { year })
              : t('assessment.table.caption', { metric: METRICS[metric].name[locale] })
        }
        thisYear={thisYear}
        testId="county-table"
      />
      <p className="muted area-table__note">
        {t('assessment.table.sortHint')}{' '}
        {ofProvince ? t('drill.table.totalNote.province') : t('assessment.table.totalNote')}
      </p>
      <ReportLink
        areaCode={mine ?? parent}
        areaName={mine ? plainName(mine) : plainName(parent)}
        year={year}
      />
    </section>
  );
}
