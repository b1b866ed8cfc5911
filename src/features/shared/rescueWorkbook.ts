/**
 * The rescue export as a workbook a field officer can open (WPS, Excel, a phone's viewer): the
 * same unsynced work as the JSON file (src/sync/export.ts), which stays the copy the app can read
 * back, but written for people — a 说明 sheet, one sheet per kind of record with one row per
 * change, the changes the server refused, and unsaved forms; Chinese headers from the fields'
 * own labels; places, statuses and linked records by their names, not codes and ids; numbers as
 * numbers, dates as dates.
 *
 * `rescueSheets` is pure (what goes in which cell); `buildRescueWorkbook` writes it with exceljs,
 * loaded only when the officer asks for the file.
 */
import type { DraftRow, OutboxEntry, RejectedEntry } from '../../db';
import type { Locale, MessageKey, Translate } from '../../i18n';
import { isEntityName, type EntityName } from '../../domain/entities';
import { fieldLabel } from '../../domain/fieldLabels';
import type { RegionIndex } from '../../domain/region';
import {
  buildTableWorkbook,
  excelDay,
  excelLocalTime,
  type TableCell,
  type TableCellKind,
  type TableSheet,
} from './xlsx';

export interface RescueInput {
  exportedAt: Date;
  user: { username: string; displayName?: string } | null;
  outbox: readonly OutboxEntry[];
  rejected: readonly RejectedEntry[];
  drafts: readonly DraftRow[];
  /** The name of a record on this phone (a point, a trainee, a session), or null. */
  recordName: (entity: EntityName, id: string) => string | null;
  regions: RegionIndex | null;
  t: Translate;
  locale: Locale;
}

/** Bookkeeping fields: in the JSON, not in a sheet for people. */
const HIDDEN_FIELDS = new Set([
  'id',
  'version',
  'updatedAt',
  'updatedBy',
  'deleted',
  'statusHistory',
]);

/** Fields holding a region code, shown by the region's name. */
const REGION_FIELDS = new Set([
  'regionCode',
  'townshipCode',
  'villageCode',
  'countyCode',
  'areaCode',
]);

/** Fields holding another record's id: shown by that record's name. */
const REFERENCE_FIELDS: Record<string, EntityName> = {
  sessionId: 'trainingSession',
  traineeId: 'trainee',
  servicePointId: 'servicePoint',
};

