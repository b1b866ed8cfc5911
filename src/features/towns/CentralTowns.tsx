/**
 * 中心镇名单: the admin marks which townships of a county are central towns, with the year
 * designated. The list changes over the years, so it is data (CentralTown rows, one per township,
 * id derived from the township code); taking a town off keeps the row with active false.
 *
 * Not a form: each 设为中心镇 / 取消中心镇 is one tap, one write. Who sees the buttons is the rule
 * of src/domain/scope.ts (mayWrite of centralTown at the township), the one the server enforces;
 * a refusal is said through the one error mapper (../shared/errors.ts useActionErrorText): not
 * allowed, the row gone, the fields wrong, a full phone — never one generic sentence.
 */
import { useEffect, useRef, useState } from 'react';
import { Link } from 'wouter';
import { markCentralTown, unmarkCentralTown } from '../../actions';
import { useActionErrorText, writeErrorKind } from '../shared/errors';
import { useT } from '../../i18n';
import { useRegions } from '../../regions';
import { mayWrite } from '../../domain/scope';
import { useRecords, useSession } from '../../db';
import { Banner, Button, Spinner } from '../../ui';
import { FilterSelect, currentYear, useCanAdmin, useScopeCode } from './shared';
import { YearSelect } from '../shared/SubNav';
import { PlaceOptions } from '../shared/FilterSelect';
import { paths } from '../shared/paths';
import { adminsLabel } from '../shared/labels';

export function CentralTowns() {
  const t = useT();
  const regions = useRegions();
  const towns = useRecords('centralTown');
  const canEdit = useCanAdmin();
  const session = useSession();
  const actor = session?.user ?? null;
  // The user's own county first (the list is the whole prefecture's; everyone may look).
  const scope = useScopeCode();
  const [chosen, setCounty] = useState<string | null>(null);
  const county = chosen ?? scope.slice(0, 6);
  const [year, setYear] = useState(currentYear());
  const [error, setError] = useState<string | null>(null);
  const errorText = useActionErrorText();
  // A refusal is said at the top of a long list: it takes focus, so a thumb far down sees it.
  const errorRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error) errorRef.current?.focus();
  }, [error]);

  if (regions.status === 'error') return <Banner tone="error">{t('towns.loadFailed')}</Banner>;
  if (regions.status !== 'ready' || !towns) return <Spinner />;
  const index = regions.regions;
  const byTownship = new Map(towns.map((c) => [c.townshipCode, c]));

  async function run(action: () => Promise<unknown>) {
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(errorText(e)); // not allowed, gone, the fields, a full phone… in words
      if (writeErrorKind(e) === 'unknown') console.error(e);
    }
  }

  return (
    <section aria-labelledby="central-title">
      <h2 id="central-title" className="section-title">
        {t('towns.central.heading')}
      </h2>
      <p className="field__hint">
        {canEdit
          ? t('towns.central.hint')
          : t('towns.central.hintReadOnly', { admins: adminsLabel(t) })}
      </p>
      {canEdit ? null : (
        <Banner tone="info" icon="users">
          {t('towns.readOnly', { admins: adminsLabel(t) })}
        </Banner>
      )}
      <div ref={errorRef} tabIndex={-1}>
        {error ? <Banner tone="error">{error}</Banner> : null}
      </div>
      <ul className="chip-list">
        {index.counties.map((c) => {
          const count = towns.filter(
            (x) => x.active && !x.deleted && x.townshipCode.startsWith(c.code),
          ).length;
          return count > 0 ? (
            <li key={c.code} className="chip chip--static">
              {t('towns.central.countyCount', { county: c.name, count })}
            </li>
          ) : null;
        })}
      </ul>
      <div className="filters">
        <FilterSelect
          label={t('towns.central.county')}
          value={county}
          onChange={(e) => setCounty(e.target.value)}
        >
          <PlaceOptions first={t('form.choose')} places={index.counties} />
        </FilterSelect>
        {canEdit ? (
          <YearSelect label={t('towns.central.year')} year={year} onChange={setYear} />
        ) : null}
      </div>
      {!county ? (
        <p className="field__hint">{t('towns.central.chooseCounty')}</p>
      ) : (
        <ul className="record-list towns-central-list">
          {index.townshipsOf(county).map((tw) => {
            const row = byTownship.get(tw.code);
            const central = row && row.active && !row.deleted ? row : null;
            return (
              <li key={tw.code} className="record-list__row" data-testid={`township-${tw.code}`}>
                <div className="record-list__main">
                  <Link href={paths.town(tw.code)} className="record-list__title">
                    {tw.name}
                  </Link>
                  {central ? (
                    <span className="badge badge--open">
                      {t('towns.central.isCentral', { year: central.designatedYear })}
                    </span>
                  ) : null}
                </div>
                {canEdit && mayWrite(actor, 'centralTown', tw.code) ? (
                  central ? (
                    <Button
                      variant="secondary"
                      aria-label={t('towns.central.unmarkNamed', { town: tw.name })}
                      onClick={() => void run(() => unmarkCentralTown(tw.code))}
                    >
                      {t('towns.central.unmark')}
                    </Button>
                  ) : (
                    <Button
                      variant="secondary"
                      aria-label={t('towns.central.markNamed', { town: tw.name })}
                      onClick={() => void run(() => markCentralTown(tw.code, year))}
                    >
                      {t('towns.central.mark')}
                    </Button>
                  )
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
