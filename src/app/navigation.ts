/**
 * The five destinations of the tab bar (side rail on wide screens) and which paths belong to each.
 * Secondary screens without a tab of their own (the central towns) sit under "more", where they
 * are linked from.
 */
import { matchRoute, paths, type Screen } from '../features/shared/paths';
import type { IconName } from '../ui';
import type { MessageKey } from '../i18n';

export interface NavigationTab {
  href: string;
  labelKey: MessageKey;
  icon: IconName;
  /** The screens of the route table (src/features/shared/paths.ts) that light up this tab. */
  screens: readonly Screen[];
}

export const NAVIGATION_TABS: readonly NavigationTab[] = [
  { href: paths.dashboard(), labelKey: 'nav.dashboard', icon: 'home', screens: [] },
  { href: paths.points(), labelKey: 'nav.points', icon: 'pin', screens: ['points'] },
  { href: paths.training(), labelKey: 'nav.training', icon: 'users', screens: ['training'] },
  { href: paths.map(), labelKey: 'nav.map', icon: 'map', screens: ['map'] },
  {
    href: paths.settings(),
    labelKey: 'nav.more',
    icon: 'more',
    screens: ['settings', 'towns', 'users', 'conflicts', 'login', 'assessment', 'report'],
  },
];

/** 'page' on the tab's own screen, 'true' inside its section, false elsewhere. */
export function tabCurrentState(tab: NavigationTab, path: string): 'page' | 'true' | false {
  if (path === tab.href) return 'page';
  const route = matchRoute(path);
  return route && tab.screens.includes(route.screen) ? 'true' : false;
}
