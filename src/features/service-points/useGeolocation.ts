/**
 * GPS capture for a service point: one reading with high accuracy, its accuracy in metres, and a
 * warning above a threshold (default 50 m, configurable in settings). Positions are WGS-84, as the
 * device reports them, and are stored as such (DESIGN.md §5).
 */
import { useCallback, useState } from 'react';
import type { Location } from '../../domain/common';

export const DEFAULT_ACCURACY_THRESHOLD_M = 50;
/**
 * What the setting accepts: below 10 m a phone's GPS would warn nearly every time (a good fix
 * outdoors is 5–15 m); above 500 m a point could be placed in the next village without a word.
 */
export const MIN_ACCURACY_THRESHOLD_M = 10;
export const MAX_ACCURACY_THRESHOLD_M = 500;
const THRESHOLD_KEY = 'cundian.gpsAccuracyThreshold';

/** A threshold as typed (whole metres in the range), or null when it is not acceptable. */
export function parseAccuracyThreshold(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return null;
  const metres = Number(trimmed);
  return metres >= MIN_ACCURACY_THRESHOLD_M && metres <= MAX_ACCURACY_THRESHOLD_M ? metres : null;
}

/** The threshold set on this device (settings), or the default when unset or not acceptable. */
export function accuracyThreshold(): number {
  try {
    return (
      parseAccuracyThreshold(localStorage.getItem(THRESHOLD_KEY) ?? '') ??
      DEFAULT_ACCURACY_THRESHOLD_M
    );
  } catch {
    return DEFAULT_ACCURACY_THRESHOLD_M;
  }
}

/** Remembers the threshold on this device; false when storage is off (private mode). */
export function setAccuracyThreshold(metres: number): boolean {
  try {
    localStorage.setItem(THRESHOLD_KEY, String(metres));
    return true;
  } catch {
    return false;
  }
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
