/**
 * Targets at every level (docs/ASSESSMENT.md "Targets at every level"): a target row's area is the
 * whole deployment (countyCode null), a prefecture of a province (4 digits) or a county (6). Old
 * rows keep their ids and read as before; a prefecture's row is valid only in a province and only
 * for one of its prefectures; who may write which row is the records' scope rule (scope.ts).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { newId } from './common';
import { deployment, setDeployment } from './deployment';
import { toFieldProblems } from './messages';
import type { Scope } from './protocol';
import { canWrite, mayWriteRecord, placeOfRegion, type Actor } from './scope';
import { isTargetAreaCode, targetId, targetSchema } from './target';
import { twoPrefectureProvince } from '../test-support/province';

const built = deployment();
afterEach(() => setDeployment(built));

const row = (countyCode: string | null, id = targetId(2026, countyCode, 'servicePoints')) => ({
  id,
  version: 1,
  updatedAt: null,
  updatedBy: null,
  deleted: false,
  year: 2026,
  countyCode,
  metric: 'servicePoints',
  value: 100,
});

function problems(value: unknown): string[] {
  const result = targetSchema.safeParse(value, { reportInput: true });
  return result.success ? [] : toFieldProblems(result.error).map((p) => `${p.path}:${p.key}`);
}

describe('a target row’s area and id', () => {
  it('keeps the ids of the rows stored before areas had levels (whole area, county)', () => {
    // The ids every device and the server already hold: the derivation must never change.
    expect(targetId(2026, null, 'servicePoints')).toBe('5ddb8959-7815-5072-892a-66044f67a4d0');
    expect(targetId(2026, '330127', 'pilotsAccepted')).toBe('d4193201-ed57-581a-8a00-5a937f39ebec');
    expect(problems(row(null))).toEqual([]);
    expect(problems(row('330127'))).toEqual([]);
  });

  it('in a prefecture’s deployment (REGION=3301) no 4-digit row exists: the whole area is null', () => {
    expect(problems(row('3301'))).toEqual(['countyCode:region.targetArea']);
    expect(problems(row('3302'))).toEqual(['countyCode:region.targetArea']);
    expect(isTargetAreaCode('330127')).toBe(true);
    expect(isTargetAreaCode('3301')).toBe(false);
  });

  it('in a province: each prefecture has its own row, distinct from the province’s', () => {
    setDeployment(twoPrefectureProvince(built));
    expect(problems(row(null))).toEqual([]);
    expect(problems(row('3301'))).toEqual([]);
    expect(problems(row('3302'))).toEqual([]);
    expect(problems(row('330225'))).toEqual([]);
    expect(targetId(2026, '3301', 'servicePoints')).not.toBe(targetId(2026, null, 'servicePoints'));
    expect(targetId(2026, '3301', 'servicePoints')).not.toBe(
      targetId(2026, '3302', 'servicePoints'),
    );
    // The province's own code is the null row; a prefecture outside the province is none.
    expect(problems(row('33'))).toEqual(['countyCode:region.targetArea']);
    expect(problems(row('3303'))).toEqual(['countyCode:region.targetArea']);
    expect(problems(row('4401'))).toEqual(['countyCode:region.targetArea']);
    // The id is still derived from (year, area, metric).
    expect(problems(row('3302', newId()))).toEqual(['id:id.invalid']);
    expect(problems(row('3302', targetId(2026, '3301', 'servicePoints')))).toEqual([
      'id:id.invalid',
    ]);
  });
});

describe('who may write which area’s target', () => {
  const admin = (scope: Scope): Actor => ({ role: 'admin', scope });
  const writes = (actor: Actor) =>
    [null, '3301', '330127', '3302', '330225'].filter((code) =>
      canWrite(actor, 'target', placeOfRegion(code)),
    );

  it('an admin writes the targets of their area and of the areas inside it', () => {
    setDeployment(twoPrefectureProvince(built));
    expect(writes(admin({ level: 'province', code: '33' }))).toEqual([
      null,
      '3301',
      '330127',
      '3302',
      '330225',
    ]);
    expect(writes(admin({ level: 'prefecture', code: '3302' }))).toEqual(['3302', '330225']);
    expect(writes(admin({ level: 'county', code: '330225' }))).toEqual(['330225']);
    expect(writes({ role: 'coordinator', scope: { level: 'prefecture', code: '3302' } })).toEqual(
      [],
    );
    // The screens ask the same of a stored row.
    const ningbo = admin({ level: 'prefecture', code: '3302' });
    expect(mayWriteRecord(ningbo, 'target', row('3302'))).toBe(true);
    expect(mayWriteRecord(ningbo, 'target', row('3301'))).toBe(false);
    expect(mayWriteRecord(ningbo, 'target', row(null))).toBe(false);
  });

  it('REGION=3301 is unchanged: the city’s admin writes every row, a county admin their county’s', () => {
    expect(writes(admin({ level: 'prefecture', code: '3301' }))).toEqual([null, '3301', '330127']);
    expect(writes(admin({ level: 'county', code: '330127' }))).toEqual(['330127']);
  });
});
