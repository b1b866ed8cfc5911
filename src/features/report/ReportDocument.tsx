/**
 * The 年度考核表 itself, as the page shows it and paper gets it: a heading with the area, the year
 * and as of when; every metric against the area's own target with the county's rank (the
 * prefecture: every county ranked); the villages still without a point; the year's pilots; the
 * flagship stores; the training sessions with their attendance; and the office's signature block.
 *
 * Print: A4 portrait, a running header (area, year, date printed) and page numbers in the page
 * margins (CSS paged media, which Chromium renders in print and page.pdf()), table headers
 * repeated on every page, no row split across two (report.css). On a phone each table row
 * becomes a small card whose cells carry their column's name.
 */
import { Fragment, type ReactNode } from 'react';
import { formatDate, formatNumber, useLocale, useT, type Translate } from '../../i18n';
import type { AssessmentReport, ReportMetricRow } from '../../domain/assessmentReport';
import { METRICS, METRIC_IDS, type Measure } from '../../domain/metrics';
import type { PilotStatus } from '../../domain/pilotTown';
import { usePlatformLabel } from '../shared/platforms';
import { paceLabel, rankLabel } from './reportTables';

export type RankSource =
  | { kind: 'device' }
  | { kind: 'server'; countedAt: string | null }
  | { kind: 'loading' }
  | { kind: 'unavailable' };

export interface ReportDocumentProps {
  report: AssessmentReport;
  /** The device's today: the date printed. */
  today: string;
  /** The device's last successful sync (null: never). */
  syncedAt: string | null;
  ranks: RankSource;
}

const HAN_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

const DATE_TIME: Intl.DateTimeFormatOptions = {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
};

/** A CSS string literal (for the @page margin boxes' content). */
function cssString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, ' ')}"`;
}

/** '第 {page} 页 / 共 {pages} 页' → "第 " counter(page) " 页 / 共 " counter(pages) " 页". */
function pageCounterContent(template: string): string {
  return template
    .split(/(\{pages?\})/)
    .filter((part) => part !== '')
    .map((part) =>
      part === '{page}' ? 'counter(page)' : part === '{pages}' ? 'counter(pages)' : cssString(part),
    )
    .join(' ');
}

/**
 * The paper: A4 portrait, and in its margins the running header and the page numbers. Rendered
 * only with the report, so printing any other screen keeps the browser's defaults.
 */
function PrintPageSetup({ header, printed, pageNumber }: Record<string, string>) {
  const box =
    "font-family: 'Noto Sans CJK SC', 'WenQuanYi Micro Hei', 'Microsoft YaHei', sans-serif; font-size: 8.5pt; color: #333;";
  const css = `@page {
  size: A4 portrait;
  margin: 18mm 14mm 16mm;
  @top-left { content: ${cssString(header!)}; ${box} vertical-align: middle; }
  @top-right { content: ${cssString(printed!)}; ${box} vertical-align: middle; }
  @bottom-center { content: ${pageCounterContent(pageNumber!)}; ${box} vertical-align: middle; }
}`;
  return <style>{css}</style>;
}

