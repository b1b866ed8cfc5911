/**
 * The report as an .xlsx workbook: one sheet per table (reportTables.ts), each opening with the
 * title and a line saying as of when, then the column headers (frozen), cells stored by their
 * column's kind — numbers as numbers, shares as percentages, dates as dates, codes as text — and
 * every column wide enough for what it holds.
 *
 * exceljs is about 250 KB gzipped: it is loaded on the first download (loadExcel in
 * ../shared/xlsx.ts), never with the screen (the service worker precaches its chunk, so the
 * workbook is made offline too).
 */
import type * as ExcelJSModule from 'exceljs';
import { loadExcel } from '../shared/xlsx';
import type { CellKind, ReportCell, ReportTable, ReportTables } from './reportTables';

const NUMBER_FORMATS: Partial<Record<CellKind, string>> = {
  code: '@',
  integer: '#,##0',
  number: '#,##0.##',
  percent: '0.0%',
  date: 'yyyy-mm-dd',
};

/** A calendar day as the spreadsheet's date (midnight UTC: exceljs counts days in UTC). */
function excelDate(day: string): Date {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!));
}

function cellValue(value: ReportCell, kind: CellKind): string | number | Date | null {
  if (value === null || value === '') return null;
  if (kind === 'date' && typeof value === 'string') return excelDate(value);
  if (kind === 'code') return String(value);
  return value;
}

/** Columns as wide as their longest text; a Chinese character takes two widths. */
function displayWidth(value: ReportCell): number {
  if (value === null) return 0;
  let width = 0;
  for (const ch of String(value)) width += /[\u2E80-\uFFFF]/.test(ch) ? 2 : 1;
  return width;
}

function columnWidths(table: ReportTable): number[] {
  return table.columns.map((c, i) => {
    const widest = Math.max(
      displayWidth(c.header),
      ...table.rows.map((row) => displayWidth(row[i] ?? null)),
    );
    return Math.min(60, Math.max(8, widest + 2));
  });
}

function addSheet(workbook: ExcelJSModule.Workbook, tables: ReportTables, table: ReportTable) {
  const grouped = table.columns.some((c) => c.group);
  const headerRows = grouped ? 2 : 1;
  const sheet = workbook.addWorksheet(table.name, {
    views: [{ state: 'frozen', ySplit: 2 + headerRows }],
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    },
  });
  const width = Math.max(table.columns.length, 1);

  sheet.getCell(1, 1).value = tables.title;
  sheet.getCell(1, 1).font = { bold: true, size: 14 };
  sheet.getCell(2, 1).value = tables.meta;
  sheet.getCell(2, 1).font = { color: { argb: 'FF4A5563' } };
  if (width > 1) {
    sheet.mergeCells(1, 1, 1, width);
    sheet.mergeCells(2, 1, 2, width);
  }

  // Headers: a metric's name over its four columns in the county table, then the columns' own.
  if (grouped) {
    let start = 0;
    while (start < table.columns.length) {
      const group = table.columns[start]!.group;
      let end = start;
      while (end + 1 < table.columns.length && group && table.columns[end + 1]!.group === group) {
        end += 1;
      }
      const cell = sheet.getCell(3, start + 1);
      cell.value = group ?? table.columns[start]!.header;
      if (end > start) sheet.mergeCells(3, start + 1, 3, end + 1);
      else if (!group) sheet.mergeCells(3, start + 1, 4, start + 1);
      start = end + 1;
    }
  }
  const headerRow = sheet.getRow(2 + headerRows);
  table.columns.forEach((c, i) => {
    if (!grouped || c.group) headerRow.getCell(i + 1).value = c.header;
  });
  for (let r = 3; r <= 2 + headerRows; r++) {
    const row = sheet.getRow(r);
    row.font = { bold: true };
    row.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  }

  table.rows.forEach((values, r) => {
    const row = sheet.getRow(3 + headerRows + r);
    table.columns.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      cell.value = cellValue(values[i] ?? null, c.kind);
      const format = NUMBER_FORMATS[c.kind];
      if (format) cell.numFmt = format;
    });
  });

  columnWidths(table).forEach((w, i) => {
    sheet.getColumn(i + 1).width = w;
  });
}

/** The workbook's bytes (.xlsx). */
export async function buildReportWorkbook(tables: ReportTables): Promise<Uint8Array<ArrayBuffer>> {
  const ExcelJS = await loadExcel();
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '村电通';
  workbook.title = tables.title;
  workbook.created = new Date();
  for (const table of tables.tables) addSheet(workbook, tables, table);
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

export { XLSX_TYPE } from '../shared/xlsx';
