/**
 * The lock (./IdleLock.tsx): the password, checked against the hash the device kept at sign-in
 * (src/db/credential.ts), so it works offline. After MAX_UNLOCK_FAILURES wrong tries the device
 * signs out — the existing wipe — but only once what it holds has reached the server: offline,
 * or with changes still waiting, it stays locked.
 */
import { useState, type FormEvent } from 'react';
import { useLocation } from 'wouter';
import { useT } from '../../i18n';
import { setLockEnabled, verifyLocalCredential } from '../../db';
import { Banner, PasswordForm, Screen } from '../../ui';
import { useSyncEngine } from '../shared/useSyncEngine';
import { MAX_UNLOCK_FAILURES } from './idleState';
import { paths } from '../shared/paths';

export default function LockScreen({ onUnlock }: { onUnlock: () => void }) {
  const t = useT();
  const engine = useSyncEngine();
  const [, navigate] = useLocation();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function signOutAfterPush() {
    await engine.sync('manual');
    const result = await engine.logout();
    if (!result.ok) {
      setError(t('sessions.lock.keptLocked'));
      return;
    }
    onUnlock();
    navigate(paths.login(), { replace: true });
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (password === '') {
      setError(t('sessions.lock.required'));
      return;
    }
    setBusy(true);
    try {
      const result = await verifyLocalCredential(password, engine.db);
      setPassword('');
      if (result.ok) {
        onUnlock();
      } else if ('noCredential' in result) {
        // Nothing to check against (signed out meanwhile): no lock to keep.
        setLockEnabled(false);
        onUnlock();
      } else if (result.failures >= MAX_UNLOCK_FAILURES) {
        setError(t('sessions.lock.signingOut'));
        await signOutAfterPush();
      } else {
        setError(t('sessions.lock.wrong', { left: MAX_UNLOCK_FAILURES - result.failures }));
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <Screen titleId="lock-title" title={t('sessions.lock.title')} className="lock">
      <Banner tone="info">{t('sessions.lock.intro')}</Banner>
      <PasswordForm
        onSubmit={(e) => void submit(e)}
        error={error}
        passwordLabel={t('sessions.lock.password')}
        password={password}
        onPasswordChange={setPassword}
        submitLabel={t('sessions.lock.unlock')}
        busy={busy}
      />
    </Screen>
  );
}
