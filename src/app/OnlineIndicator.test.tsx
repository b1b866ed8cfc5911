/**
 * The connection's status region must follow the browser's online/offline events, so a screen
 * reader hears when the link drops or comes back (the sync pill shows it to the eye).
 */
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, expect, it, vi } from 'vitest';
import { setLocale } from '../i18n';
import { OnlineIndicator } from './OnlineIndicator';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  setLocale('zh-CN');
});

function goOffline(offline: boolean) {
  vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(!offline);
  window.dispatchEvent(new Event(offline ? 'offline' : 'online'));
}

it('says 在线/离线 and changes with the offline and online events', () => {
  render(<OnlineIndicator />);
  const status = screen.getByRole('status');
  expect(status.textContent).toContain('在线');

  act(() => goOffline(true));
  expect(status.textContent).toContain('离线');
  expect(status.getAttribute('data-online')).toBe('false');

  act(() => goOffline(false));
  expect(status.textContent).toContain('在线');
});

it('speaks English when the locale is English', () => {
  setLocale('en');
  render(<OnlineIndicator />);
  act(() => goOffline(true));
  expect(screen.getByRole('status').textContent).toContain('Offline');
});
