/**
 * The frame of a form that ends in a password: what went wrong on top (announced at once), the
 * fields before the password (the sign-in's username), the password, and one submit button. The
 * sign-in and the idle lock had written it out twice; the password change has its own form (three
 * passwords and a strength meter).
 */
import type { FormEvent, ReactNode } from 'react';
import { Button } from './Button';
import { PasswordField } from './Field';

export interface PasswordFormProps {
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  /** The refusal or failure of the last attempt, already in the user's language. */
  error: string | null;
  /** Fields before the password. */
  children?: ReactNode;
  passwordLabel: string;
  password: string;
  onPasswordChange: (password: string) => void;
  submitLabel: string;
  busy: boolean;
}

export function PasswordForm({
  onSubmit,
  error,
  children,
  passwordLabel,
  password,
  onPasswordChange,
  submitLabel,
  busy,
}: PasswordFormProps) {
  return (
    <form onSubmit={onSubmit} noValidate>
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
      {children}
      <PasswordField
        label={passwordLabel}
        name="password"
        autoComplete="current-password"
        value={password}
        onChange={onPasswordChange}
        required
      />
      <Button type="submit" loading={busy}>
        {submitLabel}
      </Button>
    </form>
  );
}
