/**
 * A township's list arrives as a spreadsheet with its own habits: 村官 or 村干部, a village
 * named alone, a header called 联系电话. Each row must become the right trainee or a problem
 * said in words; the attendance export must open in Excel without running a formula.
 */
import { describe, expect, it } from 'vitest';
import { showsFullPhone } from './scope';
import {
  attendanceCsvHeader,
  attendanceToCsvRow,
  attendanceExportOptions,
  kindFromLabel,
  mapRosterHeader,
  rosterRowToFields,
} from './trainingCsv';
import { testRegions } from '../test-support/regions';

const regions = testRegions();
const QDH = '330127100';

describe('roster rows', () => {
  const columns = mapRosterHeader(['\uFEFF姓名', '人员类别', '村', '联系电话', '别的列']);

  it('maps headers, aliases included; unknown headers are ignored', () => {
    expect(columns).toEqual(['name', 'kind', 'village', 'phone', null]);
  });

  it('a village named alone is found in the session township', () => {
    expect(
      rosterRowToFields(['王芳', '村干部', '富城村', '13812345678'], columns, regions, QDH),
    ).toEqual({
      ok: true,
      fields: { name: '王芳', kind: 'official', villageCode: '330127100219', phone: '13812345678' },
    });
  });

  it('county + township + village names resolve too', () => {
    const cols = mapRosterHeader(['姓名', '类别', '区县', '乡镇（街道）', '村（社区）']);
    const r = rosterRowToFields(
      ['李明', '农村青年', '淳安县', '千岛湖镇', '淡竹村'],
      cols,
      regions,
      QDH,
    );
    expect(r.ok && r.fields.villageCode.startsWith(QDH)).toBe(true);
  });

  it('an unknown kind or place and a missing kind are problems in words', () => {
    const r = rosterRowToFields(['王芳', '老师', '不存在村', ''], columns, regions, QDH);
    expect(r.ok ? [] : r.problems.map((p) => [p.path, p.key])).toEqual([
      ['kind', 'csv.unknownLabel'],
      ['villageCode', 'csv.unknownPlace'],
    ]);
    const missing = rosterRowToFields(['王芳', '', '富城村', ''], columns, regions, QDH);
    expect(missing.ok ? [] : missing.problems.map((p) => p.key)).toEqual(['required']);
  });

  it('kind labels in both languages and common spellings', () => {
    expect(['村官', 'Village official', '大学生村官'].map(kindFromLabel)).toEqual([
      'official',
      'official',
      'official',
    ]);
    expect(['农村青年', 'rural youth', '创业青年'].map(kindFromLabel)).toEqual([
      'youth',
      'youth',
      'youth',
    ]);
  });
});

describe('attendance export', () => {
  it('shows phones as the lists do: full for who may edit trainees, masked for the others', () => {
    const roles = ['trainer', 'admin', 'coordinator', null, 'officer'] as const;
    expect(roles.map((role) => attendanceExportOptions(role).maskPhones)).toEqual([
      false,
      false,
      false, // coordinators edit trainees, so they see (and export) the number
      false, // nobody signed in: everything on the device was typed there
      true, // officers never receive trainees; should a row reach them, it stays masked
    ]);
    // One rule: the lists' own.
    for (const role of roles) {
      expect(attendanceExportOptions(role).maskPhones).toBe(!showsFullPhone(role, 'trainee'));
    }
  });

  it('labels in the locale, phones masked on request, formulas neutralised', () => {
    expect(attendanceCsvHeader('zh-CN')[0]).toBe('姓名');
    const row = attendanceToCsvRow(
      { name: '=HYPERLINK("x")', kind: 'youth', villageCode: '330127100219', phone: '13812345678' },
      { status: 'late', checkedInAt: '2026-03-01T01:02:03.000Z' },
      regions,
      'zh-CN',
      { maskPhones: true },
    );
    expect(row).toEqual([
      `'=HYPERLINK("x")`,
      '农村青年',
      '淳安县',
      '千岛湖镇',
      '富城村',
      '138****5678',
      '迟到',
      '2026-03-01T01:02:03.000Z',
    ]);
  });
});
