/**
 * CSV exports of the central towns and the agricultural shops, for the yearly assessment (考核):
 * UTF-8 with a BOM so Excel shows Chinese, CRLF lines, and every cell made formula-safe with the
 * same spreadsheetSafe the service points export uses (a shop named "=HYPERLINK(…)" stays text).
 */
import Papa from 'papaparse';
import type { Translate } from '../../i18n';
import type { AgriShop } from '../../domain/agriShop';
import type { CentralTown } from '../../domain/centralTown';
import type { FlagshipStore } from '../../domain/flagshipStore';
import type { PilotTown } from '../../domain/pilotTown';
import type { RegionIndex } from '../../domain/region';
import { spreadsheetSafe } from '../../domain/servicePointCsv';
import { townHasStore } from '../../domain/townFigures';

const BOM = '\uFEFF';

function toCsv(rows: readonly (readonly string[])[]): string {
  const safe = rows.map((row) => row.map(spreadsheetSafe));
  return BOM + Papa.unparse(safe, { newline: '\r\n', quotes: false });
}

export function centralTownsToCsv(
  towns: readonly CentralTown[],
  stores: readonly FlagshipStore[],
  pilots: readonly PilotTown[],
  year: number,
  regions: RegionIndex,
  t: Translate,
): string {
  const header = [
    t('towns.csv.county'),
    t('towns.csv.town'),
    t('towns.csv.code'),
    t('towns.csv.designated'),
    t('towns.csv.hasStore'),
    t('towns.csv.stores'),
    t('towns.csv.pilot'),
  ];
  const rows = towns.map((c) => {
    const own = stores.filter((s) => !s.deleted && s.townshipCode === c.townshipCode);
    const pilot = pilots.find(
      (p) => !p.deleted && p.townshipCode === c.townshipCode && p.year === year,
    );
    return [
      regions.county(c.townshipCode.slice(0, 6))?.name ?? '',
      regions.township(c.townshipCode)?.name ?? '',
      c.townshipCode,
      String(c.designatedYear),
      townHasStore(stores, c.townshipCode) ? t('towns.csv.yes') : t('towns.csv.no'),
      own.map((s) => s.storeName).join('；'),
      pilot ? t(`towns.pilot.status.${pilot.status}`) : '',
    ];
  });
  return toCsv([header, ...rows]);
}

export function shopsToCsv(
  shops: readonly AgriShop[],
  regions: RegionIndex,
  platformLabel: (p: string) => string,
  t: Translate,
): string {
  const header = [
    t('towns.csv.name'),
    t('towns.csv.platform'),
    t('towns.csv.url'),
    t('towns.csv.place'),
    t('towns.csv.products'),
    t('towns.csv.onServicePlatform'),
    t('towns.csv.joinedOn'),
  ];
  const rows = shops.map((s) => [
    s.name,
    platformLabel(s.platform),
    s.url ?? '',
    regions.placeLabel(s.regionCode) ?? s.regionCode,
    s.products,
    s.onServicePlatform ? t('towns.csv.yes') : t('towns.csv.no'),
    s.joinedOn ?? '',
  ]);
  return toCsv([header, ...rows]);
}
