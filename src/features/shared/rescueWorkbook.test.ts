/**
 * The rescue workbook is what a field officer opens when a week of work could not be uploaded:
 * it must open (a real .xlsx, read back here with exceljs as Excel or WPS would), say whose work
 * it is, and show each change as people know it — Chinese headers, the village's name and not
 * its 12-digit code, 运营中 and not `open`, a trainee's name and not a UUID, hours as a number,
 * an opening date as a date — with the refused changes and the unsaved forms on sheets of their
 * own.
 */
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { setLocale, t } from '../../i18n';
import type { DraftRow, OutboxEntry, RejectedEntry } from '../../db';
import { buildRescueWorkbook, type RescueInput } from './rescueWorkbook';
import { excelLocalTime } from './xlsx';
import { testRegions } from '../../test-support/regions';

const regions = testRegions();

const POINT = '0190a7a0-0000-7000-8000-000000000001';
const OLD_POINT = '0190a7a0-0000-7000-8000-000000000002';
const TRAINEE = '0190a7a0-0000-7000-8000-000000000003';
const SESSION = '0190a7a0-0000-7000-8000-000000000004';

const outbox: OutboxEntry[] = [
  {
    mutationId: 1,
    entity: 'servicePoint',
    recordId: POINT,
    op: 'upsert',
    baseVersion: 0,
    createdAt: '2026-03-01T08:05:00.000Z',
    changes: {
      id: POINT,
      tier: 'village',
      regionCode: '330127101200',
      name: '浪洞村服务点',
      services: ['purchasing', 'parcels'],
      status: 'planned',
      openedOn: '2026-03-01',
      operatorName: '李四',
      operatorPhone: '13812345678',
      location: { lat: 29.62, lng: 118.9, accuracy: 8, source: 'gps' },
      photos: ['a'.repeat(64), 'b'.repeat(64)],
      statusHistory: [{ status: 'planned', on: '2026-03-01' }],
    },
  },
  {
    mutationId: 2,
    entity: 'servicePoint',
    recordId: OLD_POINT,
    op: 'upsert',
    baseVersion: 4,
    createdAt: '2026-03-02T09:00:00.000Z',
    changes: { status: 'open', openedOn: '2026-03-02' },
  },
  {
    mutationId: 3,
    entity: 'trainingSession',
    recordId: SESSION,
    op: 'upsert',
    baseVersion: 2,
    createdAt: '2026-03-03T01:00:00.000Z',
    changes: { hours: 2.5, townshipCode: '330127101' },
  },
  {
    mutationId: 4,
    entity: 'attendance',
    recordId: 'att-1',
    op: 'upsert',
    baseVersion: 0,
    createdAt: '2026-03-03T02:00:00.000Z',
    changes: { sessionId: SESSION, traineeId: TRAINEE, status: 'late' },
  },
];

const rejected: RejectedEntry[] = [
  {
    mutationId: 0,
    seq: 1,
    entity: 'servicePoint',
    recordId: OLD_POINT,
    op: 'upsert',
    baseVersion: 3,
    createdAt: '2026-02-28T08:00:00.000Z',
    changes: { operatorPhone: '12345' },
    reason: 'invalid',
    message: { 'zh-CN': '运营人电话：手机号应为 11 位数字', en: "Operator's phone: 11 digits" },
    rejectedAt: '2026-02-28T09:00:00.000Z',
    dismissedAt: null,
  },
];

const drafts: DraftRow[] = [
  { key: 'servicePoint:new', value: { name: '半截服务点' }, updatedAt: '2026-03-03T03:00:00Z' },
];

const names: Record<string, string> = {
  [`servicePoint:${OLD_POINT}`]: '文昌镇服务站',
  [`trainee:${TRAINEE}`]: '张三',
  [`trainingSession:${SESSION}`]: '电商入门班',
};

const input = (): RescueInput => ({
  exportedAt: new Date('2026-03-04T10:00:00.000Z'),
  user: { username: 'officer', displayName: '王干事' },
  outbox,
  rejected,
  drafts,
  recordName: (entity, id) => names[`${entity}:${id}`] ?? null,
  regions,
  t,
  locale: 'zh-CN',
});

let workbook: ExcelJS.Workbook;
let fileName: string;
let size: number;

