/**
 * A surface that groups one topic: optional heading (with its level chosen by the caller, so the
 * page outline stays right) and free content.
 */
import type { ReactNode } from 'react';

export interface CardProps {
  title?: ReactNode;
  /** The heading's id: given, the card is a region named by its heading. */
  titleId?: string;
  headingLevel?: 2 | 3;
  className?: string;
  children: ReactNode;
}

export function Card({ title, titleId, headingLevel = 2, className, children }: CardProps) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section className={className ? `card ${className}` : 'card'} aria-labelledby={titleId}>
      {title != null && (
        <Heading id={titleId} className="card__title">
          {title}
        </Heading>
      )}
      {children}
    </section>
  );
}
