/**
 * Service points as CSV rows (bulk registration and the export for spreadsheets). The column set,
 * the labels of tiers, services and statuses in both languages, and the mapping both ways live
 * here so export and import can never disagree (the round-trip test holds them together).
 *
 * Import accepts Chinese or English headers and labels; a row may give the 12-digit region code or
 * the county / township / village names. Only planned, approved and open points can be imported
 * (a suspended or closed point has a history an import cannot know).
 */
import type { Bilingual } from './bilingual';
import { maskPhone, type Location } from './common';
import type { FieldProblem, Locale } from './messages';
import type { RegionIndex } from './region';
import { cellReader, spreadsheetSafe } from './spreadsheetSafe';
import {
  newServicePointFields,
  type ServicePoint,
  type ServicePointFields,
  type ServicePointService,
  type ServicePointStatus,
  type ServicePointTier,
} from './servicePoint';

export const CSV_COLUMNS = {
  id: { 'zh-CN': '编号', en: 'Id' },
  tier: { 'zh-CN': '层级', en: 'Tier' },
  county: { 'zh-CN': '区县', en: 'County' },
  township: { 'zh-CN': '乡镇（街道）', en: 'Township' },
  village: { 'zh-CN': '村（社区）', en: 'Village' },
  regionCode: { 'zh-CN': '行政区划代码', en: 'Region code' },
  name: { 'zh-CN': '服务点名称', en: 'Name' },
  services: { 'zh-CN': '服务项目', en: 'Services' },
  status: { 'zh-CN': '状态', en: 'Status' },
  openedOn: { 'zh-CN': '开业日期', en: 'Opening date' },
  operatorName: { 'zh-CN': '运营人', en: 'Operator' },
  operatorPhone: { 'zh-CN': '运营人电话', en: "Operator's phone" },
  lat: { 'zh-CN': '纬度', en: 'Latitude' },
  lng: { 'zh-CN': '经度', en: 'Longitude' },
  accuracy: { 'zh-CN': '定位精度（米）', en: 'Accuracy (m)' },
  locationSource: { 'zh-CN': '定位方式', en: 'Located by' },
  locatedAt: { 'zh-CN': '定位时间', en: 'Located at' },
  notes: { 'zh-CN': '备注', en: 'Notes' },
} as const satisfies Record<string, Bilingual>;
export type CsvColumn = keyof typeof CSV_COLUMNS;

export const LOCATION_SOURCE_LABELS: Record<Location['source'], Bilingual> = {
  gps: { 'zh-CN': 'GPS', en: 'GPS' },
  map: { 'zh-CN': '地图选点', en: 'Map' },
};

export const TIER_LABELS: Record<ServicePointTier, Bilingual> = {
  county: { 'zh-CN': '县级服务中心', en: 'County centre' },
  township: { 'zh-CN': '乡镇服务站', en: 'Township station' },
  village: { 'zh-CN': '村级服务点', en: 'Village point' },
};
export const SERVICE_LABELS: Record<ServicePointService, Bilingual> = {
  purchasing: { 'zh-CN': '网络代购', en: 'Buying online for villagers' },
  produceSales: { 'zh-CN': '农产品销售', en: 'Selling produce online' },
  youthStartup: { 'zh-CN': '青年创业', en: 'Youth start-ups' },
  parcels: { 'zh-CN': '快递收发', en: 'Parcel pick-up' },
  payments: { 'zh-CN': '代缴费', en: 'Bill payment' },
};
export const STATUS_LABELS: Record<ServicePointStatus, Bilingual> = {
  planned: { 'zh-CN': '筹建中', en: 'Planned' },
  approved: { 'zh-CN': '已审批', en: 'Approved' },
  open: { 'zh-CN': '运营中', en: 'Open' },
  suspended: { 'zh-CN': '暂停', en: 'Suspended' },
  closed: { 'zh-CN': '已关闭', en: 'Closed' },
};

const IMPORTABLE_STATUSES: readonly ServicePointStatus[] = ['planned', 'approved', 'open'];

export { spreadsheetSafe };

export function csvHeader(locale: Locale): string[] {
  return (Object.keys(CSV_COLUMNS) as CsvColumn[]).map((c) => CSV_COLUMNS[c][locale]);
}

/** One point as a CSV row (in header order). Phones are masked when the reader may not see them. */
export function pointToCsvRow(
  point: ServicePoint,
  regions: RegionIndex,
  locale: Locale,
  options: { maskPhones?: boolean } = {},
): string[] {
  const code = point.regionCode;
  const values: Record<CsvColumn, string> = {
    id: point.id,
    tier: TIER_LABELS[point.tier][locale],
    county: regions.county(code.slice(0, 6))?.name ?? '',
    township: code.length >= 9 ? (regions.township(code.slice(0, 9))?.name ?? '') : '',
    village: code.length === 12 ? (regions.village(code)?.shortName ?? '') : '',
    regionCode: code,
    name: point.name,
    services: point.services.map((s) => SERVICE_LABELS[s][locale]).join('、'),
    status: STATUS_LABELS[point.status][locale],
    openedOn: point.openedOn ?? '',
    operatorName: point.operatorName,
    operatorPhone: options.maskPhones
      ? maskPhone(point.operatorPhone)
      : (point.operatorPhone ?? ''),
    lat: point.location ? String(point.location.lat) : '',
    lng: point.location ? String(point.location.lng) : '',
    accuracy: point.location?.accuracy != null ? String(point.location.accuracy) : '',
    locationSource: point.location ? LOCATION_SOURCE_LABELS[point.location.source][locale] : '',
    locatedAt: point.location?.capturedAt ?? '',
    notes: point.notes,
  };
  return (Object.keys(CSV_COLUMNS) as CsvColumn[]).map((c) => spreadsheetSafe(values[c]));
}

