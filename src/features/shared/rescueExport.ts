/**
 * The rescue export offered before unsynced work leaves the phone (logout; LogoutSection): the
 * JSON file the app can read back (src/sync/export.ts) and, beside it, the same work as a
 * workbook the officer can open (../shared/rescueWorkbook.ts). Two files, two taps: a phone's
 * browser may block a second download started by one tap.
 */
import { t as translate, getLocale } from '../../i18n';
import { loadRegions } from '../../regions';
import { getRecord, readUnsyncedForExport, type CundianDb } from '../../db';
import { isEntityName, type EntityName } from '../../domain/entities';
import { buildUnsyncedExport, downloadExport, type UnsyncedExport } from '../../sync';
import { downloadBlob } from './download';
import { buildRescueWorkbook } from './rescueWorkbook';
import { XLSX_TYPE } from './xlsx';

/** The JSON copy: downloaded, its file name returned. */
export async function exportRescueJson(db: CundianDb, now = new Date()): Promise<UnsyncedExport> {
  const file = await buildUnsyncedExport(db, now);
  downloadExport(file);
  return file;
}

const REFERENCES = ['sessionId', 'traineeId', 'servicePointId'] as const;
const REFERENCED: Record<(typeof REFERENCES)[number], EntityName> = {
  sessionId: 'trainingSession',
  traineeId: 'trainee',
  servicePointId: 'servicePoint',
};

/** The workbook: built (exceljs loaded now), downloaded, its file name and size returned. */
export async function exportRescueWorkbook(
  db: CundianDb,
  now = new Date(),
): Promise<{ fileName: string; size: number }> {
  const [data, json, regions] = await Promise.all([
    readUnsyncedForExport(db),
    buildUnsyncedExport(db, now),
    loadRegions().catch(() => null),
  ]);
  // Names of the records the changes touch or point to, read from this phone.
  const wanted = new Map<string, { entity: EntityName; id: string }>();
  for (const entry of [...data.outbox, ...data.rejected]) {
    if (!isEntityName(entry.entity)) continue;
    wanted.set(`${entry.entity}:${entry.recordId}`, { entity: entry.entity, id: entry.recordId });
    for (const field of REFERENCES) {
      const id = entry.changes[field];
      if (typeof id === 'string') {
        wanted.set(`${REFERENCED[field]}:${id}`, { entity: REFERENCED[field], id });
      }
    }
  }
  const names = new Map<string, string>();
  await Promise.all(
    [...wanted.entries()].map(async ([key, { entity, id }]) => {
      const record = (await getRecord(entity, id, db)) as Record<string, unknown> | undefined;
      const name = [record?.name, record?.storeName, record?.title].find(
        (v) => typeof v === 'string' && v !== '',
      );
      if (typeof name === 'string') names.set(key, name);
    }),
  );
  const { fileName, bytes } = await buildRescueWorkbook(
    {
      exportedAt: now,
      user: data.user,
      outbox: data.outbox,
      rejected: data.rejected,
      drafts: data.drafts,
      recordName: (entity, id) => names.get(`${entity}:${id}`) ?? null,
      regions,
      t: translate,
      locale: getLocale(),
    },
    json.fileName,
  );
  downloadBlob(fileName, new Blob([bytes], { type: XLSX_TYPE }));
  return { fileName, size: bytes.byteLength };
}
