/**
 * A row that leads to another screen: an icon, a title, an optional line saying what is there,
 * and a chevron; the whole row is the link (a 44 px+ target on a phone: styles.css .link-row).
 * Written out by hand seven times before (settings, the sync panel, the board, the duplicates
 * notice). A list of them is a `LinkList`: rows as data, a row that is `false` (not for this
 * role, say) left out.
 */
import { Link } from 'wouter';
import type { ReactNode } from 'react';
import { Icon, type IconName } from './Icon';

export interface LinkRowProps {
  href: string;
  icon: IconName;
  title: ReactNode;
  description?: ReactNode;
  /** Added to `link-row` (a screen's own variant). */
  className?: string;
}

export function LinkRow({ href, icon, title, description, className }: LinkRowProps) {
  return (
    <Link href={href} className={className ? `link-row ${className}` : 'link-row'}>
      <Icon name={icon} />
      <span className="link-row__text">
        <span className="link-row__title">{title}</span>
        {description != null && <span className="link-row__description">{description}</span>}
      </span>
      <Icon name="chevron-right" className="link-row__chevron" />
    </Link>
  );
}

export interface LinkListProps {
  rows: readonly (LinkRowProps | false | null | undefined)[];
}

export function LinkList({ rows }: LinkListProps) {
  return (
    <ul className="link-list">
      {rows.map((row) =>
        row ? (
          <li key={row.href}>
            <LinkRow {...row} />
          </li>
        ) : null,
      )}
    </ul>
  );
}
