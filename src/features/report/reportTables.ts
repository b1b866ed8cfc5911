/**
 * The report's tables as rows and typed columns, in the reader's language: what the workbook
 * writes as sheets and the zip as CSV files, so both carry the same columns in the same order.
 * A column's kind says how a cell is stored — a code stays text (330127 must not become a number
 * that loses its leading digits in another code list), a count is a number, a share is a fraction
 * the workbook shows as a percentage — and the writers follow it (workbook.ts, exportAll.ts).
 * The printed page reads the same report model (src/domain/assessmentReport.ts) with its own
 * layout.
 */
import type { Locale, Translate } from '../../i18n';
import type { AssessmentReport, ReportMetricRow } from '../../domain/assessmentReport';
import { gapLabels } from '../shared/gapLabels';
import { METRICS, METRIC_IDS, type Measure, type MetricId } from '../../domain/metrics';
import type { PilotStatus } from '../../domain/pilotTown';
import { paceWord } from '../shared/pace';

export type CellKind = 'text' | 'code' | 'integer' | 'number' | 'percent' | 'date';
export type ReportCell = string | number | null;

export interface ReportColumn {
  header: string;
  kind: CellKind;
  /** A heading over several columns (the county table: a metric over actual, target, share, rank). */
  group?: string;
}

export type ReportTableKey = 'metrics' | 'counties' | 'gaps' | 'pilots' | 'stores' | 'sessions';

export interface ReportTable {
  key: ReportTableKey;
  /** Sheet name and file name (Chinese first). */
  name: string;
  columns: ReportColumn[];
  rows: ReportCell[][];
}

export interface ReportTables {
  /** 某某县 2026 年度考核表 */
  title: string;
  /** As of, source, export date: the second line of every sheet. */
  meta: string;
  tables: ReportTable[];
}

export interface ReportLabels {
  t: Translate;
  locale: Locale;
  platformLabel: (platform: string) => string;
}

/** Pace in the board's words (src/features/shared/pace.ts); null without a target. */
export function paceLabel(m: Measure, today: string, t: Translate): string | null {
  if (m.pace === null) return null;
  return t(`board.pace.${paceWord(m.pace, m.year < Number(today.slice(0, 4)))}`);
}

/** 第 2 / 11, 不排名 (no target), or 暂无 (no county table on this device). */
export function rankLabel(row: ReportMetricRow, hasTable: boolean, t: Translate): string {
  if (!hasTable) return t('report.rankUnavailable');
  if (row.rank === null) return t('report.rankNone');
  return t('report.rankValue', { rank: row.rank, of: row.ranked });
}

const PILOT_STEPS: readonly PilotStatus[] = [
  'proposed',
  'approved',
  'inProgress',
  'accepted',
  'failed',
];

