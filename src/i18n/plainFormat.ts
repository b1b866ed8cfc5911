/**
 * The few formats the first screen shows, written without Intl: "1,500", "13%", "6月29日 08:30",
 * "3分钟前". The FIRST Intl formatter a page constructs (any kind: number, date, relative time,
 * collator) loads the ICU locale data, and on a cheap phone that one construction took
 * 0.1–0.75 s of the start page's main thread (the slow-phone bench's profile, 4× CPU;
 * docs/PERFORMANCE.md). Every format here gives exactly what Intl gives for zh-CN and en — the
 * property tests (plainFormat.test.ts) compare them over generated values — and anything outside
 * these shapes returns null, so the caller falls back to Intl itself.
 */
import type { Locale } from '../domain/bilingual';

/** The number options the plain path understands; any other option goes to Intl. */
export interface PlainNumberOptions {
  style?: 'decimal' | 'percent';
  maximumFractionDigits?: number;
  minimumFractionDigits?: number;
}

const PLAIN_NUMBER_OPTIONS = new Set(['style', 'maximumFractionDigits', 'minimumFractionDigits']);

/** True when every option given is one the plain path formats like Intl. */
export function isPlainNumberOptions(options: object | undefined): options is PlainNumberOptions {
  if (!options) return true;
  for (const [key, value] of Object.entries(options)) {
    if (!PLAIN_NUMBER_OPTIONS.has(key)) return false;
    if (key === 'style' && value !== 'decimal' && value !== 'percent') return false;
    if (key !== 'style' && !(Number.isInteger(value) && value >= 0 && value <= 20)) return false;
  }
  return true;
}

/** "1234567" → "1,234,567": zh-CN and en both group by thousands with a comma. */
function grouped(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * `value` as Intl.NumberFormat('zh-CN' | 'en', options) writes it, or null where this path does
 * not know (an exponent in the shortest decimal, a non-finite value, another option). Rounding is
 * Intl's: half away from zero on the shortest decimal that reads back as the value (1.005 → 1.01,
 * which toFixed would write 1.00).
 */
export function plainNumber(value: number, options?: PlainNumberOptions): string | null {
  if (!Number.isFinite(value)) return null;
  const percent = options?.style === 'percent';
  const max = options?.maximumFractionDigits ?? (percent ? 0 : 3);
  const min = Math.min(options?.minimumFractionDigits ?? 0, 20);
  if (min > max) return null; // Intl throws a RangeError: let it say so
  const shortest = String(Math.abs(value));
  if (shortest.includes('e')) return null;
  // Scaling and rounding on the decimal string, not the binary value (0.145 × 100 is 14.499…).
  const scaled = percent ? Number(`${shortest}e2`) : Number(shortest);
  const rounded = Math.round(Number(`${scaled}e${max}`));
  if (!Number.isSafeInteger(rounded) || String(rounded).includes('e')) return null;
  let digits = String(rounded).padStart(max + 1, '0');
  let fraction = max > 0 ? digits.slice(-max) : '';
  digits = max > 0 ? digits.slice(0, -max) : digits;
  fraction = fraction.replace(/0+$/, '').padEnd(min, '0');
  const sign = value < 0 || Object.is(value, -0) ? '-' : '';
  return `${sign}${grouped(digits)}${fraction ? `.${fraction}` : ''}${percent ? '%' : ''}`;
}

/** The months' short English names, as Intl writes them ('short'). */
export const EN_MONTHS = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
] as const;

const two = (n: number) => String(n).padStart(2, '0');

/**
 * A moment as Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', hour: '2-digit',
 * minute: '2-digit' }) writes it in the device's time zone: 6月29日 08:30 / Jun 29, 08:30 AM.
 */
export function plainMoment(date: Date, locale: Locale): string | null {
  if (Number.isNaN(date.getTime())) return null;
  const month = date.getMonth();
  const day = date.getDate();
  const hours = date.getHours();
  const minutes = two(date.getMinutes());
  if (locale === 'zh-CN') return `${month + 1}月${day}日 ${two(hours)}:${minutes}`;
  const twelve = hours % 12 === 0 ? 12 : hours % 12;
  return `${EN_MONTHS[month]} ${day}, ${two(twelve)}:${minutes} ${hours < 12 ? 'AM' : 'PM'}`;
}

export type PlainRelativeUnit = 'minute' | 'hour' | 'day' | 'week' | 'month';

const ZH_UNITS: Record<PlainRelativeUnit, string> = {
  minute: '分钟',
  hour: '小时',
  day: '天',
  week: '周',
  month: '个月',
};
const ZH_NAMED: Partial<Record<PlainRelativeUnit, Record<number, string>>> = {
  day: { 1: '昨天', 2: '前天' },
  week: { 1: '上周' },
  month: { 1: '上个月' },
};
const EN_UNITS: Record<PlainRelativeUnit, [one: string, many: string]> = {
  minute: ['min.', 'min.'],
  hour: ['hr.', 'hr.'],
  day: ['day', 'days'],
  week: ['wk.', 'wk.'],
  month: ['mo.', 'mo.'],
};
const EN_NAMED: Partial<Record<PlainRelativeUnit, string>> = {
  day: 'yesterday',
  week: 'last wk.',
  month: 'last mo.',
};

/**
 * `ago` units in the past as Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'short' })
 * writes it (format(-ago, unit)): 3分钟前, 昨天 / 3 min. ago, yesterday. Whole positive `ago` only.
 */
export function plainAgo(ago: number, unit: PlainRelativeUnit, locale: Locale): string | null {
  if (!Number.isSafeInteger(ago) || ago < 1) return null;
  const count = plainNumber(ago);
  if (locale === 'zh-CN') return ZH_NAMED[unit]?.[ago] ?? `${count}${ZH_UNITS[unit]}前`;
  if (ago === 1 && EN_NAMED[unit]) return EN_NAMED[unit];
  return `${count} ${EN_UNITS[unit][ago === 1 ? 0 : 1]} ago`;
}
