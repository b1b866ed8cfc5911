/**
 * What the idle lock reads before anything else loads (it is in the start bundle, so no
 * database here): whether this device keeps a password hash to lock with, set at sign-in and
 * cleared by a wipe (src/db/credential.ts), and when the user last touched the app. UI state in
 * localStorage, never data.
 */
import { DEFAULT_IDLE_LOCK_MINUTES, lockMinutesOf } from '../../domain/idleLock';

export const LOCK_ENABLED_KEY = 'cundian.lock.enabled';
export const LAST_ACTIVITY_KEY = 'cundian.lock.lastActivity';
export {
  DEFAULT_IDLE_LOCK_MINUTES,
  MIN_IDLE_LOCK_MINUTES,
  MAX_IDLE_LOCK_MINUTES,
  lockMinutesOf,
} from '../../domain/idleLock';
/** The deployment's setting (IDLE_LOCK_MINUTES, GET /api/settings/lock), kept for offline. */
export const LOCK_MINUTES_KEY = 'cundian.lock.minutes';
/** Wrong passwords at the lock before the device signs out (after pushing what it holds). */
export const MAX_UNLOCK_FAILURES = 5;

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export function lockEnabled(): boolean {
  return storage()?.getItem(LOCK_ENABLED_KEY) === '1';
}

export function readLastActivity(): number | null {
  const value = Number(storage()?.getItem(LAST_ACTIVITY_KEY) ?? NaN);
  return Number.isFinite(value) ? value : null;
}

/** The deployment's minutes as last received, else the default. */
export function readLockMinutes(): number {
  const value = Number(storage()?.getItem(LOCK_MINUTES_KEY) ?? NaN);
  return lockMinutesOf({ idleLockMinutes: value }) ?? DEFAULT_IDLE_LOCK_MINUTES;
}

export function writeLockMinutes(minutes: number): void {
  storage()?.setItem(LOCK_MINUTES_KEY, String(minutes));
}

export function writeLastActivity(at: number): void {
  storage()?.setItem(LAST_ACTIVITY_KEY, String(at));
}

/** Whether the app must show the lock now: enabled, and idle for `minutes` or more. */
export function idleTooLong(minutes: number, now = Date.now()): boolean {
  const last = readLastActivity();
  return lockEnabled() && last !== null && now - last >= minutes * 60_000;
}
