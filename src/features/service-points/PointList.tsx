/**
 * The list of service points on this device: search, filters, sort, a page at a time (fast with
 * 10,000 points), sync state per row, the operator's phone by role (../shared/Phone.tsx: a call
 * link for those who edit points), and the CSV export of exactly what is filtered.
 */
import { useMemo, useState } from 'react';
import { Link } from 'wouter';
import { useLocale, useT } from '../../i18n';
import { useRegions } from '../../regions';
import { useMarkFirstData } from '../shared/firstData';
import {
  SERVICE_POINT_SERVICES,
  SERVICE_POINT_STATUSES,
  SERVICE_POINT_TIERS,
} from '../../domain/servicePointValues';
import {
  EMPTY_FILTER,
  POINT_SORTS,
  queryPoints,
  type PointFilter,
  type PointSort,
} from '../../domain/servicePointQuery';
import { listRecords, useNewestRecords, useRecords } from '../../db/live';
import { useFrameAfter } from '../shared/useFrameAfter';
import { Button, EmptyState, Spinner } from '../../ui';
import { Phone, useShowsFullPhone } from '../shared/Phone';
import { FilterSelect, PlaceOptions } from '../shared/FilterSelect';
import { downloadText } from '../shared/download';
import { usePendingIds } from './usePendingIds';
import './pointList.css';
import { paths } from '../shared/paths';
import { ListScreen } from '../shared/ListScreen';
import { POINT_FIRST_ROWS, POINT_PAGE } from './pointListReads';

