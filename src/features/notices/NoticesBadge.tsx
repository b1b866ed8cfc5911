/**
 * The top bar's notices badge: a bell with how many things need the user, leading to /notices.
 * Nothing at all when nothing does, so the bar stays calm. It also keeps the server's inbox
 * counts fresh (inboxCounts.ts): it is the one piece of the notices on every screen.
 */
import { Link } from 'wouter';
import { formatNumber, useT } from '../../i18n';
import { Icon } from '../../ui';
import { noticeTotal, useNotices } from '../shared/notices';
import { useInboxCountsRefresh } from './inboxCounts';
import '../shared/notices.css';
import { paths } from '../shared/paths';

export default function NoticesBadge() {
  const t = useT();
  useInboxCountsRefresh();
  const notices = useNotices();
  if (!notices || notices.length === 0) return null;
  const total = noticeTotal(notices);
  return (
    <Link
      href={paths.notices()}
      className="notices-badge"
      aria-label={t('notices.badge', { count: formatNumber(total) })}
      data-testid="notices-badge"
    >
      <Icon name="bell" size={22} />
      <span className="notices-badge__count" aria-hidden="true">
        {total > 99 ? '99+' : formatNumber(total)}
      </span>
    </Link>
  );
}