export function ReportDocument({ report, today, syncedAt, ranks }: ReportDocumentProps) {
  const t = useT();
  const locale = useLocale();
  const platformLabel = usePlatformLabel();
  const county = report.area.level === 'county';
  const running = report.year === Number(today.slice(0, 4));
  const title = t('report.heading', { area: report.areaName, year: report.year });
  const numeral = (n: number) =>
    locale === 'zh-CN' ? (HAN_NUMERALS[n - 1] ?? String(n)) : String(n);
  let section = 0;
  const heading = (id: string, key: Parameters<Translate>[0]) => (
    <h2 id={id} className="report__section-title">
      {t('report.section', { n: numeral((section += 1)), title: t(key) })}
    </h2>
  );
  const placeOf = (countyName: string, townshipName: string) =>
    county ? townshipName : `${countyName} ${townshipName}`;
  const date = (day: string | null | undefined) => day ?? t('report.none');

  const rankText = (row: ReportMetricRow) =>
    ranks.kind === 'loading' ? '…' : rankLabel(row, report.counties !== null, t);
  const hasHint = report.metrics.some((row) => row.measure.hint !== null);
  const hasUnranked =
    county && report.counties !== null && report.metrics.some((row) => row.rank === null);

  return (
    <article className="report" aria-labelledby="report-title" data-testid="assessment-report">
      <PrintPageSetup
        header={t('report.pageHeader', { area: report.areaName, year: report.year })}
        printed={t('report.pagePrinted', { date: today })}
        pageNumber={t('report.pageNumber')}
      />
      <header className="report__head">
        <p className="report__programme">
          {t('report.programme', { prefecture: report.prefectureName })}
        </p>
        <h1 id="report-title" className="report__title">
          {title}
        </h1>
        <dl className="report__meta" aria-label={t('report.meta.label')}>
          <MetaItem term={t('report.meta.area')}>
            {t('report.areaValue', { name: report.areaName, code: report.area.code })}
          </MetaItem>
          <MetaItem term={t('report.meta.year')}>
            {t('report.yearValue', { year: report.year })}
          </MetaItem>
          <MetaItem term={t('report.meta.asOf')}>
            {running
              ? t('report.meta.asOfRunning', { date: formatDate(report.asOf) })
              : formatDate(report.asOf)}
          </MetaItem>
          <MetaItem term={t('report.meta.source')}>{dataSourceText(syncedAt, t)}</MetaItem>
          <MetaItem term={t('report.meta.ranks')}>{rankSourceText(ranks, t)}</MetaItem>
          <MetaItem term={t('report.meta.printed')}>{formatDate(today)}</MetaItem>
        </dl>
      </header>

      <section aria-labelledby="report-metrics" className="report__section">
        {heading('report-metrics', 'report.metrics.heading')}
        <table
          className="report-table report-table--metrics report-table--tiles"
          data-testid="report-metrics"
        >
          <thead>
            <tr>
              <th scope="col">{t('report.col.metric')}</th>
              <th scope="col">{t('report.col.actual')}</th>
              <th scope="col">{t('report.col.target')}</th>
              <th scope="col">{t('report.col.share')}</th>
              <th scope="col">{t('report.col.pace')}</th>
              {county ? <th scope="col">{t('report.col.rank')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {report.metrics.map((row) => {
              const m = row.measure;
              return (
                <tr key={m.metric} data-metric={m.metric}>
                  <th scope="row">{METRICS[m.metric].name[locale]}</th>
                  <Cell label={t('report.col.actual')} className="report-table__number">
                    {formatNumber(m.actual)}
                    {m.of !== undefined ? (
                      <span className="report__sub">
                        {t('report.villagesOf', { of: formatNumber(m.of) })}
                      </span>
                    ) : null}
                  </Cell>
                  <Cell label={t('report.col.target')} className="report-table__number">
                    {m.target !== null ? formatNumber(m.target) : t('report.noTarget')}
                    {m.hint !== null ? (
                      <span className="report__sub">
                        {t('report.hint', { value: formatNumber(m.hint) })}
                      </span>
                    ) : null}
                  </Cell>
                  <Cell label={t('report.col.share')} className="report-table__number">
                    {shareText(m)}
                  </Cell>
                  <Cell label={t('report.col.pace')}>
                    {m.pace !== null ? (
                      <span className={`report__pace report__pace--${m.pace}`}>
                        {paceLabel(m, today, t)}
                      </span>
                    ) : (
                      t('report.none')
                    )}
                  </Cell>
                  {county ? <Cell label={t('report.col.rank')}>{rankText(row)}</Cell> : null}
                </tr>
              );
            })}
          </tbody>
        </table>
        {hasHint ? <p className="report__note">{t('report.hintNote')}</p> : null}
        {hasUnranked ? <p className="report__note">{t('report.rankNoneNote')}</p> : null}
      </section>

      {!county ? (
        <section aria-labelledby="report-counties" className="report__section">
          {heading('report-counties', 'report.counties.heading')}
          {report.counties ? (
            <>
              <p className="report__note">{t('report.counties.note')}</p>
              <table className="report-table report-table--counties" data-testid="report-counties">
                <thead>
                  <tr>
                    <th scope="col">{t('report.col.county')}</th>
                    {METRIC_IDS.map((m) => (
                      <th scope="col" key={m}>
                        {METRICS[m].name[locale]}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {[...report.counties.rows, report.counties.total].map((row) => {
                    const total = row === report.counties!.total;
                    return (
                      <tr key={row.area.code} className={total ? 'report-table__total' : undefined}>
                        <th scope="row">
                          {total
                            ? t('report.counties.total')
                            : (report.countyNames.get(row.area.code) ?? row.area.code)}
                        </th>
                        {METRIC_IDS.map((m) => {
                          const x = row.measures[m];
                          const rank = row.ranks[m];
                          return (
                            <Cell key={m} label={METRICS[m].name[locale]}>
                              <span className="report__cell-main">
                                {formatNumber(x.actual)} /{' '}
                                {x.target !== null ? formatNumber(x.target) : t('report.noTarget')}
                              </span>
                              {x.share !== null ? (
                                <span className="report__sub">
                                  {shareText(x)}
                                  {!total && rank !== null
                                    ? ` · ${t('report.rankValue', { rank, of: rankedCount(report, m) })}`
                                    : ''}
                                </span>
                              ) : null}
                            </Cell>
                          );
                        })}
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </>
          ) : (
            <p>{t('report.counties.unavailable')}</p>
          )}
        </section>
      ) : null}

      <section aria-labelledby="report-gaps" className="report__section">
        {heading('report-gaps', 'report.gaps.heading')}
        <GapsSection report={report} />
      </section>

      <section aria-labelledby="report-pilots" className="report__section">
        {heading('report-pilots', 'report.pilots.heading')}
        {report.pilots.length === 0 ? (
          <p>{t('report.pilots.none', { year: report.year })}</p>
        ) : (
          <table className="report-table report-table--tiles" data-testid="report-pilots">
            <thead>
              <tr>
                <th scope="col">{t('report.col.township')}</th>
                <th scope="col">{t('report.col.status')}</th>
                <th scope="col">{t('report.col.proposed')}</th>
                <th scope="col">{t('report.col.approved')}</th>
                <th scope="col">{t('report.col.inProgress')}</th>
                <th scope="col">{t('report.col.outcome')}</th>
                <th scope="col">{t('report.col.milestones')}</th>
              </tr>
            </thead>
            <tbody>
              {report.pilots.map((p) => (
                <tr key={p.id}>
                  <th scope="row">{placeOf(p.countyName, p.townshipName)}</th>
                  <Cell label={t('report.col.status')}>{t(`towns.pilot.status.${p.status}`)}</Cell>
                  {(['proposed', 'approved', 'inProgress'] as PilotStatus[]).map((step) => (
                    <Cell
                      key={step}
                      label={t(`report.col.${step}` as const)}
                      className="report-table__date"
                    >
                      {date(p.dates[step])}
                    </Cell>
                  ))}
                  <Cell label={t('report.col.outcome')} className="report-table__date">
                    {date(p.dates.accepted ?? p.dates.failed)}
                  </Cell>
                  <Cell label={t('report.col.milestones')} className="report-table__number">
                    {t('report.pilots.milestones', {
                      done: p.milestonesDone,
                      total: p.milestonesTotal,
                    })}
                  </Cell>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="report-stores" className="report__section">
        {heading('report-stores', 'report.stores.heading')}
        {report.stores.length === 0 ? (
          <p>{t('report.stores.none')}</p>
        ) : (
          <>
            <table className="report-table" data-testid="report-stores">
              <thead>
                <tr>
                  <th scope="col">{t('report.col.store')}</th>
                  <th scope="col">{t('report.col.township')}</th>
                  <th scope="col">{t('report.col.platform')}</th>
                  <th scope="col">{t('report.col.status')}</th>
                  <th scope="col">{t('report.col.openedOn')}</th>
                  <th scope="col">{t('report.col.centralTown')}</th>
                </tr>
              </thead>
              <tbody>
                {report.stores.map((s) => (
                  <tr key={s.id}>
                    <th scope="row">{s.storeName}</th>
                    <Cell label={t('report.col.township')}>
                      {placeOf(s.countyName, s.townshipName)}
                    </Cell>
                    <Cell label={t('report.col.platform')}>{platformLabel(s.platform)}</Cell>
                    <Cell label={t('report.col.status')}>
                      {t(`towns.store.status.${s.status}`)}
                    </Cell>
                    <Cell label={t('report.col.openedOn')} className="report-table__date">
                      {date(s.openedOn)}
                    </Cell>
                    <Cell label={t('report.col.centralTown')}>
                      {s.centralTown ? t('report.yes') : t('report.no')}
                    </Cell>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="report__note">{t('report.stores.note')}</p>
          </>
        )}
      </section>

      <section aria-labelledby="report-sessions" className="report__section">
        {heading('report-sessions', 'report.sessions.heading')}
        <SessionsSection report={report} placeOf={placeOf} />
      </section>

      <section
        aria-labelledby="report-sign"
        className="report__section report__sign"
        data-testid="report-sign"
      >
        {heading('report-sign', 'report.sign.heading')}
        <dl className="report__sign-lines">
          <div>
            <dt>{t('report.sign.unit')}</dt>
            <dd />
          </div>
          <div>
            <dt>{t('report.sign.person')}</dt>
            <dd />
          </div>
          <div>
            <dt>{t('report.sign.date')}</dt>
            <dd>{t('report.sign.dateBlank')}</dd>
          </div>
        </dl>
      </section>
    </article>
  );
}

/** Where the figures come from and how fresh they are (the page and the workbook say it alike). */
export function dataSourceText(syncedAt: string | null, t: Translate): string {
  return syncedAt
    ? t('report.meta.syncedAt', { time: formatDate(syncedAt, DATE_TIME) })
    : t('report.meta.neverSynced');
}

/**
 * A table cell with its column's name (shown beside the value when a phone lays the row out as a
 * card); the value in one element, so the card can put the name and the value side by side.
 */
function Cell({
  label,
  className,
  children,
}: {
  label: string;
  className?: string;
  children?: ReactNode;
}) {
  return (
    <td data-label={label} className={className}>
      {children != null && children !== '' ? (
        <span className="report-table__value">{children}</span>
      ) : null}
    </td>
  );
}

function MetaItem({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="report__meta-item">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function shareText(m: Pick<Measure, 'share'>): string {
  return m.share === null
    ? '—'
    : formatNumber(m.share, { style: 'percent', maximumFractionDigits: 1 });
}

function rankedCount(report: AssessmentReport, metric: (typeof METRIC_IDS)[number]): number {
  return report.counties?.rows.filter((r) => r.ranks[metric] !== null).length ?? 0;
}

function rankSourceText(ranks: RankSource, t: Translate): string {
  switch (ranks.kind) {
    case 'device':
      return t('report.meta.ranksDevice');
    case 'server':
      return t('report.meta.ranksServer', {
        time: ranks.countedAt ? formatDate(ranks.countedAt, DATE_TIME) : t('report.none'),
      });
    case 'loading':
      return t('report.meta.ranksLoading');
    case 'unavailable':
      return t('report.meta.ranksUnavailable');
  }
}

function GapsSection({ report }: { report: AssessmentReport }) {
  const t = useT();
  const county = report.area.level === 'county';
  const rural = report.gapCounties.reduce((n, c) => n + c.rural, 0);
  const covered = report.gapCounties.reduce((n, c) => n + c.covered, 0);
  const uncovered = report.gapCounties.reduce((n, c) => n + c.uncovered, 0);
  if (rural === 0) return <p>{t('report.gaps.noRural')}</p>;
  const summary = (
    <p data-testid="report-gaps-summary">
      {t('report.gaps.summary', {
        date: formatDate(report.asOf),
        area: report.areaName,
        rural: formatNumber(rural),
        covered: formatNumber(covered),
        uncovered: formatNumber(uncovered),
      })}
    </p>
  );
  if (uncovered === 0) {
    return (
      <>
        {summary}
        <p>{t('report.gaps.none')}</p>
      </>
    );
  }
  if (!county) {
    // 1,900 villages would be forty pages: the prefecture's paper counts them per county; the
    // workbook and the zip list every one.
    return (
      <>
        {summary}
        <table className="report-table report-table--tiles" data-testid="report-gaps">
          <thead>
            <tr>
              <th scope="col">{t('report.col.county')}</th>
              <th scope="col">{t('report.col.rural')}</th>
              <th scope="col">{t('report.col.covered')}</th>
              <th scope="col">{t('report.col.uncovered')}</th>
              <th scope="col">{t('report.col.townshipsWithGaps')}</th>
            </tr>
          </thead>
          <tbody>
            {report.gapCounties
              .filter((c) => c.rural > 0)
              .map((c) => (
                <tr key={c.code}>
                  <th scope="row">{c.name}</th>
                  <Cell label={t('report.col.rural')} className="report-table__number">
                    {formatNumber(c.rural)}
                  </Cell>
                  <Cell label={t('report.col.covered')} className="report-table__number">
                    {formatNumber(c.covered)}
                  </Cell>
                  <Cell label={t('report.col.uncovered')} className="report-table__number">
                    {formatNumber(c.uncovered)}
                  </Cell>
                  <Cell label={t('report.col.townshipsWithGaps')} className="report-table__number">
                    {formatNumber(c.townships)}
                  </Cell>
                </tr>
              ))}
          </tbody>
        </table>
        <p className="report__note">{t('report.gaps.prefectureNote')}</p>
      </>
    );
  }
  return (
    <>
      {summary}
      <table className="report-table report-table--gaps" data-testid="report-gaps">
        <thead>
          <tr>
            <th scope="col">{t('report.col.township')}</th>
            <th scope="col">{t('report.col.uncoveredOf')}</th>
            <th scope="col">{t('report.col.villages')}</th>
          </tr>
        </thead>
        <tbody>
          {report.gaps.map((g) => (
            <tr key={g.townshipCode}>
              <th scope="row">{g.townshipName}</th>
              <Cell label={t('report.col.uncoveredOf')} className="report-table__number">
                {t('report.gaps.villageCount', { count: g.villages.length, rural: g.rural })}
              </Cell>
              <Cell label={t('report.col.villages')} className="report-table__villages">
                {g.villages.map((v, i) => (
                  <Fragment key={v.code}>
                    {i > 0 ? '、' : ''}
                    <span className="report__village">{v.shortName}</span>
                  </Fragment>
                ))}
              </Cell>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function SessionsSection({
  report,
  placeOf,
}: {
  report: AssessmentReport;
  placeOf: (county: string, township: string) => string;
}) {
  const t = useT();
  if (report.sessions.length === 0) {
    return <p>{t('report.sessions.none', { year: report.year })}</p>;
  }
  const sum = (pick: (s: AssessmentReport['sessions'][number]) => number) =>
    report.sessions.reduce((n, s) => n + pick(s), 0);
  const counts = [
    ['report.col.hours', (s) => s.hours],
    ['report.col.listed', (s) => s.listed],
    ['report.col.present', (s) => s.present],
    ['report.col.late', (s) => s.late],
    ['report.col.absent', (s) => s.absent],
  ] as const satisfies readonly (readonly [
    Parameters<Translate>[0],
    (s: AssessmentReport['sessions'][number]) => number,
  ])[];
  return (
    <>
      <table className="report-table report-table--tiles" data-testid="report-sessions">
        <thead>
          <tr>
            <th scope="col">{t('report.col.session')}</th>
            <th scope="col">{t('report.col.date')}</th>
            <th scope="col">{t('report.col.place')}</th>
            {counts.map(([key]) => (
              <th scope="col" key={key}>
                {t(key)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {report.sessions.map((s) => (
            <tr key={s.id}>
              <th scope="row">{s.title}</th>
              <Cell label={t('report.col.date')} className="report-table__date">
                {s.startDate}
              </Cell>
              <Cell label={t('report.col.place')}>{placeOf(s.countyName, s.townshipName)}</Cell>
              {counts.map(([key, pick]) => (
                <Cell key={key} label={t(key)} className="report-table__number">
                  {formatNumber(pick(s))}
                </Cell>
              ))}
            </tr>
          ))}
          <tr className="report-table__total">
            <th scope="row">{t('report.sessions.total')}</th>
            <Cell label={t('report.col.date')} />
            <Cell label={t('report.col.place')} />
            {counts.map(([key, pick]) => (
              <Cell key={key} label={t(key)} className="report-table__number">
                {formatNumber(sum(pick))}
              </Cell>
            ))}
          </tr>
        </tbody>
      </table>
      <p className="report__note">{t('report.sessions.note')}</p>
    </>
  );
}
