/**
 * Changing one's own password (issue 14): the current password, the new one twice. What is wrong
 * with the new one is said before anything is sent, rule by rule, from the shared policy
 * (src/domain/passwordPolicy.ts; the common-password list is the server's, which checks everything
 * again). The server's refusals — a wrong current password, a common password — are shown in its
 * own words. Used in settings (./PasswordSection.tsx) and right after a sign-in whose password
 * must change (src/features/sync/LoginScreen.tsx).
 */
import { useState, type FormEvent } from 'react';
import { useLocale, useT, type Translate } from '../../i18n';
import { useSession } from '../../db';
import {
  DEFAULT_PASSWORD_POLICY,
  passwordProblems,
  type PasswordProblem,
} from '../../domain/passwordPolicy';
import type { PasswordStatus } from '../../domain/protocol';
import { toSyncFailure } from '../../sync';
import { Button, PasswordField } from '../../ui';
import { bilingual } from './labels';
import { useSyncEngine } from './useSyncEngine';

export function problemText(t: Translate, problem: PasswordProblem): string {
  switch (problem.code) {
    case 'tooShort':
      return t('account.problem.tooShort', { min: problem.min });
    case 'tooLong':
      return t('account.problem.tooLong', { max: problem.max });
    case 'fewClasses':
      return t('account.problem.fewClasses', { need: problem.need, have: problem.have });
    case 'containsUsername':
      return t('account.problem.containsUsername');
    case 'sameAsOld':
      return t('account.problem.sameAsOld');
    case 'common':
      return t('account.problem.common');
  }
}

/** The form's three password fields, in order: the label is account.password.KEY. */
const PASSWORD_ENTRIES = [
  { key: 'old', name: 'current-password', autoComplete: 'current-password' },
  { key: 'new', name: 'new-password', autoComplete: 'new-password' },
  { key: 'repeat', name: 'repeat-password', autoComplete: 'new-password' },
] as const;

export interface ChangePasswordFormProps {
  /** The policy the server sent (login or GET /api/auth/password); the default otherwise. */
  policy?: PasswordStatus['policy'] | undefined;
  onChanged: (status: PasswordStatus) => void;
}

export function ChangePasswordForm({ policy, onChanged }: ChangePasswordFormProps) {
  const t = useT();
  const locale = useLocale();
  const engine = useSyncEngine();
  const session = useSession();
  const [oldPassword, setOldPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [oldError, setOldError] = useState<string | null>(null);
  const [newErrors, setNewErrors] = useState<string[]>([]);
  const [repeatError, setRepeatError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const rules = { ...DEFAULT_PASSWORD_POLICY, ...policy };
  const username = session?.user.username ?? '';

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFormError(null);
    const problems = passwordProblems(newPassword, { username, policy: rules, oldPassword });
    const missingOld = oldPassword === '';
    const mismatch = problems.length === 0 && repeat !== newPassword;
    setOldError(missingOld ? t('account.password.oldRequired') : null);
    setNewErrors(problems.map((problem) => problemText(t, problem)));
    setRepeatError(mismatch ? t('account.password.mismatch') : null);
    if (missingOld || problems.length > 0 || mismatch) return;
    const token = session?.token;
    if (!token) return;
    setBusy(true);
    try {
      const status = await engine.api.changePassword(token, oldPassword, newPassword);
      setOldPassword('');
      setNewPassword('');
      setRepeat('');
      onChanged(status);
    } catch (error) {
      const failure = toSyncFailure(error);
      const words = bilingual(failure.messages, locale);
      if (failure.code === 'wrongOldPassword')
        setOldError(words ?? t('account.password.oldRequired'));
      else if (failure.code === 'passwordPolicy')
        setNewErrors([words ?? t('account.problem.common')]);
      else if (failure.kind === 'offline') setFormError(t('account.error.offline'));
      else setFormError(words ?? t('account.error.server'));
    } finally {
      setBusy(false);
    }
  }

  // The three password fields' state, by PASSWORD_ENTRIES' key.
  const entries = {
    old: { value: oldPassword, set: setOldPassword, error: oldError ?? undefined },
    new: {
      value: newPassword,
      set: setNewPassword,
      error: newErrors.length > 0 ? newErrors.join(locale === 'en' ? '; ' : '；') : undefined,
    },
    repeat: { value: repeat, set: setRepeat, error: repeatError ?? undefined },
  };

  // The session (with its token) is read from the device's database: wait for it.
  if (session === undefined) return null;
  return (
    <form className="change-password" onSubmit={(event) => void submit(event)} noValidate>
      <p className="muted">
        {t('account.password.rules', { min: rules.minLength, classes: rules.minClasses })}
      </p>
      {formError && (
        <p className="field__error" role="alert">
          {formError}
        </p>
      )}
      {/* The user name, for password managers (it is not typed here). */}
      <input type="hidden" name="username" autoComplete="username" value={username} />
      {PASSWORD_ENTRIES.map(({ key, name, autoComplete }) => (
        <PasswordField
          key={key}
          label={t(`account.password.${key}`)}
          name={name}
          autoComplete={autoComplete}
          value={entries[key].value}
          onChange={entries[key].set}
          required
          error={entries[key].error}
        />
      ))}
      <Button type="submit" loading={busy}>
        {t('account.password.submit')}
      </Button>
    </form>
  );
}
