/**
 * "Add to home screen": keeps Chromium's beforeinstallprompt event for a button the user taps
 * later, knows when the app already runs installed, and recognises iOS Safari, which has no such
 * event and needs written instructions instead. The one-time hint's dismissal lives here too.
 */
import { useSyncExternalStore } from 'react';
import { usePwaStore, type BeforeInstallPromptEvent } from './pwaStore';

const INSTALL_HINT_DISMISSED_KEY = 'cundian.installHintDismissed';

/** Call once at start-up, before React renders: Chromium may fire the event very early. */
export function captureInstallPrompt(): void {
  window.addEventListener('beforeinstallprompt', (event) => {
    // Stop the browser's own mini-infobar; our button and hint offer it at a better moment.
    event.preventDefault();
    usePwaStore.setState({ installPrompt: event as BeforeInstallPromptEvent });
  });
  window.addEventListener('appinstalled', () => {
    usePwaStore.setState({ installPrompt: null, installedThisSession: true });
  });
}

export function isRunningStandalone(): boolean {
  const standaloneQuery =
    typeof window.matchMedia === 'function' &&
    window.matchMedia('(display-mode: standalone)').matches;
  // iOS Safari predates display-mode and reports a home-screen launch here.
  const iosStandalone = (navigator as Navigator & { standalone?: boolean }).standalone === true;
  return standaloneQuery || iosStandalone;
}

export function isIosDevice(): boolean {
  const userAgent = navigator.userAgent;
  if (/iPhone|iPad|iPod/.test(userAgent)) return true;
  // iPadOS 13+ reports itself as a Mac; a Mac has no touch screen.
  return /Macintosh/.test(userAgent) && navigator.maxTouchPoints > 1;
}

export type InstallOption =
  | { kind: 'installed' }
  | { kind: 'prompt'; install: () => Promise<void> }
  | { kind: 'ios-instructions' }
  | { kind: 'unavailable' };

async function promptInstall(event: BeforeInstallPromptEvent): Promise<void> {
  await event.prompt();
  await event.userChoice;
  // A prompt event works once; Chromium fires a fresh one if the user may ask again.
  usePwaStore.setState({ installPrompt: null });
}

/** What the install UI can offer right now on this browser. */
export function useInstallOption(): InstallOption {
  const installPrompt = usePwaStore((state) => state.installPrompt);
  const installedThisSession = usePwaStore((state) => state.installedThisSession);
  if (installedThisSession || isRunningStandalone()) return { kind: 'installed' };
  if (installPrompt) return { kind: 'prompt', install: () => promptInstall(installPrompt) };
  if (isIosDevice()) return { kind: 'ios-instructions' };
  return { kind: 'unavailable' };
}

const hintListeners = new Set<() => void>();

function readHintDismissed(): boolean {
  try {
    return localStorage.getItem(INSTALL_HINT_DISMISSED_KEY) != null;
  } catch {
    return false;
  }
}

export function dismissInstallHint(): void {
  try {
    localStorage.setItem(INSTALL_HINT_DISMISSED_KEY, new Date().toISOString());
  } catch {
    // Not remembered: the hint may come back next visit, which is harmless.
  }
  hintListeners.forEach((listener) => listener());
}

export function useInstallHintDismissed(): boolean {
  return useSyncExternalStore(
    (listener) => {
      hintListeners.add(listener);
      return () => hintListeners.delete(listener);
    },
    readHintDismissed,
    () => true,
  );
}
