import { describe, expect, it } from 'vitest';
import { addTo, groupBy } from './groups';

describe('addTo', () => {
  it('starts a list for a new key and adds to it after', () => {
    const groups = new Map<string, number[]>();
    addTo(groups, 'a', 1);
    addTo(groups, 'b', 2);
    addTo(groups, 'a', 3);
    expect([...groups]).toEqual([
      ['a', [1, 3]],
      ['b', [2]],
    ]);
  });
});

describe('groupBy', () => {
  it('keeps the items in their order under each key, keys in first-seen order', () => {
    const groups = groupBy(['apple', 'bean', 'avocado', 'beet', 'corn'], (word) => word[0]);
    expect([...groups]).toEqual([
      ['a', ['apple', 'avocado']],
      ['b', ['bean', 'beet']],
      ['c', ['corn']],
    ]);
  });

  it('gives an empty map for no items', () => {
    expect(groupBy([], (item: string) => item).size).toBe(0);
  });
});
