/**
 * One flagship store: its fields, a safe link to it, the monthly figures, the status steps
 * (planned → open → closed, or reopened) that make sense from where it is, and — like a service
 * point's page — its sync state, the changes the server refused and who changed it when.
 */
import { Link } from 'wouter';
import { changeStoreStatus } from '../../actions';
import { formatDate, formatNumber, useT } from '../../i18n';
import { useRegions } from '../../regions';
import type { FlagshipStore } from '../../domain/flagshipStore';
import { isCentralTown, STORE_TRANSITIONS } from '../../domain/townFigures';
import { useRecord, useRecords } from '../../db';
import { Spinner } from '../../ui';
import { RecordHistory } from '../shared/RecordHistory';
import { useMayWriteRecord } from '../shared/access';
import { LifecycleChange } from '../shared/LifecycleChange';
import { RecordSyncProblems } from '../shared/RejectedChanges';
import { ExternalLink, RecordNotFound, SyncBadge, usePlatformLabel } from './shared';
import { paths } from '../shared/paths';

export function StoreDetail({ id }: { id: string }) {
  const t = useT();
  const store = useRecord('flagshipStore', id);
  const regions = useRegions();
  const platformLabel = usePlatformLabel();
  const centralTowns = useRecords('centralTown');
  // 修改 and the status change only for who may write this store where it is (scope.ts).
  const mayEdit = useMayWriteRecord('flagshipStore', store && !store.deleted ? store : null);

  if (store === undefined) return <Spinner />;
  if (store === null || store.deleted) {
    return (
      <RecordNotFound
        entity="flagshipStore"
        id={id}
        back={{ href: paths.towns(), label: t('towns.back') }}
      />
    );
  }
  const townName =
    regions.status === 'ready'
      ? (regions.regions.placeLabel(store.townshipCode) ?? store.townshipCode)
      : store.townshipCode;

  return (
    <section aria-labelledby="store-title">
      <h2 id="store-title" className="section-title">
        {store.storeName}
      </h2>
      <p>
        <span className={`badge badge--${store.status}`} data-testid="store-status">
          {t(`towns.store.status.${store.status}`)}
        </span>{' '}
        <SyncBadge entity="flagshipStore" id={store.id} />
      </p>
      <dl className="details">
        <dt>{t('towns.store.town')}</dt>
        <dd>
          <Link href={paths.town(store.townshipCode)}>{townName}</Link>
          {centralTowns && !isCentralTown(centralTowns, store.townshipCode) ? (
            <span className="field__hint" data-testid="store-off-list">
              {' '}
              {t('towns.store.notCentral')}
            </span>
          ) : null}
        </dd>
        <dt>{t('towns.store.platform')}</dt>
        <dd>{platformLabel(store.platform)}</dd>
        <dt>{t('towns.store.url')}</dt>
        <dd>{store.url ? <ExternalLink url={store.url} /> : '—'}</dd>
        <dt>{t('towns.store.openedOn')}</dt>
        <dd>{store.openedOn ? formatDate(store.openedOn) : '—'}</dd>
        <dt>{t('towns.store.mainProducts')}</dt>
        <dd>{store.mainProducts || '—'}</dd>
        <dt>{t('towns.store.operator')}</dt>
        <dd>{store.operator || '—'}</dd>
      </dl>
      <h3>{t('towns.store.figures')}</h3>
      {store.monthlyFigures.length === 0 ? (
        <p className="field__hint">{t('towns.store.noFigures')}</p>
      ) : (
        <ul className="plain-list">
          {[...store.monthlyFigures]
            .sort((a, b) => b.month.localeCompare(a.month))
            .map((f) => (
              <li key={f.month}>
                {t('towns.store.figureRow', {
                  month: f.month,
                  orders: formatNumber(f.orders),
                  sales: formatNumber(f.salesYuan),
                })}
              </li>
            ))}
        </ul>
      )}
      {mayEdit ? (
        <>
          <p className="towns-actions">
            <Link href={paths.storeEdit(store.id)} className="button button--secondary">
              {t('towns.store.edit')}
            </Link>
          </p>
          <StoreStatusChange store={store} />
        </>
      ) : null}
      <RecordSyncProblems entity="flagshipStore" id={store.id} />
      <RecordHistory entity="flagshipStore" id={store.id} headingLevel={3} />
    </section>
  );
}

function StoreStatusChange({ store }: { store: FlagshipStore }) {
  const t = useT();
  return (
    <LifecycleChange
      next={STORE_TRANSITIONS[store.status]}
      change={(to, date) => changeStoreStatus(store.id, to, date)}
      headingId="store-status-title"
      text={{
        title: t('towns.store.statusChange'),
        to: t('towns.store.statusTo'),
        date: t('towns.store.statusDate'),
        submit: t('towns.store.statusSubmit'),
        final: t('towns.store.statusFinal'),
        failed: t('towns.failed'),
        status: (s) => t(`towns.store.status.${s}`),
        refused: (reason) => t(`towns.refused.${reason}`),
      }}
    />
  );
}
