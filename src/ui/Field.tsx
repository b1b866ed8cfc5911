/**
 * A form field's frame: the label, an optional hint, the control (passed in as a render function
 * that receives the id and ARIA wiring) and the error text, tied together with aria-describedby
 * so a screen reader reads the hint and the error with the control.
 */
import { useId, type ReactNode } from 'react';

export interface FieldControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
  'aria-required'?: true;
}

export interface FieldProps {
  label: ReactNode;
  hint?: ReactNode;
  error?: ReactNode;
  required?: boolean;
  /** A class beside `field` (where a screen places or prints the field its own way). */
  className?: string;
  children: (control: FieldControlProps) => ReactNode;
}

export function Field({ label, hint, error, required, className, children }: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint != null ? hintId : null, error != null ? errorId : null]
    .filter(Boolean)
    .join(' ');

  const control: FieldControlProps = { id };
  if (describedBy) control['aria-describedby'] = describedBy;
  if (error != null) control['aria-invalid'] = true;
  if (required) control['aria-required'] = true;

  return (
    <div
      className={['field', error != null && 'field--invalid', className].filter(Boolean).join(' ')}
    >
      {/* A required field's label ends in a visible * drawn by CSS (REQUIRED_MARK_CLASS), which
          changes neither the label's text nor its accessible name; aria-required on the control
          says "required" to a screen reader. */}
      <label
        className={required ? `field__label ${REQUIRED_MARK_CLASS}` : 'field__label'}
        htmlFor={id}
      >
        {label}
      </label>
      {hint != null && (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      )}
      {children(control)}
      {error != null && (
        <p className="field__error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}

/** Ends a label or a legend with a visible * (CSS, alt text empty: not part of its name). */
export const REQUIRED_MARK_CLASS = 'required-mark';

export interface PasswordFieldProps {
  label: ReactNode;
  /** The form field's name (password managers read it with autoComplete). */
  name: string;
  /** 'current-password' to sign in or confirm, 'new-password' to set one. */
  autoComplete: 'current-password' | 'new-password';
  value: string;
  onChange: (value: string) => void;
  required?: boolean;
  error?: ReactNode;
}

/** A labelled password input (sign-in, the idle lock, a password change): one shape for all. */
export function PasswordField({
  label,
  name,
  autoComplete,
  value,
  onChange,
  required,
  error,
}: PasswordFieldProps) {
  return (
    <Field label={label} required={required} error={error}>
      {(control) => (
        <input
          {...control}
          name={name}
          type="password"
          autoComplete={autoComplete}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}
