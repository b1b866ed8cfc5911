/**
 * One county of the county table (/assessment/county/:code): its figures against its OWN targets
 * with its rank among the counties — the same row the table showed, from the same source, so
 * what was tapped and what opens agree — then its townships' figures (areaTable over the
 * county's townships). Townships have no targets, so that table shows figures only and says
 * so (docs/ASSESSMENT.md). The townships are counted from the device's records, so they are
 * listed only on a phone that holds the county (an admin's, the county's own).
 */
import { useMemo } from 'react';
import { Link } from 'wouter';
import { formatNumber, useLocale, useT } from '../../i18n';
import { useRegions } from '../../regions';
import { useSession } from '../../db';
import {
  areaOfCode,
  areaTable,
  METRIC_IDS,
  METRICS,
  type AreaRow,
  type MetricId,
} from '../../domain/metrics';
import { Banner, EmptyState, Spinner } from '../../ui';
import { localToday } from '../shared/dates';
import { PaceMark, paceState } from './PaceMark';
import { AreaTrail } from '../shared/AreaTrail';
import { areaNameOf, areaTrail } from '../../domain/areas';
import { useMetricFacts, useUserArea } from '../shared/useAssessment';
import { tableParentOf, useCountyTable } from '../shared/useCountyTable';
import { AreaTableView, FigureText, percent } from './AreaTableView';
import { FiguresAsOf, useTableArea } from './CountyTable';
import { ReportLink } from './ReportLink';
import { assessmentHref } from './nav';
import { MetricSelect, thisYearNow } from './parts';
import { useWide } from './useWide';

export function CountyView({
  code,
  year,
  metric,
  onMetric,
}: {
  code: string;
  year: number;
  metric: MetricId;
  onMetric: (metric: MetricId) => void;
}) {
  const t = useT();
  const regions = useRegions();
  // Ranked among its own prefecture's counties (a province's 90 are not one table).
  const state = useCountyTable(year, undefined, tableParentOf(code));
  const { top } = useTableArea(null);
  if (regions.status === 'error') return <Banner tone="error">{t('assessment.loadFailed')}</Banner>;
  if (regions.status !== 'ready' || state.status === 'loading') return <Spinner />;
  const county = regions.regions.county(code);
  if (!county) {
    return (
      <EmptyState icon="map" title={t('assessment.county.notFound')}>
        <Link href={assessmentHref('table', { year })}>{t('assessment.county.back')}</Link>
      </EmptyState>
    );
  }
  const row =
    state.status === 'ready' ? state.table.rows.find((r) => r.area.code === code) : undefined;
  const tableOf = (area: string) =>
    assessmentHref('table', { year, metric, area: area === top ? undefined : area });
  return (
    <section aria-labelledby="county-title" className="county-view">
      <AreaTrail
        codes={areaTrail(code).filter((c) => c.length >= top.length)}
        nameOf={(c) => areaNameOf(c, regions.regions) ?? c}
        hrefOf={tableOf}
      />
      <h2 id="county-title" className="section-title">
        {t('assessment.county.heading', { county: county.name, year })}
      </h2>
      {state.status === 'ready' && row ? (
        <>
          <FiguresAsOf source={state.source} countedAt={state.countedAt} />
          <CountyFigures row={row} rows={state.table.rows} />
        </>
      ) : (
        <Banner tone="warning" icon="wifi-off">
          {t('assessment.table.unavailable', { year })}
        </Banner>
      )}
      <ReportLink areaCode={code} areaName={county.name} year={year} />
      <p>
        <Link
          href={assessmentHref('trends', { area: code, year, metric })}
          className="link-inline"
          data-testid="county-trends"
        >
          {t('assessment.county.trends')}
        </Link>
      </p>
      <Townships
        code={code}
        countyName={county.name}
        year={year}
        metric={metric}
        onMetric={onMetric}
      />
      <Link href={tableOf(tableParentOf(code))} className="towns-back">
        {t('assessment.county.back')}
      </Link>
    </section>
  );
}

/** The county's metrics, one line each: done / target, share and pace in words, rank. */
function CountyFigures({ row, rows }: { row: AreaRow; rows: readonly AreaRow[] }) {
  const t = useT();
  const locale = useLocale();
  const thisYear = thisYearNow();
  return (
    <ul className="county-figures" data-testid="county-figures">
      {METRIC_IDS.map((metric) => {
        const m = row.measures[metric];
        const rank = row.ranks[metric];
        const of = rows.filter((r) => r.ranks[metric] !== null).length;
        return (
          <li key={metric} className="county-figures__item" data-testid={`county-${metric}`}>
            <span className="county-figures__name">{METRICS[metric].name[locale]}</span>
            <span className="county-figures__value">
              <FigureText measure={m} />
            </span>
            <span className="county-figures__pace">
              {m.share === null ? (
                <span className="muted">{t('assessment.noTarget')}</span>
              ) : (
                <PaceMark state={paceState(m, thisYear)}>{percent(m.share)}</PaceMark>
              )}
              {rank !== null ? (
                <span className="county-figures__rank">
                  {t('assessment.county.rank')} {t('assessment.county.rankOf', { rank, of })}
                </span>
              ) : null}
            </span>
            {m.hint !== null ? (
              <span className="county-figures__hint muted">
                {t('assessment.county.hint', { hint: formatNumber(m.hint) })}
              </span>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

/** The townships of the county, figures only, counted from the device's records. */
function Townships({
  code,
  countyName,
  year,
  metric,
  onMetric,
}: {
  code: string;
  countyName: string;
  year: number;
  metric: MetricId;
  onMetric: (metric: MetricId) => void;
}) {
  const t = useT();
  const regions = useRegions();
  const session = useSession();
  const userArea = useUserArea();
  const wide = useWide();
  // The device holds the county's records when the user's area contains the county (known once
  // the session is read).
  const holdsCounty = session !== undefined && code.startsWith(userArea.code);
  const today = localToday();
  const facts = useMetricFacts(year, today);
  const table = useMemo(() => {
    if (!holdsCounty || !facts || regions.status !== 'ready') return null;
    return areaTable(
      facts,
      regions.regions.townshipsOf(code).map((tw) => areaOfCode(tw.code)),
      areaOfCode(code),
      today,
    );
  }, [holdsCounty, facts, regions, code, today]);
  const metrics = METRIC_IDS.filter((m) => METRICS[m].levels.includes('township'));

  return (
    <section aria-labelledby="townships-title" className="county-townships">
      <h3 id="townships-title">{t('assessment.county.townships')}</h3>
      {session === undefined ? (
        <Spinner />
      ) : !holdsCounty ? (
        <Banner tone="info" icon="users">
          {t('assessment.county.townshipsUnavailable', { county: countyName })}
        </Banner>
      ) : !table || regions.status !== 'ready' ? (
        <Spinner />
      ) : (
        <>
          <p className="muted">{t('assessment.county.townshipsNote')}</p>
          {!wide ? (
            <div className="filters">
              <MetricSelect value={metric} onChange={onMetric} metrics={metrics} />
            </div>
          ) : null}
          <AreaTableView
            rows={table.rows}
            total={null}
            mode="actuals"
            wide={wide}
            metric={metric}
            metrics={metrics}
            nameOf={(c) => regions.regions.township(c)?.name ?? c}
            caption={t('assessment.county.townships')}
            thisYear={thisYearNow()}
            testId="township-table"
          />
        </>
      )}
    </section>
  );
}
