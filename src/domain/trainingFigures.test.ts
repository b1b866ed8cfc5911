/**
 * The yearly count is what the programme is judged on (800 trained a year). Counted wrong, a
 * county looks done when it is not, or the reverse: a person at three sessions must count once,
 * a session in another year must not count, absent and deleted rows must not count, and the
 * target must come from the Target rows.
 */
import { describe, expect, it } from 'vitest';
import { attendanceId } from './attendance';
import { targetId, type Target } from './target';
import { trainingFigures, trainingYears } from './trainingFigures';

const S = (
  id: string,
  startDate: string,
  townshipCode = '330127100',
  hours = 4,
  deleted = false,
) => ({
  id,
  startDate,
  townshipCode,
  hours,
  deleted,
});
const T = (
  id: string,
  kind: 'official' | 'youth',
  villageCode = '330127100219',
  deleted = false,
) => ({
  id,
  kind,
  villageCode,
  deleted,
});
const A = (
  sessionId: string,
  traineeId: string,
  status: 'present' | 'late' | 'absent' = 'present',
  deleted = false,
) => ({ id: attendanceId(sessionId, traineeId), sessionId, traineeId, status, deleted });
const target = (year: number, countyCode: string | null, value: number): Target => ({
  id: targetId(year, countyCode, 'traineesTrained'),
  version: 1,
  updatedAt: null,
  updatedBy: null,
  deleted: false,
  year,
  countyCode,
  metric: 'traineesTrained',
  value,
});

describe('training figures', () => {
  const sessions = [
    S('s1', '2026-03-01'),
    S('s2', '2026-05-01', '330127101', 6),
    S('s3', '2026-09-01'),
    S('old', '2025-12-30'),
    S('gone', '2026-04-01', '330127100', 4, true),
  ];
  const trainees = [
    T('p1', 'official'),
    T('p2', 'youth'),
    T('p3', 'youth', '330122100201'),
    T('p4', 'youth'),
    T('p5', 'official', '330127100219', true),
  ];

  it('a person at three sessions counts once, with the hours of all three', () => {
    const f = trainingFigures(
      2026,
      sessions,
      trainees,
      [A('s1', 'p1'), A('s2', 'p1'), A('s3', 'p1', 'late')],
      [],
    );
    expect(f.trained).toBe(1);
    expect(f.totalHours).toBe(14);
    expect(f.hoursPerTrainee).toBe(14);
  });

  it('a session in another year does not count', () => {
    const f = trainingFigures(2026, sessions, trainees, [A('old', 'p2')], []);
    expect(f.trained).toBe(0);
    expect(trainingFigures(2025, sessions, trainees, [A('old', 'p2')], []).trained).toBe(1);
  });

  it('absent does not count; late does', () => {
    const f = trainingFigures(
      2026,
      sessions,
      trainees,
      [A('s1', 'p2', 'absent'), A('s1', 'p4', 'late')],
      [],
    );
    expect(f.trained).toBe(1);
    expect(f.byKind).toEqual({ official: 0, youth: 1 });
  });

  it('deleted attendance, deleted sessions and deleted trainees do not count', () => {
    const f = trainingFigures(
      2026,
      sessions,
      trainees,
      [A('s1', 'p2', 'present', true), A('gone', 'p4'), A('s1', 'p5')],
      [],
    );
    expect(f.trained).toBe(0);
    expect(f.sessions).toBe(3);
  });

  it('splits by county and kind, against targets from the Target rows', () => {
    const f = trainingFigures(
      2026,
      sessions,
      trainees,
      [A('s1', 'p1'), A('s1', 'p2'), A('s2', 'p3'), A('s2', 'p2')],
      [target(2026, '330127', 300), target(2026, '330122', 200), target(2025, '330127', 999)],
    );
    expect(f.trained).toBe(3);
    expect(f.byKind).toEqual({ official: 1, youth: 2 });
    expect(f.byCounty).toEqual([
      { countyCode: '330122', trained: 1, target: 200 },
      { countyCode: '330127', trained: 2, target: 300 },
    ]);
    // No prefecture-wide row: the county rows add up.
    expect(f.target).toBe(500);
    expect(f.byTownship).toEqual([
      { townshipCode: '330127100', sessions: 2, hours: 8 },
      { townshipCode: '330127101', sessions: 1, hours: 6 },
    ]);
  });

  it('a prefecture-wide target row wins over the sum; no row means no target', () => {
    expect(
      trainingFigures(
        2026,
        sessions,
        trainees,
        [],
        [target(2026, null, 800), target(2026, '330127', 300)],
      ).target,
    ).toBe(800);
    expect(trainingFigures(2026, sessions, trainees, [], []).target).toBeNull();
  });

  it('offers every year with sessions and the current one, newest first', () => {
    expect(trainingYears(sessions, 2027)).toEqual([2027, 2026, 2025]);
  });
});
