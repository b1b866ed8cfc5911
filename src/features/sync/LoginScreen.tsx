/**
 * 登录 (/login). Username and password, errors in words (a wrong password, the server's 15-minute
 * lockout, no network, a too-old app). After a login the device downloads the user's area with a
 * progress bar. If the phone still holds another user's unsynced changes, the login does not wipe
 * them: it says whose they are and offers to export them first.
 */
import { useState, type FormEvent } from 'react';
import { useLocation } from 'wouter';
import { formatNumber, useLocale, useT, type Translate } from '../../i18n';
import type { Locale } from '../../i18n';
import { useSession, type UnsyncedSummary } from '../../db';
import type { PasswordStatus, User } from '../../domain/protocol';
import { ChangePasswordForm } from '../shared/ChangePasswordForm';
import { buildUnsyncedExport, downloadExport, useSyncState, type SyncFailure } from '../../sync';
import { Banner, Button, Field, PasswordForm, ProgressBar, Screen } from '../../ui';
import { SignInReason } from '../shared/SignInReason';
import { bilingual } from '../shared/labels';
import { exportRescueWorkbook } from '../shared/rescueExport';
import { useSyncEngine } from '../shared/useSyncEngine';
import '../shared/sync.css';
import { paths } from '../shared/paths';

function loginErrorText(t: Translate, locale: Locale, failure: SyncFailure): string {
  const server = bilingual(failure.messages, locale);
  switch (failure.kind) {
    case 'offline':
      return t('auth.error.offline');
    case 'clientTooOld':
      return t('auth.error.tooOld');
    case 'server':
      // 429 is the lockout: the server's words say how long to wait.
      return server ?? t(failure.status === 429 ? 'auth.error.locked' : 'auth.error.server');
    case 'unauthorized':
    case 'refused':
      return server ?? t(failure.status === 423 ? 'auth.error.locked' : 'auth.error.invalid');
    default:
      return server ?? t('auth.error.server');
  }
}

type Stage =
  | { kind: 'form' }
  // The password was set by an admin or expired: the user chooses their own before anything else.
  | { kind: 'mustChange'; status: PasswordStatus }
  | { kind: 'otherUser'; user: User; unsynced: UnsyncedSummary; exported: boolean }
  | { kind: 'downloading' }
  | { kind: 'done'; ok: boolean };

export default function LoginScreen() {
  const t = useT();
  const locale = useLocale();
  const engine = useSyncEngine();
  const [, navigate] = useLocation();
  const session = useSession();
  const download = useSyncState((s) => s.download);
  const [username, setUsername] = useState('');
  const [typedUsername, setTypedUsername] = useState(false);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [stage, setStage] = useState<Stage>({ kind: 'form' });

  const expired = session?.token === null;
  // After a 401 the name is filled in: the same person logs in again and keeps their work.
  const shownUsername = typedUsername ? username : expired ? session.user.username : username;

  async function logIn() {
    setError(null);
    const name = shownUsername.trim();
    if (name === '' || password === '') {
      setError(t('auth.error.required'));
      return;
    }
    setBusy(true);
    try {
      const result = await engine.login(name, password);
      if (!result.ok) {
        if ('failure' in result) setError(loginErrorText(t, locale, result.failure));
        else setStage({ kind: 'otherUser', ...result.otherUserPending, exported: false });
        return;
      }
      setPassword('');
      if (result.password?.mustChange) {
        setStage({ kind: 'mustChange', status: result.password });
        return;
      }
      await downloadArea();
    } finally {
      setBusy(false);
    }
  }

  async function downloadArea() {
    setStage({ kind: 'downloading' });
    const outcome = await engine.sync('login');
    setStage({ kind: 'done', ok: outcome === 'synced' });
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    void logIn();
  }

  async function exportPending() {
    downloadExport(await buildUnsyncedExport(engine.db));
    setStage((s) => (s.kind === 'otherUser' ? { ...s, exported: true } : s));
  }

  // Beside the JSON, the same work as a workbook the other user can open (./rescueExport.ts).
  async function exportPendingWorkbook() {
    try {
      await exportRescueWorkbook(engine.db);
    } catch {
      // The JSON button stays, and is the copy that matters.
    }
  }

  async function clearAndLogIn() {
    setBusy(true);
    try {
      await engine.logout({ discardUnsynced: true });
    } finally {
      setBusy(false);
    }
    setStage({ kind: 'form' });
    await logIn();
  }

  if (stage.kind === 'mustChange') {
    return (
      <Screen titleId="login-title" title={t('account.forced.title')} className="login">
        <Banner tone="warning">
          {t(
            stage.status.reason === 'expired'
              ? 'account.forced.expired'
              : 'account.forced.setByAdmin',
          )}
        </Banner>
        <ChangePasswordForm policy={stage.status.policy} onChanged={() => void downloadArea()} />
      </Screen>
    );
  }

  if (stage.kind === 'downloading' || stage.kind === 'done') {
    const received = formatNumber(download?.received ?? 0);
    return (
      <Screen titleId="login-title" title={t('auth.title')} className="login">
        {stage.kind === 'downloading' ? (
          <div role="status">
            <p>{t('auth.downloading')}</p>
            <ProgressBar
              label={t('auth.downloadLabel')}
              value={download?.received ?? 0}
              max={download?.estimate ?? Math.max(download?.received ?? 0, 1) * 2}
              valueText={t('auth.downloaded', { count: received })}
            />
            <p className="muted">{t('auth.downloaded', { count: received })}</p>
          </div>
        ) : (
          <Banner tone={stage.ok ? 'info' : 'warning'} icon={stage.ok ? 'check' : 'alert'}>
            {stage.ok ? t('auth.downloadDone') : t('auth.downloadFailed')}
          </Banner>
        )}
        {stage.kind === 'done' && (
          <Button onClick={() => navigate(paths.dashboard())}>{t('auth.continue')}</Button>
        )}
      </Screen>
    );
  }

  return (
    <Screen titleId="login-title" title={t('auth.title')} className="login">
      <p>{t('auth.intro')}</p>
      <SignInReason fallback={expired ? t('auth.again') : null} />
      {stage.kind === 'otherUser' && (
        <Banner tone="warning">
          <p>
            {t('auth.otherUserPending', {
              name: stage.user.displayName || stage.user.username,
              count: stage.unsynced.outbox + stage.unsynced.rejected,
            })}
          </p>
          <div className="sync-actions">
            <Button icon="download" onClick={() => void exportPendingWorkbook()}>
              {t('offline.rescue.xlsx')}
            </Button>
            <Button icon="download" variant="secondary" onClick={() => void exportPending()}>
              {t('offline.rescue.json')}
            </Button>
            {stage.exported && (
              <Button variant="danger" loading={busy} onClick={() => void clearAndLogIn()}>
                {t('auth.clearPending')}
              </Button>
            )}
          </div>
        </Banner>
      )}
      <PasswordForm
        onSubmit={submit}
        error={error}
        passwordLabel={t('auth.password')}
        password={password}
        onPasswordChange={setPassword}
        submitLabel={t('auth.submit')}
        busy={busy}
      >
        <Field label={t('auth.username')} required>
          {(control) => (
            <input
              {...control}
              name="username"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              value={shownUsername}
              onChange={(e) => {
                setTypedUsername(true);
                setUsername(e.target.value);
              }}
            />
          )}
        </Field>
      </PasswordForm>
    </Screen>
  );
}
