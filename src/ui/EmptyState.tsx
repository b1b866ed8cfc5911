/**
 * What a screen shows when it has nothing to show yet: an icon, one line saying what is missing,
 * one saying what will appear, and at most one action that gets the user started.
 */
import type { ReactNode } from 'react';
import { Icon, type IconName } from './Icon';

export interface EmptyStateProps {
  icon: IconName;
  title: ReactNode;
  /** 1 when the empty state is the whole screen and its title is the page heading. */
  headingLevel?: 1 | 2 | 3;
  children?: ReactNode;
  action?: ReactNode;
}

export function EmptyState({ icon, title, headingLevel = 2, children, action }: EmptyStateProps) {
  const Heading = (['h1', 'h2', 'h3'] as const)[headingLevel - 1] ?? 'h2';
  return (
    <div className="empty-state">
      <span className="empty-state__icon">
        <Icon name={icon} size={32} />
      </span>
      <Heading className="empty-state__title">{title}</Heading>
      {children != null && <p className="empty-state__body">{children}</p>}
      {action != null && <div className="empty-state__action">{action}</div>}
    </div>
  );
}
