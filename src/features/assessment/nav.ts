/**
 * Where each assessment view lives. Every view has a real path under /assessment (the app's route
 * table, ../shared/paths.ts), and the year rides in the query, so a reload, the back
 * button and a link from another screen (概览's board links a county here) land on the same view,
 * offline too:
 *
 *   /assessment?year=2026&metric=…            the county table (every county × every metric)
 *   /assessment/county/330127?year=2026       one county against its own targets, its townships
 *   /assessment/trends?area=330127&year=2026  monthly trends of an area (the user's by default)
 *   /assessment/targets?year=2026             the targets grid (the admin edits a whole year)
 *
 * `metric` (a METRIC_IDS id) is the metric a phone shows of the table, the townships, the trends
 * and the grid — one choice for all of them. /towns/targets, the first targets editor, redirects
 * to the grid.
 */
import { METRIC_IDS, type MetricId } from '../../domain/metrics';
import { matchScreenRoute, paths, queryString } from '../shared/paths';

export type AssessmentView = 'table' | 'county' | 'trends' | 'targets';

export interface AssessmentRoute {
  view: AssessmentView;
  /** The county of the county view. */
  code: string | null;
}

/** A view's address (the route table's path) with the year, metric and area in the query. */
export function assessmentHref(
  view: AssessmentView,
  options: { year?: number; code?: string; area?: string; metric?: MetricId } = {},
): string {
  const search = queryString({ area: options.area, metric: options.metric, year: options.year });
  switch (view) {
    case 'table':
      return paths.assessment() + search;
    case 'county':
      return paths.assessmentCounty(options.code ?? '') + search;
    case 'trends':
      return paths.assessmentTrends() + search;
    case 'targets':
      return paths.assessmentTargets() + search;
  }
}

/**
 * The view of a path under /assessment, by the route table; null when the table names none
 * (src/app/routes.tsx shows the not-found screen for it).
 */
export function parseAssessmentPath(path: string): AssessmentRoute | null {
  const route = matchScreenRoute(path, 'assessment');
  switch (route?.name) {
    case undefined:
      return null;
    case 'assessment':
      return { view: 'table', code: null };
    case 'assessmentCounty':
      return { view: 'county', code: route.params.code };
    case 'assessmentTrends':
      return { view: 'trends', code: null };
    case 'assessmentTargets':
      return { view: 'targets', code: null };
  }
}

/** The year of a query string, when it is one the screens offer a picker for. */
export function yearOfSearch(search: string, years: readonly number[]): number | null {
  const year = Number(new URLSearchParams(search).get('year'));
  return years.includes(year) ? year : null;
}

/** The metric of a query string; the first metric when it names none. */
export function metricOfSearch(search: string): MetricId {
  const metric = new URLSearchParams(search).get('metric');
  return (METRIC_IDS as readonly string[]).includes(metric ?? '')
    ? (metric as MetricId)
    : METRIC_IDS[0];
}
