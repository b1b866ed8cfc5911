/**
 * CSV files of service points, on the device: the export a coordinator opens in Excel (UTF-8 with
 * a BOM so Chinese shows, formula-looking cells neutralised) and the bulk import's reading and
 * checking. The mapping of cells to fields lives in src/domain/servicePointCsv.ts.
 */
import Papa from 'papaparse';
import { validateRecord } from '../../domain/entities';
import type { Locale } from '../../domain/messages';
import type { RegionIndex } from '../../domain/region';
import {
  csvHeader,
  csvRowToFields,
  mapHeader,
  pointToCsvRow,
  type CsvProblem,
} from '../../domain/servicePointCsv';
import type { ServicePoint, ServicePointFields } from '../../domain/servicePoint';

const BOM = '\uFEFF';

export function pointsToCsv(
  points: readonly ServicePoint[],
  regions: RegionIndex,
  locale: Locale,
  options: { maskPhones?: boolean } = {},
): string {
  const rows = [
    csvHeader(locale),
    ...points.map((p) => pointToCsvRow(p, regions, locale, options)),
  ];
  // CRLF: what Excel on Windows expects; quotes wherever a cell needs them.
  return BOM + Papa.unparse(rows, { newline: '\r\n', quotes: false });
}

/** Offers a text file to the user as a download (works offline: nothing leaves the device). */
export function downloadText(
  filename: string,
  text: string,
  type = 'text/csv;charset=utf-8',
): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export interface ImportRow {
  /** 1-based line in the file, counting the header as line 1 — what the user sees in Excel. */
  line: number;
  id: string | null;
  fields: ServicePointFields | null;
  problems: CsvProblem[];
}

export interface ImportPreview {
  rows: ImportRow[];
  valid: ImportRow[];
  invalid: ImportRow[];
  /** Headers the file has that the import does not know (ignored). */
  unknownHeaders: string[];
  /** The file had no recognisable header. */
  noHeader: boolean;
}

const PLACEHOLDER_META = {
  id: '00000000-0000-7000-8000-000000000000',
  version: 0,
  updatedAt: null,
  updatedBy: null,
  deleted: false,
};

/**
 * Reads a CSV text and checks every row with the same schema a save uses, yielding to the event
 * loop every few hundred rows so a progress bar moves on a slow phone.
 */
export async function previewImport(
  text: string,
  regions: RegionIndex,
  today: string,
  onProgress?: (done: number, total: number) => void,
): Promise<ImportPreview> {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' });
  const [header = [], ...body] = parsed.data;
  const columns = mapHeader(header);
  const noHeader = !columns.includes('name');
  const unknownHeaders = header
    .filter((_, i) => columns[i] === null)
    .map((h) => h.trim())
    .filter(Boolean);
  const rows: ImportRow[] = [];
  for (let i = 0; i < body.length; i++) {
    const line = i + 2;
    const mapped = csvRowToFields(body[i]!, columns, regions, today);
    if (!mapped.ok) {
      rows.push({ line, id: null, fields: null, problems: mapped.problems });
    } else {
      const checked = validateRecord('servicePoint', { ...PLACEHOLDER_META, ...mapped.fields });
      if (checked.ok) {
        const {
          id: _id,
          version: _v,
          updatedAt: _u,
          updatedBy: _b,
          deleted: _d,
          ...fields
        } = checked.record;
        rows.push({ line, id: mapped.id, fields, problems: [] });
      } else {
        rows.push({ line, id: mapped.id, fields: null, problems: checked.problems });
      }
    }
    if (i % 250 === 249) {
      onProgress?.(i + 1, body.length);
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  }
  onProgress?.(body.length, body.length);
  return {
    rows,
    valid: rows.filter((r) => r.fields !== null),
    invalid: rows.filter((r) => r.fields === null),
    unknownHeaders,
    noHeader,
  };
}
