/**
 * Registers the service worker (src/sw.ts, built to /sw.js) and runs the update flow:
 * a new version waits until the user taps "reload" in the banner, then it takes over and the page
 * reloads once. Never a silent reload: a field officer's half-filled form must survive an update.
 * Also checks for updates when the tab becomes visible again and once an hour.
 */
import type { Workbox } from 'workbox-window';
import { usePwaStore } from './pwaStore';

const UPDATE_CHECK_INTERVAL_MS = 60 * 60 * 1000;

let workbox: Workbox | null = null;
let registration: ServiceWorkerRegistration | undefined;
let reloading = false;

function reloadOnce(): void {
  if (reloading) return;
  reloading = true;
  window.location.reload();
}

function checkForUpdate(): void {
  // Offline the check can only fail; it runs again on the next visibility change or tick.
  if (!workbox || !navigator.onLine) return;
  workbox.update().catch(() => undefined);
}

/**
 * `firstScreenShown`: when the first screen has shown its data (main.tsx passes the app's gate).
 * A page the worker already controls (every start after the first) registers only then: the
 * registration (workbox-window's chunk, the browser's update check) is only an update check
 * there, and at 4× it was ~0.1 s of main thread between the page's `load` and the first
 * screen's data (docs/PERFORMANCE.md, sixth session). The very first visit registers at `load`,
 * as before: that is what makes the app work offline.
 */
export async function registerServiceWorker(firstScreenShown?: Promise<void>): Promise<void> {
  // Dev builds have no /sw.js (devOptions.enabled is false): a stale worker there would only
  // serve old code to the developer.
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;

  // After the page's own load: the worker precaches the whole shell, which must not compete
  // with the first screen for a slow village connection.
  if (document.readyState !== 'complete') {
    await new Promise((resolve) => window.addEventListener('load', resolve, { once: true }));
  }
  if (firstScreenShown && navigator.serviceWorker.controller) await firstScreenShown;
  const { Workbox } = await import('workbox-window');
  const wb = new Workbox('/sw.js', { scope: '/' });
  workbox = wb;

  // Fires for a worker that was already waiting at page load too (another tab installed it).
  wb.addEventListener('waiting', () => usePwaStore.setState({ updateWaiting: true }));

  wb.addEventListener('controlling', (event) => {
    // The very first install also "controls" (clientsClaim in sw.ts): no reload for that.
    if (!event.isUpdate) return;
    if (usePwaStore.getState().updateRequested) {
      reloadOnce();
    } else {
      // Another tab applied the update: this page still runs the old code, whose lazy chunks
      // are gone from the cache. Keep the banner up so the user reloads when it suits them.
      usePwaStore.setState({ updateWaiting: true });
    }
  });

  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') checkForUpdate();
  });
  window.setInterval(checkForUpdate, UPDATE_CHECK_INTERVAL_MS);

  try {
    registration = await wb.register();
  } catch (error) {
    // The app works without the worker, just not offline. Say so in the console, not to users.
    console.warn('Service worker registration failed', error);
  }
}

/** The user tapped "reload": let the waiting worker take over, then reload once. */
export function applyUpdate(): void {
  usePwaStore.setState({ updateRequested: true });
  if (workbox && registration?.waiting) {
    // The 'controlling' listener above reloads when the new worker has taken over.
    workbox.messageSkipWaiting();
  } else {
    // Nothing waiting any more (another tab already switched): the new worker controls us.
    reloadOnce();
  }
}
