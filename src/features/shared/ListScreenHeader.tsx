/**
 * The header of a list screen: its title (which names the screen's section) and the button that
 * opens the form for a new record (service points, sessions, trainees).
 */
import { Link } from 'wouter';
import { Icon, type IconName } from '../../ui';

export function ListScreenHeader({
  titleId,
  title,
  newHref,
  newLabel,
  icon,
}: {
  /** The h1's id, which the section's aria-labelledby names. */
  titleId: string;
  title: string;
  newHref: string;
  newLabel: string;
  icon: IconName;
}) {
  return (
    <header className="screen__header">
      <h1 id={titleId}>{title}</h1>
      <Link href={newHref} className="button button--primary">
        <Icon name={icon} size={20} />
        <span>{newLabel}</span>
      </Link>
    </header>
  );
}
