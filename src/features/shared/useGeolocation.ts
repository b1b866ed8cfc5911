/**
 * GPS capture for a service point: the position watched until it is accurate enough (the threshold,
 * default 50 m, configurable in settings), its accuracy in metres shown as it improves. Positions are WGS-84, as the
 * device reports them, and are stored as such (DESIGN.md §5).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
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

export type GeoErrorReason = 'denied' | 'unavailable' | 'timeout' | 'unsupported';

export type GeoState =
  | { status: 'idle' }
  /** Watching the position; `best` is the most accurate fix so far (null before the first). */
  | { status: 'watching'; best: Location | null }
  | { status: 'error'; reason: GeoErrorReason };

/** How long to wait for a first fix before saying what to do (a cold GPS outdoors: 30–60 s). */
const FIRST_FIX_TIMEOUT_MS = 60_000;

function toLocation(position: GeolocationPosition): Location {
  return {
    lat: Math.round(position.coords.latitude * 1e7) / 1e7,
    lng: Math.round(position.coords.longitude * 1e7) / 1e7,
    accuracy: Math.round(position.coords.accuracy * 10) / 10,
    source: 'gps',
    capturedAt: new Date(position.timestamp || Date.now()).toISOString(),
  };
}

/**
 * GPS capture as ODK Collect does it: watch the position (watchPosition) and show its accuracy
 * as it improves; take it by itself as soon as it is within `threshold` metres; until then the
 * officer may take the best fix so far knowingly (the button says how accurate it is) or stop.
 * The watch ends on accept, stop, a refusal and unmount: a GPS left on drains a cheap phone.
 *
 * A timeout before any fix, a denied permission or no location service end the watch with the
 * reason (the form says what to do); a timeout after a fix keeps watching with what it has.
 */
export function useGeolocation(onAccept: (location: Location) => void, threshold: number) {
  const [state, setState] = useState<GeoState>({ status: 'idle' });
  const watchId = useRef<number | null>(null);
  // Which watch is current: callbacks of an ended watch (they may still arrive) are ignored.
  const run = useRef(0);
  const best = useRef<Location | null>(null);
  const accept = useRef(onAccept);
  useEffect(() => {
    accept.current = onAccept;
  });

  const stop = useCallback(() => {
    run.current += 1;
    if (watchId.current !== null) navigator.geolocation.clearWatch(watchId.current);
    watchId.current = null;
    best.current = null;
    setState({ status: 'idle' });
  }, []);

  const take = useCallback(
    (location: Location) => {
      stop();
      accept.current(location);
    },
    [stop],
  );

  const locate = useCallback(() => {
    if (!('geolocation' in navigator)) {
      setState({ status: 'error', reason: 'unsupported' });
      return;
    }
    if (watchId.current !== null) navigator.geolocation.clearWatch(watchId.current);
    const current = ++run.current;
    best.current = null;
    setState({ status: 'watching', best: null });
    const id = navigator.geolocation.watchPosition(
      (position) => {
        if (run.current !== current) return;
        const fix = toLocation(position);
        if (fix.accuracy !== null && fix.accuracy <= threshold) {
          take(fix);
          return;
        }
        // Keep the most accurate fix seen (a later one may be worse for a while).
        const previous = best.current;
        if (!previous || (fix.accuracy ?? Infinity) <= (previous.accuracy ?? Infinity)) {
          best.current = fix;
        }
        setState({ status: 'watching', best: best.current });
      },
      (error) => {
        if (run.current !== current) return;
        if (error.code === error.TIMEOUT && best.current) return; // keep watching with what it has
        const reason: GeoErrorReason =
          error.code === error.PERMISSION_DENIED
            ? 'denied'
            : error.code === error.TIMEOUT
              ? 'timeout'
              : 'unavailable';
        run.current += 1;
        if (watchId.current !== null) navigator.geolocation.clearWatch(watchId.current);
        watchId.current = null;
        best.current = null;
        setState({ status: 'error', reason });
      },
      // Fresh fixes only (no cached position): the officer is standing at the point now.
      { enableHighAccuracy: true, timeout: FIRST_FIX_TIMEOUT_MS, maximumAge: 0 },
    );
    // A watch already ended by its first answer (a fake, or a browser that answers at once).
    if (run.current === current) watchId.current = id;
    else navigator.geolocation.clearWatch(id);
  }, [threshold, take]);

  /** Takes the best fix so far, worse than the threshold, because the officer chose to. */
  const acceptBest = useCallback(() => {
    if (best.current) take(best.current);
  }, [take]);

  // Leaving the form stops the GPS.
  useEffect(
    () => () => {
      run.current += 1;
      if (watchId.current !== null) navigator.geolocation.clearWatch(watchId.current);
      watchId.current = null;
    },
    [],
  );

  return { state, locate, acceptBest, stop };
}
