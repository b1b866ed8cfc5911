/**
 * Training CSV files on the device: the attendance export (UTF-8 with a BOM so Excel shows the
 * Chinese, formula-looking cells neutralised) and the roster import's reading and checking, which
 * matches every row against the trainees already on the device so nobody is registered twice.
 * The mapping of cells to fields lives in src/domain/trainingCsv.ts.
 */
import Papa from 'papaparse';
import type { Attendance } from '../../domain/attendance';
import { validateRecord } from '../../domain/entities';
import type { FieldProblem, Locale } from '../../domain/messages';
import type { RegionIndex } from '../../domain/region';
import { asReferenced, referenceProblem } from '../../domain/references';
import type { Actor } from '../../domain/scope';
import { normaliseName, type Trainee } from '../../domain/trainee';
import { normalisePhone, traineeMatcher, type TraineeMatch } from '../../domain/traineeDuplicates';
import {
  attendanceCsvHeader,
  attendanceToCsvRow,
  mapRosterHeader,
  rosterRowToFields,
  type RosterRowFields,
} from '../../domain/trainingCsv';
import { pauseEvery, PLACEHOLDER_META, splitRows } from '../shared/importRows';

const BOM = '\uFEFF';

export function attendanceToCsv(
  rows: readonly { trainee: Trainee; attendance: Attendance }[],
  regions: RegionIndex,
  locale: Locale,
  options: { maskPhones?: boolean } = {},
): string {
  const data = [
    attendanceCsvHeader(locale),
    ...rows.map((r) => attendanceToCsvRow(r.trainee, r.attendance, regions, locale, options)),
  ];
  return BOM + Papa.unparse(data, { newline: '\r\n', quotes: false });
}

export interface RosterImportRow {
  /** 1-based line in the file, the header being line 1 — what the user sees in Excel. */
  line: number;
  fields: RosterRowFields | null;
  /** The trainee already on the device this row is (the strongest match), or null for a new one. */
  existing: TraineeMatch<Trainee> | null;
  /** An earlier line of the same file that is the same person: this row adds nobody. */
  sameAsLine: number | null;
  problems: FieldProblem[];
}

export interface RosterPreview {
  rows: RosterImportRow[];
  valid: RosterImportRow[];
  invalid: RosterImportRow[];
  noHeader: boolean;
}

/**
 * Whether `actor` may put this person on a list (src/domain/references.ts, the rule the server
 * applies to every attendance): an existing trainee as the device holds it, a new one where the
 * row places them. Null: fine.
 */
function rosterRowProblem(
  actor: Actor | null,
  fields: RosterRowFields,
  match: TraineeMatch<Trainee> | null,
): FieldProblem | null {
  const trainee = asReferenced('trainee', match?.trainee ?? { ...fields, deleted: false });
  const problem = referenceProblem(
    actor,
    'attendance',
    { traineeId: match?.trainee.id ?? PLACEHOLDER_META.id },
    (entity) => (entity === 'trainee' ? trainee : undefined),
  );
  return problem ? { path: 'villageCode', key: problem.message, params: {} } : null;
}

/**
 * Reads a township's list and checks every row with the trainee schema, matching it to existing
 * trainees (same name + phone, or same name + village), and whether the user may sign the person
 * in at all (someone of another area may not be: `actor`, null with nobody signed in). Yields
 * every few hundred rows so the progress bar moves on a slow phone. Writes nothing.
 */
export async function previewRosterImport(
  text: string,
  regions: RegionIndex,
  sessionTownship: string,
  existing: readonly Trainee[],
  onProgress?: (done: number, total: number) => void,
  actor: Actor | null = null,
): Promise<RosterPreview> {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' });
  const [header = [], ...body] = parsed.data;
  const columns = mapRosterHeader(header);
  const noHeader = !columns.includes('name');
  const matchExisting = traineeMatcher(existing);
  // Rows already read (by the same two keys as the duplicate rules), so the same person twice in
  // one file is one trainee.
  const inFile = new Map<string, number>();
  const fileKeys = (f: RosterRowFields) => {
    const name = normaliseName(f.name);
    const phone = normalisePhone(f.phone);
    return [phone ? `p|${name}|${phone}` : null, `v|${name}|${f.villageCode}`].filter(
      (k): k is string => k !== null,
    );
  };
  const rows: RosterImportRow[] = [];
  for (let i = 0; i < body.length; i++) {
    const line = i + 2;
    const mapped = rosterRowToFields(body[i]!, columns, regions, sessionTownship);
    if (!mapped.ok) {
      rows.push({
        line,
        fields: null,
        existing: null,
        sameAsLine: null,
        problems: mapped.problems,
      });
    } else {
      const checked = validateRecord('trainee', { ...PLACEHOLDER_META, ...mapped.fields });
      if (!checked.ok) {
        rows.push({
          line,
          fields: null,
          existing: null,
          sameAsLine: null,
          problems: checked.problems,
        });
      } else {
        const { name, kind, villageCode, phone } = checked.record;
        const fields = { name, kind, villageCode, phone };
        const candidate = { id: `line-${line}`, ...fields };
        const match = matchExisting(candidate)[0] ?? null;
        const refused = rosterRowProblem(actor, fields, match);
        if (refused) {
          rows.push({ line, fields: null, existing: null, sameAsLine: null, problems: [refused] });
        } else {
          const keys = fileKeys(fields);
          const twin = match ? undefined : keys.map((k) => inFile.get(k)).find((l) => l);
          rows.push({ line, fields, existing: match, sameAsLine: twin ?? null, problems: [] });
          if (!match && !twin) for (const k of keys) inFile.set(k, line);
        }
      }
    }
    await pauseEvery(i, 200, body.length, onProgress);
  }
  onProgress?.(body.length, body.length);
  return {
    ...splitRows(rows),
    noHeader,
  };
}
