/**
 * Register or edit a service point. The place is chosen county → township → village from the
 * bundled gazetteer; the position comes from GPS with its accuracy; every field is validated by the
 * domain schema through the action, and the form says which field is wrong and why, in the user's
 * language. What is typed is kept as a draft in the local database, so a reload, a dead battery or
 * an app update loses nothing. Nothing is written to the record unless it all validates.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link, useLocation } from 'wouter';
import { ValidationFailed, saveRecord } from '../../actions';
import { useT } from '../../app/i18n';
import { useDescribeProblem } from '../../app/i18n/domain';
import { useRegions } from '../../app/regions';
import type { Location } from '../../domain/common';
import { findLikelyDuplicates } from '../../domain/duplicates';
import type { FieldProblem } from '../../domain/messages';
import { isInsidePrefecture } from '../../domain/region';
import {
  newServicePointFields,
  SERVICE_POINT_SERVICES,
  SERVICE_POINT_TIERS,
  type ServicePoint,
  type ServicePointFields,
} from '../../domain/servicePoint';
import { clearDraft, getRecord, useRecords, useSession } from '../../db';
import { useDraftStart, useKeepDraft } from '../shared/useDraft';
import {
  EMPTY_REGION,
  RegionCascade,
  startInScope,
  type RegionCascadeValue,
} from '../shared/RegionCascade';
import { Banner, Button, Field, Spinner } from '../../ui';
import { PhotoPicker } from './Photos';
import { LocationPicker } from '../../map/LocationPicker';
import { accuracyThreshold, useGeolocation } from './useGeolocation';
import { localToday } from '../shared/dates';
import { DraftRestoredBanner, FormProblems } from '../shared/FormBanners';

/** What the form holds: the record's fields plus the parts of the cascade not yet a full code. */
interface FormState {
  fields: ServicePointFields;
  county: string;
  township: string;
  phone: string;
}

/** Fields this form edits. Status moves through the lifecycle on the detail page, never here. */
const EDITABLE = [
  'tier',
  'regionCode',
  'name',
  'services',
  'operatorName',
  'operatorPhone',
  'location',
  'photos',
  'notes',
] as const;

function stateFromRecord(point: ServicePoint | null): FormState {
  const fields = point ? { ...point } : newServicePointFields(localToday());
  const code = fields.regionCode;
  return {
    fields,
    county: code.slice(0, 6),
    township: code.length >= 9 ? code.slice(0, 9) : '',
    phone: fields.operatorPhone ?? '',
  };
}

export function PointForm({ id }: { id?: string }) {
  const draftKey = id ? `servicePoint:${id}` : 'servicePoint:new';
  const initial = useDraftStart(draftKey, async () => {
    const record = id ? ((await getRecord('servicePoint', id)) ?? null) : null;
    return stateFromRecord(record);
  });
  if (!initial || initial === 'missing') return <Spinner />;
  return (
    <PointFormBody
      key={draftKey}
      id={id}
      draftKey={draftKey}
      initial={initial.state}
      restoredAt={initial.restoredAt}
    />
  );
}

