/**
 * Internationalisation without a library: the current locale (a small zustand store persisted to
 * localStorage), message lookup with `{name}` interpolation, and Intl-based formatting of dates,
 * numbers and byte sizes in that locale. zh-CN is the default and the source catalogue.
 *
 * React code uses `useT()` (re-renders when the locale changes); non-React code uses `t()`.
 */
import { useCallback } from 'react';
import { create } from 'zustand';
import type { Locale } from '../domain/bilingual';
import { isPlainNumberOptions, plainNumber } from './plainFormat';
import { zhCN as zhFirst, type MessageKey } from './zh-CN';

export type { MessageKey } from './zh-CN';
export { plainAgo, plainMoment, type PlainRelativeUnit } from './plainFormat';
export type { Locale } from '../domain/bilingual';
export type MessageParams = Readonly<Record<string, string | number>>;
export type Translate = (key: MessageKey, params?: MessageParams) => string;

export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];
export const DEFAULT_LOCALE: Locale = 'zh-CN';
export const LOCALE_STORAGE_KEY = 'cundian.locale';

type Catalogue = Readonly<Record<MessageKey, string>>;
type PartOfCatalogue = Readonly<Partial<Record<MessageKey, string>>>;

/**
 * Chinese comes in two parts (the users read Chinese first, and it is the fallback for every
 * key): what the start page and the shell show is built into the first chunk (./zh-CN.ts); the
 * other screens' strings are one chunk (./zh-CN.screens.ts) that every other screen's route waits
 * for (loadScreenStrings, src/app/routes.tsx) and that the app loads once the start page shows
 * its figures. English is a chunk of its own, complete, loaded the first time it is chosen, so a
 * phone in Chinese never downloads or parses it. The service worker precaches every chunk, so
 * all of it works offline (docs/PERFORMANCE.md, "Size").
 */
const catalogues: Partial<Record<Locale, Catalogue>> = {};
const loading: Partial<Record<Locale, Promise<void>>> = {};

/**
 * Makes `locale`'s messages available: English's chunk; at once for Chinese, whose first part is
 * always there (the rest comes with the screens: loadScreenStrings).
 */
export function loadCatalogue(locale: Locale): Promise<void> {
  if (locale === 'zh-CN' || catalogues[locale]) return Promise.resolve();
  return (loading[locale] ??= import('./en').then(
    (module) => {
      catalogues.en = module.en;
    },
    (error: unknown) => {
      // Not fatal: the screens stay in Chinese, and the next choice tries again.
      delete loading[locale];
      throw error;
    },
  ));
}

let screenStrings: Promise<void> | undefined;

/**
 * Loads the Chinese strings of every screen but the start page (./zh-CN.screens.ts), once; the
 * screens already shown re-render with them (useT follows the catalogue). A screen's route waits
 * for it before the screen shows, so no screen shows a key or a gap. A failure (a chunk that
 * could not load) rejects, and the next call tries again.
 */
export function loadScreenStrings(): Promise<void> {
  return (screenStrings ??= import('./zh-CN.screens').then(
    (module) => {
      useLocaleStore.setState({ chinese: { ...zhFirst, ...module.zhScreens } });
      screenStrings = Promise.resolve();
    },
    (error: unknown) => {
      screenStrings = undefined;
      throw error;
    },
  ));
}

/** Whether the screens' Chinese strings are there (a key missing before then is not a bug). */
function hasScreenStrings(chinese: PartOfCatalogue): boolean {
  return chinese !== zhFirst;
}

function isLocale(value: unknown): value is Locale {
  return value === 'zh-CN' || value === 'en';
}

/** The saved choice, or zh-CN: the users read Chinese first, whatever the browser says. */
export function readStoredLocale(): Locale {
  try {
    const stored = globalThis.localStorage?.getItem(LOCALE_STORAGE_KEY);
    return isLocale(stored) ? stored : DEFAULT_LOCALE;
  } catch {
    // Storage can throw (disabled cookies, some private modes): fall back, never crash the shell.
    return DEFAULT_LOCALE;
  }
}

function applyDocumentLanguage(locale: Locale): void {
  // Screen readers pick their voice and browsers their CJK font from <html lang>.
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
}

interface LocaleState {
  locale: Locale;
  /** The Chinese catalogue so far: the first part, then both (loadScreenStrings). */
  chinese: PartOfCatalogue;
}

/** The locale shown: the saved one once its catalogue is loaded (see `startLocale`), else Chinese. */
const useLocaleStore = create<LocaleState>(() => ({ locale: DEFAULT_LOCALE, chinese: zhFirst }));
applyDocumentLanguage(DEFAULT_LOCALE);

/** The last choice, so a slow English chunk never overrides a later switch back to Chinese. */
let wantedLocale: Locale = DEFAULT_LOCALE;

function showLocale(locale: Locale): void {
  useLocaleStore.setState({ locale });
  applyDocumentLanguage(locale);
}

/**
 * Before the first render: shows the saved language, loading its catalogue first if it is not
 * Chinese, so an English user never sees the first screen flash in Chinese. Never rejects.
 */
export function startLocale(): Promise<void> {
  const saved = readStoredLocale();
  wantedLocale = saved;
  return loadCatalogue(saved).then(
    () => {
      if (wantedLocale === saved) showLocale(saved);
    },
    () => undefined,
  );
}

if (typeof window !== 'undefined') {
  // Another tab switched language: follow it, so two open tabs never disagree.
  window.addEventListener('storage', (event) => {
    if (event.key === LOCALE_STORAGE_KEY && isLocale(event.newValue)) {
      const locale = event.newValue;
      loadCatalogue(locale).then(
        () => showLocale(locale),
        () => undefined,
      );
    }
  });
}