export type CsvRowResult =
  | { ok: true; id: string | null; fields: ServicePointFields }
  | { ok: false; problems: CsvProblem[] };

/** A problem with one cell: a domain message key, or one of the CSV-specific keys below. */
export type CsvProblem =
  | FieldProblem
  | {
      path: string;
      key: 'csv.unknownLabel' | 'csv.unknownPlace' | 'csv.statusNotImportable' | 'csv.badNumber';
      params: Record<string, string | number>;
    };

function fromLabel<T extends string>(labels: Record<T, Bilingual>, cell: string): T | null {
  const wanted = cell.trim().toLowerCase();
  for (const [key, label] of Object.entries(labels) as [T, Bilingual][]) {
    if (
      key.toLowerCase() === wanted ||
      label['zh-CN'] === cell.trim() ||
      label.en.toLowerCase() === wanted
    )
      return key;
  }
  return null;
}

/** Maps a header row to column keys; unknown headers are ignored. */
export function mapHeader(header: readonly string[]): (CsvColumn | null)[] {
  return header.map((h) => {
    const cell = h.replace(/^\uFEFF/, '').trim();
    for (const [key, label] of Object.entries(CSV_COLUMNS) as [CsvColumn, Bilingual][]) {
      if (label['zh-CN'] === cell || label.en.toLowerCase() === cell.toLowerCase() || key === cell)
        return key;
    }
    return null;
  });
}

/**
 * One CSV row to the fields of a service point, or the problems found. Does NOT run the whole
 * schema (the caller validates with validateRecord, which also checks the location lies in the
 * prefecture); it resolves labels, names and numbers into the record's shape.
 */
export function csvRowToFields(
  cells: readonly string[],
  columns: readonly (CsvColumn | null)[],
  regions: RegionIndex,
  today: string,
): CsvRowResult {
  const get = cellReader(cells, columns);
  const problems: CsvProblem[] = [];

  const tierCell = get('tier');
  const tier = tierCell === '' ? 'village' : fromLabel(TIER_LABELS, tierCell);
  if (!tier) problems.push({ path: 'tier', key: 'csv.unknownLabel', params: { value: tierCell } });

  const statusCell = get('status');
  const status = statusCell === '' ? 'planned' : fromLabel(STATUS_LABELS, statusCell);
  if (!status)
    problems.push({ path: 'status', key: 'csv.unknownLabel', params: { value: statusCell } });
  else if (!IMPORTABLE_STATUSES.includes(status)) {
    problems.push({
      path: 'status',
      key: 'csv.statusNotImportable',
      params: { value: statusCell },
    });
  }

  const services: ServicePointService[] = [];
  for (const part of get('services')
    .split(/[、,，;；/|]/)
    .map((s) => s.trim())
    .filter(Boolean)) {
    const service = fromLabel(SERVICE_LABELS, part);
    if (service) services.push(service);
    else problems.push({ path: 'services', key: 'csv.unknownLabel', params: { value: part } });
  }

  let regionCode = get('regionCode');
  if (regionCode === '') {
    regionCode = regions.resolvePlace(get('county'), get('township'), get('village')) ?? '';
    if (regionCode === '' && (get('county') || get('township') || get('village'))) {
      problems.push({
        path: 'regionCode',
        key: 'csv.unknownPlace',
        params: {
          value: [get('county'), get('township'), get('village')].filter(Boolean).join(' '),
        },
      });
    }
  }

  const location = locationFromCells(
    get('lat'),
    get('lng'),
    get('accuracy'),
    get('locationSource'),
    get('locatedAt'),
  );
  if (location === 'bad')
    problems.push({
      path: 'location',
      key: 'csv.badNumber',
      params: { value: `${get('lat')} ${get('lng')}` },
    });

  if (problems.length > 0 || !tier || !status || location === 'bad') return { ok: false, problems };

  const openedOn = get('openedOn') || null;
  const historyDate = openedOn ?? today;
  const fields: ServicePointFields = {
    ...newServicePointFields(today),
    tier,
    regionCode,
    name: get('name'),
    // A file without a services column gets the programme's two core services; a present but
    // empty cell is an error the schema reports.
    services: columns.includes('services')
      ? [...new Set(services)]
      : newServicePointFields(today).services,
    status,
    statusHistory: [{ status, date: historyDate }],
    openedOn,
    operatorName: get('operatorName'),
    operatorPhone: get('operatorPhone') || null,
    location,
    notes: get('notes'),
  };
  const idCell = get('id');
  return { ok: true, id: /^[0-9a-f-]{36}$/.test(idCell) ? idCell : null, fields };
}

/** Latitude/longitude cells to a WGS-84 location; 'bad' when they are not numbers. */
function locationFromCells(
  latCell: string,
  lngCell: string,
  accuracyCell: string,
  sourceCell: string,
  locatedAtCell: string,
): Location | null | 'bad' {
  if (latCell === '' && lngCell === '') return null;
  const lat = Number(latCell);
  const lng = Number(lngCell);
  const accuracy = accuracyCell === '' ? null : Number(accuracyCell);
  if (latCell === '' || lngCell === '' || !Number.isFinite(lat) || !Number.isFinite(lng))
    return 'bad';
  if (accuracy !== null && !Number.isFinite(accuracy)) return 'bad';
  const source =
    fromLabel(LOCATION_SOURCE_LABELS, sourceCell) ?? (accuracy === null ? 'map' : 'gps');
  const capturedAt = Number.isNaN(Date.parse(locatedAtCell))
    ? new Date().toISOString()
    : locatedAtCell;
  return { lat, lng, accuracy, source, capturedAt };
}
