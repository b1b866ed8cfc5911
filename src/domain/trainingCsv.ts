/**
 * Training as CSV: the list of expected attendees a township sends (import) and a session's
 * attendance for a spreadsheet (export). Column names and kind/status labels in both languages
 * live here so export and import agree.
 *
 * Import: a row gives a name, a kind (村官 / 农村青年, several spellings accepted), the village —
 * as a 12-digit code, as county + township + village names, or as a village name alone, looked up
 * first in the session's township (a township's list rarely repeats its own name) — and a phone.
 */
import type { AttendanceStatus } from './attendance';
import type { Bilingual } from './bilingual';
import { maskPhone } from './common';
import type { FieldProblem, Locale } from './messages';
import type { Role } from './protocol';
import type { RegionIndex } from './region';
import { showsFullPhone } from './scope';
import { cellReader, spreadsheetSafe } from './spreadsheetSafe';
import type { TraineeKind } from './trainee';

export const ROSTER_COLUMNS = {
  name: { 'zh-CN': '姓名', en: 'Name' },
  kind: { 'zh-CN': '类别', en: 'Kind' },
  county: { 'zh-CN': '区县', en: 'County' },
  township: { 'zh-CN': '乡镇（街道）', en: 'Township' },
  village: { 'zh-CN': '村（社区）', en: 'Village' },
  villageCode: { 'zh-CN': '行政区划代码', en: 'Region code' },
  phone: { 'zh-CN': '手机号', en: 'Mobile phone' },
} as const satisfies Record<string, Bilingual>;
export type RosterColumn = keyof typeof ROSTER_COLUMNS;

/** Other headers township spreadsheets use for the same columns. */
const HEADER_ALIASES: Record<string, RosterColumn> = {
  学员姓名: 'name',
  人员类别: 'kind',
  身份: 'kind',
  县: 'county',
  县市区: 'county',
  区县市: 'county',
  乡镇: 'township',
  镇街: 'township',
  村: 'village',
  村名: 'village',
  村社区: 'village',
  电话: 'phone',
  手机: 'phone',
  联系电话: 'phone',
};

export const KIND_LABELS: Record<TraineeKind, Bilingual> = {
  official: { 'zh-CN': '村官', en: 'Village official' },
  youth: { 'zh-CN': '农村青年', en: 'Rural youth' },
};
const KIND_ALIASES: Record<string, TraineeKind> = {
  村干部: 'official',
  大学生村官: 'official',
  村两委: 'official',
  official: 'official',
  青年: 'youth',
  创业青年: 'youth',
  农村创业青年: 'youth',
  youth: 'youth',
};

export const ATTENDANCE_LABELS: Record<AttendanceStatus, Bilingual> = {
  present: { 'zh-CN': '已到', en: 'Present' },
  late: { 'zh-CN': '迟到', en: 'Late' },
  absent: { 'zh-CN': '未到', en: 'Absent' },
};

export function mapRosterHeader(header: readonly string[]): (RosterColumn | null)[] {
  return header.map((h) => {
    const cell = h.replace(/^\uFEFF/, '').trim();
    const alias = HEADER_ALIASES[cell];
    if (alias) return alias;
    for (const [key, label] of Object.entries(ROSTER_COLUMNS) as [RosterColumn, Bilingual][]) {
      if (label['zh-CN'] === cell || label.en.toLowerCase() === cell.toLowerCase() || key === cell)
        return key;
    }
    return null;
  });
}

export function kindFromLabel(cell: string): TraineeKind | null {
  const c = cell.trim();
  for (const [key, label] of Object.entries(KIND_LABELS) as [TraineeKind, Bilingual][]) {
    if (label['zh-CN'] === c || label.en.toLowerCase() === c.toLowerCase()) return key;
  }
  return KIND_ALIASES[c] ?? KIND_ALIASES[c.toLowerCase()] ?? null;
}

export interface RosterRowFields {
  name: string;
  kind: TraineeKind;
  villageCode: string;
  phone: string | null;
}

export type RosterRowResult =
  { ok: true; fields: RosterRowFields } | { ok: false; problems: FieldProblem[] };

/**
 * One CSV row to a trainee's fields, or the problems found. The caller validates the fields with
 * the trainee schema (names too short, bad phones) like any save.
 */