export function getLocale(): Locale {
  return useLocaleStore.getState().locale;
}

/**
 * Switches the language: saved at once, shown as soon as its catalogue is there (at once for
 * Chinese and for a catalogue already loaded; after its chunk arrives otherwise).
 */
export function setLocale(locale: Locale): void {
  wantedLocale = locale;
  try {
    localStorage.setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    // Not saved across visits, but the switch still works for this one.
  }
  if (locale === 'zh-CN' || catalogues[locale]) {
    showLocale(locale);
    return;
  }
  loadCatalogue(locale).then(
    () => {
      // A later choice wins: the user may have switched back while the chunk was coming.
      if (wantedLocale === locale) showLocale(locale);
    },
    () => undefined,
  );
}

export function useLocale(): Locale {
  return useLocaleStore((state) => state.locale);
}

const PLACEHOLDER = /\{(\w+)\}/g;

function lookup(
  chinese: PartOfCatalogue,
  locale: Locale,
  key: MessageKey,
  params?: MessageParams,
): string {
  const template = (locale === 'zh-CN' ? undefined : catalogues[locale]?.[key]) ?? chinese[key];
  if (template === undefined && !hasScreenStrings(chinese)) {
    // A screen's string before the screens' part has arrived: nothing rather than a key, and the
    // part loads now; useT's screens re-render with it. (Routes wait for it: this is a slip.)
    if (import.meta.env.DEV) console.warn(`i18n: "${key}" was shown before its strings loaded`);
    loadScreenStrings().catch(() => undefined);
    return '';
  }
  // The compiler rules out unknown keys, but a key built at run time (`points.status.${x}`) with
  // an unexpected value still gets here: show the Chinese text or the key, never crash a screen.
  if (template === undefined) {
    if (import.meta.env.DEV) console.warn(`i18n: no message for "${key}"`);
    return key;
  }
  if (!params) return template;
  // An unknown placeholder stays visible as `{name}`: a bug you can see beats an empty gap.
  return template.replace(PLACEHOLDER, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  return lookup(useLocaleStore.getState().chinese, locale, key, params);
}

/** For code outside React (prompts, notifications). Components use `useT()` instead. */
export function t(key: MessageKey, params?: MessageParams): string {
  return translate(getLocale(), key, params);
}

export function useT(): Translate {
  const locale = useLocale();
  // A new function when the screens' strings arrive, so what used it re-renders with them.
  const chinese = useLocaleStore((state) => state.chinese);
  return useCallback(
    (key: MessageKey, params?: MessageParams) => lookup(chinese, locale, key, params),
    [chinese, locale],
  );
}

/**
 * Formatters made once per locale and options: constructing an Intl formatter costs far more than
 * using one, and a list of thousands of rows formats a number or a date in every row (the slow-
 * phone bench's profile of the point list found 0.47 s in `new Intl.NumberFormat` alone).
 */
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function formatterOf<T extends Intl.NumberFormat | Intl.DateTimeFormat>(
  kind: 'number' | 'date',
  options: object | undefined,
  make: (locale: Locale) => T,
): T {
  const locale = getLocale();
  const key = `${kind}|${locale}|${options ? JSON.stringify(options) : ''}`;
  let formatter = formatters.get(key) as T | undefined;
  if (!formatter) {
    formatter = make(locale);
    formatters.set(key, formatter);
  }
  return formatter;
}

export function formatNumber(value: number, options?: Intl.NumberFormatOptions): string {
  // The shapes the screens use most, without Intl: the first Intl formatter a page makes loads the
  // locale data, which was the start page's longest task on a cheap phone (./plainFormat.ts).
  const plain = isPlainNumberOptions(options) ? plainNumber(value, options) : null;
  return (
    plain ??
    formatterOf('number', options, (locale) => new Intl.NumberFormat(locale, options)).format(value)
  );
}

/**
 * Items of an enumeration in one line, as each language writes them: 网络代购、农产品销售 /
 * "Buying online, Selling produce". (Intl.ListFormat would add 和 / "and" before the last item,
 * which reads wrong in a table cell.)
 */
export function formatList(items: readonly string[]): string {
  return items.join(getLocale() === 'en' ? ', ' : '、');
}

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function toDate(value: Date | number | string): Date {
  if (value instanceof Date) return value;
  const calendarDate = typeof value === 'string' ? CALENDAR_DATE.exec(value) : null;
  if (calendarDate) {
    // '2025-03-04' is a day on the calendar, not an instant: new Date() would read it as UTC
    // midnight and show the previous day west of Greenwich.
    const [, year, month, day] = calendarDate;
    return new Date(Number(year), Number(month) - 1, Number(day));
  }
  return new Date(value);
}

/**
 * Dates (Date, epoch ms, ISO string or a 'YYYY-MM-DD' calendar date). Month spelled out by
 * default, so 3/4 is never read as 4 March by one user and 3 April by another.
 */
export function formatDate(
  value: Date | number | string,
  options: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'short', day: 'numeric' },
): string {
  return formatterOf('date', options, (locale) => new Intl.DateTimeFormat(locale, options)).format(
    toDate(value),
  );
}

const BYTE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

/** Binary units (1 KB = 1024 B), the way phones report storage. */
export function formatBytes(bytes: number): string {
  let value = Math.max(0, bytes);
  let unitIndex = 0;
  while (value >= 1024 && unitIndex < BYTE_UNITS.length - 1) {
    value /= 1024;
    unitIndex += 1;
  }
  const maximumFractionDigits = unitIndex > 0 && value < 10 ? 1 : 0;
  return `${formatNumber(value, { maximumFractionDigits })} ${BYTE_UNITS[unitIndex]}`;
}
