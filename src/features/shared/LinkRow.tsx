/**
 * One row of a record list that opens the record: a title, a line of detail and badges, the whole
 * row one link (`record-list__item`). The sessions, a trainee's sessions, a town's pilots and
 * points, and the central towns lists are made of them.
 */
import type { ReactNode } from 'react';
import { Link } from 'wouter';

export function LinkRow({
  href,
  title,
  meta,
  badges,
}: {
  href: string;
  title: ReactNode;
  /** The line under the title (place, date…); none when undefined. */
  meta?: ReactNode;
  /** The badges at the row's end (status, counts); none when undefined. */
  badges?: ReactNode;
}) {
  return (
    <li>
      <Link href={href} className="record-list__item">
        <span className="record-list__title">{title}</span>
        {meta === undefined ? null : <span className="record-list__meta">{meta}</span>}
        {badges === undefined ? null : <span className="record-list__badges">{badges}</span>}
      </Link>
    </li>
  );
}
