/**
 * The notices in words (src/features/shared/notices.ts), and the line above the main lists (the
 * points list, the training lists) that shows them: one row per notice, each leading to where
 * the user acts. At most two rows, so the list itself stays on the first screen: with more
 * notices, the first and "N more" (→ /notices).
 */
import { Link } from 'wouter';
import { formatList, formatNumber, useLocale, useT } from '../../i18n';
import { useOnline } from '../../pwa/useOnline';
import { METRICS } from '../../domain/metrics';
import { Icon } from '../../ui';
import { formatMoment } from './dates';
import { useNotices, type Notice } from './notices';
import './notices.css';
import { paths } from './paths';

/** What a notice says (its title) and, below it, its details: the count's time, the metrics. */
export function useNoticeWords() {
  const t = useT();
  const locale = useLocale();
  const online = useOnline();
  return {
    title(notice: Notice): string {
      const count = formatNumber(notice.count);
      switch (notice.kind) {
        case 'refused':
          return t('notices.refused', { count });
        case 'conflicts':
          return t('notices.conflicts', { count });
        case 'duplicates':
          return t('duplicates.notice', { count });
        case 'behind':
          return t('notices.behind', { count });
      }
    },
    detail(notice: Notice): string | null {
      switch (notice.kind) {
        case 'refused':
          return null;
        case 'conflicts':
        case 'duplicates': {
          const when = formatMoment(notice.at);
          return online ? t('notices.serverAsOf', { when }) : t('notices.offlineAsOf', { when });
        }
        case 'behind':
          return t('notices.behindWhich', {
            metrics: formatList(notice.metrics.map((m) => METRICS[m].name[locale])),
            year: notice.year,
          });
      }
    },
  };
}

export function NoticeLink({
  notice,
  withDetail = false,
}: {
  notice: Notice;
  withDetail?: boolean;
}) {
  const words = useNoticeWords();
  const detail = withDetail ? words.detail(notice) : null;
  return (
    <Link
      href={notice.href}
      className={`notice notice--${notice.kind}`}
      data-testid={`notice-${notice.kind}`}
    >
      <Icon name={notice.kind === 'behind' ? 'arrow-down' : 'alert'} size={20} />
      <span className="notice__text">
        <span className="notice__title">{words.title(notice)}</span>
        {detail ? <span className="notice__detail">{detail}</span> : null}
      </span>
      <Icon name="chevron-right" size={20} className="notice__chevron" />
    </Link>
  );
}

export function NoticesLine() {
  const t = useT();
  const notices = useNotices();
  if (!notices || notices.length === 0) return null;
  const shown = notices.length <= 2 ? notices : notices.slice(0, 1);
  const more = notices.length - shown.length;
  return (
    <section className="notices-line" aria-label={t('notices.lineLabel')}>
      <ul className="notices-list">
        {shown.map((notice) => (
          <li key={notice.kind}>
            <NoticeLink notice={notice} />
          </li>
        ))}
        {more > 0 ? (
          <li>
            <Link href={paths.notices()} className="notice notice--more" data-testid="notice-more">
              <Icon name="bell" size={20} />
              <span className="notice__text">
                <span className="notice__title">
                  {t('notices.more', { count: formatNumber(more) })}
                </span>
              </span>
              <Icon name="chevron-right" size={20} className="notice__chevron" />
            </Link>
          </li>
        ) : null}
      </ul>
    </section>
  );
}
