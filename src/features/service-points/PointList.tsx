/** The list of service points on this device, newest first, with their sync state. */
import { Link } from 'wouter';
import { useT } from '../../app/i18n';
import { useRegions } from '../../app/regions';
import { useRecords } from '../../db';
import { EmptyState, Icon, Spinner } from '../../ui';
import { usePendingIds } from './usePendingIds';

export function PointList() {
  const t = useT();
  const points = useRecords('servicePoint');
  const regions = useRegions();
  const pending = usePendingIds('servicePoint');

  if (!points) return <Spinner />;
  const sorted = [...points].sort((a, b) => (a.id < b.id ? 1 : -1));

  return (
    <section className="screen" aria-labelledby="points-title">
      <header className="screen__header">
        <h1 id="points-title">{t('points.title')}</h1>
        <Link href="/points/new" className="button button--primary">
          <Icon name="pin" size={20} />
          <span>{t('points.new')}</span>
        </Link>
      </header>
      <p className="screen__count">{t('points.count', { count: sorted.length })}</p>
      {sorted.length === 0 ? (
        <EmptyState icon="pin" title={t('points.emptyTitle')}>
          {t('points.emptyBody')}
        </EmptyState>
      ) : (
        <ul className="record-list">
          {sorted.map((p) => (
            <li key={p.id}>
              <Link href={`/points/${p.id}`} className="record-list__item">
                <span className="record-list__title">{p.name}</span>
                <span className="record-list__meta">
                  {regions.status === 'ready'
                    ? (regions.regions.placeLabel(p.regionCode) ?? p.regionCode)
                    : p.regionCode}
                </span>
                <span className="record-list__badges">
                  <span className={`badge badge--${p.status}`}>
                    {t(`points.status.${p.status}`)}
                  </span>
                  {pending.has(p.id) ? (
                    <span className="badge badge--pending">{t('sync.pending')}</span>
                  ) : null}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
