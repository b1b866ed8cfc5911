/**
 * The admin's question, answered offline: which central towns still have no flagship store, and
 * how far is each county with its pilots this year? Figures come from the records on this device
 * and the Target rows, counted by src/domain/townFigures.ts.
 */
import { useMemo, useState } from 'react';
import { Link } from 'wouter';
import { formatNumber, useT } from '../../i18n';
import { useRegions } from '../../regions';
import {
  agriShopProgress,
  centralTownStoreProgress,
  centralTownsIn,
  pilotProgressByCounty,
  storesOutsideCentralTowns,
  tallyPilots,
  townHasStore,
} from '../../domain/townFigures';
import { useRecords } from '../../db';
import { Banner, EmptyState, Spinner } from '../../ui';
import { centralTownsToCsv } from '../shared/townsCsv';
import {
  CountyFilter,
  CsvToolbar,
  ProgressLine,
  inScope,
  useCanAdmin,
  useScopeCode,
} from './shared';
import { paths } from '../shared/paths';
import { LinkRow } from '../shared/LinkRow';
import { adminsLabel } from '../shared/labels';
import { ListFilters } from '../shared/FilterSelect';
import { rootLevel } from '../../domain/levels';

export function Overview({ year }: { year: number }) {
  const t = useT();
  const regions = useRegions();
  const towns = useRecords('centralTown');
  const stores = useRecords('flagshipStore');
  const pilots = useRecords('pilotTown');
  const shops = useRecords('agriShop');
  const targets = useRecords('target');
  const [text, setText] = useState('');
  const [county, setCounty] = useState('');
  const [withoutStore, setWithoutStore] = useState(false);
  // A coordinator's phone holds the central-town list of the whole prefecture but only the stores
  // and pilots of the county: every figure here is of the user's own area, or a town elsewhere
  // would show as "no store" only because its store is not on this phone.
  const scope = useScopeCode();
  const scopeCounty = scope ? scope.slice(0, 6) : null;
  const canAdmin = useCanAdmin();

  const index = regions.status === 'ready' ? regions.regions : null;
  const listed = useMemo(
    () => (towns ? centralTownsIn(towns, year).filter((c) => inScope(c.townshipCode, scope)) : []),
    [towns, year, scope],
  );
  const filtered = useMemo(() => {
    if (!index || !stores) return [];
    const q = text.trim();
    return listed
      .filter((c) => !county || c.townshipCode.startsWith(county))
      .filter((c) => !withoutStore || !townHasStore(stores, c.townshipCode))
      .filter((c) => !q || (index.township(c.townshipCode)?.name ?? '').includes(q))
      .sort((a, b) => a.townshipCode.localeCompare(b.townshipCode));
  }, [index, stores, listed, county, withoutStore, text]);

  if (regions.status === 'error') return <Banner tone="error">{t('towns.loadFailed')}</Banner>;
  if (!index || !towns || !stores || !pilots || !shops || !targets) return <Spinner />;

  const inArea = towns.filter((c) => inScope(c.townshipCode, scope));
  const storeProgress = centralTownStoreProgress(inArea, stores, targets, year, scopeCounty);
  const shopProgress = agriShopProgress(shops, targets, year, scopeCounty);
  const allPilots = tallyPilots(pilots, year, scopeCounty);
  const areaCounties = index.counties.filter((c) => !scopeCounty || c.code === scopeCounty);
  const areaName = scope ? (index.placeLabel(scope) ?? scope) : null;
  const counties = pilotProgressByCounty(
    areaCounties.map((c) => c.code),
    pilots,
    targets,
    year,
  );
  // Counties with neither a target nor a pilot this year are summed up in one line, so the
  // counties that matter for the assessment are not lost in a list of thirteen. A coordinator's
  // own county is always shown, even at nothing.
  const relevant = scopeCounty
    ? counties
    : counties.filter((c) => c.target !== null || c.accepted + c.underway + c.failed > 0);
  const rest = counties.length - relevant.length;
  const noStore = listed.filter((c) => !townHasStore(stores, c.townshipCode));
  const offList = storesOutsideCentralTowns(
    stores.filter((st) => inScope(st.townshipCode, scope)),
    towns,
  ).sort((a, b) => a.townshipCode.localeCompare(b.townshipCode));
  const townName = (code: string) => index.placeLabel(code) ?? code;

  return (
    <>
      <section className="card towns-summary" aria-labelledby="towns-summary">
        <h2 id="towns-summary" className="section-title">
          {areaName
            ? t('towns.summary.headingIn', { year, area: areaName })
            : t('towns.summary.heading', { year })}
        </h2>
        {scope.length === 9 ? (
          <p className="field__hint">{t('towns.summary.townshipNote')}</p>
        ) : null}
        <ProgressLine
          label={t('towns.summary.stores')}
          count={storeProgress.count}
          target={storeProgress.target ?? storeProgress.towns}
          testId="figure-stores"
          // "0 / 0" says nothing: with no list and no target, say there is no list yet.
          emptyText={
            storeProgress.towns === 0 && storeProgress.target === null
              ? t('towns.summary.noList')
              : undefined
          }
        />
        <ProgressLine
          label={t('towns.summary.shops')}
          count={shopProgress.count}
          target={shopProgress.target}
          testId="figure-shops"
        />
        <p className="towns-summary__line" data-testid="figure-pilots">
          {areaName || rootLevel() === 'province'
            ? t('towns.summary.pilotsIn', {
                // A province's whole area is 全省, not the prefecture's 全市.
                area: areaName ?? t('levels.whole.province'),
                count: formatNumber(allPilots.accepted),
              })
            : t('towns.summary.pilots', { count: formatNumber(allPilots.accepted) })}
        </p>
      </section>

      <section aria-labelledby="towns-no-store">
        <h2 id="towns-no-store" className="section-title">
          {t('towns.noStore.heading')}
        </h2>
        {listed.length === 0 ? (
          <>
            <p className="field__hint">
              {canAdmin
                ? t('towns.noStore.noTowns')
                : t('towns.noStore.noTownsWait', { admins: adminsLabel(t) })}
            </p>
            {canAdmin ? (
              <p>
                <Link href={paths.centralTowns()} className="button button--secondary">
                  {t('towns.noStore.markTowns')}
                </Link>
              </p>
            ) : null}
          </>
        ) : noStore.length === 0 ? (
          <p className="field__hint">{t('towns.noStore.none')}</p>
        ) : (
          <ul className="chip-list" data-testid="towns-without-store">
            {noStore.map((c) => (
              <li key={c.id}>
                <Link href={paths.town(c.townshipCode)} className="chip">
                  {townName(c.townshipCode)}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>

      {offList.length > 0 ? (
        <section aria-labelledby="towns-off-list" data-testid="stores-off-list">
          <h2 id="towns-off-list" className="section-title">
            {t('towns.offList.heading')}
          </h2>
          <p className="field__hint">{t('towns.offList.hint')}</p>
          <ul className="record-list">
            {offList.map((st) => (
              <LinkRow
                key={st.id}
                href={paths.store(st.id)}
                title={st.storeName}
                meta={t('towns.offList.item', {
                  town: townName(st.townshipCode),
                  status: t(`towns.store.status.${st.status}`),
                })}
              />
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="towns-pilots">
        <h2 id="towns-pilots" className="section-title">
          {t('towns.pilots.heading', { year })}
        </h2>
        <ul className="county-pilots">
          {relevant.map((c) => {
            const name = index.county(c.countyCode)?.name ?? c.countyCode;
            return (
              <li key={c.countyCode} className="county-pilots__item" data-county={c.countyCode}>
                <ProgressLine
                  label={name}
                  count={c.accepted}
                  target={c.target}
                  testId={`pilots-${c.countyCode}`}
                />
                <p className="county-pilots__figures">
                  {t('towns.pilots.figures', {
                    accepted: c.accepted,
                    underway: c.underway,
                    failed: c.failed,
                  })}
                  {c.met ? (
                    <span className="badge badge--open">{t('towns.pilots.met')}</span>
                  ) : null}
                </p>
              </li>
            );
          })}
        </ul>
        {rest > 0 ? (
          <p className="county-pilots__rest">
            {relevant.length === 0
              ? t('towns.pilots.noneAll', { count: rest })
              : t('towns.pilots.rest', { count: rest })}
          </p>
        ) : null}
      </section>

      {/* With no central town on the list there is nothing to search or export: the section above
          already says so and, to an admin, how to start. */}
      {listed.length > 0 ? (
        <section aria-labelledby="towns-list">
          <h2 id="towns-list" className="section-title">
            {t('towns.list.heading')}
          </h2>
          <ListFilters
            search={{
              label: t('towns.list.search'),
              placeholder: t('towns.list.searchPlaceholder'),
              value: text,
              onValue: setText,
            }}
          >
            <CountyFilter counties={areaCounties} value={county} onChange={setCounty} />
            <label className="checkbox">
              <input
                type="checkbox"
                checked={withoutStore}
                onChange={(e) => setWithoutStore(e.target.checked)}
              />
              <span>{t('towns.list.onlyWithoutStore')}</span>
            </label>
          </ListFilters>
          <CsvToolbar
            count={t('towns.list.count', { count: filtered.length })}
            shown={filtered.length}
            filename={`${t('towns.list.filename')}-${year}.csv`}
            csv={() => centralTownsToCsv(filtered, stores, pilots, year, index, t)}
          />
          {filtered.length === 0 ? (
            <EmptyState icon="store" title={t('towns.list.none')} headingLevel={3} />
          ) : (
            <ul className="record-list">
              {filtered.map((c) => {
                const has = townHasStore(stores, c.townshipCode);
                return (
                  <LinkRow
                    key={c.id}
                    href={paths.town(c.townshipCode)}
                    title={index.township(c.townshipCode)?.name ?? c.townshipCode}
                    meta={
                      <>
                        {index.county(c.townshipCode.slice(0, 6))?.name} ·{' '}
                        {t('towns.list.designated', { year: c.designatedYear })}
                      </>
                    }
                    badges={
                      <span className={`badge ${has ? 'badge--open' : 'badge--planned'}`}>
                        {has ? t('towns.list.hasStore') : t('towns.list.noStore')}
                      </span>
                    }
                  />
                );
              })}
            </ul>
          )}
        </section>
      ) : null}
    </>
  );
}
