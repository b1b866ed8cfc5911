/** Which tab is lit for which path: the towns screen lives under "more", where it is linked. */
import { expect, it } from 'vitest';
import { NAVIGATION_TABS, tabCurrentState } from './navigation';

function currentTabs(path: string) {
  return NAVIGATION_TABS.map((tab) => [tab.href, tabCurrentState(tab, path)] as const).filter(
    ([, state]) => state,
  );
}

it('marks exactly one tab for each screen', () => {
  expect(currentTabs('/')).toEqual([['/', 'page']]);
  expect(currentTabs('/points')).toEqual([['/points', 'page']]);
  expect(currentTabs('/points/0190abcd')).toEqual([['/points', 'true']]);
  expect(currentTabs('/towns')).toEqual([['/settings', 'true']]);
  expect(currentTabs('/pointsx')).toEqual([]);
});
