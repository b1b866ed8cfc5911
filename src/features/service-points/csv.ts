/**
 * CSV files of service points, on the device: the export a coordinator opens in Excel (UTF-8 with
 * a BOM so Chinese shows, formula-looking cells neutralised) and the bulk import's reading and
 * checking. The mapping of cells to fields lives in src/domain/servicePointCsv.ts.
 */
import Papa from 'papaparse';
import { validateRecord } from '../../domain/entities';
import type { Locale } from '../../domain/messages';
import type { Scope } from '../../domain/protocol';
import type { RegionIndex } from '../../domain/region';
import { canWrite, placeOfRegion, roleMayWrite, type Actor } from '../../domain/scope';
import {
  csvHeader,
  csvRowToFields,
  mapHeader,
  pointToCsvRow,
  type CsvProblem,
} from '../../domain/servicePointCsv';
import type { ServicePoint, ServicePointFields } from '../../domain/servicePoint';
import { pauseEvery, PLACEHOLDER_META, splitRows } from '../shared/importRows';
import { isWholeArea } from '../../domain/levels';

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

/**
 * Why the signed-in user may not import a row, although the row itself is fine: its place lies
 * outside their area (`area` is the area's name, 西湖区三墩镇), or their role registers no points.
 * The server would refuse it after sync; the preview says so before anything is written.
 */
export type ScopeRefusal = { reason: 'outsideArea'; area: string } | { reason: 'role' };

export interface ImportRow {
  /** 1-based line in the file, counting the header as line 1 — what the user sees in Excel. */
  line: number;
  id: string | null;
  /** null when the row cannot be imported: see `problems` and `refused`. */
  fields: ServicePointFields | null;
  problems: CsvProblem[];
  refused: ScopeRefusal | null;
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

/** The name of a user's area as people say it: 某某市, 某某县, 某某区某某镇. */
export function scopeName(scope: Scope, regions: RegionIndex): string {
  if (isWholeArea(scope)) return regions.prefecture.name;
  const county = regions.county(scope.code.slice(0, 6))?.name ?? scope.code.slice(0, 6);
  if (scope.level === 'county') return county;
  return `${county}${regions.township(scope.code)?.name ?? scope.code}`;
}

/**
 * Whether `actor` may write a point placed at `regionCode`, by the rule the server applies on
 * push (canWrite in src/domain/scope.ts). No actor (the app used without an account): no check.
 */
function scopeRefusal(
  actor: Actor | null,
  regionCode: string,
  regions: RegionIndex,
): ScopeRefusal | null {
  if (!actor) return null;
  if (!roleMayWrite(actor.role, 'servicePoint')) return { reason: 'role' };
  if (canWrite(actor, 'servicePoint', placeOfRegion(regionCode))) return null;
  return { reason: 'outsideArea', area: scopeName(actor.scope, regions) };
}

/**
 * Reads a CSV text and checks every row with the same schema a save uses and, for a signed-in
 * user, against their area (`actor`), yielding to the event loop every few hundred rows so a
 * progress bar moves on a slow phone.
 */
export async function previewImport(
  text: string,
  regions: RegionIndex,
  today: string,
  onProgress?: (done: number, total: number) => void,
  actor: Actor | null = null,
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
      rows.push({ line, id: null, fields: null, problems: mapped.problems, refused: null });
    } else {
      const checked = validateRecord('servicePoint', { ...PLACEHOLDER_META, ...mapped.fields });
      const refused = scopeRefusal(actor, mapped.fields.regionCode, regions);
      if (checked.ok && refused === null) {
        const {
          id: _id,
          version: _v,
          updatedAt: _u,
          updatedBy: _b,
          deleted: _d,
          ...fields
        } = checked.record;
        rows.push({ line, id: mapped.id, fields, problems: [], refused: null });
      } else {
        const problems = checked.ok ? [] : checked.problems;
        rows.push({ line, id: mapped.id, fields: null, problems, refused });
      }
    }
    await pauseEvery(i, 250, body.length, onProgress);
  }
  onProgress?.(body.length, body.length);
  return {
    ...splitRows(rows),
    unknownHeaders,
    noHeader,
  };
}
