/**
 * A table of areas × metrics, sortable by any column (tap a header): the county table (each
 * county against its own targets, with rank) and a county's townships (figures only: a township
 * has no targets). The rows come counted (areaTable in src/domain/metrics.ts); this only shows
 * and sorts them.
 *
 * Two layouts of the same rows (useWide): on a phone one metric at a time — name, done, target,
 * share, rank fit 360 px — and on a desktop every metric side by side, the name column sticky
 * when the table scrolls sideways inside its own box (the page itself never does).
 *
 * The totals row is the parent area's OWN figures against its OWN target (areaTable's `total`),
 * never a sum of the rows' targets; sorting never moves it.
 */
import { useState, type ReactNode } from 'react';
import { Link } from 'wouter';
import { formatNumber, useLocale, useT } from '../../i18n';
import { METRICS, type AreaRow, type Measure, type MetricId } from '../../domain/metrics';
import { PaceMark, paceState } from './PaceMark';

export type SortColumn = 'name' | 'actual' | 'target' | 'share' | 'rank';

export interface SortOrder {
  column: SortColumn;
  /** The metric a figure column sorts by (the picked one on a phone, the header's on a desktop). */
  metric: MetricId | null;
  direction: 'ascending' | 'descending';
}

const BY_CODE: SortOrder = { column: 'name', metric: null, direction: 'ascending' };

function sortValue(row: AreaRow, column: SortColumn, metric: MetricId): number | null {
  const m = row.measures[metric];
  switch (column) {
    case 'name':
      return null;
    case 'actual':
      return m.actual;
    case 'target':
      return m.target;
    case 'share':
      return m.share;
    case 'rank':
      return row.ranks[metric];
  }
}

/**
 * Rows in the order asked for. Names sort in the gazetteer's (official) order; a figure column
 * by its value, rows without one (no target, so no share or rank) always last; ties by code.
 */
export function sortRows(rows: readonly AreaRow[], order: SortOrder): AreaRow[] {
  const sign = order.direction === 'ascending' ? 1 : -1;
  const byCode = (a: AreaRow, b: AreaRow) => a.area.code.localeCompare(b.area.code);
  if (order.column === 'name' || order.metric === null) {
    return [...rows].sort((a, b) => sign * byCode(a, b));
  }
  const metric = order.metric;
  return [...rows].sort((a, b) => {
    const x = sortValue(a, order.column, metric);
    const y = sortValue(b, order.column, metric);
    if (x === null && y === null) return byCode(a, b);
    if (x === null) return 1;
    if (y === null) return -1;
    return sign * (x - y) || byCode(a, b);
  });
}

/** The first tap on a column: biggest figures first, but rank 1 first. */
function firstDirection(column: SortColumn): SortOrder['direction'] {
  return column === 'name' || column === 'rank' ? 'ascending' : 'descending';
}

export function percent(share: number): string {
  return formatNumber(share, { style: 'percent', maximumFractionDigits: 0 });
}

interface AreaTableViewProps {
  rows: readonly AreaRow[];
  /** The parent area's own figures (the prefecture for the county table); null: no totals row. */
  total: AreaRow | null;
  /** 'targets': done / target / share / rank; 'actuals': figures only (townships). */
  mode: 'targets' | 'actuals';
  wide: boolean;
  /** The metric a phone shows. */
  metric: MetricId;
  /** The metrics a desktop shows, in order. */
  metrics: readonly MetricId[];
  nameOf: (code: string) => string;
  /** Where a row's name leads (a county's own page); none: plain text. */
  hrefOf?: (code: string) => string;
  /** The user's own area, marked in words as well as in colour. */
  mine?: string | null;
  /** Its name in words (the table's caption). */
  caption: string;
  /** The first column's header when the rows are not counties (a province's: 地市). */
  nameHeader?: string;
  thisYear: number;
  testId?: string;
}

export function AreaTableView(props: AreaTableViewProps) {
  const { rows, wide, metric } = props;
  const [order, setOrder] = useState<SortOrder>(BY_CODE);
  // On a phone a figure column sorts by the metric shown: switching metric keeps the column.
  const effective: SortOrder = !wide && order.column !== 'name' ? { ...order, metric } : order;
  const sorted = sortRows(rows, effective);

  function sortBy(column: SortColumn, byMetric: MetricId | null) {
    setOrder((current) =>
      current.column === column && (wide ? current.metric === byMetric : true)
        ? {
            column,
            metric: byMetric,
            direction: current.direction === 'ascending' ? 'descending' : 'ascending',
          }
        : { column, metric: byMetric, direction: firstDirection(column) },
    );
  }

  return wide ? (
    <WideTable {...props} rows={sorted} order={effective} sortBy={sortBy} />
  ) : (
    <PhoneTable {...props} rows={sorted} order={effective} sortBy={sortBy} />
  );
}

