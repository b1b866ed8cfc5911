/**
 * Spreadsheets are how points arrive in bulk and how coordinators report. Export then import must
 * give back the same records (or the two drift apart quietly), a bad row must be explained in
 * words with its line number, and an import is all or nothing.
 */
import Papa from 'papaparse';
import { beforeEach, describe, expect, it } from 'vitest';
import { importRecords, saveRecord } from '../../actions';
import { describeProblem } from '../../domain/fieldLabels';
import { formatMessage } from '../../domain/messages';
import { newServicePointFields, type ServicePointFields } from '../../domain/servicePoint';
import { listOutbox, listRecords, type CundianDb } from '../../db';
import { pointsToCsv, previewImport } from './csv';
import { freshDatabase } from '../../test-support/database';
import { testRegions } from '../../test-support/regions';

const regions = testRegions();
let db: CundianDb;
beforeEach(() => {
  db = freshDatabase('csv');
});

const base = newServicePointFields('2026-03-01');
const samples: ServicePointFields[] = [
  {
    ...base,
    regionCode: '330127100219',
    name: '富城村服务点',
    operatorName: '王芳',
    operatorPhone: '13812345678',
    notes: '周一休息, "逢集" 照常\n第二行',
  },
  {
    ...base,
    tier: 'township',
    regionCode: '330127101',
    name: '=HYPERLINK("http://evil")',
    services: ['parcels', 'payments', 'youthStartup'],
    status: 'open',
    statusHistory: [{ status: 'open', date: '2025-06-01' }],
    openedOn: '2025-06-01',
    location: {
      lat: 29.6012345,
      lng: 119.0412345,
      accuracy: 8.5,
      source: 'gps',
      capturedAt: '2026-03-01T08:00:00.000Z',
    },
  },
  {
    ...base,
    regionCode: '330127100219',
    name: '<b>粗体</b>店',
    status: 'approved',
    statusHistory: [{ status: 'approved', date: '2026-03-01' }],
  },
];

