/**
 * 导出全部数据: the report's area and year as a .zip of CSV files, one per table, for the office's
 * own analysis — the report's tables (as in the workbook) and the records behind them: the
 * service points, the attendance of the year's sessions, the central towns and the agricultural
 * shops. Every file is written as today's CSV exports are (UTF-8 with a BOM so Excel and WPS read
 * the Chinese, CRLF lines, formula-looking cells defused), by the writers those exports use:
 * gapListCsv, pointToCsvRow, attendanceToCsvRow, centralTownsToCsv, shopsToCsv and the shared
 * toCsv. Phones follow the same rule as on screen (showsFullPhone).
 *
 * fflate is imported on the first export only (its chunk is precached: it works offline).
 */
import type { AssessmentRecords, AssessmentReport } from '../../domain/assessmentReport';
import { gapListCsv, toCsv } from '../../domain/gapList';
import type { Role } from '../../domain/protocol';
import type { RegionIndex } from '../../domain/region';
import { showsFullPhone } from '../../domain/scope';
import { csvHeader, pointToCsvRow } from '../../domain/servicePointCsv';
import { centralTownsIn } from '../../domain/townFigures';
import { attendanceCsvHeader, attendanceToCsvRow } from '../../domain/trainingCsv';
import { centralTownsToCsv, shopsToCsv } from '../shared/townsCsv';
import { gapLabels } from '../shared/gapLabels';
import { type ReportLabels, type ReportTable, type ReportTables } from './reportTables';
import { isOnRoster } from '../../domain/countRules';

export interface CsvFile {
  name: string;
  text: string;
}

/** One of the report's tables as CSV: a share in percent (a CSV has no cell formats). */
export function tableToCsv(table: ReportTable, labels: Pick<ReportLabels, 't'>): string {
  const { t } = labels;
  const header = table.columns.map((c) => {
    const title = c.kind === 'percent' ? t('report.col.percent', { header: c.header }) : c.header;
    return c.group ? t('report.col.group', { group: c.group, header: title }) : title;
  });
  const rows = table.rows.map((row) =>
    table.columns.map((c, i) => {
      const value = row[i] ?? null;
      if (value === null) return '';
      if (c.kind === 'percent' && typeof value === 'number') return Math.round(value * 1000) / 10;
      return value;
    }),
  );
  return toCsv([header, ...rows]);
}

export interface ExportAllSources {
  report: AssessmentReport;
  tables: ReportTables;
  records: AssessmentRecords;
  regions: RegionIndex;
  labels: ReportLabels;
  /** The signed-in user's role: whose phones are shown in full. */
  role: Role | null;
}

export function reportCsvFiles(sources: ExportAllSources): CsvFile[] {
  const { report, tables, records, regions, labels, role } = sources;
  const { t, locale, platformLabel } = labels;
  const code = report.area.code;
  const inArea = (place: string) => place.startsWith(code);

  const files: { name: string; text: string }[] = tables.tables.map((table) => ({
    name: table.name,
    text: table.key === 'gaps' ? gapListCsv(report.gaps, gapLabels(t)) : tableToCsv(table, labels),
  }));

  const maskPoints = !showsFullPhone(role, 'servicePoint');
  const points = records.points
    .filter((p) => !p.deleted && inArea(p.regionCode))
    .sort((a, b) => a.regionCode.localeCompare(b.regionCode) || a.name.localeCompare(b.name));
  files.push({
    name: t('report.sheet.points'),
    text: toCsv([
      csvHeader(locale),
      ...points.map((p) => pointToCsvRow(p, regions, locale, { maskPhones: maskPoints })),
    ]),
  });

  // Who came to the sessions the report lists (held in the area in the year).
  const maskTrainees = !showsFullPhone(role, 'trainee');
  const trainees = new Map(records.trainees.filter((x) => !x.deleted).map((x) => [x.id, x]));
  const sessions = new Map(report.sessions.map((s) => [s.id, s]));
  const attendanceRows = records.attendance
    .filter((a) => isOnRoster(a) && sessions.has(a.sessionId) && trainees.has(a.traineeId))
    .map((a) => ({ a, session: sessions.get(a.sessionId)!, trainee: trainees.get(a.traineeId)! }))
    .sort(
      (x, y) =>
        x.session.startDate.localeCompare(y.session.startDate) ||
        x.session.title.localeCompare(y.session.title) ||
        x.trainee.villageCode.localeCompare(y.trainee.villageCode) ||
        x.trainee.name.localeCompare(y.trainee.name, 'zh-CN'),
    );
  files.push({
    name: t('report.sheet.attendance'),
    text: toCsv([
      [t('report.col.session'), t('report.col.startDate'), ...attendanceCsvHeader(locale)],
      ...attendanceRows.map(({ a, session, trainee }) => [
        session.title,
        session.startDate,
        ...attendanceToCsvRow(trainee, a, regions, locale, { maskPhones: maskTrainees }),
      ]),
    ]),
  });

  const towns = centralTownsIn(records.centralTowns, report.year).filter((c) =>
    inArea(c.townshipCode),
  );
  files.push({
    name: t('report.sheet.centralTowns'),
    text: centralTownsToCsv(towns, records.stores, records.pilots, report.year, regions, t),
  });
  const shops = records.shops.filter((s) => !s.deleted && inArea(s.regionCode));
  files.push({
    name: t('report.sheet.shops'),
    text: shopsToCsv(shops, regions, platformLabel, t),
  });

  // Numbered, so the files list in the order of the report.
  return files.map((f, i) => ({
    name: `${String(i + 1).padStart(2, '0')}-${f.name}.csv`,
    text: f.text,
  }));
}

/** The files as one .zip (names in UTF-8, flagged so, as every current unzipper reads them). */
export async function zipFiles(files: readonly CsvFile[]): Promise<Uint8Array<ArrayBuffer>> {
  const { strToU8, zipSync } = await import('fflate');
  const entries: Record<string, Uint8Array> = {};
  for (const f of files) entries[f.name] = strToU8(f.text);
  // fflate writes into a fresh ArrayBuffer (never a shared one).
  return zipSync(entries, { level: 6, mtime: new Date() }) as Uint8Array<ArrayBuffer>;
}
