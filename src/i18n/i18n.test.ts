/**
 * The English catalogue must say the same things as the Chinese one: the compiler already checks
 * the keys (en.ts is typed against zh-CN.ts); this also checks the `{placeholders}`, which it
 * cannot, because a dropped `{count}` silently shows a sentence without its number.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { en } from './en';
import { zhCN as zhFirst } from './zh-CN';
import { zhScreens } from './zh-CN.screens';
import { formatBytes, formatDate, setLocale, t, translate, type MessageKey } from './index';

function placeholdersOf(message: string): string[] {
  return [...message.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '').sort();
}

// Chinese in two parts: the start page's and the shell's (first chunk) and the other screens'.
const zhCN = { ...zhFirst, ...zhScreens };

describe('catalogues', () => {
  it("split Chinese in parts that share no key (neither can change the other's words)", () => {
    const screensKeys = new Set(Object.keys(zhScreens));
    expect(Object.keys(zhFirst).filter((key) => screensKeys.has(key))).toEqual([]);
  });

  it('have the same keys', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
  });

  it('have the same placeholders for every key', () => {
    for (const [key, chinese] of Object.entries(zhCN)) {
      const english = (en as Record<string, string>)[key] ?? '';
      expect({ key, placeholders: placeholdersOf(english) }).toEqual({
        key,
        placeholders: placeholdersOf(chinese),
      });
    }
  });

  it('have no empty strings', () => {
    for (const catalogue of [zhCN, en]) {
      for (const message of Object.values(catalogue)) expect(message.trim()).not.toBe('');
    }
  });
});

describe('translate', () => {
  afterEach(() => setLocale('zh-CN'));

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('zh-CN', 'settings.about.version', { version: '1.2.3' })).toBe('版本 1.2.3');
    expect(translate('en', 'settings.about.version', {})).toBe('Version {version}');
  });

  it('shows the key instead of crashing when a run-time key is missing', () => {
    expect(translate('en', 'no.such.key' as MessageKey)).toBe('no.such.key');
  });

  it('follows the current locale in t()', () => {
    expect(t('nav.dashboard')).toBe('概览');
    setLocale('en');
    expect(t('nav.dashboard')).toBe('Overview');
    expect(document.documentElement.lang).toBe('en');
  });

  it('reads a calendar date as that day, in the current language', () => {
    expect(formatDate('2025-03-04')).toBe('2025年3月4日');
    setLocale('en');
    expect(formatDate('2025-03-04')).toBe('Mar 4, 2025');
  });

  it('formats bytes in binary units', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(250 * 1024 * 1024)).toBe('250 MB');
  });
});

describe('the English catalogue, loaded only when chosen', () => {
  it('keeps Chinese on screen until English has arrived, then switches, and remembers it', async () => {
    // A fresh module graph, as on a phone's first start: only Chinese is built in.
    vi.resetModules();
    localStorage.clear();
    const fresh = await import('./index');
    expect(fresh.getLocale()).toBe('zh-CN');

    fresh.setLocale('en');
    // Saved at once; shown once the chunk is there (never a mix of languages on one screen).
    expect(localStorage.getItem('cundian.locale')).toBe('en');
    expect(fresh.getLocale()).toBe('zh-CN');
    expect(fresh.t('nav.dashboard')).toBe('概览');
    await fresh.loadCatalogue('en');
    await vi.waitFor(() => expect(fresh.getLocale()).toBe('en'));
    expect(fresh.t('nav.dashboard')).toBe('Overview');

    // The next visit starts in English, its catalogue loaded before the first render.
    vi.resetModules();
    const next = await import('./index');
    expect(next.getLocale()).toBe('zh-CN');
    await next.startLocale();
    expect(next.getLocale()).toBe('en');
    expect(document.documentElement.lang).toBe('en');
    next.setLocale('zh-CN');
  });

  it('lets a later choice win over a slow English chunk', async () => {
    vi.resetModules();
    localStorage.clear();
    const fresh = await import('./index');
    fresh.setLocale('en');
    fresh.setLocale('zh-CN');
    await fresh.loadCatalogue('en');
    await Promise.resolve();
    expect(fresh.getLocale()).toBe('zh-CN');
    expect(localStorage.getItem('cundian.locale')).toBe('zh-CN');
  });
});

describe("the other screens' Chinese strings, loaded with them", () => {
  it('are not there on a first start; a key of theirs shows nothing (never the key) until they are', async () => {
    // A fresh module graph, as on a phone's first start: only the start page's part is built in.
    vi.resetModules();
    localStorage.clear();
    const fresh = await import('./index');
    expect(fresh.t('nav.dashboard')).toBe('概览');
    expect(fresh.t('screen.points')).toBe('服务点');
    const aScreensKey = Object.keys(zhScreens)[0] as MessageKey;
    expect(fresh.t(aScreensKey)).toBe('');

    await fresh.loadScreenStrings();
    expect(fresh.t(aScreensKey)).toBe(zhScreens[aScreensKey as keyof typeof zhScreens]);
    // Still the key for a key that is nowhere, once everything is there.
    expect(fresh.t('no.such.key' as MessageKey)).toBe('no.such.key');
  });
});
