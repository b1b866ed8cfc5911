/**
 * Above the point list, for coordinators and admins when online: how many likely duplicate pairs
 * wait for them, with a link to the review. Nothing at all for other roles, offline, or when none
 * wait (one request per visit of the list; a failure just shows nothing).
 */
import { useEffect, useState } from 'react';
import { Link } from 'wouter';
import { formatNumber, useT } from '../../app/i18n';
import { useSession } from '../../db';
import { useOnline } from '../../app/pwa/useOnline';
import { Icon } from '../../ui';
import { useSyncEngine } from '../sync/useSyncEngine';
import './duplicates.css';

export function DuplicatesNotice() {
  const t = useT();
  const engine = useSyncEngine();
  const session = useSession();
  const online = useOnline();
  const token = session?.token ?? null;
  const role = session?.user.role;
  const mayReview = role === 'coordinator' || role === 'admin';
  const [count, setCount] = useState(0);

  useEffect(() => {
    if (!token || !mayReview || !online) return;
    let cancelled = false;
    engine.api
      .duplicates(token)
      .then((flags) => {
        if (!cancelled) setCount(flags.length);
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [engine, token, mayReview, online]);

  if (!mayReview || count === 0) return null;
  return (
    <Link href="/points/duplicates" className="link-row duplicates-notice">
      <Icon name="alert" />
      <span className="link-row__text">
        <span className="link-row__title">
          {t('duplicates.notice', { count: formatNumber(count) })}
        </span>
      </span>
      <Icon name="chevron-right" className="link-row__chevron" />
    </Link>
  );
}
