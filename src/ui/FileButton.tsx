/**
 * A button that picks files (the imports, the photos). Its own module, not Button.tsx: Button is on
 * the start page, and this only on screens loaded later.
 */
import type { InputHTMLAttributes, ReactNode } from 'react';
import type { ButtonVariant } from './Button';

/**
 * A button that picks files: the label looks like a Button and holds the file input, hidden from
 * the eye (a file input cannot be styled), so a tap on the words opens the picker.
 */
export function FileButton({
  variant = 'primary',
  busy = false,
  children,
  ...input
}: Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'className' | 'children'> & {
  variant?: ButtonVariant;
  /** Shows the button as working (its words say what; the input may be disabled meanwhile). */
  busy?: boolean;
  /** The button's words (and a spinner while busy). */
  children: ReactNode;
}) {
  return (
    <label className={`button button--${variant} file-button${busy ? ' is-busy' : ''}`}>
      {children}
      <input type="file" className="visually-hidden" {...input} />
    </label>
  );
}
