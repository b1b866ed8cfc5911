/**
 * Where each assessment view lives. Every view has a real path under /assessment (the route table
 * gives the feature `/assessment/*?`), and the year rides in the query, so a reload, the back
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

export type AssessmentView = 'table' | 'county' | 'trends' | 'targets';

export interface AssessmentRoute {
  view: AssessmentView;
  /** The county of the county view. */
  code: string | null;
}

export function assessmentHref(
  view: AssessmentView,
  options: { year?: number; code?: string; area?: string; metric?: MetricId } = {},
): string {
  const query = new URLSearchParams();
  if (options.area) query.set('area', options.area);
  if (options.metric) query.set('metric', options.metric);
  if (options.year !== undefined) query.set('year', String(options.year));
  const search = query.toString() ? `?${query.toString()}` : '';
  switch (view) {
    case 'table':
      return `/assessment${search}`;
    case 'county':
      return `/assessment/county/${encodeURIComponent(options.code ?? '')}${search}`;
    case 'trends':
      return `/assessment/trends${search}`;
    case 'targets':
      return `/assessment/targets${search}`;
  }
}

/** The view of a path under /assessment; null when the path names none (the screen says so). */
export function parseAssessmentPath(path: string): AssessmentRoute | null {
  const [section, code, ...rest] = path
    .replace(/^\/assessment\/?/, '')
    .split('/')
    .filter(Boolean)
    .map(decodeURIComponent);
  if (rest.length > 0) return null;
  if (!section) return { view: 'table', code: null };
  if (section === 'county' && code && /^\d{6}$/.test(code)) return { view: 'county', code };
  if ((section === 'trends' || section === 'targets') && !code)
    return { view: section, code: null };
  return null;
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
