/**
 * Changes the server did not accept, with the reason in words. Shown in the sync panel (all of
 * them) and on a record (its own, `RecordSyncProblems`), so a refusal is never silent: the user
 * sees what they typed, why it did not count, and can export it or enter it again.
 */
import { useEffect, useRef, useState } from 'react';
import { useLocale, useT } from '../../i18n';
import {
  dismissRejected,
  getRecord,
  useLiveQuery,
  useRejected,
  useRejectedFor,
  type RejectedEntry,
} from '../../db';
import type { EntityName } from '../../domain/entities';
import { Banner, Button } from '../../ui';
import {
  bilingual,
  entityLabel,
  formatWhen,
  reasonLabel,
  recordName,
  useDescribeChange,
} from './labels';

function RejectedItem({ entry }: { entry: RejectedEntry }) {
  const t = useT();
  const locale = useLocale();
  const describeChange = useDescribeChange();
  const record = useLiveQuery(
    () => getRecord(entry.entity, entry.recordId),
    [entry.entity, entry.recordId],
  );
  const name = recordName(
    { ...(record as Record<string, unknown> | undefined), ...entry.changes },
    entry.recordId,
  );
  const fields = Object.entries(entry.changes)
    .map(([field, value]) => describeChange(entry.entity, field, value))
    .filter((text): text is string => text !== null)
    .join('；');
  const serverWords = bilingual(entry.message, locale);
  const reason = reasonLabel(t, entry.reason);
  // The server's words are the more precise; ours only when they add something.
  const reasonText = !serverWords
    ? reason
    : serverWords.includes(reason)
      ? serverWords
      : `${reason}：${serverWords}`;
  return (
    <li className="sync-rejected__item">
      <p className="sync-rejected__title">
        {t('syncPanel.rejected.item', { entity: entityLabel(t, entry.entity), name })}
      </p>
      <p className="sync-rejected__reason">{reasonText}</p>
      <p className="muted sync-rejected__fields">
        {entry.op === 'delete'
          ? t('syncPanel.rejected.deleteOp')
          : t('syncPanel.rejected.fields', { fields })}
      </p>
      <p className="muted">
        {t('syncPanel.rejected.when', { when: formatWhen(entry.createdAt, locale) })}
      </p>
      {entry.dismissedAt === null && entry.seq !== undefined && (
        <Button variant="secondary" onClick={() => void dismissRejected(entry.seq!)}>
          {t('syncPanel.rejected.dismiss')}
        </Button>
      )}
    </li>
  );
}

/** The anchor the notices link to (REFUSED_HREF in src/features/shared/notices.ts). */
const REJECTED_SECTION_ID = 'sync-rejected';

/** Every refusal on the device: unread ones first, read ones behind a toggle. */
export function RejectedChanges() {
  const t = useT();
  const rejected = useRejected();
  const [showRead, setShowRead] = useState(false);
  const section = useRef<HTMLElement>(null);
  const shownAtAll = rejected !== undefined && rejected.length > 0;
  useEffect(() => {
    // The notices lead here (/settings#sync-rejected). The list appears once the database
    // answers, after the navigation scrolled to the top: bring it into view then.
    if (shownAtAll && window.location.hash === `#${REJECTED_SECTION_ID}`) {
      section.current?.scrollIntoView({ block: 'start' });
    }
  }, [shownAtAll]);
  if (!rejected || rejected.length === 0) return null;
  const unread = rejected.filter((r) => r.dismissedAt === null);
  const read = rejected.filter((r) => r.dismissedAt !== null);
  const shown = showRead ? rejected : unread;
  return (
    <section
      ref={section}
      id={REJECTED_SECTION_ID}
      className="sync-rejected"
      aria-labelledby="sync-rejected-heading"
    >
      <h3 id="sync-rejected-heading" className="sync-rejected__heading">
        {t('syncPanel.rejected.heading', { count: rejected.length })}
      </h3>
      <p className="muted">{t('syncPanel.rejected.explain')}</p>
      {shown.length > 0 && (
        <ul className="sync-rejected__list">
          {shown.map((entry) => (
            <RejectedItem key={entry.seq ?? entry.mutationId} entry={entry} />
          ))}
        </ul>
      )}
      {!showRead && read.length > 0 && (
        <button type="button" className="link-button" onClick={() => setShowRead(true)}>
          {t('syncPanel.rejected.showAll', { count: read.length })}
        </button>
      )}
    </section>
  );
}

/** For a record's detail page: its refused changes, if any, as a warning with the reasons. */
export function RecordSyncProblems({ entity, id }: { entity: EntityName; id: string }) {
  const t = useT();
  const rejected = useRejectedFor(entity, id);
  if (!rejected || rejected.length === 0) return null;
  return (
    <Banner tone="warning">
      <p>{t('syncPanel.onRecord', { count: rejected.length })}</p>
      <ul className="sync-rejected__list">
        {rejected.map((entry) => (
          <RejectedItem key={entry.seq ?? entry.mutationId} entry={entry} />
        ))}
      </ul>
    </Banner>
  );
}
