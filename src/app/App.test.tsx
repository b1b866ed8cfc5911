/**
 * The shell as a user meets it: Chinese first, a language switch that changes every label at
 * once, and a choice that is still there on the next visit (the store is rebuilt from
 * localStorage, as it is when the app is opened again).
 */
import { act, cleanup, configure, fireEvent, render, screen, within } from '@testing-library/react';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { serveRegionFiles } from '../test-support/regions';

// The first screen is a lazy chunk that reads the database: on a cold, busy test machine its
// modules can take longer than testing-library's default second to load.
configure({ asyncUtilTimeout: 5_000 });

async function renderFreshApp() {
  // A fresh module graph: the locale store is created again from localStorage, like a new visit.
  vi.resetModules();
  // As src/main.tsx does before the first render: the saved language's catalogue is loaded first.
  const { startLocale } = await import('../i18n');
  await startLocale();
  const { App } = await import('./App');
  return render(<App />);
}

beforeEach(() => {
  // jsdom has no scrolling; the layout scrolls to the top after each navigation.
  vi.spyOn(window, 'scrollTo').mockImplementation(() => undefined);
  localStorage.clear();
  window.history.pushState({}, '', '/');
});

// The app starts loading screens (and their lazy parts) that these tests never wait for: the
// settings screen's 离线底图 section was still importing when this file ended, ran into the
// file's environment teardown and broke that module for the next files of the shared worker
// (EnvironmentTeardownError on a clean-clone CI run). Importing them here waits for those loads.
afterAll(async () => {
  await Promise.all([
    import('../features/settings/SettingsScreen'),
    import('../features/settings/OfflineMapSection'),
    import('../features/settings/PasswordSection'),
  ]);
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

// Each test loads the app's module graph afresh; on a busy machine that takes more than 5 s.
describe('App shell', { timeout: 30_000 }, () => {
  it('renders the shell at / in Chinese', async () => {
    // The start page's strings are built in; the other screens' come later (src/i18n): the
    // shell and the board must not ask for one of those (i18n warns, and shows a gap meanwhile).
    const warn = vi.spyOn(console, 'warn');
    // The board shows its figures once the region file is read (public/, served as the app does).
    serveRegionFiles();
    await renderFreshApp();

    const nav = screen.getByRole('navigation', { name: '主导航' });
    const tabs = within(nav).getAllByRole('link');
    expect(tabs.map((tab) => tab.textContent)).toEqual(['概览', '服务点', '培训', '地图', '更多']);
    expect(within(nav).getByRole('link', { name: '概览' }).getAttribute('aria-current')).toBe(
      'page',
    );
    expect(within(nav).getByRole('link', { name: '地图' }).getAttribute('aria-current')).toBeNull();

    expect(await screen.findByRole('heading', { level: 1, name: '概览' })).toBeTruthy();
    // The connection is announced by a hidden status region (the sync pill and the status line
    // are regions of their own).
    expect(screen.getAllByRole('status').map((region) => region.textContent)).toContain(
      '网络状态 在线',
    );
    expect(document.documentElement.lang).toBe('zh-CN');
    await screen.findByTestId('board');
    const early = warn.mock.calls.map((call) => String(call[0]));
    expect(early.filter((message) => message.includes('before its strings loaded'))).toEqual([]);
  });

  it('switches to English and keeps the choice for the next visit', async () => {
    await renderFreshApp();
    await screen.findByRole('heading', { level: 1, name: '概览' });

    act(() => {
      fireEvent.click(screen.getByRole('button', { name: 'EN English' }));
    });

    // A fresh module graph has only Chinese: English arrives as its own chunk, then every label
    // changes at once.
    await screen.findByRole('heading', { level: 1, name: 'Overview' });
    const nav = screen.getByRole('navigation', { name: 'Main navigation' });
    expect(
      within(nav)
        .getAllByRole('link')
        .map((tab) => tab.textContent),
    ).toEqual(['Overview', 'Points', 'Training', 'Map', 'More']);
    expect(screen.getByRole('heading', { level: 1, name: 'Overview' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'EN English' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    expect(document.documentElement.lang).toBe('en');
    expect(localStorage.getItem('cundian.locale')).toBe('en');

    cleanup();
    await renderFreshApp();
    expect(screen.getByRole('navigation', { name: 'Main navigation' })).toBeTruthy();
    expect(await screen.findByRole('heading', { level: 1, name: 'Overview' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('en');
  });

  it('navigates with the tabs and shows a 404 for unknown paths', async () => {
    await renderFreshApp();
    await screen.findByRole('heading', { level: 1, name: '概览' });

    act(() => {
      fireEvent.click(screen.getByRole('link', { name: '更多' }));
    });
    expect(await screen.findByRole('heading', { level: 1, name: '同步与设置' })).toBeTruthy();
    expect(screen.getByRole('link', { name: '更多' }).getAttribute('aria-current')).toBe('page');
    expect(document.querySelector('[data-slot="sync-status"]')).not.toBeNull();
    expect(document.title).toBe('同步与设置 · 村电通');

    act(() => {
      window.history.pushState({}, '', '/no/such/page');
      window.dispatchEvent(new PopStateEvent('popstate'));
    });
    expect(await screen.findByRole('heading', { level: 1, name: '找不到这个页面' })).toBeTruthy();
    expect(screen.getByText(/\/no\/such\/page/)).toBeTruthy();
  });
});
