/**
 * The installable-app layer of the shell: service worker registration and update, install prompt
 * (the hint and the update notice are on the shell's status line, src/app/ShellStatus.tsx), persistent
 * storage, connectivity. startPwa() runs once in main.tsx.
 */
import { captureInstallPrompt } from './install';
import { registerServiceWorker } from './serviceWorker';
import { askPersistenceAfterFirstLocalWrite } from './storage';

/** `firstScreenShown`: when the first screen has shown its data (see registerServiceWorker). */
export function startPwa(firstScreenShown?: Promise<void>): void {
  captureInstallPrompt();
  askPersistenceAfterFirstLocalWrite();
  void registerServiceWorker(firstScreenShown);
}

export { InstallPanel } from './InstallPanel';
export { useInstallOption, isIosDevice, isRunningStandalone } from './install';
export {
  LOCAL_WRITE_EVENT,
  requestPersistentStorage,
  useStorageEstimate,
  type StorageEstimateState,
} from './storage';
export { useOnline } from './useOnline';
export { usePwaStore } from './pwaStore';