export function rosterRowToFields(
  cells: readonly string[],
  columns: readonly (RosterColumn | null)[],
  regions: RegionIndex,
  sessionTownship: string,
): RosterRowResult {
  const get = cellReader(cells, columns);
  const problems: FieldProblem[] = [];
  const kindCell = get('kind');
  const kind = kindCell === '' ? null : kindFromLabel(kindCell);
  if (kindCell === '') problems.push({ path: 'kind', key: 'required', params: {} });
  else if (!kind)
    problems.push({ path: 'kind', key: 'csv.unknownLabel', params: { value: kindCell } });

  let villageCode = get('villageCode');
  if (villageCode === '') {
    const [county, township, village] = [get('county'), get('township'), get('village')];
    if (county || township) villageCode = regions.resolvePlace(county, township, village) ?? '';
    else if (village) villageCode = villageInTownship(regions, village, sessionTownship) ?? '';
    if (villageCode.length !== 12 && (county || township || village)) {
      problems.push({
        path: 'villageCode',
        key: 'csv.unknownPlace',
        params: { value: [county, township, village].filter(Boolean).join(' ') },
      });
      villageCode = '';
    }
  }
  if (problems.length > 0 || !kind) return { ok: false, problems };
  return {
    ok: true,
    fields: { name: get('name'), kind, villageCode, phone: get('phone') || null },
  };
}

/** A village named alone: in the session's township first, else a unique match in the prefecture. */
function villageInTownship(
  regions: RegionIndex,
  name: string,
  townshipCode: string,
): string | undefined {
  const exact = (v: { name: string; shortName: string }) => v.shortName === name || v.name === name;
  const local = regions.villagesOf(townshipCode).find(exact);
  if (local) return local.code;
  const anywhere = regions.searchVillages(name, { limit: 50 }).filter(exact);
  return anywhere.length === 1 ? anywhere[0]!.code : undefined;
}

/**
 * How the attendance export shows phones to this user: exactly as the lists and pages do
 * (`showsFullPhone` in scope.ts, the rule the server's masking follows) — one rule, so a number
 * hidden on screen never comes out in full in a spreadsheet, and the reverse. null: nobody signed
 * in (a device used alone exports what its user typed).
 */
export function attendanceExportOptions(role: Role | null): { maskPhones: boolean } {
  return { maskPhones: !showsFullPhone(role, 'trainee') };
}

export const ATTENDANCE_COLUMNS = {
  name: ROSTER_COLUMNS.name,
  kind: ROSTER_COLUMNS.kind,
  county: ROSTER_COLUMNS.county,
  township: ROSTER_COLUMNS.township,
  village: ROSTER_COLUMNS.village,
  phone: ROSTER_COLUMNS.phone,
  status: { 'zh-CN': '签到状态', en: 'Attendance' },
  checkedInAt: { 'zh-CN': '签到时间', en: 'Checked in at' },
} as const satisfies Record<string, Bilingual>;
type AttendanceColumn = keyof typeof ATTENDANCE_COLUMNS;

export function attendanceCsvHeader(locale: Locale): string[] {
  return Object.values(ATTENDANCE_COLUMNS).map((c) => c[locale]);
}

/** One attendance row for a spreadsheet; formula-looking cells neutralised, phones masked on request. */
export function attendanceToCsvRow(
  trainee: { name: string; kind: TraineeKind; villageCode: string; phone: string | null },
  attendance: { status: AttendanceStatus; checkedInAt: string | null },
  regions: RegionIndex,
  locale: Locale,
  options: { maskPhones?: boolean } = {},
): string[] {
  const code = trainee.villageCode;
  const values: Record<AttendanceColumn, string> = {
    name: trainee.name,
    kind: KIND_LABELS[trainee.kind][locale],
    county: regions.county(code.slice(0, 6))?.name ?? '',
    township: regions.township(code.slice(0, 9))?.name ?? '',
    village: regions.village(code)?.shortName ?? '',
    phone: options.maskPhones ? maskPhone(trainee.phone) : (trainee.phone ?? ''),
    status: ATTENDANCE_LABELS[attendance.status][locale],
    checkedInAt: attendance.checkedInAt ?? '',
  };
  return (Object.keys(ATTENDANCE_COLUMNS) as AttendanceColumn[]).map((c) =>
    spreadsheetSafe(values[c]),
  );
}
