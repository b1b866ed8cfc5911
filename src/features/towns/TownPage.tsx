/**
 * One township, everything about it: whether it is a central town, its flagship stores, its pilot
 * history (and a new pilot), the service points in it and the coverage of its villages, plus how
 * its county stands with pilots this year.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import { saveRecord } from '../../actions';
import { useMayWrite } from '../shared/access';
import { useWriteErrorText } from '../shared/errors';
import { useT } from '../../i18n';
import { useRegions } from '../../regions';
import { centralTownId } from '../../domain/centralTown';
import {
  DEFAULT_MILESTONE_IDS,
  pilotHistory,
  pilotProgressByCounty,
  pointsInTownship,
  townVillageCoverage,
} from '../../domain/townFigures';
import { isOperating } from '../../domain/servicePoint';
import { useRecords } from '../../db';
import { Banner, Button, EmptyState, Field, Spinner } from '../../ui';
import {
  ShopRow,
  ProgressLine,
  inScope,
  today,
  usePlatformLabel,
  useScopeCode,
  yearOptions,
} from './shared';
import { paths } from '../shared/paths';
import { LinkRow } from '../shared/LinkRow';

export function TownPage({ code, year }: { code: string; year: number }) {
  const t = useT();
  const regions = useRegions();
  const towns = useRecords('centralTown');
  const stores = useRecords('flagshipStore');
  const pilots = useRecords('pilotTown');
  const points = useRecords('servicePoint');
  const targets = useRecords('target');
  const trainees = useRecords('trainee');
  const platformLabel = usePlatformLabel();
  const scope = useScopeCode();
  // 新建旗舰店 and 新建试点 only for who may write them in this town (src/domain/scope.ts): an
  // officer of the township reads its stores and pilots but does not keep them.
  const mayAddStore = useMayWrite('flagshipStore', code);
  const mayAddPilot = useMayWrite('pilotTown', code);

  if (regions.status === 'error') return <Banner tone="error">{t('towns.loadFailed')}</Banner>;
  if (
    regions.status !== 'ready' ||
    !towns ||
    !stores ||
    !pilots ||
    !points ||
    !targets ||
    !trainees
  ) {
    return <Spinner />;
  }
  const index = regions.regions;
  const township = index.township(code);
  if (!township) {
    return (
      <EmptyState icon="store" title={t('towns.notFound')}>
        <Link href={paths.towns()}>{t('towns.back')}</Link>
      </EmptyState>
    );
  }
  const central = towns.find((c) => c.id === centralTownId(code));
  const isCentral = central !== undefined && central.active && !central.deleted;
  const own = stores.filter((s) => s.townshipCode === code);
  const history = pilotHistory(pilots, code);
  const inTown = pointsInTownship(points, code);
  const coverage = townVillageCoverage(index.villagesOf(code), inTown);
  const county = index.county(township.countyCode);
  // Counts only: trainees' names and phones are personal data and belong to the training screens.
  const townTrainees = trainees.filter((x) => x.villageCode.startsWith(code));
  const [countyPilots] = pilotProgressByCounty([township.countyCode], pilots, targets, year);
  // Stores and pilots are added only in the user's own area (the server refuses the rest).
  const mine = inScope(code, scope);

  const header = (
    <>
      <header className="town-header">
        <h2 id="town-title" className="town-title">
          {township.name}
        </h2>
        <span className={`badge ${isCentral ? 'badge--open' : 'badge--closed'}`}>
          {isCentral
            ? t('towns.central.isCentral', { year: central.designatedYear })
            : t('towns.town.notCentral')}
        </span>
      </header>
      <p className="record-list__meta">{county?.name}</p>
    </>
  );

  const backToTowns = (
    <p>
      <Link href={paths.towns()} className="towns-back">
        {t('towns.back')}
      </Link>
    </p>
  );

  // A town outside the user's area: its stores, pilots, points and trainees are not on this
  // phone (the server sends only the area's), so no figure is shown for it — zeros would lie.
  if (!mine) {
    return (
      <section aria-labelledby="town-title">
        {header}
        <p className="field__hint" data-testid="town-outside-scope">
          {t('towns.scope.outsideTown', { town: township.name })}
        </p>
        {backToTowns}
      </section>
    );
  }

  return (
    <section aria-labelledby="town-title">
      {header}
      {countyPilots ? (
        <p className="towns-county-line" data-testid="town-county-pilots">
          {countyPilots.target === null
            ? t('towns.town.countyPilotsNoTarget', {
                county: county?.name ?? '',
                year,
                accepted: countyPilots.accepted,
              })
            : t('towns.town.countyPilots', {
                county: county?.name ?? '',
                year,
                accepted: countyPilots.accepted,
                target: countyPilots.target,
              })}
        </p>
      ) : null}

      <ListOrNone title={t('towns.town.stores')} none={t('towns.town.noStores')} count={own.length}>
        {own.map((s) => (
          <ShopRow
            key={s.id}
            href={paths.store(s.id)}
            name={s.storeName}
            meta={platformLabel(s.platform)}
            url={s.url}
            urlText={t('towns.store.open')}
            badge={{ className: `badge--${s.status}`, text: t(`towns.store.status.${s.status}`) }}
          />
        ))}
      </ListOrNone>
      {mayAddStore ? (
        <p>
          <Link href={paths.storeNew(code)} className="button button--secondary">
            {t('towns.town.addStore')}
          </Link>
        </p>
      ) : null}

      <ListOrNone
        title={t('towns.town.pilots')}
        none={t('towns.town.noPilots')}
        count={history.length}
      >
        {history.map((p) => (
          <LinkRow
            key={p.id}
            href={paths.pilot(p.id)}
            title={t('towns.pilot.title', { town: township.name, year: p.year })}
            badges={
              <span className={`badge badge--pilot-${p.status}`}>
                {t(`towns.pilot.status.${p.status}`)}
              </span>
            }
          />
        ))}
      </ListOrNone>
      {mayAddPilot ? (
        <NewPilot code={code} defaultYear={year} takenYears={history.map((p) => p.year)} />
      ) : null}

      <h3>{t('towns.town.coverage')}</h3>
      <ProgressLine
        label={t('towns.town.coverageLabel')}
        count={coverage.covered}
        target={coverage.rural}
        testId="town-coverage"
      />
      <p className="field__hint">
        {t('towns.town.coverageValue', { covered: coverage.covered, rural: coverage.rural })}
      </p>

      <h3>{t('towns.town.trainees')}</h3>
      <p className="field__hint" data-testid="town-trainees">
        {t('towns.town.traineesCount', {
          count: townTrainees.length,
          officials: townTrainees.filter((x) => x.kind === 'official').length,
          youth: townTrainees.filter((x) => x.kind === 'youth').length,
        })}
      </p>

      <h3>{t('towns.town.points')}</h3>
      {inTown.length === 0 ? (
        <p className="field__hint">{t('towns.town.noPoints')}</p>
      ) : (
        <>
          <p className="field__hint">
            {t('towns.town.pointsCount', {
              count: inTown.length,
              open: inTown.filter(isOperating).length,
            })}
          </p>
          <ul className="record-list">
            {inTown.slice(0, 50).map((p) => (
              <LinkRow
                key={p.id}
                href={paths.point(p.id)}
                title={p.name}
                meta={index.placeLabel(p.regionCode) ?? p.regionCode}
                badges={
                  <span className={`badge badge--${p.status}`}>
                    {t(`points.status.${p.status}`)}
                  </span>
                }
              />
            ))}
          </ul>
        </>
      )}
      {backToTowns}
    </section>
  );
}

/** Starts a pilot for the town in a year: proposed today, with the default milestone checklist. */
function NewPilot({
  code,
  defaultYear,
  takenYears,
}: {
  code: string;
  defaultYear: number;
  takenYears: number[];
}) {
  const t = useT();
  const errorText = useWriteErrorText();
  const [, navigate] = useLocation();
  const [year, setYear] = useState(defaultYear);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const taken = takenYears.includes(year);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (taken) return;
    setSaving(true);
    setError(null);
    try {
      const saved = await saveRecord('pilotTown', null, {
        townshipCode: code,
        year,
        status: 'proposed',
        statusHistory: [{ status: 'proposed', date: today() }],
        milestones: DEFAULT_MILESTONE_IDS.map((id) => ({
          id,
          title: t(`towns.pilot.milestone.${id}`),
          done: false,
          doneOn: null,
        })),
        notes: '',
        photos: [],
      });
      navigate(paths.pilot(saved.id));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setSaving(false);
    }
  }

  return (
    <form className="form form--inline" onSubmit={submit}>
      {error ? <Banner tone="error">{error}</Banner> : null}
      <Field
        label={t('towns.town.pilotYear')}
        hint={taken ? t('towns.town.pilotExists', { year }) : undefined}
      >
        {(control) => (
          <select {...control} value={year} onChange={(e) => setYear(Number(e.target.value))}>
            {yearOptions().map((y) => (
              <option key={y} value={y}>
                {t('year.value', { year: y })}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Button type="submit" variant="secondary" loading={saving} disabled={taken}>
        {t('towns.town.addPilot')}
      </Button>
    </form>
  );
}

/** A heading, then its list of records, or a line that says there are none. */
function ListOrNone({
  title,
  none,
  count,
  children,
}: {
  title: string;
  none: string;
  count: number;
  children: ReactNode;
}) {
  return (
    <>
      <h3>{title}</h3>
      {count === 0 ? (
        <p className="field__hint">{none}</p>
      ) : (
        <ul className="record-list">{children}</ul>
      )}
    </>
  );
}
