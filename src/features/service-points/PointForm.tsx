/**
 * Register a service point. The place is chosen county → township → village from the bundled
 * gazetteer; every field is validated by the domain schema through the action, and the form shows
 * which field is wrong and why, in the user's language. Nothing is written unless it all validates.
 */
import { useMemo, useState, type FormEvent } from 'react';
import { useLocation } from 'wouter';
import { ValidationFailed, saveRecord } from '../../actions';
import { useT } from '../../app/i18n';
import { useDescribeProblem } from '../../app/i18n/domain';
import { useRegions } from '../../app/regions';
import type { FieldProblem } from '../../domain/messages';
import {
  newServicePointFields,
  SERVICE_POINT_SERVICES,
  SERVICE_POINT_TIERS,
  type ServicePointFields,
} from '../../domain/servicePoint';
import { Banner, Button, Field, Spinner } from '../../ui';

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function PointForm() {
  const t = useT();
  const describe = useDescribeProblem();
  const [, navigate] = useLocation();
  const regions = useRegions();
  const [fields, setFields] = useState<ServicePointFields>(() => newServicePointFields(today()));
  const [county, setCounty] = useState('');
  const [township, setTownship] = useState('');
  const [phone, setPhone] = useState('');
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [saving, setSaving] = useState(false);

  const index = regions.status === 'ready' ? regions.regions : null;
  const townships = useMemo(
    () => (index && county ? index.townshipsOf(county) : []),
    [index, county],
  );
  const villages = useMemo(
    () => (index && township ? index.villagesOf(township) : []),
    [index, township],
  );

  const set = <K extends keyof ServicePointFields>(key: K, value: ServicePointFields[K]) =>
    setFields((f) => ({ ...f, [key]: value }));
  const errorFor = (path: string) => {
    const problem = problems.find((p) => p.path === path || p.path.startsWith(`${path}.`));
    return problem ? describe.message(problem) : undefined;
  };

  // The place is the most specific level chosen; the schema checks it fits the tier.
  const regionCode = fields.regionCode || township || county;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    try {
      const { id } = await saveRecord('servicePoint', null, {
        ...fields,
        regionCode,
        operatorPhone: phone.trim() === '' ? null : phone,
      });
      navigate(`/points/${id}`);
    } catch (error) {
      if (error instanceof ValidationFailed) setProblems(error.problems);
      else throw error;
    } finally {
      setSaving(false);
    }
  }

  if (regions.status === 'loading') return <Spinner />;

  return (
    <section className="screen" aria-labelledby="point-form-title">
      <header className="screen__header">
        <h1 id="point-form-title">{t('points.new')}</h1>
      </header>
      {regions.status === 'error' ? <Banner tone="error">{t('regions.loadFailed')}</Banner> : null}
      {problems.length > 0 ? (
        <Banner tone="error">
          <p>{t('form.fixBelow')}</p>
          <ul>
            {problems.map((p) => (
              <li key={`${p.path}-${p.key}`}>{describe.withField('servicePoint', p)}</li>
            ))}
          </ul>
        </Banner>
      ) : null}
      <form className="form" onSubmit={submit} noValidate>
        <Field label={t('points.field.tier')} required error={errorFor('tier')}>
          {(control) => (
            <select
              {...control}
              value={fields.tier}
              onChange={(e) => set('tier', e.target.value as ServicePointFields['tier'])}
            >
              {SERVICE_POINT_TIERS.map((tier) => (
                <option key={tier} value={tier}>
                  {t(`points.tier.${tier}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('points.field.county')} required>
          {(control) => (
            <select
              {...control}
              value={county}
              onChange={(e) => {
                setCounty(e.target.value);
                setTownship('');
                set('regionCode', '');
              }}
            >
              <option value="">{t('form.choose')}</option>
              {index?.counties.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('points.field.township')} required={fields.tier !== 'county'}>
          {(control) => (
            <select
              {...control}
              value={township}
              disabled={!county}
              onChange={(e) => {
                setTownship(e.target.value);
                set('regionCode', '');
              }}
            >
              <option value="">{t('form.choose')}</option>
              {townships.map((tw) => (
                <option key={tw.code} value={tw.code}>
                  {tw.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label={t('points.field.village')}
          required={fields.tier === 'village'}
          error={errorFor('regionCode')}
        >
          {(control) => (
            <select
              {...control}
              value={fields.regionCode}
              disabled={!township}
              onChange={(e) => set('regionCode', e.target.value)}
            >
              <option value="">{t('form.choose')}</option>
              {villages.map((v) => (
                <option key={v.code} value={v.code}>
                  {v.shortName}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('points.field.name')} required error={errorFor('name')}>
          {(control) => (
            <input
              {...control}
              value={fields.name}
              autoComplete="off"
              onChange={(e) => set('name', e.target.value)}
            />
          )}
        </Field>
        <fieldset className="form__group">
          <legend>{t('points.field.services')}</legend>
          {SERVICE_POINT_SERVICES.map((service) => (
            <label key={service} className="checkbox">
              <input
                type="checkbox"
                checked={fields.services.includes(service)}
                onChange={(e) =>
                  set(
                    'services',
                    e.target.checked
                      ? [...fields.services, service]
                      : fields.services.filter((s) => s !== service),
                  )
                }
              />
              <span>{t(`points.service.${service}`)}</span>
            </label>
          ))}
          {errorFor('services') ? <p className="field__error">{errorFor('services')}</p> : null}
        </fieldset>
        <Field label={t('points.field.operatorName')} error={errorFor('operatorName')}>
          {(control) => (
            <input
              {...control}
              value={fields.operatorName}
              autoComplete="off"
              onChange={(e) => set('operatorName', e.target.value)}
            />
          )}
        </Field>
        <Field label={t('points.field.operatorPhone')} error={errorFor('operatorPhone')}>
          {(control) => (
            <input
              {...control}
              type="tel"
              inputMode="tel"
              autoComplete="off"
              value={phone}
              onChange={(e) => setPhone(e.target.value)}
            />
          )}
        </Field>
        <Field label={t('points.field.notes')} error={errorFor('notes')}>
          {(control) => (
            <textarea
              {...control}
              rows={3}
              value={fields.notes}
              onChange={(e) => set('notes', e.target.value)}
            />
          )}
        </Field>
        <div className="form__actions">
          <Button type="submit" loading={saving}>
            {t('form.save')}
          </Button>
          <Button variant="secondary" onClick={() => navigate('/points')}>
            {t('form.cancel')}
          </Button>
        </div>
      </form>
    </section>
  );
}
