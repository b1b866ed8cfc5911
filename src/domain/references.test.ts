/**
 * Whom an attendance may name: the rule the server enforces on every push and the app tells its
 * user before saving (references.ts). Pure, per role and scope.
 */
import { describe, expect, it } from 'vitest';
import type { Actor } from './scope';
import { asReferenced, referencedIds, referenceProblem, type ReferencedRecord } from './references';

const QIANDAOHU_VILLAGE = '330127100219'; // 千岛湖镇, 淳安县
const WENCHANG_VILLAGE = '330127101200'; // 文昌镇, 淳安县
const TONGLU_VILLAGE = '330122002200'; // 桐庐县

const trainee = (villageCode: string, deleted = false): ReferencedRecord =>
  asReferenced('trainee', { villageCode, deleted });

function problemFor(actor: Actor | null, named: ReferencedRecord | undefined) {
  const row = { sessionId: 's', traineeId: 't' };
  return referenceProblem(actor, 'attendance', row, (entity, id) =>
    entity === 'trainee' && id === 't' ? named : undefined,
  );
}

describe('referenceProblem for attendance', () => {
  const countyTrainer: Actor = { role: 'trainer', scope: { level: 'county', code: '330127' } };
  const townshipTrainer: Actor = {
    role: 'trainer',
    scope: { level: 'township', code: '330127100' },
  };
  const admin: Actor = { role: 'admin', scope: { level: 'prefecture', code: '3301' } };

  it('lets a county trainer sign in the trainees of the county, a township trainer those of the township', () => {
    expect(problemFor(countyTrainer, trainee(QIANDAOHU_VILLAGE))).toBeNull();
    expect(problemFor(countyTrainer, trainee(WENCHANG_VILLAGE))).toBeNull();
    expect(problemFor(townshipTrainer, trainee(QIANDAOHU_VILLAGE))).toBeNull();
    expect(problemFor(townshipTrainer, trainee(WENCHANG_VILLAGE))).toMatchObject({
      reason: 'scopeDenied',
      message: 'attendance.traineeOutsideArea',
    });
    expect(problemFor(countyTrainer, trainee(TONGLU_VILLAGE))?.reason).toBe('scopeDenied');
  });

  it('lets the prefecture’s admin sign in anyone of the prefecture', () => {
    expect(problemFor(admin, trainee(TONGLU_VILLAGE))).toBeNull();
  });

  it('refuses a deleted trainee and one that is not there, for everyone', () => {
    for (const actor of [countyTrainer, admin]) {
      expect(problemFor(actor, trainee(QIANDAOHU_VILLAGE, true))).toEqual({
        field: 'traineeId',
        reason: 'notFound',
        message: 'attendance.traineeDeleted',
      });
      expect(problemFor(actor, undefined)).toMatchObject({
        reason: 'notFound',
        message: 'attendance.traineeMissing',
      });
    }
  });

  it('judges nothing with nobody signed in (the server decides)', () => {
    expect(problemFor(null, undefined)).toBeNull();
  });

  it('names the session and the trainee for the loader; other entities name nothing', () => {
    expect(referencedIds('attendance', { sessionId: 'a', traineeId: 'b', status: 'x' })).toEqual([
      { entity: 'trainingSession', id: 'a' },
      { entity: 'trainee', id: 'b' },
    ]);
    expect(referencedIds('servicePoint', { sessionId: 'a' })).toEqual([]);
    expect(referenceProblem(admin, 'servicePoint', {}, () => undefined)).toBeNull();
  });
});
