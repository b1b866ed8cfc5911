/**
 * formatDate's default shape (year, short month, day) without Intl. A module of its own, imported
 * directly by the screen that needs it first (the map's print heading), so the entry chunk — the
 * start page's size budget — does not grow; formatDate itself still makes it with Intl.
 */
import type { Locale } from '../domain/bilingual';
// plainFormat is in the entry chunk already (src/i18n/index.ts): importing from it adds nothing.
import { EN_MONTHS } from './plainFormat';

/**
 * A day as Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric' })
 * writes it (formatDate's default) in the device's time zone: 2025年3月4日 / Mar 4, 2025. Years
 * 1000–9999 only. The map's first render formatted one (its print heading's date), and the
 * page's first DateTimeFormat was a 150–170 ms task at 4× (docs/PERFORMANCE.md, fifth session).
 */
export function plainDay(date: Date, locale: Locale): string | null {
  if (Number.isNaN(date.getTime())) return null;
  const year = date.getFullYear();
  if (year < 1000 || year > 9999) return null;
  const month = date.getMonth();
  const day = date.getDate();
  if (locale === 'zh-CN') return `${year}年${month + 1}月${day}日`;
  return `${EN_MONTHS[month]} ${day}, ${year}`;
}
