/**
 * The foot of a paged inbox (useInboxPages): 加载更多 with how many still wait, a spinner while the
 * next page comes, and why it did not come (offline, the server) with the same button to try
 * again. Full width, so it is one easy tap on a 360 px phone.
 */
import { formatNumber, useT } from '../../i18n';
import { Button } from '../../ui';
import type { InboxLoad } from './useInboxPages';
import './inbox.css';

export function InboxMore<T>({ load, onMore }: { load: InboxLoad<T>; onMore: () => void }) {
  const t = useT();
  if (load.status !== 'ready' || load.next === null) return null;
  const waiting = Math.max(load.total - load.items.length, 0);
  const failure = typeof load.more === 'object' ? load.more : null;
  return (
    <div className="inbox-more">
      {failure ? (
        <p role="alert" className="muted">
          {failure.kind === 'offline' ? t('inbox.moreOffline') : t('inbox.moreFailed')}
        </p>
      ) : null}
      <Button
        variant="secondary"
        className="inbox-more__button"
        loading={load.more === 'loading'}
        onClick={onMore}
      >
        {waiting > 0
          ? t('inbox.loadMoreCount', { count: formatNumber(waiting) })
          : t('inbox.loadMore')}
      </Button>
    </div>
  );
}
