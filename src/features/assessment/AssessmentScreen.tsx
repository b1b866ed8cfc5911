/**
 * 考核 (issue 12, parts 3–5): how the counties stand against their own targets — the county table,
 * one county and its townships, the monthly trends — and the targets grid where the admin sets a
 * year. Reached from 更多 (and from 中心镇与试点's 年度目标). One screen for /assessment and the
 * views below it (the route table, ../shared/paths.ts; nav.ts); the year and the metric ride in
 * the query, so every link and reload keeps them and one choice of metric holds for every view.
 *
 * Everything is counted through the metric registry (src/domain/metrics.ts), from the device's
 * records or, for the county table on a county's phone, from the server's answer kept offline.
 */
import { useLocation, useSearch } from 'wouter';
import { useT } from '../../i18n';
import { useSession } from '../../db';
import { may } from '../../domain/actions';
import type { MetricId } from '../../domain/metrics';
import { yearOptions } from '../shared/years';
import { CountyTable } from './CountyTable';
import { CountyView } from './CountyView';
import {
  assessmentHref,
  metricOfSearch,
  parseAssessmentPath,
  yearOfSearch,
  type AssessmentRoute,
} from './nav';
import { AssessmentNav, MetricSelect, thisYearNow, YearSelect } from './parts';
import { TargetGrid } from './TargetGrid';
import { Trends } from './Trends';
import { useWide } from './useWide';
import './assessment.css';

export default function AssessmentScreen() {
  const t = useT();
  const [path, navigate] = useLocation();
  const search = useSearch();
  const session = useSession();
  const wide = useWide();
  const route = parseAssessmentPath(path);
  const year = yearOfSearch(search, yearOptions()) ?? thisYearNow();
  const metric = metricOfSearch(search);
  const area = new URLSearchParams(search).get('area') ?? undefined;
  // Officers and trainers neither set nor read targets per county: no tab for them (actions.ts).
  const showTargets = may(session?.user ?? null, 'viewTargetGrid');

  // src/app/routes.tsx shows the not-found screen for a path of no assessment view.
  if (!route) return null;
  const go = (change: { year?: number; metric?: MetricId }) =>
    navigate(hrefOf(route, { year, metric, area, ...change }), { replace: true });
  // A desktop shows every metric side by side, except in the trends (one chart at a time); a
  // county's page puts the picker by its townships, the one table of it that shows one metric.
  const showMetric = route.view === 'trends' || (!wide && route.view !== 'county');

  return (
    <div className="screen assessment-screen">
      <header className="screen__header">
        <h1 className="screen__title">{t('assessment.title')}</h1>
      </header>
      <AssessmentNav year={year} metric={metric} showTargets={showTargets} />
      <div className="filters assessment-pickers">
        <YearSelect year={year} onChange={(y) => go({ year: y })} />
        {showMetric ? <MetricSelect value={metric} onChange={(m) => go({ metric: m })} /> : null}
      </div>
      {route.view === 'table' ? (
        <CountyTable year={year} metric={metric} area={area ?? null} />
      ) : null}
      {route.view === 'county' && route.code ? (
        <CountyView
          key={route.code}
          code={route.code}
          year={year}
          metric={metric}
          onMetric={(m) => go({ metric: m })}
        />
      ) : null}
      {route.view === 'trends' ? (
        <Trends key={area ?? ''} year={year} metric={metric} initialArea={area ?? null} />
      ) : null}
      {route.view === 'targets' ? (
        <TargetGrid year={year} metric={metric} area={area ?? null} />
      ) : null}
    </div>
  );
}

function hrefOf(
  route: AssessmentRoute,
  options: { year: number; metric: MetricId; area?: string },
): string {
  return assessmentHref(route.view, { ...options, code: route.code ?? undefined });
}
