// The gap list is what a coordinator prints or sends on for next month's work: every rural village
// without an open point must be on it exactly once, under its own township, and the exported file
// must open in Excel or WPS with readable Chinese and without running anything. A cell that starts
// with "=" is a formula to a spreadsheet; a hostile name could make it fetch a URL or worse.
import { describe, expect, it } from 'vitest';
import { computeCoverage } from './coverage';
import { buildGapList, countGaps, csvCell, gapListCsv, sortGapGroups, toCsv } from './gapList';
import { parseRegionFile } from './region';

const regions = parseRegionFile({
  v: 1,
  source: 'test',
  prefecture: { code: '3301', name: '测试市' },
  counties: [
    ['330101', '甲县'],
    ['330102', '乙县'],
  ],
  townships: [
    ['330101001', '白沙镇'],
    ['330101002', '安阳乡'],
    ['330102001', '长河镇'],
  ],
  villages: [
    ['330101001001', '王家村村委会', 1],
    ['330101001002', '李家村村委会', 1],
    ['330101001003', '镇东社区居委会', 0],
    ['330101002001', '张家村民委员会', 1],
    ['330101002002', '赵家村村委会', 1],
    ['330101002003', '钱家村村委会', 1],
    ['330102001001', '河西村村委会', 1],
  ],
});

const open = (regionCode: string) => ({ regionCode, status: 'open' as const, deleted: false });

describe('buildGapList', () => {
  const report = computeCoverage(regions, [open('330101001001'), open('330102001001')]);

  it('groups uncovered rural villages by township, leaving out covered villages and communities', () => {
    const groups = buildGapList(regions, report);
    expect(groups.map((g) => [g.townshipName, g.villages.map((v) => v.shortName)])).toEqual([
      ['白沙镇', ['李家村']],
      ['安阳乡', ['张家村', '赵家村', '钱家村']],
    ]);
    expect(countGaps(groups)).toBe(4);
    expect(groups[0]).toMatchObject({ countyName: '甲县', rural: 2, covered: 1, share: 0.5 });
  });

  it('leaves out townships with no gap and keeps to the scope', () => {
    expect(buildGapList(regions, report, '330102')).toEqual([]);
    const township = buildGapList(regions, report, '330101002');
    expect(township.map((g) => g.townshipCode)).toEqual(['330101002']);
  });

  it('sorts by gaps, share, name (pinyin) and code, ties in code order', () => {
    const groups = buildGapList(regions, report);
    expect(sortGapGroups(groups, 'gaps').map((g) => g.townshipName)).toEqual(['安阳乡', '白沙镇']);
    expect(sortGapGroups(groups, 'share').map((g) => g.townshipName)).toEqual(['安阳乡', '白沙镇']);
    // 安 (ān) before 白 (bái) in pinyin order, although 白沙镇 has the lower code.
    expect(sortGapGroups(groups, 'name').map((g) => g.townshipName)).toEqual(['安阳乡', '白沙镇']);
    expect(sortGapGroups(groups, 'code').map((g) => g.townshipName)).toEqual(['白沙镇', '安阳乡']);
    // A copy: the input order is untouched.
    expect(groups[0]?.townshipName).toBe('白沙镇');
  });
});

describe('CSV', () => {
  it('defuses formula cells with an apostrophe and quotes what needs quoting', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('王家村')).toBe('王家村');
    expect(csvCell(330101001001)).toBe('330101001001');
    // Only the start matters: a dash inside a name is fine.
    expect(csvCell('上-下村')).toBe('上-下村');
  });

  it('starts with a UTF-8 BOM and ends rows with CRLF', () => {
    const text = toCsv([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.slice(1)).toBe('a,b\r\nc,d\r\n');
  });

  it('writes one row per uncovered village under translated titles', () => {
    const report = computeCoverage(regions, [open('330101001001')]);
    const csv = gapListCsv(sortGapGroups(buildGapList(regions, report), 'code'), {
      county: '区县',
      township: '乡镇（街道）',
      village: '村',
      officialName: '正式名称',
      code: '统计代码',
      townshipCovered: '乡镇已覆盖',
      townshipRural: '乡镇行政村',
    });
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe('区县,乡镇（街道）,村,正式名称,统计代码,乡镇已覆盖,乡镇行政村');
    expect(lines.slice(1)).toEqual([
      '甲县,白沙镇,李家村,李家村村委会,330101001002,1,2',
      '甲县,安阳乡,张家村,张家村民委员会,330101002001,0,3',
      '甲县,安阳乡,赵家村,赵家村村委会,330101002002,0,3',
      '甲县,安阳乡,钱家村,钱家村村委会,330101002003,0,3',
      '乙县,长河镇,河西村,河西村村委会,330102001001,0,1',
    ]);
  });
});
