/**
 * A list screen (service points, sessions, trainees): a Screen whose header holds, beside the
 * title, the button that opens the form for a new record.
 */
import { Link } from 'wouter';
import type { ReactNode } from 'react';
import { Icon, Screen, type IconName, type ScreenProps } from '../../ui';

export function ListScreen({
  newRecord,
  children,
  ...screen
}: Omit<ScreenProps, 'action'> & {
  /** The button to the form for a new record: where it goes, its words and its icon. */
  newRecord: { href: string; label: string; icon: IconName };
  children: ReactNode;
}) {
  return (
    <Screen
      {...screen}
      action={
        <Link href={newRecord.href} className="button button--primary">
          <Icon name={newRecord.icon} size={20} />
          <span>{newRecord.label}</span>
        </Link>
      }
    >
      {children}
    </Screen>
  );
}
