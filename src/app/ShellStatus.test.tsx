/**
 * The one status line must say what the banners said without taking the screen: the most
 * important notice on one line with its action, the others behind a tap. And a new version must
 * never reload by itself (a reload throws away a half-filled form): only the tap does, once.
 */
import { act, cleanup, configure, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, expect, it, onTestFinished, vi } from 'vitest';
import { usePwaStore, type BeforeInstallPromptEvent } from '../pwa/pwaStore';
import ShellStatus from './ShellStatus';

// The session comes from the local database (fake-indexeddb here): give it time on a busy machine.
configure({ asyncUtilTimeout: 5_000 });

const initialPwa = usePwaStore.getState();

beforeEach(() => {
  localStorage.clear();
  window.history.pushState({}, '', '/');
});

afterEach(() => {
  cleanup();
  usePwaStore.setState(initialPwa, true);
});

it('a new user: one line says 尚未登录 with 登录, the rest behind a tap', async () => {
  const prompt = { prompt: vi.fn(() => Promise.resolve()) } as unknown as BeforeInstallPromptEvent;
  act(() => usePwaStore.setState({ installPrompt: prompt }));
  render(<ShellStatus />);

  const line = await screen.findByRole('region', { name: '提示' });
  const toggle = await screen.findByRole('button', { name: /尚未登录：修改只存在本机/ });
  expect(toggle.textContent).toContain('另有 1 条');
  expect(toggle.getAttribute('aria-expanded')).toBe('false');
  expect(screen.getByRole('button', { name: '登录' })).toBeTruthy();
  // The full words wait in the details, hidden until the tap.
  const words = screen.getByText('尚未登录：修改只保存在本机，登录后才能同步。');
  expect(words.closest('ul')?.hidden).toBe(true);

  fireEvent.click(toggle);
  expect(toggle.getAttribute('aria-expanded')).toBe('true');
  expect(words.closest('ul')?.hidden).toBe(false);
  expect(screen.getByText('安装到手机后，没有网络也能打开。')).toBeTruthy();

  // The install hint, dismissed in the details, is gone for good; the line stays.
  fireEvent.click(screen.getByRole('button', { name: '关闭' }));
  expect(screen.queryByText('安装到手机后，没有网络也能打开。')).toBeNull();
  expect(localStorage.getItem('cundian.installHintDismissed')).not.toBeNull();
  expect(toggle.textContent).not.toContain('另有');
  expect(line.isConnected).toBe(true);
});

it('a new version: first on the line, reloads only when tapped, and only once', async () => {
  act(() => usePwaStore.setState({ updateWaiting: true }));
  // Every request to update (the real applyUpdate: it asks the store, then the worker or a reload)
  // is counted where it lands: the store. (jsdom then says "Not implemented: navigation": the
  // reload it asked for, once.)
  let requests = 0;
  const stop = usePwaStore.subscribe((state, before) => {
    if (state.updateRequested && state !== before) requests += 1;
  });
  onTestFinished(stop);
  render(<ShellStatus />);
  const toggle = await screen.findByRole('button', { name: /有新版本/ });
  // Behind it, the session notice of this (never logged in) phone.
  await screen.findByText('另有 1 条');
  expect(toggle.textContent).toContain('有新版本');
  expect(requests).toBe(0);

  const reload = screen.getByRole('button', { name: '重新加载' });
  fireEvent.click(reload);
  expect(requests).toBe(1);
  fireEvent.click(reload);
  expect(requests).toBe(1);
  expect(reload.getAttribute('aria-busy')).toBe('true');
});