export function reportTables(
  report: AssessmentReport,
  labels: ReportLabels,
  meta: { today: string; source: string },
): ReportTables {
  const { t, locale, platformLabel } = labels;
  const county = report.area.level === 'county';
  const hasTable = report.counties !== null;
  const col = (key: Parameters<Translate>[0], kind: CellKind = 'text'): ReportColumn => ({
    header: t(key),
    kind,
  });

  const metrics: ReportTable = {
    key: 'metrics',
    name: t('report.sheet.metrics'),
    columns: [
      col('report.col.metric'),
      col('report.col.metricId', 'code'),
      col('report.col.actual', 'integer'),
      col('report.col.target', 'integer'),
      col('report.col.share', 'percent'),
      col('report.col.pace'),
      ...(county ? [col('report.col.rank', 'integer'), col('report.col.ranked', 'integer')] : []),
      col('report.col.hint', 'integer'),
      col('report.col.villagesOf', 'integer'),
      col('report.col.counts'),
    ],
    rows: report.metrics.map((row) => {
      const m = row.measure;
      return [
        METRICS[m.metric].name[locale],
        m.metric,
        m.actual,
        m.target,
        m.share,
        paceLabel(m, meta.today, t),
        ...(county ? [hasTable ? row.rank : null, hasTable ? row.ranked : null] : []),
        m.hint,
        m.of ?? null,
        METRICS[m.metric].counts[locale],
      ];
    }),
  };

  const tables: ReportTable[] = [metrics];

  if (!county && report.counties) {
    const perMetric = (m: MetricId): ReportColumn[] => {
      const group = METRICS[m].name[locale];
      return [
        { header: t('report.col.actual'), kind: 'integer', group },
        { header: t('report.col.target'), kind: 'integer', group },
        { header: t('report.col.share'), kind: 'percent', group },
        { header: t('report.col.rank'), kind: 'integer', group },
      ];
    };
    const name = (code: string) => report.countyNames.get(code) ?? code;
    const table = report.counties;
    tables.push({
      key: 'counties',
      name: t('report.sheet.counties'),
      columns: [
        col('report.col.county'),
        col('report.col.countyCode', 'code'),
        ...METRIC_IDS.flatMap(perMetric),
      ],
      rows: [
        ...table.rows.map((row) => [
          name(row.area.code),
          row.area.code,
          ...METRIC_IDS.flatMap((m) => {
            const x = row.measures[m];
            return [x.actual, x.target, x.share, row.ranks[m]];
          }),
        ]),
        [
          t('report.counties.total'),
          table.total.area.code,
          ...METRIC_IDS.flatMap((m) => {
            const x = table.total.measures[m];
            return [x.actual, x.target, x.share, null];
          }),
        ],
      ],
    });
  }

  // The gap list, one village per row, with gapListCsv's columns (the map exports the same).
  const g = gapLabels(t);
  tables.push({
    key: 'gaps',
    name: t('report.sheet.gaps'),
    columns: [
      { header: g.county, kind: 'text' },
      { header: g.township, kind: 'text' },
      { header: g.village, kind: 'text' },
      { header: g.officialName, kind: 'text' },
      { header: g.code, kind: 'code' },
      { header: g.townshipCovered, kind: 'integer' },
      { header: g.townshipRural, kind: 'integer' },
    ],
    rows: report.gaps.flatMap((group) =>
      group.villages.map((v) => [
        group.countyName,
        group.townshipName,
        v.shortName,
        v.name,
        v.code,
        group.covered,
        group.rural,
      ]),
    ),
  });

  tables.push({
    key: 'pilots',
    name: t('report.sheet.pilots'),
    columns: [
      col('report.col.county'),
      col('report.col.township'),
      col('report.col.townshipCode', 'code'),
      col('report.col.year', 'integer'),
      col('report.col.status'),
      col('report.col.proposed', 'date'),
      col('report.col.approved', 'date'),
      col('report.col.inProgress', 'date'),
      col('report.col.accepted', 'date'),
      col('report.col.failed', 'date'),
      col('report.col.milestonesDone', 'integer'),
      col('report.col.milestonesTotal', 'integer'),
    ],
    rows: report.pilots.map((p) => [
      p.countyName,
      p.townshipName,
      p.townshipCode,
      report.year,
      t(`towns.pilot.status.${p.status}`),
      ...PILOT_STEPS.map((step) => p.dates[step] ?? null),
      p.milestonesDone,
      p.milestonesTotal,
    ]),
  });

  tables.push({
    key: 'stores',
    name: t('report.sheet.stores'),
    columns: [
      col('report.col.county'),
      col('report.col.township'),
      col('report.col.townshipCode', 'code'),
      col('report.col.centralTown'),
      col('report.col.store'),
      col('report.col.platform'),
      col('report.col.status'),
      col('report.col.openedOn', 'date'),
      col('report.col.products'),
      col('report.col.url'),
    ],
    rows: report.stores.map((s) => [
      s.countyName,
      s.townshipName,
      s.townshipCode,
      s.centralTown ? t('report.yes') : t('report.no'),
      s.storeName,
      platformLabel(s.platform),
      t(`towns.store.status.${s.status}`),
      s.openedOn,
      s.mainProducts,
      s.url,
    ]),
  });

  tables.push({
    key: 'sessions',
    name: t('report.sheet.sessions'),
    columns: [
      col('report.col.startDate', 'date'),
      col('report.col.endDate', 'date'),
      col('report.col.session'),
      col('report.col.county'),
      col('report.col.township'),
      col('report.col.townshipCode', 'code'),
      col('report.col.trainer'),
      col('report.col.hours', 'number'),
      col('report.col.listed', 'integer'),
      col('report.col.present', 'integer'),
      col('report.col.late', 'integer'),
      col('report.col.absent', 'integer'),
      col('report.col.attended', 'integer'),
    ],
    rows: report.sessions.map((s) => [
      s.startDate,
      s.endDate,
      s.title,
      s.countyName,
      s.townshipName,
      s.townshipCode,
      s.trainer,
      s.hours,
      s.listed,
      s.present,
      s.late,
      s.absent,
      s.present + s.late,
    ]),
  });

  return {
    title: t('report.heading', { area: report.areaName, year: report.year }),
    meta: t('report.file.meta', { asOf: report.asOf, source: meta.source, today: meta.today }),
    tables,
  };
}
