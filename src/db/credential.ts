/**
 * The password check the phone can do offline (issue 14 item 3, the idle lock): at sign-in the
 * device keeps a salted slow hash of the password — PBKDF2-SHA-256 through WebCrypto, a random
 * 16-byte salt, LOCAL_CREDENTIAL_ITERATIONS rounds — in the meta table, never the password.
 * The lock screen verifies against it and counts wrong tries. Wiped with the rest of the user's
 * data (wipeLocalData).
 */
import { getDb, type CundianDb } from './database';

export const LOCAL_CREDENTIAL_KEY = 'localCredential';
/** The idle lock's flag (src/features/lock/idleState.ts reads it before the database loads). */
const LOCK_ENABLED_KEY = 'cundian.lock.enabled';

/** Sets or clears the lock's flag; no-op where there is no localStorage (tests in Node). */
export function setLockEnabled(enabled: boolean): void {
  try {
    if (typeof localStorage === 'undefined') return;
    if (enabled) localStorage.setItem(LOCK_ENABLED_KEY, '1');
    else localStorage.removeItem(LOCK_ENABLED_KEY);
  } catch {
    // storage refused (private mode): the lock cannot be kept; nothing else depends on it
  }
}
/** ≥ 100 000 (the brief); about 0.2 s on a mid-range phone. */
export const LOCAL_CREDENTIAL_ITERATIONS = 210_000;

interface StoredCredential {
  userId: string;
  salt: string;
  iterations: number;
  hash: string;
  /** Wrong tries since the last right one. */
  failures: number;
}

function toBase64(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const raw = atob(text);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

async function derive(
  password: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(password),
    'PBKDF2',
    false,
    ['deriveBits'],
  );
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    key,
    256,
  );
  return toBase64(new Uint8Array(bits));
}

/** Keeps the hash of the password just accepted by the server (sign-in). */
export async function saveLocalCredential(
  userId: string,
  password: string,
  db: CundianDb = getDb(),
  iterations = LOCAL_CREDENTIAL_ITERATIONS,
): Promise<void> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const value: StoredCredential = {
    userId,
    salt: toBase64(salt),
    iterations,
    hash: await derive(password, salt, iterations),
    failures: 0,
  };
  await db.meta.put({ key: LOCAL_CREDENTIAL_KEY, value });
  setLockEnabled(true);
}

export type UnlockResult =
  | { ok: true }
  | { ok: false; failures: number }
  /** No hash on the device (signed in before this existed): only the server can say. */
  | { ok: false; noCredential: true };

/** Checks a password against the kept hash; a wrong one is counted, a right one clears the count. */
export async function verifyLocalCredential(
  password: string,
  db: CundianDb = getDb(),
): Promise<UnlockResult> {
  const stored = (await db.meta.get(LOCAL_CREDENTIAL_KEY))?.value as StoredCredential | undefined;
  if (!stored) return { ok: false, noCredential: true };
  const hash = await derive(password, fromBase64(stored.salt), stored.iterations);
  // Both are base64 of 32 bytes: compare every character, not the first difference.
  let difference = hash.length ^ stored.hash.length;
  for (let i = 0; i < Math.min(hash.length, stored.hash.length); i++) {
    difference |= hash.charCodeAt(i) ^ stored.hash.charCodeAt(i);
  }
  const ok = difference === 0;
  const failures = ok ? 0 : stored.failures + 1;
  await db.meta.put({ key: LOCAL_CREDENTIAL_KEY, value: { ...stored, failures } });
  return ok ? { ok: true } : { ok: false, failures };
}
