/**
 * GPS capture for a service point: one reading with high accuracy, its accuracy in metres, and a
 * warning above a threshold (default 50 m, configurable in settings). Positions are WGS-84, as the
 * device reports them, and are stored as such (DESIGN.md §5).
 */
import { useCallback, useState } from 'react';
import type { Location } from '../../domain/common';

export const DEFAULT_ACCURACY_THRESHOLD_M = 50;
const THRESHOLD_KEY = 'cundian.gpsAccuracyThreshold';

export function accuracyThreshold(): number {
  try {
    const stored = Number(localStorage.getItem(THRESHOLD_KEY));
    return Number.isFinite(stored) && stored >= 5 && stored <= 1000
      ? stored
      : DEFAULT_ACCURACY_THRESHOLD_M;
  } catch {
    return DEFAULT_ACCURACY_THRESHOLD_M;
  }
}

export function setAccuracyThreshold(metres: number): void {
  localStorage.setItem(THRESHOLD_KEY, String(metres));
}

export type GeoState =
  | { status: 'idle' }
  | { status: 'locating' }
  | { status: 'error'; reason: 'denied' | 'unavailable' | 'timeout' | 'unsupported' };

export function useGeolocation(onLocated: (location: Location) => void) {
  const [state, setState] = useState<GeoState>({ status: 'idle' });
  const locate = useCallback(() => {
    if (!('geolocation' in navigator)) {
      setState({ status: 'error', reason: 'unsupported' });
      return;
    }
    setState({ status: 'locating' });
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setState({ status: 'idle' });
        onLocated({
          lat: Math.round(position.coords.latitude * 1e7) / 1e7,
          lng: Math.round(position.coords.longitude * 1e7) / 1e7,
          accuracy: Math.round(position.coords.accuracy * 10) / 10,
          source: 'gps',
          capturedAt: new Date(position.timestamp || Date.now()).toISOString(),
        });
      },
      (error) => {
        const reason =
          error.code === error.PERMISSION_DENIED
            ? 'denied'
            : error.code === error.TIMEOUT
              ? 'timeout'
              : 'unavailable';
        setState({ status: 'error', reason });
      },
      // A fresh fix (no cached position): the officer is standing at the point now.
      { enableHighAccuracy: true, timeout: 30_000, maximumAge: 0 },
    );
  }, [onLocated]);
  return { state, locate };
}
