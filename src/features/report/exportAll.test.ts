/**
 * 导出全部数据: the zip holds one CSV per table — the report's tables and the records behind them
 * — each written as the app's other CSV exports are: a UTF-8 byte-order mark first (Excel and WPS
 * then read the Chinese), CRLF lines, and a cell a spreadsheet would run as a formula defused with
 * a leading apostrophe. Unzipped here with fflate, the library that zipped it.
 */
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { reportCsvFiles, zipFiles } from './exportAll';
import { CHUNAN, testReport } from '../../test-support/reportRecords';

async function unzipped(areaCode: string, role: 'admin' | 'coordinator' = 'admin') {
  const { report, tables, records, regions, labels } = testReport(areaCode);
  const files = reportCsvFiles({ report, tables, records, regions, labels, role });
  const zip = await zipFiles(files);
  return unzipSync(zip);
}

const BOM = [0xef, 0xbb, 0xbf];

/** A file's text after its BOM (checked separately, on the bytes). */
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const lines = (bytes: Uint8Array) => text(bytes).split('\r\n');

describe('export everything', () => {
  it('zips one CSV per table, each UTF-8 with a BOM, in the order of the report', async () => {
    const entries = await unzipped(CHUNAN);
    expect(Object.keys(entries)).toEqual([
      '01-考核指标.csv',
      '02-未覆盖行政村.csv',
      '03-中心镇试点.csv',
      '04-旗舰店.csv',
      '05-培训班.csv',
      '06-服务点.csv',
      '07-培训签到.csv',
      '08-中心镇.csv',
      '09-农业网店.csv',
    ]);
    for (const [name, bytes] of Object.entries(entries)) {
      expect([...bytes.slice(0, 3)], name).toEqual(BOM);
      expect(text(bytes).includes('\r\n'), name).toBe(true);
    }
  });

  it('writes the same figures as the report, a share in percent', async () => {
    const entries = await unzipped(CHUNAN);
    const metrics = lines(entries['01-考核指标.csv']!);
    expect(metrics[0]).toBe(
      '指标,指标代码,完成,目标,完成率（%）,进度,全市排名,参与排名的区县数,参考数（按行政村比例）,本区域行政村数,统计口径',
    );
    expect(metrics[1]).toMatch(/^运营中的服务点,servicePointsOpen,1,4,25,落后,2,2,,,/);
    const gaps = lines(entries['02-未覆盖行政村.csv']!);
    expect(gaps[0]).toBe(
      '区县,乡镇（街道）,村,正式名称,统计代码,本乡镇已覆盖行政村,本乡镇行政村总数',
    );
    expect(gaps).toHaveLength(1 + 336 + 1); // header, the villages, the closing line end
  });

  it('defuses a cell a spreadsheet would run as a formula', async () => {
    const entries = await unzipped(CHUNAN);
    const stores = text(entries['04-旗舰店.csv']!);
    expect(stores).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(stores).not.toMatch(/(^|,)=HYPERLINK/m);
  });

  it('holds the records behind the report: the county’s points, who came, towns and shops', async () => {
    const entries = await unzipped(CHUNAN);
    const points = text(entries['06-服务点.csv']!);
    expect(points).toContain('浪洞村电商服务点');
    expect(points).toContain('文屏村电商服务点');
    expect(points).not.toContain('旧县村'); // 桐庐县's
    expect(points).toContain('13812345678'); // an admin sees operators' phones in full
    const attendance = lines(entries['07-培训签到.csv']!);
    expect(attendance[0]).toMatch(/^培训班,开始日期,姓名,类别,/);
    expect(attendance.filter((l) => l.startsWith('农村电商入门,2026-03-01,'))).toHaveLength(3);
    expect(text(entries['08-中心镇.csv']!)).toContain('千岛湖镇');
    expect(text(entries['09-农业网店.csv']!)).toContain('浪洞村土蜂蜜小店');
  });

  it('adds the counties ranked to the prefecture’s', async () => {
    const entries = await unzipped('3301');
    expect(Object.keys(entries)[1]).toBe('02-各区县排名.csv');
    const header = lines(entries['02-各区县排名.csv']!)[0]!;
    expect(header.startsWith('区县,区县代码,运营中的服务点·完成,运营中的服务点·目标,')).toBe(true);
    expect(header).toContain('运营中的服务点·完成率（%）');
  });
});
