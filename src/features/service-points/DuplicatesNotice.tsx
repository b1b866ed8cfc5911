/**
 * Where coordinators and admins hear of likely duplicates without opening the review: above the
 * point list (how many pairs wait) and on a flagged point's own page (which point it may duplicate).
 * Only for those roles, only online (the flags live on the server); a failure just shows nothing.
 * The answer is kept for a minute, so going from the list to a point and back asks once; the
 * review forgets it whenever it merges or dismisses a pair.
 */
import { useEffect, useState } from 'react';
import { Link } from 'wouter';
import { formatNumber, useT } from '../../app/i18n';
import { useSession } from '../../db';
import { useOnline } from '../../app/pwa/useOnline';
import type { DuplicateFlag } from '../../sync';
import { Icon } from '../../ui';
import { useSyncEngine } from '../sync/useSyncEngine';
import './duplicates.css';

const KEEP_MS = 60_000;
let kept: { token: string; at: number; flags: Promise<DuplicateFlag[]> } | null = null;

/** Drops the kept answer (after a merge or a dismissal). */
export function forgetDuplicateFlags(): void {
  kept = null;
}

/** The open flags the user may review, or null (not a reviewer, offline, not loaded, failed). */
function useDuplicateFlags(): DuplicateFlag[] | null {
  const engine = useSyncEngine();
  const session = useSession();
  const online = useOnline();
  const token = session?.token ?? null;
  const role = session?.user.role;
  const mayReview = role === 'coordinator' || role === 'admin';
  const [flags, setFlags] = useState<DuplicateFlag[] | null>(null);

  useEffect(() => {
    if (!token || !mayReview || !online) return;
    let cancelled = false;
    if (!kept || kept.token !== token || Date.now() - kept.at > KEEP_MS) {
      const flags = engine.api.duplicates(token);
      kept = { token, at: Date.now(), flags };
      flags.catch(() => {
        if (kept?.flags === flags) kept = null;
      });
    }
    kept.flags
      .then((found) => {
        if (!cancelled) setFlags(found);
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [engine, token, mayReview, online]);

  return mayReview ? flags : null;
}

function NoticeLink({ children }: { children: string }) {
  return (
    <Link href="/points/duplicates" className="link-row duplicates-notice">
      <Icon name="alert" />
      <span className="link-row__text">
        <span className="link-row__title">{children}</span>
      </span>
      <Icon name="chevron-right" className="link-row__chevron" />
    </Link>
  );
}

/** Above the point list: how many pairs wait. */
export function DuplicatesNotice() {
  const t = useT();
  const flags = useDuplicateFlags();
  if (!flags || flags.length === 0) return null;
  return <NoticeLink>{t('duplicates.notice', { count: formatNumber(flags.length) })}</NoticeLink>;
}

/** On a point's page: the points it may duplicate. */
export function PointDuplicateNotice({ pointId }: { pointId: string }) {
  const t = useT();
  const flags = useDuplicateFlags();
  const others = (flags ?? [])
    .filter((flag) => flag.a.id === pointId || flag.b.id === pointId)
    .map((flag) => (flag.a.id === pointId ? flag.b : flag.a))
    .map((other) => String(other.data.name ?? ''));
  if (others.length === 0) return null;
  return (
    <NoticeLink>
      {t('duplicates.pointNotice', { names: others.map((name) => `「${name}」`).join(' ') })}
    </NoticeLink>
  );
}