interface LayoutProps extends AreaTableViewProps {
  order: SortOrder;
  sortBy: (column: SortColumn, metric: MetricId | null) => void;
}

/** A header that sorts: a real button (keyboard, screen reader), aria-sort on its cell. */
function SortHeader({
  label,
  sorted,
  onSort,
  className,
  title,
}: {
  label: string;
  sorted: SortOrder['direction'] | null;
  onSort: () => void;
  className?: string;
  title?: string;
}) {
  return (
    <th scope="col" aria-sort={sorted ?? 'none'} className={className} title={title}>
      <button type="button" className="sort-button" onClick={onSort}>
        <span>{label}</span>
        <span className="sort-button__arrow" aria-hidden="true">
          {sorted === 'ascending' ? '▲' : sorted === 'descending' ? '▼' : '↕'}
        </span>
      </button>
    </th>
  );
}

function AreaName({
  code,
  nameOf,
  hrefOf,
  mine,
}: Pick<AreaTableViewProps, 'nameOf' | 'hrefOf' | 'mine'> & { code: string }) {
  const t = useT();
  const name = nameOf(code);
  return (
    <>
      {hrefOf ? (
        <Link href={hrefOf(code)} className="area-table__link">
          {name}
        </Link>
      ) : (
        <span>{name}</span>
      )}
      {mine === code ? (
        <span className="badge area-table__mine">{t('assessment.table.mine')}</span>
      ) : null}
    </>
  );
}

/**
 * The body and the totals row of both layouts: each area's name (a link where it leads on, "mine"
 * marked) then its cells; the total under the rows, where sorting never moves it.
 */
function AreaRows({
  of: { rows, total, nameOf, hrefOf, mine },
  cells,
}: {
  of: Pick<AreaTableViewProps, 'rows' | 'total' | 'nameOf' | 'hrefOf' | 'mine'>;
  cells: (row: AreaRow, isTotal: boolean) => ReactNode;
}) {
  return (
    <>
      <tbody>
        {rows.map((row) => (
          <tr
            key={row.area.code}
            className={mine === row.area.code ? 'area-table__row--mine' : undefined}
            aria-current={mine === row.area.code ? 'true' : undefined}
            data-testid={`row-${row.area.code}`}
          >
            <th scope="row" className="area-table__name">
              <AreaName code={row.area.code} nameOf={nameOf} hrefOf={hrefOf} mine={mine} />
            </th>
            {cells(row, false)}
          </tr>
        ))}
      </tbody>
      {total ? (
        <tfoot>
          <tr data-testid="row-total">
            <th scope="row" className="area-table__name">
              {nameOf(total.area.code)}
            </th>
            {cells(total, true)}
          </tr>
        </tfoot>
      ) : null}
    </>
  );
}

/**
 * The table of either layout: its caption, the head's row (the area's name, sorted by name, then
 * the layout's own `children`), and the rows of `AreaRows` with the layout's cells.
 */
function AreaTableFrame({
  layout: { rows, total, mode, nameOf, hrefOf, mine, caption, nameHeader, order, sortBy, testId },
  wide,
  cells,
  children,
}: {
  layout: LayoutProps;
  wide: boolean;
  cells: (row: AreaRow, isTotal: boolean) => ReactNode;
  children: ReactNode;
}) {
  const t = useT();
  return (
    <div className={wide ? 'area-table-wrap area-table-wrap--wide' : 'area-table-wrap'}>
      <table
        className={`area-table area-table--${wide ? 'wide' : 'phone'} area-table--${mode}`}
        data-testid={testId}
      >
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <SortHeader
              label={
                nameHeader ??
                (mode === 'targets'
                  ? t('assessment.table.county')
                  : t('assessment.county.township'))
              }
              sorted={order.column === 'name' ? order.direction : null}
              onSort={() => sortBy('name', null)}
              className="area-table__name"
            />
            {children}
          </tr>
        </thead>
        <AreaRows of={{ rows, total, nameOf, hrefOf, mine }} cells={cells} />
      </table>
    </div>
  );
}

