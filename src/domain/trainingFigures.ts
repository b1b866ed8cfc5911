/**
 * The training figures the programme is judged on (policy §四: 800 village officials and rural
 * youth trained a year): how many different people were trained in a year, against the yearly
 * target from the Target rows (never a constant), by county and by kind; hours per trained
 * person; sessions per township.
 *
 * Counting rules: a person is trained in a year when they attended (present or late) at least one
 * session whose first day is in that year. A person at three sessions counts once. Absent rows,
 * rows taken off the list, deleted rows (trainee, session or attendance) and sessions of other
 * years do not count. The
 * county of a trainee is that of their village. Pure: the same maths can run on the server.
 */
import type { Attendance } from './attendance';
import type { Target } from './target';
import type { Trainee, TraineeKind } from './trainee';
import type { TrainingSession } from './trainingSession';
import { attended, findTarget, sessionYear } from './countRules';

export interface CountyFigure {
  countyCode: string;
  trained: number;
  /** The county's own target row for the year, or null when there is none. */
  target: number | null;
}

export interface TownshipSessions {
  townshipCode: string;
  sessions: number;
  hours: number;
}

export interface TrainingFigures {
  year: number;
  trained: number;
  /** The prefecture-wide target row, else the sum of the county rows, else null. */
  target: number | null;
  byCounty: CountyFigure[];
  byKind: Record<TraineeKind, number>;
  /** Attended hours summed over every trained person, and the mean per person. */
  totalHours: number;
  hoursPerTrainee: number;
  sessions: number;
  byTownship: TownshipSessions[];
}

type SessionLike = Pick<TrainingSession, 'id' | 'startDate' | 'townshipCode' | 'hours' | 'deleted'>;
type TraineeLike = Pick<Trainee, 'id' | 'kind' | 'villageCode' | 'deleted'>;
type AttendanceLike = Pick<
  Attendance,
  'sessionId' | 'traineeId' | 'status' | 'deleted' | 'onRoster'
>;

export function trainingFigures(
  year: number,
  sessions: readonly SessionLike[],
  trainees: readonly TraineeLike[],
  attendance: readonly AttendanceLike[],
  targets: readonly Target[],
): TrainingFigures {
  const sessionsOfYear = new Map<string, SessionLike>();
  const townships = new Map<string, TownshipSessions>();
  for (const s of sessions) {
    if (s.deleted || sessionYear(s) !== year) continue;
    sessionsOfYear.set(s.id, s);
    const tw = townships.get(s.townshipCode) ?? {
      townshipCode: s.townshipCode,
      sessions: 0,
      hours: 0,
    };
    tw.sessions += 1;
    tw.hours += s.hours;
    townships.set(s.townshipCode, tw);
  }
  const traineesById = new Map<string, TraineeLike>();
  for (const t of trainees) if (!t.deleted) traineesById.set(t.id, t);

  // Hours per person: a person marked twice for one session (two devices merge to one row, but a
  // stale copy may linger) still gets that session's hours once.
  const hoursByTrainee = new Map<string, number>();
  const counted = new Set<string>();
  for (const a of attendance) {
    if (!attended(a)) continue;
    const session = sessionsOfYear.get(a.sessionId);
    if (!session || !traineesById.has(a.traineeId)) continue;
    const pair = `${a.sessionId}|${a.traineeId}`;
    if (counted.has(pair)) continue;
    counted.add(pair);
    hoursByTrainee.set(a.traineeId, (hoursByTrainee.get(a.traineeId) ?? 0) + session.hours);
  }

  const byKind: Record<TraineeKind, number> = { official: 0, youth: 0 };
  const trainedByCounty = new Map<string, number>();
  let totalHours = 0;
  for (const [traineeId, hours] of hoursByTrainee) {
    const t = traineesById.get(traineeId)!;
    byKind[t.kind] += 1;
    const county = t.villageCode.slice(0, 6);
    trainedByCounty.set(county, (trainedByCounty.get(county) ?? 0) + 1);
    totalHours += hours;
  }

  const countyTargets = targets.filter(
    (t) => !t.deleted && t.year === year && t.metric === 'traineesTrained' && t.countyCode,
  );
  const counties = new Set([...trainedByCounty.keys(), ...countyTargets.map((t) => t.countyCode!)]);
  const byCounty = [...counties].sort().map((countyCode) => ({
    countyCode,
    trained: trainedByCounty.get(countyCode) ?? 0,
    target: findTarget(targets, year, 'traineesTrained', countyCode)?.value ?? null,
  }));
  const prefectureTarget = findTarget(targets, year, 'traineesTrained', null)?.value;
  const target =
    prefectureTarget ??
    (countyTargets.length > 0 ? countyTargets.reduce((sum, t) => sum + t.value, 0) : null);

  const trained = hoursByTrainee.size;
  return {
    year,
    trained,
    target,
    byCounty,
    byKind,
    totalHours,
    hoursPerTrainee: trained === 0 ? 0 : totalHours / trained,
    sessions: sessionsOfYear.size,
    byTownship: [...townships.values()].sort(
      (a, b) => b.sessions - a.sessions || a.townshipCode.localeCompare(b.townshipCode),
    ),
  };
}

/** Years worth offering in the year picker: every session's year and the current one, newest first. */
export function trainingYears(
  sessions: readonly Pick<TrainingSession, 'startDate' | 'deleted'>[],
  currentYear: number,
): number[] {
  const years = new Set([currentYear]);
  for (const s of sessions) if (!s.deleted) years.add(sessionYear(s));
  return [...years].sort((a, b) => b - a);
}
