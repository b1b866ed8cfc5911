/**
 * A button that picks files (the imports, the photos). Its own module, imported as
 * `ui/FileButton` and not through ui/index: the barrel's modules land in the start page's chunk
 * (a build measured it there), and this is used only on screens loaded later.
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
