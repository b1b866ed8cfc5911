/**
 * The gap list: the rural villages of a coordinator's scope that have no open service point,
 * grouped by township — next month's to-do list (issue 5). This file owns the grouping, the
 * sort orders and the CSV export (UTF-8 with a BOM so Excel and WPS read the Chinese, and cells
 * defused against formula injection). What counts as covered is coverage.ts's business.
 *
 * Pure: no DOM, no Node APIs.
 */
import type { CoverageReport } from './coverage';
import type { RegionIndex } from './region';
import { spreadsheetSafe } from './spreadsheetSafe';

export interface GapVillage {
  code: string;
  /** Display name (王家村). */
  shortName: string;
  /** Official name (王家村村委会). */
  name: string;
}

export interface GapGroup {
  townshipCode: string;
  townshipName: string;
  countyCode: string;
  countyName: string;
  /** Rural villages of the township with no open point, in code order. */
  villages: GapVillage[];
  /** Rural villages of the township (covered or not). */
  rural: number;
  covered: number;
  share: number | null;
}

export const GAP_SORTS = ['gaps', 'share', 'name', 'code'] as const;
/**
 * gaps: most uncovered villages first (where the work is); share: lowest coverage first;
 * name: by township name in the reader's collation; code: statistical order (county by county).
 */
export type GapSort = (typeof GAP_SORTS)[number];

/**
 * Uncovered rural villages under `scope` ('' or undefined = the whole prefecture, a 6-digit
 * county or a 9-digit township code), grouped by township in code order. Townships with no gap
 * are left out: the list is what remains to be done.
 */
export function buildGapList(
  regions: Pick<RegionIndex, 'villages' | 'township' | 'county'>,
  report: Pick<CoverageReport, 'coveredVillages' | 'townshipByCode'>,
  scope?: string,
): GapGroup[] {
  const prefix = scope ?? '';
  const groups = new Map<string, GapGroup>();
  for (const village of regions.villages) {
    if (!village.rural || !village.code.startsWith(prefix)) continue;
    if (report.coveredVillages.has(village.code)) continue;
    let group = groups.get(village.townshipCode);
    if (!group) {
      const tally = report.townshipByCode.get(village.townshipCode);
      group = {
        townshipCode: village.townshipCode,
        townshipName: regions.township(village.townshipCode)?.name ?? village.townshipCode,
        countyCode: village.countyCode,
        countyName: regions.county(village.countyCode)?.name ?? village.countyCode,
        villages: [],
        rural: tally?.rural ?? 0,
        covered: tally?.covered ?? 0,
        share: tally?.share ?? null,
      };
      groups.set(village.townshipCode, group);
    }
    group.villages.push({ code: village.code, shortName: village.shortName, name: village.name });
  }
  // Villages arrive in code order, so groups and their villages are already sorted by code.
  return [...groups.values()];
}

const byCode = (a: GapGroup, b: GapGroup) =>
  a.townshipCode < b.townshipCode ? -1 : a.townshipCode > b.townshipCode ? 1 : 0;

/**
 * A sorted copy. Ties fall back to code order, so the list never reshuffles between two renders.
 * `locale` decides the name order (zh-CN sorts by pinyin).
 */
export function sortGapGroups(
  groups: readonly GapGroup[],
  sort: GapSort,
  locale = 'zh-CN',
): GapGroup[] {
  const copy = [...groups];
  switch (sort) {
    case 'gaps':
      return copy.sort((a, b) => b.villages.length - a.villages.length || byCode(a, b));
    case 'share':
      return copy.sort((a, b) => (a.share ?? 0) - (b.share ?? 0) || byCode(a, b));
    case 'name': {
      const collator = new Intl.Collator(locale);
      return copy.sort(
        (a, b) =>
          collator.compare(a.townshipName, b.townshipName) ||
          collator.compare(a.countyName, b.countyName) ||
          byCode(a, b),
      );
    }
    case 'code':
      return copy.sort(byCode);
  }
}

/** Total uncovered villages over the groups. */
export function countGaps(groups: readonly GapGroup[]): number {
  return groups.reduce((sum, g) => sum + g.villages.length, 0);
}

// ---------------------------------------------------------------------------------------------
// CSV

/**
 * One CSV cell: a cell that a spreadsheet would run as a formula (= + - @, tab, CR) gets a
 * leading apostrophe — the same rule as the service point export (spreadsheetSafe) — then
 * RFC 4180 quoting when it holds a comma, quote or line break. The gazetteer's names are safe
 * today, but the same writer will carry user text.
 */
export function csvCell(value: string | number): string {
  const text = spreadsheetSafe(String(value));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows to CSV text: CRLF line ends (RFC 4180, what Excel expects) and a UTF-8 BOM. */
export function toCsv(rows: readonly (readonly (string | number)[])[]): string {
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

export interface GapCsvLabels {
  county: string;
  township: string;
  village: string;
  officialName: string;
  code: string;
  townshipCovered: string;
  townshipRural: string;
}

/**
 * The gap list as CSV, one village per row, in the groups' order. Column titles come translated
 * from the caller. The township's covered and rural counts are two columns: written as "3/12" a
 * spreadsheet would read 12 March.
 */
export function gapListCsv(groups: readonly GapGroup[], labels: GapCsvLabels): string {
  const rows: (string | number)[][] = [
    [
      labels.county,
      labels.township,
      labels.village,
      labels.officialName,
      labels.code,
      labels.townshipCovered,
      labels.townshipRural,
    ],
  ];
  for (const g of groups) {
    for (const v of g.villages) {
      rows.push([g.countyName, g.townshipName, v.shortName, v.name, v.code, g.covered, g.rural]);
    }
  }
  return toCsv(rows);
}
