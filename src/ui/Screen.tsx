/**
 * A screen named by its h1: the section (a region the screen reader lists under that name), its
 * header with the title, then the screen's content.
 */
import type { ReactNode } from 'react';

export interface ScreenProps {
  /** The h1's id, which names the section. */
  titleId: string;
  title: string;
  /** A class beside `screen` (the lock and sign-in screens' own look). */
  className?: string;
  /** What the header holds beside the title (a list's button to a new record). */
  action?: ReactNode;
  children?: ReactNode;
}

export function Screen({ titleId, title, className, action, children }: ScreenProps) {
  return (
    <section className={className ? `screen ${className}` : 'screen'} aria-labelledby={titleId}>
      <header className="screen__header">
        <h1 id={titleId}>{title}</h1>
        {action}
      </header>
      {children}
    </section>
  );
}
