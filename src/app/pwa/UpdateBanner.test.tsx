/**
 * The update banner is the only way a new version reaches a running page, and it must never
 * reload by itself: a reload would throw away a half-filled form. Tested through its props, so
 * no service worker is needed.
 */
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, expect, it, vi } from 'vitest';
import { UpdateBanner } from './UpdateBanner';

afterEach(cleanup);

it('shows nothing while no new version waits', () => {
  const { container } = render(<UpdateBanner updateWaiting={false} onReload={vi.fn()} />);
  expect(container.textContent).toBe('');
});

it('appears when a new version waits and reloads only when tapped', async () => {
  const onReload = vi.fn();
  const { rerender } = render(<UpdateBanner updateWaiting={false} onReload={onReload} />);
  rerender(<UpdateBanner updateWaiting onReload={onReload} />);

  expect(screen.getByText(/有新版本/)).toBeTruthy();
  // Time passes, the page re-renders: still no reload.
  await new Promise((resolve) => setTimeout(resolve, 20));
  rerender(<UpdateBanner updateWaiting onReload={onReload} />);
  expect(onReload).not.toHaveBeenCalled();

  const reloadButton = screen.getByRole('button', { name: '重新加载' });
  fireEvent.click(reloadButton);
  expect(onReload).toHaveBeenCalledTimes(1);

  // A second tap while the new version takes over does not ask again.
  fireEvent.click(reloadButton);
  expect(onReload).toHaveBeenCalledTimes(1);
  expect(reloadButton.getAttribute('aria-busy')).toBe('true');
});
