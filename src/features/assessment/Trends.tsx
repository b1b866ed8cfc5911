/**
 * 趋势 (issue 12, part 4): per metric, the area's cumulative figure month by month this year,
 * the straight pace line to the area's own target, and last year's line beside it — counted on
 * the device from its records (useMonthlyFacts → metricFacts on each month's end), so it works
 * offline and agrees with the county table and 概览 at the latest month.
 *
 * The area is the user's own by default; a prefecture user may pick a county, a county user one
 * of its townships (those are on the phone). A township has no target: no pace line, said so.
 * The text alternative is a sentence (where the figure stands, where the pace line is, where
 * last year was) and a table of the monthly values; the chart itself is drawn lazily.
 */
import { useMemo, useState } from 'react';
import { formatDate, formatNumber, useLocale, useT } from '../../i18n';
import { useRegions } from '../../regions';
import {
  areaOfCode,
  METRICS,
  type Area,
  type MetricId,
  type MetricInput,
} from '../../domain/metrics';
import type { RegionIndex } from '../../domain/region';
import { trendOf, type MonthlyFacts } from '../../domain/trend';
import { Banner, Spinner } from '../../ui';
import { localToday } from '../shared/dates';
import { FilterSelect } from '../shared/FilterSelect';
import { useMetricInput, useUserArea } from '../shared/useAssessment';
import { areaNameOf, areasBelow } from '../../domain/areas';
import { FiguresAsOf } from './CountyTable';
import { TrendChart } from './TrendChart';
import { useMonthlyFacts } from './useMonthlyFacts';

function areaName(area: Area, regions: RegionIndex): string {
  if (area.level === 'province' || area.level === 'prefecture') {
    return areaNameOf(area.code, regions) ?? area.code;
  }
  return regions.placeLabel(area.code) ?? area.code;
}

/**
 * The user's area and the areas one level down (all of them are on the phone): a province's
 * prefectures, a prefecture's counties, a county's townships (src/domain/areas.ts).
 */
function areaChoices(userArea: Area, regions: RegionIndex): Area[] {
  return [userArea, ...areasBelow(userArea.code, regions).map((a) => areaOfCode(a.code))];
}

export function Trends({
  year,
  metric,
  initialArea,
}: {
  year: number;
  metric: MetricId;
  initialArea: string | null;
}) {
  const t = useT();
  const regions = useRegions();
  const userArea = useUserArea();
  const input = useMetricInput();
  const today = localToday();
  const [picked, setPicked] = useState<string | null>(initialArea);
  const thisYear = useMonthlyFacts(input, year, today);
  const lastYear = useMonthlyFacts(input, year - 1, today);

  if (regions.status === 'error') return <Banner tone="error">{t('assessment.loadFailed')}</Banner>;
  if (regions.status !== 'ready') return <Spinner />;
  const choices = areaChoices(userArea, regions.regions);
  // Only an area whose records are on this phone: a link to another county falls back to ours.
  const area = choices.find((a) => a.code === picked) ?? userArea;

  return (
    <section aria-labelledby="trends-title" className="trends">
      <h2 id="trends-title" className="section-title">
        {t('assessment.trends.heading', { area: areaName(area, regions.regions), year })}
      </h2>
      <FiguresAsOf source="device" countedAt={null} />
      <div className="filters trend-filters">
        {choices.length > 1 ? (
          <FilterSelect
            label={t('assessment.trends.area')}
            value={area.code}
            onChange={(e) => setPicked(e.target.value)}
          >
            {choices.map((a) => (
              <option key={a.code} value={a.code}>
                {a.level === 'township'
                  ? (regions.regions.township(a.code)?.name ?? a.code)
                  : areaName(a, regions.regions)}
              </option>
            ))}
          </FilterSelect>
        ) : null}
      </div>
      {year > Number(today.slice(0, 4)) ? (
        <Banner tone="info">{t('assessment.trends.notStarted', { year })}</Banner>
      ) : !input || !thisYear || !lastYear ? (
        <p className="muted trends__counting" role="status">
          <Spinner size="small" /> {t('assessment.trends.counting')}
        </p>
      ) : (
        <TrendBody
          metric={metric}
          areaCode={area.code}
          year={year}
          thisYear={thisYear}
          lastYear={lastYear}
          targets={input.targets}
          today={today}
        />
      )}
    </section>
  );
}

function TrendBody({
  metric,
  areaCode,
  year,
  thisYear,
  lastYear,
  targets,
  today,
}: {
  metric: MetricId;
  areaCode: string;
  year: number;
  thisYear: MonthlyFacts;
  lastYear: MonthlyFacts;
  targets: MetricInput['targets'];
  today: string;
}) {
  const t = useT();
  // One trend per input: the chart redraws only when its lines change.
  const trend = useMemo(
    () => trendOf(metric, areaOfCode(areaCode), year, thisYear, lastYear, targets, today),
    [metric, areaCode, year, thisYear, lastYear, targets, today],
  );
  const locale = useLocale();
  const month = useMemo(() => new Intl.DateTimeFormat(locale, { month: 'short' }), [locale]);
  const monthName = (m: number) => month.format(new Date(2000, m - 1, 1));
  const dayName = (day: string) => formatDate(day, { month: 'short', day: 'numeric' });
  const labels = useMemo(
    () => ({
      thisYear: t('assessment.trends.thisYear', { year }),
      pace: t('assessment.trends.pace'),
      lastYear: t('assessment.trends.lastYear', { year: year - 1 }),
    }),
    [t, year],
  );
  const metricName = METRICS[trend.metric].name[locale];
  const figure = (value: number | null) =>
    value === null ? t('assessment.trends.none') : formatNumber(Math.round(value));
  const latest = trend.latest;

  return (
    <>
      {latest ? (
        <p className="trend-summary" data-testid="trend-summary">
          {trend.target === null || trend.latestPace === null
            ? t('assessment.trends.summaryNoTarget', {
                day: dayName(trend.latestDay ?? ''),
                actual: figure(latest.actual),
                lastYear: figure(latest.lastYear),
              })
            : t('assessment.trends.summary', {
                day: dayName(trend.latestDay ?? ''),
                actual: figure(latest.actual),
                pace: figure(trend.latestPace),
                target: formatNumber(trend.target),
                lastYear: figure(latest.lastYear),
              })}
        </p>
      ) : null}
      <TrendChart
        points={trend.points}
        labels={labels}
        label={t('assessment.trends.chartLabel', { metric: metricName })}
      />
      <details className="trend-values">
        <summary>{t('assessment.trends.values')}</summary>
        <table className="figures-table" data-testid="trend-values">
          <caption className="visually-hidden">{metricName}</caption>
          <thead>
            <tr>
              <th scope="col">{t('assessment.trends.month')}</th>
              <th scope="col">{labels.thisYear}</th>
              {trend.target !== null ? <th scope="col">{labels.pace}</th> : null}
              <th scope="col">{labels.lastYear}</th>
            </tr>
          </thead>
          <tbody>
            {trend.points.map((p) => (
              <tr key={p.month}>
                <th scope="row">{monthName(p.month)}</th>
                <td>{figure(p.actual)}</td>
                {trend.target !== null ? <td>{figure(p.pace)}</td> : null}
                <td>{figure(p.lastYear)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </>
  );
}
