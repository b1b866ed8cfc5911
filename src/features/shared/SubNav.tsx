/**
 * The pills under a screen's title that switch between its views (中心镇与试点, 考核) and the year
 * picker those screens share: one piece each, so the screens look and behave alike.
 */
import { Link } from 'wouter';
import { useT } from '../../i18n';
import { FilterSelect } from './FilterSelect';
import { yearOptions } from './years';

export interface SubNavItem {
  href: string;
  label: string;
  current: boolean;
}

export function SubNav({ label, items }: { label: string; items: readonly SubNavItem[] }) {
  return (
    <nav className="towns-nav" aria-label={label}>
      {items.map((item) => (
        <Link
          key={item.href}
          href={item.href}
          className="towns-nav__link"
          aria-current={item.current ? 'page' : undefined}
        >
          {item.label}
        </Link>
      ))}
    </nav>
  );
}

/** The year filter of a screen: the years there are figures for; labelled 年度 unless given. */
export function YearSelect({
  year,
  onChange,
  label,
}: {
  year: number;
  onChange: (y: number) => void;
  label?: string;
}) {
  const t = useT();
  return (
    <FilterSelect
      label={label ?? t('year.label')}
      value={year}
      onChange={(e) => onChange(Number(e.target.value))}
    >
      {yearOptions().map((y) => (
        <option key={y} value={y}>
          {t('year.value', { year: y })}
        </option>
      ))}
    </FilterSelect>
  );
}
