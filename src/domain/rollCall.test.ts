/**
 * At the door, the trainer types two characters of a name or the last digits of a phone. The
 * right person must be in the first few results, and the counts at the top must be right.
 */
import { describe, expect, it } from 'vitest';
import { attendanceId, attendanceSchema, rosterImpliedBy } from './attendance';
import { buildSearchIndex, countRollCall, searchIndex } from './rollCall';

const SESSION = '01890a5d-ac96-774b-bcce-b302099a8057';
const TRAINEE = '01890a5d-ac96-774b-bcce-b302099a8058';

const people = [
  { id: '1', name: '王芳', phone: '13812345678' },
  { id: '2', name: '李王明', phone: null },
  { id: '3', name: '张伟', phone: '13900005678' },
  { id: '4', name: 'Ｗang Lei', phone: '13700001111' },
];
const index = buildSearchIndex(people);
const ids = (q: string) => searchIndex(index, q).map((p) => p.id);

describe('roll-call search', () => {
  it('matches inside names, names starting with the query first', () => {
    expect(ids('王')).toEqual(['1', '2']);
    expect(ids('王芳')).toEqual(['1']);
  });
  it('digits match the end of the phone, from three digits', () => {
    expect(ids('5678')).toEqual(['1', '3']);
    expect(ids('05678')).toEqual(['3']);
    expect(ids('56')).toEqual([]);
  });
  it('folds width, case and spaces; blank finds nobody', () => {
    expect(ids('wanglei')).toEqual(['4']);
    expect(ids('  ')).toEqual([]);
  });
});

describe('roll-call counts', () => {
  it('counts present and late as arrived, skips deleted rows', () => {
    expect(
      countRollCall([
        { status: 'present', deleted: false },
        { status: 'late', deleted: false },
        { status: 'absent', deleted: false },
        { status: 'present', deleted: true },
      ]),
    ).toEqual({ expected: 3, present: 1, late: 1, absent: 1, arrived: 2 });
  });

  it('counts only people on the list: a row taken off it is neither expected nor arrived', () => {
    expect(
      countRollCall([
        { status: 'absent', deleted: false, onRoster: true },
        { status: 'absent', deleted: false, onRoster: false },
        { status: 'present', deleted: false }, // written before the field: on the list
        { status: 'present', deleted: false, onRoster: false }, // refused by the schema; not counted
      ]),
    ).toEqual({ expected: 2, present: 1, late: 0, absent: 1, arrived: 1 });
    expect(
      attendanceSchema
        .safeParse({
          id: attendanceId(SESSION, TRAINEE),
          version: 1,
          updatedAt: null,
          updatedBy: null,
          deleted: false,
          sessionId: SESSION,
          traineeId: TRAINEE,
          status: 'late',
          checkedInAt: '2026-03-10T01:02:03.000Z',
          onRoster: false,
        })
        .error?.issues.map((issue) => issue.message),
    ).toEqual(['attendance.checkedInOffRoster']);
    expect(rosterImpliedBy({ status: 'late' })).toEqual({ status: 'late', onRoster: true });
    expect(rosterImpliedBy({ status: 'absent' })).toEqual({ status: 'absent' });
  });
});
