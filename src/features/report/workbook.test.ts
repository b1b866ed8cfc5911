/**
 * The report's workbook, built here and read back with the same library a reader's Excel file
 * would be opened with: one sheet per table with Chinese names, a title row saying which area and
 * year and a line saying as of when, Chinese headers, counts stored as numbers, shares as
 * percentages, dates as dates, codes as text (a township code must not turn into a number), every
 * column given a width — and a store named like a formula kept as text.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { CHUNAN, QIANDAOHU, testReport, TEST_TODAY } from '../../test-support/reportRecords';
import { buildReportWorkbook } from './workbook';

async function readBack(areaCode: string) {
  const bytes = await buildReportWorkbook(testReport(areaCode).tables);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes.buffer as ArrayBuffer);
  return workbook;
}

const rowValues = (sheet: ExcelJS.Worksheet, n: number) =>
  (sheet.getRow(n).values as unknown[]).slice(1);

describe('the county’s workbook', () => {
  it('has one sheet per table, each titled with the area, the year and as of when', async () => {
    const workbook = await readBack(CHUNAN);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      '考核指标',
      '未覆盖行政村',
      '中心镇试点',
      '旗舰店',
      '培训班',
    ]);
    for (const sheet of workbook.worksheets) {
      expect(sheet.getCell('A1').value).toBe('淳安县 2026 年度考核表');
      expect(sheet.getCell('A2').value).toBe(
        `统计截至 ${TEST_TODAY} · 本机记录 · 导出日期 ${TEST_TODAY}`,
      );
      // Every column has a width of its own.
      for (let c = 1; c <= sheet.columnCount; c++) {
        expect(sheet.getColumn(c).width).toBeGreaterThanOrEqual(8);
      }
    }
  });

  it('stores counts as numbers, shares as percentages and codes as text', async () => {
    const sheet = (await readBack(CHUNAN)).getWorksheet('考核指标')!;
    expect(rowValues(sheet, 3)).toEqual([
      '指标',
      '指标代码',
      '完成',
      '目标',
      '完成率',
      '进度',
      '全市排名',
      '参与排名的区县数',
      '参考数（按行政村比例）',
      '本区域行政村数',
      '统计口径',
    ]);
    const points = sheet.getRow(4);
    expect(points.getCell(1).value).toBe('运营中的服务点');
    expect(points.getCell(2).value).toBe('servicePointsOpen');
    expect(points.getCell(3).value).toBe(1);
    expect(points.getCell(4).value).toBe(4);
    expect(points.getCell(5).value).toBe(0.25);
    expect(points.getCell(5).numFmt).toBe('0.0%');
    expect(points.getCell(7).value).toBe(2); // rank
    expect(points.getCell(8).value).toBe(2); // of two ranked counties
    // No target of its own: an empty cell, and the hint in its own column.
    const shops = sheet.getRow(11);
    expect(shops.getCell(1).value).toBe('接入平台的农业网店');
    expect(shops.getCell(4).value).toBeNull();
    expect(typeof shops.getCell(9).value).toBe('number');
  });

  it('keeps codes as text, dates as dates and a formula-looking name as plain text', async () => {
    const workbook = await readBack(CHUNAN);
    const gaps = workbook.getWorksheet('未覆盖行政村')!;
    expect(rowValues(gaps, 3)).toEqual([
      '区县',
      '乡镇（街道）',
      '村',
      '正式名称',
      '统计代码',
      '本乡镇已覆盖行政村',
      '本乡镇行政村总数',
    ]);
    const first = gaps.getRow(4);
    expect(first.getCell(1).value).toBe('淳安县');
    expect(first.getCell(5).value).toMatch(/^330127\d{6}$/);
    expect(first.getCell(5).numFmt).toBe('@');
    expect(typeof first.getCell(7).value).toBe('number');
    expect(gaps.rowCount).toBe(3 + 336);

    const pilots = workbook.getWorksheet('中心镇试点')!;
    const pilot = pilots.getRow(4);
    expect(pilot.getCell(3).value).toBe(QIANDAOHU);
    expect(pilot.getCell(5).value).toBe('验收通过');
    expect(pilot.getCell(9).value).toEqual(new Date(Date.UTC(2026, 10, 30)));
    expect(pilot.getCell(9).numFmt).toBe('yyyy-mm-dd');

    const stores = workbook.getWorksheet('旗舰店')!;
    expect(stores.getRow(5).getCell(5).value).toBe('=HYPERLINK("http://x")');
    expect(stores.getRow(5).getCell(5).formula).toBeUndefined();

    const sessions = workbook.getWorksheet('培训班')!;
    const session = rowValues(sessions, 4);
    expect(session.slice(2, 5)).toEqual(['农村电商入门', '淳安县', '千岛湖镇']);
    expect(session.slice(7)).toEqual([6, 3, 1, 1, 1, 2]);
  });
});

describe('the prefecture’s workbook', () => {
  it('adds the counties ranked, a metric’s name over its four columns', async () => {
    const workbook = await readBack('3301');
    expect(workbook.worksheets.map((s) => s.name)).toContain('各区县排名');
    const sheet = workbook.getWorksheet('各区县排名')!;
    expect(sheet.getCell('A3').value).toBe('区县');
    expect(sheet.getCell('C3').value).toBe('运营中的服务点');
    expect(rowValues(sheet, 4).slice(2, 6)).toEqual(['完成', '目标', '完成率', '全市排名']);
    const chunan = Array.from({ length: sheet.rowCount }, (_, i) => sheet.getRow(i + 1)).find(
      (r) => r.getCell(1).value === '淳安县',
    )!;
    expect(chunan.getCell(2).value).toBe(CHUNAN);
    expect([1, 2, 3, 4].map((i) => chunan.getCell(2 + i).value)).toEqual([1, 4, 0.25, 2]);
    const last = sheet.getRow(sheet.rowCount);
    expect(last.getCell(1).value).toBe('全市');
    expect(last.getCell(3).value).toBe(2);
    expect(last.getCell(4).value).toBe(1500);
  });
});
