/**
 * The main navigation: a bottom tab bar of five thumb-sized tabs on phones, a side rail on wide
 * screens (the CSS moves it). The current tab carries aria-current.
 */
import { Link, useLocation } from 'wouter';
import { Icon } from '../ui';
import { useT } from '../i18n';
import { NAVIGATION_TABS, tabCurrentState } from './navigation';

export function TabBar() {
  const t = useT();
  const [path] = useLocation();
  return (
    <nav className="tab-bar" aria-label={t('nav.label')}>
      <ul className="tab-bar__list">
        {NAVIGATION_TABS.map((tab) => {
          const current = tabCurrentState(tab, path);
          return (
            <li key={tab.href}>
              <Link
                href={tab.href}
                className={current ? 'tab tab--active' : 'tab'}
                aria-current={current || undefined}
              >
                <span className="tab__icon">
                  <Icon name={tab.icon} />
                </span>
                <span className="tab__label">{t(tab.labelKey)}</span>
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
