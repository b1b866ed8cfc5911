/**
 * 年度目标: the admin's editor of the Target rows — per year, per county or the whole prefecture,
 * one value per metric. Targets are data, never constants in code (DESIGN.md §1); each row's id is
 * derived from (year, county, metric), so two admins editing offline update the same row.
 */
import { Fragment, useState, type FormEvent } from 'react';
import { setTarget } from '../../actions';
import { formatNumber, useT } from '../../app/i18n';
import { useRegions } from '../../app/regions';
import { TARGET_METRICS, type Target, type TargetMetric } from '../../domain/target';
import { targetValue } from '../../domain/townFigures';
import { useRecords } from '../../db';
import { Banner, Button, Field, Spinner } from '../../ui';
import { FilterSelect, useCanAdmin, yearOptions } from './shared';

const PREFECTURE = 'all';

export function TargetsEditor({ year, onYear }: { year: number; onYear: (y: number) => void }) {
  const t = useT();
  const regions = useRegions();
  const targets = useRecords('target');
  const canEdit = useCanAdmin();
  const [scope, setScope] = useState(PREFECTURE);

  if (regions.status === 'error') return <Banner tone="error">{t('towns.loadFailed')}</Banner>;
  if (regions.status !== 'ready' || !targets) return <Spinner />;
  const countyCode = scope === PREFECTURE ? null : scope;

  return (
    <section aria-labelledby="targets-title">
      <h2 id="targets-title" className="section-title">
        {t('towns.targets.heading')}
      </h2>
      {canEdit ? (
        <p className="field__hint">{t('towns.targets.hint')}</p>
      ) : (
        <Banner tone="info" icon="users">
          {t('towns.readOnly')}
        </Banner>
      )}
      <div className="filters">
        <FilterSelect
          label={t('towns.year')}
          value={year}
          onChange={(e) => onYear(Number(e.target.value))}
        >
          {yearOptions().map((y) => (
            <option key={y} value={y}>
              {t('towns.yearValue', { year: y })}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect
          label={t('towns.targets.scope')}
          value={scope}
          onChange={(e) => setScope(e.target.value)}
        >
          <option value={PREFECTURE}>{t('towns.targets.prefecture')}</option>
          {regions.regions.counties.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </FilterSelect>
      </div>
      {canEdit ? (
        <TargetForm
          key={`${year}:${scope}`}
          year={year}
          countyCode={countyCode}
          targets={targets}
        />
      ) : (
        <TargetValues year={year} countyCode={countyCode} targets={targets} />
      )}
    </section>
  );
}

/**
 * What a coordinator sees: the targets as figures, not as boxes that look editable but are not.
 */
function TargetValues({
  year,
  countyCode,
  targets,
}: {
  year: number;
  countyCode: string | null;
  targets: readonly Target[];
}) {
  const t = useT();
  return (
    <dl className="details" data-testid="target-values">
      {TARGET_METRICS.map((m) => {
        const value = targetValue(targets, year, m, countyCode);
        return (
          <Fragment key={m}>
            <dt>{t(`towns.metric.${m}`)}</dt>
            <dd>{value === null ? t('towns.targets.unset') : formatNumber(value)}</dd>
          </Fragment>
        );
      })}
    </dl>
  );
}

function TargetForm({
  year,
  countyCode,
  targets,
}: {
  year: number;
  countyCode: string | null;
  targets: readonly Target[];
}) {
  const t = useT();
  const [values, setValues] = useState<Record<TargetMetric, string>>(() => {
    const entries = TARGET_METRICS.map((m) => {
      const v = targetValue(targets, year, m, countyCode);
      return [m, v === null ? '' : String(v)] as const;
    });
    return Object.fromEntries(entries) as Record<TargetMetric, string>;
  });
  const [message, setMessage] = useState<{ tone: 'info' | 'error'; text: string } | null>(null);
  const [saving, setSaving] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const changed = TARGET_METRICS.filter((m) => {
      const before = targetValue(targets, year, m, countyCode);
      return values[m].trim() !== '' && Number(values[m]) !== before;
    });
    const invalid = changed.some((m) => !/^\d{1,7}$/.test(values[m].trim()));
    if (invalid) {
      setMessage({ tone: 'error', text: t('towns.targets.invalid') });
      return;
    }
    setSaving(true);
    setMessage(null);
    try {
      for (const m of changed) await setTarget(year, countyCode, m, Number(values[m]));
      setMessage({ tone: 'info', text: t('towns.targets.savedCount', { count: changed.length }) });
    } catch {
      setMessage({ tone: 'error', text: t('towns.targets.invalid') });
    } finally {
      setSaving(false);
    }
  }

  return (
    <form className="form" onSubmit={submit} noValidate>
      {message ? (
        <Banner tone={message.tone} icon={message.tone === 'info' ? 'check' : undefined}>
          {message.text}
        </Banner>
      ) : null}
      {TARGET_METRICS.map((m) => {
        const current = targetValue(targets, year, m, countyCode);
        return (
          <Field
            key={m}
            label={t(`towns.metric.${m}`)}
            hint={
              current === null
                ? t('towns.targets.unset')
                : t('towns.targets.current', { value: formatNumber(current) })
            }
          >
            {(control) => (
              <input
                {...control}
                inputMode="numeric"
                value={values[m]}
                onChange={(e) => setValues((v) => ({ ...v, [m]: e.target.value }))}
              />
            )}
          </Field>
        );
      })}
      <Button type="submit" loading={saving}>
        {t('towns.targets.save')}
      </Button>
    </form>
  );
}
