/**
 * The idle lock (issue 14 item 3): after the deployment's IDLE_LOCK_MINUTES (15 by default; asked
 * of the server at each start, kept for offline) without a touch or a key, or
 * on opening the app after that long, the screens are replaced by the lock — nothing of the
 * data is rendered beneath — until the password is typed (checked on the device, offline too:
 * ./LockScreen.tsx). Only on a device that kept a password hash at sign-in. Activity costs one
 * timestamp per event; a 15-second timer decides.
 */
import { lazy, Suspense, useEffect, useRef, useState, type ReactNode } from 'react';
import { Spinner } from '../../ui';
import { firstDataShown } from '../shared/firstData';
import {
  idleTooLong,
  lockEnabled,
  lockMinutesOf,
  readLockMinutes,
  writeLastActivity,
  writeLockMinutes,
} from './idleState';

const LockScreen = lazy(() => import('./LockScreen'));

/** How often the timer looks (the lock comes at most this late). */
const CHECK_EVERY_MS = 15_000;
/** Activity is written to storage at most this often (it is read on the next app start). */
const WRITE_EVERY_MS = 15_000;

/**
 * The deployment's minutes: the kept value at once, then the server's answer when online. The
 * lock is in the first chunk: the session is read through a dynamic import of the database
 * (which main.tsx opens in parallel with the first render) and the answer checked without a
 * schema module (docs/PERFORMANCE.md, "Size").
 */
function useLockMinutes(): number {
  const [minutes, setMinutes] = useState(readLockMinutes);
  useEffect(() => {
    let cancelled = false;
    // After the first screen has shown its data, like the app's other questions to the server:
    // on a cold start offline this request only fails, and before the data it competed with the
    // first screen's reads (docs/PERFORMANCE.md, sixth session).
    // (`import(…).then(({ readSession }) …)` in one expression: the build then keeps only what
    // is named in the database chunk's namespace, not every export: 2 KB raw before the data.)
    void firstDataShown()
      .then(() => import('../../db').then(({ readSession }) => readSession()))
      .then((session) =>
        session?.token
          ? fetch('/api/settings/lock', {
              headers: { authorization: `Bearer ${session.token}` },
            })
          : null,
      )
      .then((response) => (response?.ok ? response.json() : null))
      .then((answer: unknown) => {
        const value = lockMinutesOf(answer);
        if (value === null || cancelled) return;
        writeLockMinutes(value);
        setMinutes(value);
      })
      .catch(() => undefined); // offline: the kept value stands
    return () => {
      cancelled = true;
    };
  }, []);
  return minutes;
}

export function IdleLock({ children, minutes: fixed }: { children: ReactNode; minutes?: number }) {
  const deployment = useLockMinutes();
  const minutes = fixed ?? deployment;
  const [locked, setLocked] = useState(() => idleTooLong(minutes));
  const last = useRef(0);

  useEffect(() => {
    if (locked) return;
    last.current = Date.now();
    let written = 0;
    const touch = () => {
      const now = Date.now();
      last.current = now;
      if (now - written >= WRITE_EVERY_MS) {
        written = now;
        writeLastActivity(now);
      }
    };
    touch();
    const timer = setInterval(() => {
      if (lockEnabled() && Date.now() - last.current >= minutes * 60_000) setLocked(true);
    }, CHECK_EVERY_MS);
    window.addEventListener('pointerdown', touch, { passive: true });
    window.addEventListener('keydown', touch);
    return () => {
      clearInterval(timer);
      window.removeEventListener('pointerdown', touch);
      window.removeEventListener('keydown', touch);
    };
  }, [locked, minutes]);

  if (!locked) return <>{children}</>;
  return (
    <Suspense fallback={<Spinner />}>
      <LockScreen
        onUnlock={() => {
          writeLastActivity(Date.now());
          setLocked(false);
        }}
      />
    </Suspense>
  );
}
