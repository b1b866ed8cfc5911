/**
 * Small pieces of the assessment screens: the sub-navigation, the year and metric pickers.
 */
import { useLocation } from 'wouter';
import { useLocale, useT, type MessageKey } from '../../i18n';
import { METRIC_IDS, METRICS, type MetricId } from '../../domain/metrics';
import { FilterSelect } from '../shared/FilterSelect';
import { matchScreenRoute } from '../shared/paths';
import { SubNav } from '../shared/SubNav';
import { currentYear } from '../shared/years';
import { assessmentHref, type AssessmentView } from './nav';
import { useSession } from '../../db';
import { levelOfCode } from '../../domain/levels';
import { userAreaCode } from '../shared/useAssessment';
import { tableParentOf } from '../shared/useCountyTable';

export { currentYear as thisYearNow };
export { YearSelect } from '../shared/SubNav';

export function AssessmentNav({
  year,
  metric,
  showTargets,
}: {
  year: number;
  metric: MetricId;
  showTargets: boolean;
}) {
  const t = useT();
  const [location] = useLocation();
  const route = matchScreenRoute(location, 'assessment');
  // The table compares the areas one level below the user's: 地市对比 for a province's admin.
  const session = useSession();
  const ofProvince = levelOfCode(tableParentOf(userAreaCode(session))) === 'province';
  type Item = readonly [AssessmentView, MessageKey];
  const items: Item[] = [
    ['table', ofProvince ? 'levels.nav.table.province' : 'assessment.nav.table'],
    ['trends', 'assessment.nav.trends'],
  ];
  if (showTargets) items.push(['targets', 'assessment.nav.targets']);
  // The county table's pill stays lit on a county's page, reached from the table.
  const active = (view: AssessmentView) =>
    view === 'table'
      ? route?.name === 'assessment' || route?.name === 'assessmentCounty'
      : route?.name === (view === 'trends' ? 'assessmentTrends' : 'assessmentTargets');
  return (
    <SubNav
      label={t('assessment.nav.label')}
      items={items.map(([view, key]) => ({
        href: assessmentHref(view, { year, metric }),
        label: t(key),
        current: active(view),
      }))}
    />
  );
}

export function MetricSelect({
  value,
  onChange,
  metrics = METRIC_IDS,
}: {
  value: MetricId;
  onChange: (metric: MetricId) => void;
  metrics?: readonly MetricId[];
}) {
  const t = useT();
  const locale = useLocale();
  return (
    <FilterSelect
      label={t('assessment.metric')}
      value={value}
      onChange={(e) => onChange(e.target.value as MetricId)}
    >
      {metrics.map((m) => (
        <option key={m} value={m}>
          {METRICS[m].name[locale]}
        </option>
      ))}
    </FilterSelect>
  );
}