/** The figure of a measure: "12 / 30 村" for villages covered (their share of the area's). */
/** "12 / 30" against a target, "12" without one (the wide table, the county's own figures). */
export function FigureText({ measure }: { measure: Measure }) {
  const t = useT();
  return (
    <>
      {measure.target === null
        ? formatNumber(measure.actual)
        : t('assessment.table.figure', {
            actual: formatNumber(measure.actual),
            target: formatNumber(measure.target),
          })}
    </>
  );
}

function ActualText({ measure, mode }: { measure: Measure; mode: 'targets' | 'actuals' }) {
  const t = useT();
  if (mode === 'actuals' && measure.metric === 'villagesCovered' && measure.of !== undefined) {
    return (
      <>
        {t('assessment.county.covered', {
          covered: formatNumber(measure.actual),
          of: formatNumber(measure.of),
        })}
      </>
    );
  }
  return <>{formatNumber(measure.actual)}</>;
}

function PhoneTable(props: LayoutProps) {
  const { mode, metric, thisYear, order, sortBy } = props;
  const t = useT();
  const header = (column: SortColumn, label: string) => (
    <SortHeader
      label={label}
      sorted={order.column === column ? order.direction : null}
      onSort={() => sortBy(column, metric)}
    />
  );
  const figures = (row: AreaRow) => {
    const m = row.measures[metric];
    const state = paceState(m, thisYear);
    return (
      <>
        <td className="area-table__num">
          <ActualText measure={m} mode={mode} />
        </td>
        {mode === 'targets' ? (
          <>
            <td className="area-table__num">
              {m.target === null ? (
                <span className="muted area-table__unset">{t('assessment.noTarget')}</span>
              ) : (
                formatNumber(m.target)
              )}
            </td>
            <td className="area-table__num">
              {m.share === null ? (
                <span className="muted">—</span>
              ) : (
                <PaceMark state={state} compact>
                  {percent(m.share)}
                </PaceMark>
              )}
            </td>
            <td className="area-table__num">
              {row.ranks[metric] === null ? <span className="muted">—</span> : row.ranks[metric]}
            </td>
          </>
        ) : null}
      </>
    );
  };
  return (
    <AreaTableFrame layout={props} wide={false} cells={figures}>
      {header('actual', t('assessment.table.actual'))}
      {mode === 'targets' ? (
        <>
          {header('target', t('assessment.table.target'))}
          {header('share', t('assessment.table.share'))}
          {header('rank', t('assessment.table.rank'))}
        </>
      ) : null}
    </AreaTableFrame>
  );
}

function WideCell({
  row,
  metric,
  mode,
  thisYear,
  total,
}: {
  row: AreaRow;
  metric: MetricId;
  mode: 'targets' | 'actuals';
  thisYear: number;
  total: boolean;
}) {
  const t = useT();
  const m = row.measures[metric];
  const rank = row.ranks[metric];
  if (mode === 'actuals') {
    return (
      <td className="area-table__num">
        <ActualText measure={m} mode={mode} />
      </td>
    );
  }
  return (
    <td className="area-table__num area-table__cell">
      <span className="area-table__figure">
        <FigureText measure={m} />
      </span>
      {m.share !== null ? (
        <span className="area-table__share">
          <PaceMark state={paceState(m, thisYear)} compact>
            {percent(m.share)}
          </PaceMark>
          {!total && rank !== null ? (
            <span className="area-table__rank">{t('assessment.table.rankValue', { rank })}</span>
          ) : null}
        </span>
      ) : (
        <span className="area-table__share muted area-table__unset">
          {t('assessment.noTarget')}
        </span>
      )}
    </td>
  );
}

function WideTable(props: LayoutProps) {
  const { mode, metrics, thisYear, order, sortBy } = props;
  const locale = useLocale();
  const figureColumn: SortColumn = mode === 'targets' ? 'share' : 'actual';
  return (
    <AreaTableFrame
      layout={props}
      wide
      cells={(row, isTotal) =>
        metrics.map((m) => (
          <WideCell key={m} row={row} metric={m} mode={mode} thisYear={thisYear} total={isTotal} />
        ))
      }
    >
      {metrics.map((m) => (
        <SortHeader
          key={m}
          label={METRICS[m].name[locale]}
          sorted={order.column === figureColumn && order.metric === m ? order.direction : null}
          onSort={() => sortBy(figureColumn, m)}
        />
      ))}
    </AreaTableFrame>
  );
}
