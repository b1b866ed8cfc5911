/**
 * The targets grid's arithmetic and checks: a split that sums to the prefecture's figure, starting
 * points that never overwrite what is set, the policy's figures only as suggestions for 2013–2015,
 * and a save that is either all valid or names the wrong cell.
 */
import { describe, expect, it } from 'vitest';
import { targetId, type Target, type TargetMetric } from './target';
import {
  cellKey,
  checkPlan,
  draftOfYear,
  fillEmpty,
  parseTargetValue,
  policyDefaults,
  splitByWeights,
  splitOverCounties,
} from './targetPlan';

function target(year: number, countyCode: string | null, metric: TargetMetric, value: number) {
  return {
    id: targetId(year, countyCode, metric),
    year,
    countyCode,
    metric,
    value,
    version: 1,
    deleted: false,
    updatedAt: null,
    updatedBy: null,
  } as unknown as Target;
}

describe('splitting the prefecture figure', () => {
  it('sums exactly to the total, by largest remainder', () => {
    expect(splitByWeights(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(splitByWeights(1500, [300, 200, 1])).toEqual([898, 599, 3]);
    for (const total of [0, 1, 7, 800, 1500, 99_999]) {
      const parts = splitByWeights(total, [312, 0, 97, 45, 210, 1, 1]);
      expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
      expect(parts[1]).toBe(0); // no rural villages, no share
    }
    expect(splitByWeights(5, [0, 0])).toEqual([0, 0]);
  });

  it('gives only that metric’s cells of counties with rural villages', () => {
    const split = splitOverCounties(100, 'servicePoints', [
      { countyCode: '330127', villages: 3 },
      { countyCode: '330122', villages: 1 },
      { countyCode: '330105', villages: 0 },
    ]);
    expect(split).toEqual({ '330127|servicePoints': '75', '330122|servicePoints': '25' });
  });
});

describe('starting points', () => {
  it('fills only empty cells', () => {
    const { draft, filled } = fillEmpty(
      { [cellKey(null, 'servicePoints')]: '1600', [cellKey('330127', 'servicePoints')]: '' },
      {
        [cellKey(null, 'servicePoints')]: '1500',
        [cellKey('330127', 'servicePoints')]: '150',
        [cellKey('330127', 'pilotsAccepted')]: '',
      },
    );
    expect(filled).toBe(1);
    expect(draft).toEqual({ 'all|servicePoints': '1600', '330127|servicePoints': '150' });
  });

  it('reads a year’s stored targets as a draft of every cell', () => {
    const draft = draftOfYear([target(2025, '330127', 'servicePoints', 150)], 2025, ['330127']);
    expect(Object.keys(draft)).toHaveLength(16);
    expect(draft['330127|servicePoints']).toBe('150');
    expect(draft['all|servicePoints']).toBe('');
  });

  it('suggests the policy’s figures for 2013–2015 only, pilots for 县 and 市 but not 区', () => {
    const counties = [
      { code: '330127', name: '淳安县' },
      { code: '330182', name: '建德市' },
      { code: '330102', name: '上城区' },
    ];
    expect(policyDefaults(2016, counties, 3)).toEqual({});
    const y2015 = policyDefaults(2015, counties, 3);
    expect(y2015).toMatchObject({
      'all|servicePoints': '1500',
      'all|agriShopsOnPlatform': '100',
      'all|traineesTrained': '800',
      'all|centralTownsWithStore': '3',
      '330127|pilotsAccepted': '2',
      '330182|pilotsAccepted': '2',
      'all|pilotsAccepted': '4',
    });
    expect(y2015['330102|pilotsAccepted']).toBeUndefined();
    expect(policyDefaults(2013, counties, 3)).toMatchObject({
      'all|servicePoints': '500',
      'all|agriShopsOnPlatform': '34',
    });
    // Flagship stores in every central town are a 2015 figure, not a yearly one.
    expect(policyDefaults(2013, counties, 3)['all|centralTownsWithStore']).toBeUndefined();
  });
});

describe('checking a save', () => {
  it('reads what people type: full-width digits and thousands separators', () => {
    expect(parseTargetValue('１５００')).toEqual({ ok: true, value: 1500 });
    expect(parseTargetValue(' 1,500 ')).toEqual({ ok: true, value: 1500 });
    expect(parseTargetValue('1，500')).toEqual({ ok: true, value: 1500 });
    expect(parseTargetValue('1.5')).toEqual({ ok: false, problem: { kind: 'notInteger' } });
    expect(parseTargetValue('-3')).toEqual({ ok: false, problem: { kind: 'negative' } });
    expect(parseTargetValue('十')).toEqual({ ok: false, problem: { kind: 'notNumber' } });
    expect(parseTargetValue('2000000')).toMatchObject({ ok: false, problem: { kind: 'tooLarge' } });
  });

  it('saves nothing when one changed cell is wrong, and names it', () => {
    const targets = [target(2026, null, 'servicePoints', 1500)];
    const check = checkPlan(
      { 'all|servicePoints': '1600', '330127|servicePoints': '-5', '330122|traineesTrained': '' },
      targets,
      2026,
    );
    expect(check).toEqual({
      status: 'invalid',
      problems: [
        {
          key: '330127|servicePoints',
          countyCode: '330127',
          metric: 'servicePoints',
          problem: { kind: 'negative' },
        },
      ],
    });
  });

  it('lists only real changes, and asks about a value over 100 × last year’s', () => {
    const targets = [
      target(2026, null, 'servicePoints', 1500),
      target(2025, '330127', 'pilotsAccepted', 2),
      target(2025, '330122', 'pilotsAccepted', 0),
    ];
    expect(checkPlan({ 'all|servicePoints': '1,500' }, targets, 2026)).toEqual({
      status: 'unchanged',
    });
    const check = checkPlan(
      {
        'all|servicePoints': '1500',
        '330127|pilotsAccepted': '201',
        '330122|pilotsAccepted': '500', // last year 0: nothing to compare with
        '330182|pilotsAccepted': '200', // exactly 100 × would be fine; no row last year anyway
      },
      targets,
      2026,
    );
    expect(check.status).toBe('ok');
    if (check.status !== 'ok') return;
    expect(check.changes.map((c) => c.key)).toEqual([
      '330127|pilotsAccepted',
      '330122|pilotsAccepted',
      '330182|pilotsAccepted',
    ]);
    expect(check.absurd).toEqual([
      expect.objectContaining({ key: '330127|pilotsAccepted', lastYear: 2 }),
    ]);
  });
});
