/**
 * 考核 (issue 12, parts 3–5): how the counties stand against their own targets — the county table,
 * one county and its townships, the monthly trends — and the targets grid where the admin sets a
 * year. Reached from 更多 (and from 中心镇与试点's 年度目标). One route for /assessment and
 * everything below it (nav.ts); the year rides in the query so every link and reload keeps it.
 *
 * Everything is counted through the metric registry (src/domain/metrics.ts), from the device's
 * records or, for the county table on a county's phone, from the server's answer kept offline.
 */
import { Redirect, useLocation, useSearch } from 'wouter';
import { useT } from '../../app/i18n';
import { useSession } from '../../db';
import { yearOptions } from '../shared/years';
import { CountyTable } from './CountyTable';
import { CountyView } from './CountyView';
import { assessmentHref, parseAssessmentPath, yearOfSearch } from './nav';
import { AssessmentNav, thisYearNow, YearSelect } from './parts';
import { TargetGrid } from './TargetGrid';
import { Trends } from './Trends';
import './assessment.css';

export default function AssessmentScreen() {
  const t = useT();
  const [path, navigate] = useLocation();
  const search = useSearch();
  const session = useSession();
  const route = parseAssessmentPath(path);
  const year = yearOfSearch(search, yearOptions()) ?? thisYearNow();
  const area = new URLSearchParams(search).get('area');
  // Officers and trainers neither set nor read targets per county: no tab for them.
  const showTargets =
    !session || session.user.role === 'admin' || session.user.role === 'coordinator';

  if (!route) return <Redirect to={assessmentHref('table', { year })} replace />;
  const changeYear = (y: number) =>
    navigate(
      assessmentHref(route.view, {
        year: y,
        code: route.code ?? undefined,
        area: area ?? undefined,
      }),
      { replace: true },
    );

  return (
    <div className="screen assessment-screen">
      <header className="screen__header">
        <h1 className="screen__title">{t('assessment.title')}</h1>
      </header>
      <AssessmentNav year={year} showTargets={showTargets} />
      <div className="filters assessment-year">
        <YearSelect year={year} onChange={changeYear} />
      </div>
      {route.view === 'table' ? <CountyTable year={year} /> : null}
      {route.view === 'county' && route.code ? (
        <CountyView key={route.code} code={route.code} year={year} />
      ) : null}
      {route.view === 'trends' ? <Trends key={area ?? ''} year={year} initialArea={area} /> : null}
      {route.view === 'targets' ? <TargetGrid year={year} /> : null}
    </div>
  );
}
