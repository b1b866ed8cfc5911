/**
 * 待处理 (/notices), where the top bar's badge leads: every notice with its details — when the
 * server's counts were learnt, which metrics are behind — each leading to the place to act.
 * From the device alone, so it reads the same offline.
 */
import { useT } from '../../i18n';
import { EmptyState, Spinner } from '../../ui';
import { NoticeLink } from '../shared/NoticesLine';
import { useNotices } from '../shared/notices';

export default function NoticesScreen() {
  const t = useT();
  const notices = useNotices();
  return (
    <div className="screen">
      <header className="screen__header">
        <h1>{t('notices.title')}</h1>
      </header>
      {notices === undefined ? (
        <Spinner />
      ) : notices.length === 0 ? (
        <EmptyState icon="check" title={t('notices.none')} />
      ) : (
        <ul className="notices-list">
          {notices.map((notice) => (
            <li key={notice.kind}>
              <NoticeLink notice={notice} withDetail />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
