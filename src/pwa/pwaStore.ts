/**
 * UI state of the installable app, shared by the update banner, the install hint and the settings
 * screen: whether a new version is waiting, and the browser's saved install prompt. Session state
 * only; nothing here is persisted except through the modules that own it.
 */
import { create } from 'zustand';

/** Chromium's install prompt event; not in the DOM typings because only Chromium has it. */
export interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<void>;
  readonly userChoice: Promise<{ outcome: 'accepted' | 'dismissed'; platform: string }>;
}

export interface PwaState {
  /** A new service worker is installed and waiting for the user to say "reload". */
  updateWaiting: boolean;
  /** Set once the user asked for the update; the page reloads when the new worker controls it. */
  updateRequested: boolean;
  installPrompt: BeforeInstallPromptEvent | null;
  /** Installed during this session (appinstalled), before display-mode can tell us. */
  installedThisSession: boolean;
}

export const usePwaStore = create<PwaState>(() => ({
  updateWaiting: false,
  updateRequested: false,
  installPrompt: null,
  installedThisSession: false,
}));