export function PointList() {
  const t = useT();
  const locale = useLocale();
  const regions = useRegions();
  const pending = usePendingIds('servicePoint');
  const [filter, setFilter] = useState<PointFilter>(EMPTY_FILTER);
  const [sort, setSort] = useState<PointSort>('newest');
  const [shown, setShown] = useState(POINT_PAGE);
  const fullPhones = useShowsFullPhone('servicePoint');
  const filtering = JSON.stringify(filter) !== JSON.stringify(EMPTY_FILTER);
  // The first screen (no filter, newest first) reads only the rows it shows, through the primary
  // key; a search, a filter or another order reads every point (docs/PERFORMANCE.md).
  const quick = !filtering && sort === 'newest';
  const newest = useNewestRecords('servicePoint', shown, quick);
  const points = useRecords('servicePoint', !quick);

  const index = regions.status === 'ready' ? regions.regions : null;
  const placeLabel = useMemo(
    () => (code: string) => (index ? (index.placeLabel(code) ?? code) : code),
    [index],
  );
  const filtered = useMemo(
    () => (points ? queryPoints(points, filter, sort, placeLabel) : []),
    [points, filter, sort, placeLabel],
  );
  const listed = useMemo(
    () =>
      quick
        ? newest && { rows: newest.rows, total: newest.total }
        : points && { rows: filtered.slice(0, shown), total: filtered.length },
    [quick, newest, points, filtered, shown],
  );
  // Kept while another read runs, so typing in the search box never unmounts the filters.
  const [lastListed, setLastListed] = useState(listed);
  if (listed && listed !== lastListed) setLastListed(listed);
  const shownList = listed ?? lastListed;
  useMarkFirstData(shownList !== undefined);
  const wholePage = useFrameAfter(shownList !== undefined);

  if (!shownList) return <Spinner />;
  const { rows, total } = shownList;
  const nothingAtAll = !filtering && total === 0;
  const set = (change: Partial<PointFilter>) => {
    setFilter((f) => ({ ...f, ...change }));
    setShown(POINT_PAGE);
  };

  async function exportCsv() {
    if (!index) return;
    // The CSV writer (papaparse) is loaded on the tap, not with the list.
    const [all, { pointsToCsv }] = await Promise.all([
      points ?? listRecords('servicePoint'),
      import('./csv'),
    ]);
    const stamp = new Date().toISOString().slice(0, 10);
    downloadText(
      `${t('points.export.filename')}-${stamp}.csv`,
      pointsToCsv(queryPoints(all, filter, sort, placeLabel), index, locale),
    );
  }

  return (
    <ListScreen
      titleId="points-title"
      title={t('points.title')}
      className="point-list"
      newRecord={{ href: paths.pointNew(), label: t('points.new'), icon: 'pin' }}
    >
      {nothingAtAll ? (
        <>
          <EmptyState icon="pin" title={t('points.emptyTitle')}>
            {t('points.emptyBody')}
          </EmptyState>
          <p>
            <Link href={paths.pointImport()}>{t('points.import.link')}</Link>
          </p>
        </>
      ) : (
        <>
          <div className="filters" role="search">
            <input
              type="search"
              aria-label={t('points.search.label')}
              placeholder={t('points.search.placeholder')}
              value={filter.text}
              onChange={(e) => set({ text: e.target.value })}
            />
            <details className="filters__more" open={filtering && !filter.text ? true : undefined}>
              <summary>{t('points.filter.title')}</summary>
              <FilterSelect
                label={t('points.field.county')}
                value={filter.county}
                onChange={(e) => set({ county: e.target.value, township: '' })}
              >
                <PlaceOptions first={t('points.filter.all')} places={index?.counties ?? []} />
              </FilterSelect>
              <FilterSelect
                label={t('points.field.township')}
                value={filter.township}
                disabled={!filter.county}
                onChange={(e) => set({ township: e.target.value })}
              >
                <PlaceOptions
                  first={t('points.filter.all')}
                  places={index && filter.county ? index.townshipsOf(filter.county) : []}
                />
              </FilterSelect>
              <FilterSelect
                label={t('points.field.tier')}
                value={filter.tier}
                onChange={(e) => set({ tier: e.target.value as PointFilter['tier'] })}
              >
                <option value="">{t('points.filter.all')}</option>
                {SERVICE_POINT_TIERS.map((tier) => (
                  <option key={tier} value={tier}>
                    {t(`points.tier.${tier}`)}
                  </option>
                ))}
              </FilterSelect>
              <FilterSelect
                label={t('points.field.status')}
                value={filter.status}
                onChange={(e) => set({ status: e.target.value as PointFilter['status'] })}
              >
                <option value="">{t('points.filter.all')}</option>
                {SERVICE_POINT_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {t(`points.status.${s}`)}
                  </option>
                ))}
              </FilterSelect>
              <FilterSelect
                label={t('points.field.services')}
                value={filter.service}
                onChange={(e) => set({ service: e.target.value as PointFilter['service'] })}
              >
                <option value="">{t('points.filter.all')}</option>
                {SERVICE_POINT_SERVICES.map((s) => (
                  <option key={s} value={s}>
                    {t(`points.service.${s}`)}
                  </option>
                ))}
              </FilterSelect>
              <FilterSelect
                label={t('points.sort.label')}
                value={sort}
                onChange={(e) => setSort(e.target.value as PointSort)}
              >
                {POINT_SORTS.map((s) => (
                  <option key={s} value={s}>
                    {t(`points.sort.${s}`)}
                  </option>
                ))}
              </FilterSelect>
              {filtering ? (
                <Button variant="secondary" onClick={() => set(EMPTY_FILTER)}>
                  {t('points.filter.clear')}
                </Button>
              ) : null}
            </details>
          </div>
          <div className="list-toolbar">
            <p className="screen__count" aria-live="polite">
              {filtering && points
                ? t('points.countFiltered', {
                    count: filtered.length,
                    total: points.filter((p) => !p.deleted).length,
                  })
                : t('points.count', { count: total })}
            </p>
            <Button
              variant="secondary"
              icon="download"
              onClick={() => void exportCsv()}
              disabled={!index || total === 0}
            >
              {t('points.export.button')}
            </Button>
            <Link href={paths.pointImport()} className="button button--secondary">
              <span>{t('points.import.link')}</span>
            </Link>
          </div>
          {total === 0 ? (
            <EmptyState icon="pin" title={t('points.filter.none')} headingLevel={2} />
          ) : (
            <ul className="record-list">
              {(wholePage ? rows : rows.slice(0, POINT_FIRST_ROWS)).map((p) => (
                <li key={p.id} className="record-list__item record-list__item--stretched">
                  <Link href={paths.point(p.id)} className="record-list__stretch">
                    <span className="record-list__title">{p.name}</span>
                    <span className="record-list__meta">{placeLabel(p.regionCode)}</span>
                    <span className="record-list__badges">
                      <span className={`badge badge--${p.status}`}>
                        {t(`points.status.${p.status}`)}
                      </span>
                      <span className="badge">{t(`points.tier.${p.tier}`)}</span>
                      {pending.has(p.id) ? (
                        <span className="badge badge--pending">{t('sync.pending')}</span>
                      ) : null}
                    </span>
                  </Link>
                  {p.operatorName || p.operatorPhone ? (
                    <span className="record-list__meta">
                      {p.operatorName}
                      {p.operatorName && p.operatorPhone ? ' · ' : null}
                      <Phone
                        phone={p.operatorPhone}
                        full={fullPhones}
                        name={p.operatorName || undefined}
                      />
                    </span>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          {total > shown && wholePage ? (
            <Button variant="secondary" onClick={() => setShown((s) => s + POINT_PAGE * 4)}>
              {t('points.showMore', { count: Math.min(POINT_PAGE * 4, total - shown) })}
            </Button>
          ) : null}
        </>
      )}
    </ListScreen>
  );
}
