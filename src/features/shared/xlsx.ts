/**
 * Writing .xlsx workbooks, shared by the exports that make one (the assessment report's
 * workbook, the rescue export of unsynced work). exceljs is about 250 KB gzipped: `loadExcel` is
 * the one place it is imported, on the first export, never with a screen (the service worker
 * precaches its chunk, so a workbook is made offline too).
 *
 * `buildTableWorkbook` writes plain tables: a title line and a line of context over each sheet,
 * then frozen column headers, then the rows, each cell stored by its column's kind — numbers
 * as numbers, dates as dates, codes as text — with columns as wide as what they hold.
 */
import type * as ExcelJSModule from 'exceljs';

export type ExcelJS = typeof ExcelJSModule;

export async function loadExcel(): Promise<ExcelJS> {
  // The browser build is a UMD bundle: its API arrives as the default export.
  const mod = (await import('exceljs')) as ExcelJS & { default?: ExcelJS };
  return mod.default ?? mod;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type TableCellKind = 'text' | 'code' | 'integer' | 'number' | 'date' | 'datetime';
export type TableCell = string | number | Date | null;

export interface TableSheet {
  /** Sheet name: at most 31 characters, none of []:*?/\ (Excel's rules). */
  name: string;
  columns: { header: string; kind: TableCellKind }[];
  rows: TableCell[][];
}

const FORMATS: Partial<Record<TableCellKind, string>> = {
  code: '@',
  integer: '#,##0',
  number: '#,##0.######',
  date: 'yyyy-mm-dd',
  datetime: 'yyyy-mm-dd hh:mm',
};

/** A calendar day ('2026-03-01') as the spreadsheet's date: midnight UTC, as exceljs counts. */
export function excelDay(day: string): Date {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!));
}

/**
 * A moment as the wall-clock time it was where the phone is: exceljs writes a Date as UTC,
 * and a spreadsheet has no time zones, so 08:00 UTC would read 08:00 instead of 16:00 in China.
 */
export function excelLocalTime(moment: Date): Date {
  return new Date(moment.getTime() - moment.getTimezoneOffset() * 60_000);
}

/** A Chinese character takes two widths. */
function displayWidth(value: TableCell, kind: TableCellKind): number {
  if (value === null) return 0;
  if (value instanceof Date) return kind === 'datetime' ? 16 : 10;
  let width = 0;
  for (const ch of String(value)) width += /[\u2E80-\uFFFF]/.test(ch) ? 2 : 1;
  return width;
}

export async function buildTableWorkbook(
  sheets: readonly TableSheet[],
  head: { title: string; meta: string; created?: Date },
): Promise<Uint8Array<ArrayBuffer>> {
  const ExcelJS = await loadExcel();
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '村电通';
  workbook.title = head.title;
  workbook.created = head.created ?? new Date();
  for (const table of sheets) {
    const sheet = workbook.addWorksheet(table.name, { views: [{ state: 'frozen', ySplit: 3 }] });
    sheet.getCell(1, 1).value = head.title;
    sheet.getCell(1, 1).font = { bold: true, size: 14 };
    sheet.getCell(2, 1).value = head.meta;
    sheet.getCell(2, 1).font = { color: { argb: 'FF4A5563' } };
    const header = sheet.getRow(3);
    table.columns.forEach((c, i) => (header.getCell(i + 1).value = c.header));
    header.font = { bold: true };
    table.rows.forEach((values, r) => {
      const row = sheet.getRow(4 + r);
      table.columns.forEach((c, i) => {
        const cell = row.getCell(i + 1);
        const value = values[i] ?? null;
        cell.value = c.kind === 'code' && value !== null ? String(value) : value;
        const format = FORMATS[c.kind];
        if (format) cell.numFmt = format;
        if (c.kind === 'text') cell.alignment = { wrapText: true, vertical: 'top' };
      });
    });
    table.columns.forEach((c, i) => {
      const widest = Math.max(
        displayWidth(c.header, 'text'),
        ...table.rows.map((row) => displayWidth(row[i] ?? null, c.kind)),
      );
      sheet.getColumn(i + 1).width = Math.min(60, Math.max(8, widest + 2));
    });
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
