/**
 * The five destinations of the tab bar (side rail on wide screens) and which paths belong to each.
 * Secondary screens without a tab of their own (the central towns) sit under "more", where they
 * are linked from.
 */
import type { IconName } from '../ui';
import type { MessageKey } from './i18n';

export interface NavigationTab {
  href: string;
  labelKey: MessageKey;
  icon: IconName;
  /** Paths that light up this tab, besides its own. */
  sectionPaths: readonly string[];
}

export const NAVIGATION_TABS: readonly NavigationTab[] = [
  { href: '/', labelKey: 'nav.dashboard', icon: 'home', sectionPaths: [] },
  { href: '/points', labelKey: 'nav.points', icon: 'pin', sectionPaths: ['/points'] },
  { href: '/training', labelKey: 'nav.training', icon: 'users', sectionPaths: ['/training'] },
  { href: '/map', labelKey: 'nav.map', icon: 'map', sectionPaths: ['/map'] },
  {
    href: '/settings',
    labelKey: 'nav.more',
    icon: 'more',
    sectionPaths: ['/settings', '/towns', '/users', '/sync', '/login', '/assessment'],
  },
];

function isUnder(path: string, section: string): boolean {
  return path === section || path.startsWith(`${section}/`);
}

/** 'page' on the tab's own screen, 'true' inside its section, false elsewhere. */
export function tabCurrentState(tab: NavigationTab, path: string): 'page' | 'true' | false {
  if (path === tab.href) return 'page';
  return tab.sectionPaths.some((section) => isUnder(path, section)) ? 'true' : false;
}
