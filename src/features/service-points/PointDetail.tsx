/** One service point: its fields, status history and sync state. */
import { lazy, Suspense } from 'react';
import { Link } from 'wouter';
import { formatDate, useT, formatList } from '../../i18n';
import { useRegions } from '../../regions';
import { useMarkFirstData } from '../shared/firstData';
import { useRecord } from '../../db';
import { EmptyState, Icon, Spinner, Screen } from '../../ui';
import { readSavedBaseLayer } from '../../map/baseLayers';
import { useMayWriteRecord } from '../shared/access';
import { Phone, useShowsFullPhone } from '../shared/Phone';
import { PointDuplicateNotice } from './DuplicatesNotice';
import { PhotoThumb } from '../shared/Photos';
import { StatusChange } from './StatusChange';
import { RecordHistory } from '../shared/RecordHistory';
import { RecordSyncProblems } from '../shared/RejectedChanges';
import { paths } from '../shared/paths';
import { SyncBadge } from '../shared/SyncBadge';

// Leaflet and the map come in their own chunk, only when a located point is opened.
const PointLocationMap = lazy(() => import('./PointLocationMap'));
const MAP_HEIGHT = 200;

export function PointDetail({ id }: { id: string }) {
  const t = useT();
  const point = useRecord('servicePoint', id);
  const regions = useRegions();
  const fullPhone = useShowsFullPhone('servicePoint');
  // Edit and status change only for those who may change this point (the server's rule).
  const mayChange = useMayWriteRecord('servicePoint', point);
  useMarkFirstData(point !== undefined);

  if (point === undefined) return <Spinner />;
  if (point === null || point.deleted) {
    return (
      <EmptyState icon="pin" title={t('points.notFound')}>
        {t('duplicates.notFoundHint')} <Link href={paths.points()}>{t('points.backToList')}</Link>
      </EmptyState>
    );
  }

  return (
    <Screen titleId="point-title" title={point.name}>
      <PointDuplicateNotice pointId={point.id} />
      <p>
        <span className={`badge badge--${point.status}`}>{t(`points.status.${point.status}`)}</span>{' '}
        <SyncBadge entity="servicePoint" id={point.id} />
      </p>
      <dl className="details">
        <dt>{t('points.field.tier')}</dt>
        <dd>{t(`points.tier.${point.tier}`)}</dd>
        <dt>{t('points.field.place')}</dt>
        <dd>
          {regions.status === 'ready'
            ? (regions.regions.placeLabel(point.regionCode) ?? point.regionCode)
            : point.regionCode}
        </dd>
        <dt>{t('points.field.services')}</dt>
        <dd>{formatList(point.services.map((s) => t(`points.service.${s}`)))}</dd>
        <dt>{t('points.field.operatorName')}</dt>
        <dd>{point.operatorName || '—'}</dd>
        <dt>{t('points.field.operatorPhone')}</dt>
        <dd>
          {point.operatorPhone ? (
            <Phone
              phone={point.operatorPhone}
              full={fullPhone}
              name={point.operatorName || undefined}
            />
          ) : (
            '—'
          )}
        </dd>
        <dt>{t('points.field.location')}</dt>
        <dd>
          {point.location ? (
            <>
              <span data-testid="point-location-readout">
                {point.location.accuracy === null
                  ? t('pointsMore.map.readoutNoAccuracy', {
                      lat: point.location.lat.toFixed(6),
                      lng: point.location.lng.toFixed(6),
                    })
                  : t('points.location.readout', {
                      lat: point.location.lat.toFixed(6),
                      lng: point.location.lng.toFixed(6),
                      accuracy: Math.round(point.location.accuracy),
                    })}
              </span>
              <Suspense
                fallback={<div className="point-map__placeholder" style={{ height: MAP_HEIGHT }} />}
              >
                <PointLocationMap
                  point={point}
                  location={point.location}
                  layerId={readSavedBaseLayer()}
                  height={MAP_HEIGHT}
                  label={t('pointsMore.map.label', { place: point.name })}
                />
              </Suspense>
              <p>
                <Link href={paths.mapPoint(point.id)} className="button button--secondary">
                  <Icon name="map" size={20} />
                  <span>{t('pointsMore.map.openCoverage')}</span>
                </Link>
              </p>
            </>
          ) : (
            <span className="field__hint">{t('pointsMore.map.none')}</span>
          )}
        </dd>
        <dt>{t('points.field.openedOn')}</dt>
        <dd>{point.openedOn ? formatDate(point.openedOn) : '—'}</dd>
        <dt>{t('points.field.notes')}</dt>
        <dd className="details__note">{point.notes || '—'}</dd>
      </dl>
      <h2>{t('points.field.photos')}</h2>
      {point.photos.length === 0 ? (
        <p className="field__hint">{t('points.photos.none')}</p>
      ) : (
        <div className="photo-grid">
          {point.photos.map((sha) => (
            <PhotoThumb key={sha} sha256={sha} />
          ))}
        </div>
      )}
      {mayChange ? (
        <>
          <p>
            <Link href={paths.pointEdit(point.id)} className="button button--secondary">
              {t('points.edit')}
            </Link>
          </p>
          <StatusChange point={point} />
        </>
      ) : null}
      <RecordSyncProblems entity="servicePoint" id={point.id} />
      <h2>{t('points.history')}</h2>
      <ol className="timeline">
        {point.statusHistory.map((h, i) => (
          <li key={i}>
            <span className={`badge badge--${h.status}`}>{t(`points.status.${h.status}`)}</span>{' '}
            {formatDate(h.date)}
            {h.note ? ` — ${h.note}` : ''}
          </li>
        ))}
      </ol>
      <RecordHistory entity="servicePoint" id={point.id} />
      <p>
        <Link href={paths.points()} className="tap-link">
          {t('points.backToList')}
        </Link>
      </p>
    </Screen>
  );
}
