/**
 * A township sends its list of expected attendees as a spreadsheet. Before anything is written the
 * trainer must see which rows are wrong and why, in words and with Excel's line numbers, and which
 * rows are people already registered — importing them again would count them twice.
 */
import { describe, expect, it } from 'vitest';
import type { Trainee } from '../../domain/trainee';
import { attendanceToCsv, previewRosterImport } from './csv';
import { testRegions } from '../../test-support/regions';

const regions = testRegions();
const existing: Trainee[] = [
  {
    id: '0190a0b0-0000-7000-8000-000000000001',
    version: 0,
    updatedAt: null,
    updatedBy: null,
    deleted: false,
    name: '王芳',
    kind: 'official',
    villageCode: '330127100219',
    phone: '13812345678',
  },
];

describe('roster import preview', () => {
  it('explains bad rows, matches existing trainees and twins inside the file', async () => {
    const csv = [
      '\uFEFF姓名,类别,村（社区）,手机号',
      '王芳,村官,淡竹村,13812345678', // same name + phone as an existing trainee
      '李明,农村青年,富城村,13900001111',
      '李 明,青年,富城村,', // same person as line 3 (same name, same village)
      '赵六,农村青年,富城村,12345', // bad phone
      '钱七,老师,不存在村,', // unknown kind and place
      '孙,农村青年,富城村,', // name too short
    ].join('\r\n');
    const progress: number[] = [];
    const preview = await previewRosterImport(csv, regions, '330127100', existing, (done) =>
      progress.push(done),
    );
    expect(preview.noHeader).toBe(false);
    expect(preview.valid.map((r) => r.line)).toEqual([2, 3, 4]);
    expect(preview.valid[0]!.existing?.trainee.id).toBe(existing[0]!.id);
    expect(preview.valid[0]!.existing?.reason).toBe('sameNamePhone');
    expect(preview.valid[1]!.existing).toBeNull();
    expect(preview.valid[2]!.sameAsLine).toBe(3);
    expect(
      preview.invalid.map((r) => [r.line, r.problems.map((p) => `${p.path} ${p.key}`)]),
    ).toEqual([
      [5, ['phone phone.invalid']],
      [6, ['kind csv.unknownLabel', 'villageCode csv.unknownPlace']],
      [7, ['name tooShort']],
    ]);
    expect(progress.at(-1)).toBe(6);
  });

  it('a file without a name column is said so', async () => {
    const preview = await previewRosterImport('a,b\r\n1,2', regions, '330127100', [], undefined);
    expect(preview.noHeader).toBe(true);
  });
});

describe('attendance export', () => {
  it('starts with a BOM and the header, one line per person', () => {
    const text = attendanceToCsv(
      [
        {
          trainee: existing[0]!,
          attendance: {
            id: '0190a0b0-0000-7000-8000-000000000002',
            version: 0,
            updatedAt: null,
            updatedBy: null,
            deleted: false,
            sessionId: '0190a0b0-0000-7000-8000-000000000003',
            traineeId: existing[0]!.id,
            status: 'present',
            checkedInAt: '2026-03-10T01:00:00.000Z',
          },
        },
      ],
      regions,
      'zh-CN',
    );
    expect(text.startsWith('\uFEFF姓名,类别,区县')).toBe(true);
    expect(text.split('\r\n')[1]).toBe(
      '王芳,村官,淳安县,千岛湖镇,富城村,13812345678,已到,2026-03-10T01:00:00.000Z',
    );
  });
});