/** Enumerations with words in the catalogue: entity.field → key prefix. */
const VALUE_KEYS: Partial<Record<EntityName, Record<string, string>>> = {
  servicePoint: { status: 'points.status.', tier: 'points.tier.', services: 'points.service.' },
  flagshipStore: { status: 'towns.store.status.' },
  pilotTown: { status: 'towns.pilot.status.' },
  trainee: { kind: 'training.kind.' },
  attendance: { status: 'training.status.' },
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MOMENT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

function regionName(regions: RegionIndex | null, code: string): string {
  if (!regions) return code;
  const name =
    code.length === 12
      ? regions.village(code)?.name
      : code.length === 9
        ? regions.township(code)?.name
        : code.length === 6
          ? regions.county(code)?.name
          : code.length === 4
            ? regions.prefecture.name
            : undefined;
  return name ?? code;
}

/** What a column holds, from its values: a column of numbers is a number column, and so on. */
function kindOf(values: readonly unknown[]): TableCellKind {
  const present = values.filter((v) => v !== null && v !== undefined);
  if (present.length === 0) return 'text';
  if (present.every((v) => typeof v === 'number')) {
    return present.every((v) => Number.isInteger(v)) ? 'integer' : 'number';
  }
  if (present.every((v) => typeof v === 'string' && DAY.test(v))) return 'date';
  if (present.every((v) => typeof v === 'string' && MOMENT.test(v))) return 'datetime';
  return 'text';
}

function makeReader(input: RescueInput) {
  const { t, regions } = input;
  const word = (key: string, fallback: string) => {
    const text = t(key as MessageKey);
    return text === key ? fallback : text;
  };

  /** One field's value as people read it, stored by the column's kind. */
  function readable(
    entity: EntityName,
    field: string,
    value: unknown,
    kind: TableCellKind,
  ): TableCell {
    if (value === null || value === undefined || value === '') return null;
    if (field === 'photos' && Array.isArray(value)) return value.length;
    if (kind === 'integer' || kind === 'number') return value as number;
    if (kind === 'date') return excelDay(value as string);
    if (kind === 'datetime') return excelLocalTime(new Date(value as string));
    const prefix = VALUE_KEYS[entity]?.[field];
    if (typeof value === 'string') {
      if (REGION_FIELDS.has(field)) return regionName(regions, value);
      const target = REFERENCE_FIELDS[field];
      if (target) return input.recordName(target, value) ?? value;
      return prefix ? word(prefix + value, value) : value;
    }
    if (typeof value === 'boolean') return t(value ? 'offline.rescue.yes' : 'offline.rescue.no');
    if (typeof value === 'number') return value;
    if (Array.isArray(value)) {
      return value
        .map((v) => (typeof v === 'string' && prefix ? word(prefix + v, v) : String(v)))
        .join('、');
    }
    if (typeof value === 'object') {
      const o = value as Record<string, unknown>;
      if (typeof o.lat === 'number' && typeof o.lng === 'number') {
        const accuracy = typeof o.accuracy === 'number' ? ` ±${Math.round(o.accuracy)} m` : '';
        return `${o.lat.toFixed(6)}, ${o.lng.toFixed(6)}${accuracy}`;
      }
      return JSON.stringify(value);
    }
    return String(value);
  }

  /** "服务点名称：文昌服务点；状态：运营中" for a change shown in one cell. */
  function summary(entity: EntityName, changes: Record<string, unknown>): string {
    return Object.entries(changes)
      .filter(([field]) => !HIDDEN_FIELDS.has(field))
      .map(([field, value]) => {
        const v = readable(entity, field, value, 'text');
        return `${fieldLabel(entity, field, input.locale)}：${v ?? ''}`;
      })
      .join('；');
  }

  function opWord(entry: Pick<OutboxEntry, 'op' | 'baseVersion'>): string {
    return t(
      entry.op === 'delete'
        ? 'offline.rescue.op.delete'
        : entry.baseVersion === 0
          ? 'offline.rescue.op.create'
          : 'offline.rescue.op.update',
    );
  }

  function nameOf(entry: Pick<OutboxEntry, 'entity' | 'recordId' | 'changes'>): string {
    const c = entry.changes;
    const own = [c.name, c.storeName, c.title].find((v) => typeof v === 'string') as
      string | undefined;
    if (own) return own;
    const stored = input.recordName(entry.entity, entry.recordId);
    if (stored) return stored;
    if (entry.entity === 'attendance' && typeof c.traineeId === 'string') {
      const trainee = input.recordName('trainee', c.traineeId);
      const session =
        typeof c.sessionId === 'string' ? input.recordName('trainingSession', c.sessionId) : null;
      if (trainee) return session ? `${trainee} · ${session}` : trainee;
    }
    return entry.recordId;
  }

  return { readable, summary, opWord, nameOf };
}

/** '2026-03-01 16:05', the phone's own time. */
function wallClock(moment: Date): string {
  return excelLocalTime(moment).toISOString().slice(0, 16).replace('T', ' ');
}

/** The sheets of the rescue workbook (pure: no exceljs). */
export function rescueSheets(input: RescueInput): TableSheet[] {
  const { t } = input;
  const read = makeReader(input);
  const sheets: TableSheet[] = [];

  sheets.push({
    name: t('offline.rescue.sheet.about'),
    columns: [
      { header: t('offline.rescue.col.item'), kind: 'text' },
      { header: t('offline.rescue.col.content'), kind: 'text' },
    ],
    rows: [
      [
        t('offline.rescue.about.user'),
        input.user
          ? input.user.displayName
            ? `${input.user.displayName}（${input.user.username}）`
            : input.user.username
          : null,
      ],
      [t('offline.rescue.about.exportedAt'), wallClock(input.exportedAt)],
      [t('offline.rescue.about.pending'), String(input.outbox.length)],
      [t('offline.rescue.about.rejected'), String(input.rejected.length)],
      [t('offline.rescue.about.drafts'), String(input.drafts.length)],
      [t('offline.rescue.about.note'), null],
    ],
  });

  // One sheet per kind of record, in the order the changes were made.
  const byEntity = new Map<EntityName, OutboxEntry[]>();
  for (const entry of input.outbox) {
    if (!isEntityName(entry.entity)) continue;
    byEntity.set(entry.entity, [...(byEntity.get(entry.entity) ?? []), entry]);
  }
  for (const [entity, entries] of byEntity) {
    const fields: string[] = [];
    for (const e of entries) {
      for (const f of Object.keys(e.changes)) {
        if (!HIDDEN_FIELDS.has(f) && !fields.includes(f)) fields.push(f);
      }
    }
    const kinds = fields.map((f) =>
      REGION_FIELDS.has(f) || REFERENCE_FIELDS[f] || VALUE_KEYS[entity]?.[f]
        ? 'text'
        : f === 'photos'
          ? 'integer'
          : kindOf(entries.map((e) => e.changes[f])),
    );
    sheets.push({
      name: t(`syncPanel.entity.${entity}`),
      columns: [
        { header: t('offline.rescue.col.time'), kind: 'datetime' },
        { header: t('offline.rescue.col.action'), kind: 'text' },
        { header: t('offline.rescue.col.record'), kind: 'text' },
        ...fields.map((f, i) => ({ header: fieldLabel(entity, f, input.locale), kind: kinds[i]! })),
        { header: t('offline.rescue.col.id'), kind: 'code' },
      ],
      rows: entries.map((e) => [
        excelLocalTime(new Date(e.createdAt)),
        read.opWord(e),
        read.nameOf(e),
        ...fields.map((f, i) => read.readable(entity, f, e.changes[f], kinds[i]!)),
        e.recordId,
      ]),
    });
  }

  if (input.rejected.length > 0) {
    sheets.push({
      name: t('offline.rescue.sheet.rejected'),
      columns: [
        { header: t('offline.rescue.col.kind'), kind: 'text' },
        { header: t('offline.rescue.col.record'), kind: 'text' },
        { header: t('offline.rescue.col.action'), kind: 'text' },
        { header: t('offline.rescue.col.reason'), kind: 'text' },
        { header: t('offline.rescue.col.rejectedAt'), kind: 'datetime' },
        { header: t('offline.rescue.col.time'), kind: 'datetime' },
        { header: t('offline.rescue.col.content'), kind: 'text' },
        { header: t('offline.rescue.col.id'), kind: 'code' },
      ],
      rows: input.rejected.map((r) => {
        const entity = isEntityName(r.entity) ? r.entity : null;
        const message = r.message?.[input.locale] || r.message?.['zh-CN'];
        return [
          entity ? t(`syncPanel.entity.${entity}`) : String(r.entity),
          read.nameOf(r),
          read.opWord(r),
          message || r.reason,
          excelLocalTime(new Date(r.rejectedAt)),
          excelLocalTime(new Date(r.createdAt)),
          entity ? read.summary(entity, r.changes) : JSON.stringify(r.changes),
          r.recordId,
        ];
      }),
    });
  }

  if (input.drafts.length > 0) {
    sheets.push({
      name: t('offline.rescue.sheet.drafts'),
      columns: [
        { header: t('offline.rescue.col.form'), kind: 'text' },
        { header: t('offline.rescue.col.time'), kind: 'datetime' },
        { header: t('offline.rescue.col.content'), kind: 'text' },
      ],
      rows: input.drafts.map((d) => {
        const entity = d.key.split(':')[0] ?? '';
        const value = d.value;
        const content =
          isEntityName(entity) && value && typeof value === 'object' && !Array.isArray(value)
            ? read.summary(entity, value as Record<string, unknown>)
            : JSON.stringify(value);
        return [
          isEntityName(entity) ? t(`syncPanel.entity.${entity}`) : d.key,
          excelLocalTime(new Date(d.updatedAt)),
          content,
        ];
      }),
    });
  }
  return sheets;
}

/** The workbook's bytes and its file name (beside the JSON's: same stem, .xlsx). */
export async function buildRescueWorkbook(
  input: RescueInput,
  jsonFileName: string,
): Promise<{ fileName: string; bytes: Uint8Array<ArrayBuffer> }> {
  const { t } = input;
  const time = wallClock(input.exportedAt);
  const bytes = await buildTableWorkbook(rescueSheets(input), {
    title: t('offline.rescue.title'),
    meta: t('offline.rescue.meta', { user: input.user?.username ?? '—', time }),
    created: input.exportedAt,
  });
  return { fileName: jsonFileName.replace(/\.json$/, '') + '.xlsx', bytes };
}
