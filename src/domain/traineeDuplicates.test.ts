/**
 * One person registered twice is counted twice toward the yearly 800, and gets two rows at the
 * roll call. These rules decide what is worth a warning before saving a trainee and which rows of
 * an imported list are people already on the device.
 */
import { describe, expect, it } from 'vitest';
import { findLikelyTraineeDuplicates, normalisePhone, traineeMatcher } from './traineeDuplicates';

const V1 = '330127100219';
const V2 = '330127100220';
const tr = (
  id: string,
  name: string,
  villageCode = V1,
  phone: string | null = null,
  deleted = false,
) => ({
  id,
  name,
  kind: 'youth' as const,
  villageCode,
  phone,
  deleted,
});

describe('likely duplicate trainees', () => {
  it('same name and same phone is a duplicate, wherever they live', () => {
    const found = findLikelyTraineeDuplicates(tr('new', '王芳', V2, '+86 138-1234-5678'), [
      tr('a', '王芳', V1, '13812345678'),
    ]);
    expect(found.map((m) => [m.trainee.id, m.reason])).toEqual([['a', 'sameNamePhone']]);
  });

  it('same name in the same village is a duplicate, even without phones', () => {
    const found = findLikelyTraineeDuplicates(tr('new', '王 芳', V1), [tr('a', '王芳', V1)]);
    expect(found.map((m) => m.reason)).toEqual(['sameNameVillage']);
  });

  it('the stronger reason comes first and a person is listed once', () => {
    const found = findLikelyTraineeDuplicates(tr('new', '王芳', V1, '13812345678'), [
      tr('b', '王芳', V1, null),
      tr('a', '王芳', V1, '13812345678'),
    ]);
    expect(found.map((m) => [m.trainee.id, m.reason])).toEqual([
      ['a', 'sameNamePhone'],
      ['b', 'sameNameVillage'],
    ]);
  });

  it('same name elsewhere with another phone, same phone with another name: not duplicates', () => {
    expect(
      findLikelyTraineeDuplicates(tr('new', '王芳', V2, '13812345678'), [
        tr('a', '王芳', V1, '13900000000'),
        tr('b', '李明', V2, '13812345678'),
      ]),
    ).toEqual([]);
  });

  it('ignores deleted trainees and the trainee itself (editing)', () => {
    expect(
      findLikelyTraineeDuplicates(tr('a', '王芳', V1), [
        tr('a', '王芳', V1),
        tr('x', '王芳', V1, null, true),
      ]),
    ).toEqual([]);
  });

  it('full-width and spaced names match; phones lose +86 and separators', () => {
    const match = traineeMatcher([tr('a', 'ＡＢ 张', V1)]);
    expect(match(tr('n', 'ab张', V1))).toHaveLength(1);
    expect(normalisePhone('+86 138 1234 5678')).toBe('13812345678');
    expect(normalisePhone(null)).toBe('');
  });
});
