/**
 * The phone's idle lock, as the deployment sets it (issue 14 item 3): minutes without a touch or
 * a key before the app asks for the password again. The server reads IDLE_LOCK_MINUTES and
 * answers GET /api/settings/lock; the app keeps the answer for offline (src/features/lock).
 * No zod: the lock is in the app's first chunk.
 */
export const DEFAULT_IDLE_LOCK_MINUTES = 15;
export const MIN_IDLE_LOCK_MINUTES = 1;
export const MAX_IDLE_LOCK_MINUTES = 240;

export interface LockSettings {
  idleLockMinutes: number;
}

/** Whether `value` is minutes a deployment may set. */
export function isIdleLockMinutes(value: unknown): value is number {
  return (
    typeof value === 'number' &&
    Number.isInteger(value) &&
    value >= MIN_IDLE_LOCK_MINUTES &&
    value <= MAX_IDLE_LOCK_MINUTES
  );
}

/** The minutes of an answer `{ idleLockMinutes }`, or null when it is not one. */
export function lockMinutesOf(answer: unknown): number | null {
  const value =
    typeof answer === 'object' && answer !== null
      ? (answer as Partial<LockSettings>).idleLockMinutes
      : undefined;
  return isIdleLockMinutes(value) ? value : null;
}