describe('service point CSV', () => {
  it('exports with a BOM and CRLF, neutralises formulas, and imports back the same records', async () => {
    for (const s of samples) await saveRecord('servicePoint', null, s);
    const points = await listRecords('servicePoint');
    const csv = pointsToCsv(points, regions, 'zh-CN');
    expect(csv.startsWith('\uFEFF编号,层级,区县')).toBe(true);
    expect(csv).toContain('\r\n');
    expect(csv).toContain(`'=HYPERLINK`);
    expect(csv).toContain('淳安县,千岛湖镇,富城村');

    const preview = await previewImport(csv, regions, '2026-03-01');
    expect(preview.invalid).toEqual([]);
    expect(preview.valid).toHaveLength(3);
    for (const row of preview.valid) {
      const original = points.find((p) => p.id === row.id)!;
      const {
        id: _i,
        version: _v,
        updatedAt: _u,
        updatedBy: _b,
        deleted: _d,
        ...fields
      } = original;
      expect(row.fields).toEqual(fields);
    }
  });

  it('imports in English too, and by names instead of codes', async () => {
    const csv = Papa.unparse([
      ['Name', 'County', 'Township', 'Village', 'Services', 'Tier', 'Status', 'Opening date'],
      [
        'Fucheng shop',
        '淳安县',
        '千岛湖镇',
        '富城村',
        'Parcel pick-up; Bill payment',
        'Village point',
        'Open',
        '2026-01-05',
      ],
    ]);
    const preview = await previewImport(csv, regions, '2026-03-01');
    expect(preview.invalid).toEqual([]);
    expect(preview.valid[0]!.fields).toMatchObject({
      regionCode: '330127100219',
      services: ['parcels', 'payments'],
      status: 'open',
      openedOn: '2026-01-05',
    });
  });

  it('explains every bad row in words with its line number, and writes nothing', async () => {
    const csv = Papa.unparse([
      [
        '服务点名称',
        '区县',
        '乡镇（街道）',
        '村（社区）',
        '运营人电话',
        '层级',
        '状态',
        '纬度',
        '经度',
      ],
      ['好的服务点', '淳安县', '千岛湖镇', '富城村', '13812345678', '', '', '', ''],
      ['坏电话', '淳安县', '千岛湖镇', '富城村', '12345', '', '', '', ''],
      ['没有这个村', '淳安县', '千岛湖镇', '不存在村', '', '', '', '', ''],
      ['关闭的', '淳安县', '千岛湖镇', '富城村', '', '', '已关闭', '', ''],
      ['上海的点', '淳安县', '千岛湖镇', '富城村', '', '', '', '31.23', '121.47'],
      ['怪层级', '淳安县', '千岛湖镇', '富城村', '', '省级中心', '', '', ''],
    ]);
    const preview = await previewImport(csv, regions, '2026-03-01');
    expect(preview.valid.map((r) => r.line)).toEqual([2]);
    const words = preview.invalid.map(
      (r) =>
        `第 ${r.line} 行：${r.problems.map((p) => describeProblem('servicePoint', p, 'zh-CN')).join('；')}`,
    );
    expect(words).toEqual([
      '第 3 行：运营人电话：手机号应为 11 位数字，以 13–19 开头，例如 13812345678',
      '第 4 行：所在地：找不到地方“淳安县 千岛湖镇 不存在村”，请核对区县、乡镇、村的名称，或填行政区划代码',
      '第 5 行：状态：“已关闭”的服务点不能批量导入，请在应用里更改状态',
      '第 6 行：位置：这个位置不在本市范围内，请重新定位或在地图上选点',
      '第 7 行：层级：不认识“省级中心”，请用下拉列表里的名称',
    ]);
    expect(formatMessage(preview.invalid[0]!.problems[0]!.key, 'en')).toMatch(/11 digits/);
    expect(await db.servicePoints.count()).toBe(0);
  });

  describe('the signed-in user’s area', () => {
    // 绕城村 lies in 西湖区三墩镇; 富城村 in 淳安县千岛湖镇.
    const csv = Papa.unparse([
      ['服务点名称', '区县', '乡镇（街道）', '村（社区）'],
      ['绕城村服务点', '西湖区', '三墩镇', '绕城村'],
      ['富城村服务点', '淳安县', '千岛湖镇', '富城村'],
    ]);
    const sanduns = { level: 'township', code: '330106109' } as const;

    it('refuses rows outside a township officer’s area, naming the area', async () => {
      const preview = await previewImport(csv, regions, '2026-03-01', undefined, {
        role: 'officer',
        scope: sanduns,
      });
      expect(preview.valid.map((r) => [r.line, r.fields!.regionCode])).toEqual([
        [2, '330106109233'],
      ]);
      expect(preview.invalid.map((r) => [r.line, r.refused, r.problems])).toEqual([
        [3, { reason: 'outsideArea', area: '西湖区三墩镇' }, []],
      ]);
    });

    it('follows the same rule for a county coordinator and the whole prefecture', async () => {
      const chunan = await previewImport(csv, regions, '2026-03-01', undefined, {
        role: 'coordinator',
        scope: { level: 'county', code: '330127' },
      });
      expect(chunan.valid.map((r) => r.line)).toEqual([3]);
      expect(chunan.invalid[0]!.refused).toEqual({ reason: 'outsideArea', area: '淳安县' });
      const city = await previewImport(csv, regions, '2026-03-01', undefined, {
        role: 'admin',
        scope: { level: 'prefecture', code: '3301' },
      });
      expect(city.invalid).toEqual([]);
    });

    it('refuses every row to a role that registers no points', async () => {
      const preview = await previewImport(csv, regions, '2026-03-01', undefined, {
        role: 'trainer',
        scope: sanduns,
      });
      expect(preview.valid).toEqual([]);
      expect(preview.invalid.map((r) => r.refused)).toEqual([
        { reason: 'role' },
        { reason: 'role' },
      ]);
    });

    it('checks no area when nobody is signed in (the app used alone)', async () => {
      const preview = await previewImport(csv, regions, '2026-03-01');
      expect(preview.valid.map((r) => r.line)).toEqual([2, 3]);
    });

    it('keeps the row’s own problems next to the area refusal', async () => {
      const bad = Papa.unparse([
        ['服务点名称', '区县', '乡镇（街道）', '村（社区）', '运营人电话'],
        ['富城村服务点', '淳安县', '千岛湖镇', '富城村', '12345'],
      ]);
      const preview = await previewImport(bad, regions, '2026-03-01', undefined, {
        role: 'officer',
        scope: sanduns,
      });
      const row = preview.invalid[0]!;
      expect(row.refused).toEqual({ reason: 'outsideArea', area: '西湖区三墩镇' });
      expect(row.problems.map((p) => p.path)).toEqual(['operatorPhone']);
    });
  });

  it('writes an import of 2,000 rows in one transaction with progress, or nothing at all', async () => {
    const rows = Array.from({ length: 2000 }, (_, i) => ({
      id: null,
      changes: { ...base, regionCode: '330127100219', name: `导入点 ${i}` },
    }));
    const progress: number[] = [];
    expect(await importRecords('servicePoint', rows, (done) => progress.push(done))).toBe(2000);
    expect(progress.at(-1)).toBe(2000);
    expect(progress.length).toBeGreaterThan(4);
    expect(await db.servicePoints.count()).toBe(2000);
    const outbox = await listOutbox();
    expect(outbox).toHaveLength(2000);
    expect(new Set(outbox.map((e) => e.mutationId)).size).toBe(2000);

    // One bad row at the end: nothing of this second import is written.
    const bad = [
      ...rows
        .slice(0, 500)
        .map((r) => ({ ...r, changes: { ...r.changes, name: `${r.changes.name} 二` } })),
      { id: null, changes: { ...base, regionCode: '330127100219', name: '' } },
    ];
    await expect(importRecords('servicePoint', bad)).rejects.toMatchObject({
      name: 'ValidationFailed',
      index: 500,
    });
    expect(await db.servicePoints.count()).toBe(2000);
    expect(await db.outbox.count()).toBe(2000);
  });
});
