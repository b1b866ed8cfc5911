/**
 * Where coordinators and admins hear of likely duplicates on a flagged point's own page (which
 * point it may duplicate). How many pairs wait in all is a notice (src/features/shared/notices.ts:
 * the line above the point list and the top bar's badge). Only for those roles, only online (the
 * flags live on the server); a failure just shows nothing. A point's page asks for that point's
 * pairs only (the inbox comes in pages: its own pair may be on any of them). Each answer is kept
 * for a minute, so going back and forth between a point and the list asks once; the review
 * forgets them whenever it merges or dismisses a pair.
 */
import { useEffect, useState } from 'react';
import { useT } from '../../i18n';
import { useSession } from '../../db';
import { useOnline } from '../../pwa/useOnline';
import { may } from '../../domain/actions';
import type { DuplicateFlag, InboxPage } from '../../sync';
import { LinkRow } from '../../ui';
import { useSyncEngine } from '../shared/useSyncEngine';
import './duplicates.css';
import { paths } from '../shared/paths';

const KEEP_MS = 60_000;
/** Answers kept for KEEP_MS, per account and point. */
const kept = new Map<string, { at: number; page: Promise<InboxPage<DuplicateFlag>> }>();

/** Drops the kept answers (after a merge or a dismissal). */
export function forgetDuplicateFlags(): void {
  kept.clear();
}

/**
 * The open flags of one point the user may review, or null (not a reviewer, offline, not loaded,
 * failed).
 */
function useDuplicateFlags(pointId: string): InboxPage<DuplicateFlag> | null {
  const engine = useSyncEngine();
  const session = useSession();
  const online = useOnline();
  const token = session?.token ?? null;
  const mayReview = session ? may(session.user, 'reviewDuplicates') : false;
  const [flags, setFlags] = useState<InboxPage<DuplicateFlag> | null>(null);

  useEffect(() => {
    if (!token || !mayReview || !online) return;
    let cancelled = false;
    const key = `${token}|${pointId}`;
    let entry = kept.get(key);
    if (!entry || Date.now() - entry.at > KEEP_MS) {
      const page = engine.api.duplicates(token, { point: pointId });
      entry = { at: Date.now(), page };
      kept.set(key, entry);
      page.catch(() => {
        if (kept.get(key)?.page === page) kept.delete(key);
      });
    }
    entry.page
      .then((found) => {
        if (!cancelled) setFlags(found);
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [engine, token, mayReview, online, pointId]);

  return mayReview ? flags : null;
}

function NoticeLink({ children }: { children: string }) {
  return (
    <LinkRow
      href={paths.duplicates()}
      icon="alert"
      className="duplicates-notice"
      title={children}
    />
  );
}

/** On a point's page: the points it may duplicate. */
export function PointDuplicateNotice({ pointId }: { pointId: string }) {
  const t = useT();
  const flags = useDuplicateFlags(pointId);
  const others = (flags?.items ?? [])
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
