/**
 * Whether the browser believes it has a network. navigator.onLine only knows about the link (a
 * phone on a dead village Wi-Fi says "online"); the sync engine learns the truth from its
 * requests. This is for the indicator and for hints, never for deciding whether data is safe.
 */
import { useSyncExternalStore } from 'react';

function subscribeToConnectivity(onChange: () => void): () => void {
  window.addEventListener('online', onChange);
  window.addEventListener('offline', onChange);
  return () => {
    window.removeEventListener('online', onChange);
    window.removeEventListener('offline', onChange);
  };
}

export function useOnline(): boolean {
  return useSyncExternalStore(
    subscribeToConnectivity,
    () => navigator.onLine,
    () => true,
  );
}