beforeAll(async () => {
  setLocale('zh-CN');
  const built = await buildRescueWorkbook(input(), 'cundian-unsynced-officer-2026-03-04.json');
  fileName = built.fileName;
  size = built.bytes.byteLength;
  workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(built.bytes.buffer as ArrayBuffer);
});

const row = (sheet: ExcelJS.Worksheet, n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
const local = (iso: string) => excelLocalTime(new Date(iso));

describe('the rescue workbook', () => {
  it('is an .xlsx beside the JSON, a sheet per kind of record, refusals and drafts apart', () => {
    expect(fileName).toBe('cundian-unsynced-officer-2026-03-04.xlsx');
    expect(size).toBeGreaterThan(4000);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      '说明',
      '服务点',
      '培训班',
      '签到',
      '被拒绝的修改',
      '没保存的表单',
    ]);
    const about = workbook.getWorksheet('说明')!;
    expect(about.getCell('A1').value).toBe('村电通 · 未同步的数据');
    expect(row(about, 4)).toEqual(['用户', '王干事（officer）']);
    expect(row(about, 6)).toEqual(['待上传的修改', '4']);
    expect(row(about, 7)).toEqual(['被服务器拒绝的修改', '1']);
  });

  it('shows a change to a point with Chinese headers and readable values', () => {
    const sheet = workbook.getWorksheet('服务点')!;
    expect(row(sheet, 3)).toEqual([
      '修改时间',
      '操作',
      '记录',
      '层级',
      '所在地',
      '服务点名称',
      '服务项目',
      '状态',
      '开业日期',
      '运营人',
      '运营人电话',
      '位置',
      '照片',
      '编号',
    ]);
    expect(row(sheet, 4)).toEqual([
      local('2026-03-01T08:05:00.000Z'),
      '新建',
      '浪洞村服务点',
      '村级服务点',
      '浪洞村村民委员会',
      '浪洞村服务点',
      '网络代购、快递收发',
      '筹建中',
      new Date(Date.UTC(2026, 2, 1)),
      '李四',
      '13812345678',
      '29.620000, 118.900000 ±8 m',
      2,
      POINT,
    ]);
    // A change to a point made elsewhere: its name from the phone, only what changed.
    const second = row(sheet, 5);
    expect(second.slice(1, 3)).toEqual(['修改', '文昌镇服务站']);
    expect(second[7]).toBe('运营中');
    expect(second[8]).toEqual(new Date(Date.UTC(2026, 2, 2)));
    expect(second[4]).toBeUndefined();
    // Dates look like dates, the phone number stays text, the time carries its format.
    expect(sheet.getCell('I4').numFmt).toBe('yyyy-mm-dd');
    expect(sheet.getCell('A4').numFmt).toBe('yyyy-mm-dd hh:mm');
    expect(typeof sheet.getCell('K4').value).toBe('string');
  });

  it('names linked records and keeps numbers as numbers', () => {
    const session = workbook.getWorksheet('培训班')!;
    expect(row(session, 3)).toEqual(['修改时间', '操作', '记录', '学时', '乡镇（街道）', '编号']);
    expect(row(session, 4).slice(1, 5)).toEqual(['修改', '电商入门班', 2.5, '文昌镇']);
    const attendance = workbook.getWorksheet('签到')!;
    expect(row(attendance, 4).slice(1, 6)).toEqual([
      '新建',
      '张三 · 电商入门班',
      '电商入门班',
      '张三',
      '迟到',
    ]);
  });

  it('lists the refusals with the server’s reason, and the unsaved forms', () => {
    const refused = workbook.getWorksheet('被拒绝的修改')!;
    expect(row(refused, 4)).toEqual([
      '服务点',
      '文昌镇服务站',
      '修改',
      '运营人电话：手机号应为 11 位数字',
      local('2026-02-28T09:00:00.000Z'),
      local('2026-02-28T08:00:00.000Z'),
      '运营人电话：12345',
      OLD_POINT,
    ]);
    const draftSheet = workbook.getWorksheet('没保存的表单')!;
    expect(row(draftSheet, 4)).toEqual([
      '服务点',
      local('2026-03-03T03:00:00Z'),
      '服务点名称：半截服务点',
    ]);
  });
});