function PointFormBody({
  id,
  draftKey,
  initial,
  restoredAt,
}: {
  id: string | undefined;
  draftKey: string;
  initial: FormState;
  restoredAt: string | null;
}) {
  const t = useT();
  const describe = useDescribeProblem();
  const [, navigate] = useLocation();
  const regions = useRegions();
  const allPoints = useRecords('servicePoint');
  const [form, setForm] = useState<FormState>(initial);
  const [restored, setRestored] = useState(restoredAt);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [saving, setSaving] = useState(false);
  const [picking, setPicking] = useState(false);
  const touched = useRef(false);

  // Keep a draft of every change (debounced), so nothing typed is lost to a reload.
  useKeepDraft(draftKey, form, touched.current);

  const update = useCallback((change: (f: FormState) => FormState) => {
    touched.current = true;
    setForm(change);
  }, []);
  const setField = <K extends keyof ServicePointFields>(key: K, value: ServicePointFields[K]) =>
    update((f) => ({ ...f, fields: { ...f.fields, [key]: value } }));

  const onLocated = useCallback(
    (location: Location) => update((f) => ({ ...f, fields: { ...f.fields, location } })),
    [update],
  );
  const geo = useGeolocation(onLocated);

  const index = regions.status === 'ready' ? regions.regions : null;
  const { fields, county, township, phone } = form;
  // Only the user's own area is offered (the server refuses anything else anyway): a county
  // coordinator picks within the county, an officer within the township.
  const session = useSession();
  const scopeCode =
    session?.user.scope && session.user.scope.level !== 'prefecture' ? session.user.scope.code : '';
  // A new point starts in the user's area, without making a draft of it.
  useEffect(() => {
    if (!scopeCode || county !== '') return;
    setForm((f) => {
      const start = startInScope({ ...EMPTY_REGION, county: f.county }, scopeCode);
      return { ...f, county: start.county, township: start.township };
    });
  }, [scopeCode, county]);
  const place: RegionCascadeValue = {
    county,
    township,
    village: fields.regionCode.length === 12 ? fields.regionCode : '',
  };
  const setPlace = (next: RegionCascadeValue) =>
    update((f) => ({
      ...f,
      county: next.county,
      township: next.township,
      fields: { ...f.fields, regionCode: next.village },
    }));
  // The place is the most specific level chosen; the schema checks it fits the tier.
  const regionCode = fields.regionCode || township || county;

  const duplicates = useMemo(
    () =>
      allPoints && fields.name.trim().length + regionCode.length > 0
        ? findLikelyDuplicates(
            { id: id ?? '', name: fields.name, regionCode, location: fields.location },
            allPoints,
          ).slice(0, 3)
        : [],
    [allPoints, fields.name, fields.location, regionCode, id],
  );

  const errorFor = (path: string) => {
    const problem = problems.find((p) => p.path === path || p.path.startsWith(`${path}.`));
    return problem ? describe.message(problem) : undefined;
  };
  const location = fields.location;
  const outside = location !== null && !isInsidePrefecture(location.lat, location.lng);
  const threshold = accuracyThreshold();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    try {
      const values: ServicePointFields = {
        ...fields,
        regionCode,
        operatorPhone: phone.trim() === '' ? null : phone,
      };
      const changes = id ? Object.fromEntries(EDITABLE.map((k) => [k, values[k]])) : values;
      const saved = await saveRecord('servicePoint', id ?? null, changes);
      await clearDraft(draftKey);
      navigate(`/points/${saved.id}`, { replace: !id });
    } catch (error) {
      if (error instanceof ValidationFailed) {
        setProblems(error.problems);
        window.scrollTo({ top: 0 });
      } else throw error;
    } finally {
      setSaving(false);
    }
  }

  async function discardDraft() {
    await clearDraft(draftKey);
    const record = id ? ((await getRecord('servicePoint', id)) ?? null) : null;
    touched.current = false;
    setForm(stateFromRecord(record));
    setRestored(null);
    setProblems([]);
  }

  if (regions.status === 'loading') return <Spinner />;
  const title = id ? t('points.edit') : t('points.new');

  return (
    <section className="screen" aria-labelledby="point-form-title">
      <header className="screen__header">
        <h1 id="point-form-title">{title}</h1>
      </header>
      <DraftRestoredBanner
        restoredAt={restored}
        text={(when) => t('points.draft.restored', { when })}
        discardLabel={t('points.draft.discard')}
        onDiscard={() => void discardDraft()}
      />
      {regions.status === 'error' ? <Banner tone="error">{t('regions.loadFailed')}</Banner> : null}
      <FormProblems entity="servicePoint" problems={problems} />
      <form className="form" onSubmit={submit} noValidate>
        <Field label={t('points.field.tier')} required error={errorFor('tier')}>
          {(control) => (
            <select
              {...control}
              value={fields.tier}
              onChange={(e) => setField('tier', e.target.value as ServicePointFields['tier'])}
            >
              {SERVICE_POINT_TIERS.map((tier) => (
                <option key={tier} value={tier}>
                  {t(`points.tier.${tier}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <RegionCascade
          regions={index}
          value={place}
          onChange={setPlace}
          depth="village"
          scope={scopeCode}
          labels={{
            county: t('points.field.county'),
            township: t('points.field.township'),
            village: t('points.field.village'),
          }}
          // The tier decides how deep the place must go (the schema checks it again).
          required={{
            county: true,
            township: fields.tier !== 'county',
            village: fields.tier === 'village',
          }}
          errors={{ village: errorFor('regionCode') }}
        />
        <Field label={t('points.field.name')} required error={errorFor('name')}>
          {(control) => (
            <input
              {...control}
              value={fields.name}
              autoComplete="off"
              onChange={(e) => setField('name', e.target.value)}
            />
          )}
        </Field>
        {duplicates.length > 0 ? (
          <Banner tone="warning">
            <p>{t('points.duplicates.title')}</p>
            <ul>
              {duplicates.map((d) => (
                <li key={d.point.id}>
                  <Link href={`/points/${d.point.id}`}>{d.point.name}</Link> —{' '}
                  {t(`points.duplicates.${d.reason}`)}
                </li>
              ))}
            </ul>
          </Banner>
        ) : null}
        <fieldset className="form__group">
          <legend>{t('points.field.location')}</legend>
          {location ? (
            <p className="location-readout" data-testid="location-readout">
              {t('points.location.readout', {
                lat: location.lat.toFixed(6),
                lng: location.lng.toFixed(6),
                accuracy: location.accuracy === null ? '—' : Math.round(location.accuracy),
              })}
            </p>
          ) : (
            <p className="field__hint">{t('points.location.none')}</p>
          )}
          {location && location.accuracy !== null && location.accuracy > threshold ? (
            <Banner tone="warning">
              {t('points.location.inaccurate', {
                accuracy: Math.round(location.accuracy),
                threshold,
              })}
            </Banner>
          ) : null}
          {outside ? (
            <Banner tone="error">
              {describe.message({ path: 'location', key: 'location.outside', params: {} })}
            </Banner>
          ) : null}
          {geo.state.status === 'error' ? (
            <Banner tone="error">{t(`points.location.error.${geo.state.reason}`)}</Banner>
          ) : null}
          <div className="form__row">
            <Button
              variant="secondary"
              icon="pin"
              loading={geo.state.status === 'locating'}
              onClick={geo.locate}
            >
              {location ? t('points.location.retry') : t('points.location.capture')}
            </Button>
            <Button variant="secondary" icon="map" onClick={() => setPicking((p) => !p)}>
              {picking ? t('points.location.closeMap') : t('points.location.pickOnMap')}
            </Button>
            {location ? (
              <Button variant="secondary" onClick={() => setField('location', null)}>
                {t('points.location.clear')}
              </Button>
            ) : null}
          </div>
          {picking ? (
            <LocationPicker
              value={location && { lat: location.lat, lng: location.lng }}
              onChange={(p) =>
                setField('location', {
                  ...p,
                  accuracy: null,
                  source: 'map',
                  capturedAt: new Date().toISOString(),
                })
              }
            />
          ) : null}
        </fieldset>
        <PhotoPicker photos={fields.photos} onChange={(photos) => setField('photos', photos)} />
        <fieldset className="form__group">
          <legend>{t('points.field.services')}</legend>
          {SERVICE_POINT_SERVICES.map((service) => (
            <label key={service} className="checkbox">
              <input
                type="checkbox"
                checked={fields.services.includes(service)}
                onChange={(e) =>
                  setField(
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
              onChange={(e) => setField('operatorName', e.target.value)}
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
              onChange={(e) => update((f) => ({ ...f, phone: e.target.value }))}
            />
          )}
        </Field>
        <Field label={t('points.field.notes')} error={errorFor('notes')}>
          {(control) => (
            <textarea
              {...control}
              rows={3}
              value={fields.notes}
              onChange={(e) => setField('notes', e.target.value)}
            />
          )}
        </Field>
        <div className="form__actions">
          <Button type="submit" loading={saving}>
            {t('form.save')}
          </Button>
          <Button variant="secondary" onClick={() => navigate(id ? `/points/${id}` : '/points')}>
            {t('form.cancel')}
          </Button>
        </div>
      </form>
    </section>
  );
}
