/**
 * Register or edit a service point. The place is chosen county → township → village from the
 * bundled gazetteer; the position comes from GPS with its accuracy; every field is validated by the
 * domain schema through the action, and the form says which field is wrong and why, in the user's
 * language. What is typed is kept as a draft in the local database, so a reload, a dead battery or
 * an app update loses nothing. Nothing is written to the record unless it all validates. The
 * draft, the problem summary, the record vanishing while open and the permission gate come from
 * the one form foundation (../shared/recordForm.tsx). The position is watched until it is accurate
 * enough, as ODK Collect does (useGeolocation).
 */
import { useCallback, useMemo, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { saveRecord, updateRecord } from '../../actions';
import { useT } from '../../i18n';
import { useDescribeProblem } from '../../i18n/domain';
import { useRegions } from '../../regions';
import type { Location } from '../../domain/common';
import { findLikelyDuplicates } from '../../domain/duplicates';
import { isInsideArea } from '../../domain/region';
import {
  newServicePointFields,
  SERVICE_POINT_SERVICES,
  SERVICE_POINT_TIERS,
  type ServicePoint,
  type ServicePointFields,
} from '../../domain/servicePoint';
import { useRecords } from '../../db';
import { useScopeCode } from '../shared/access';
import {
  RecordFormFrame,
  useRecordForm,
  RecordFormStart,
  type RecordFormBodyProps,
} from '../shared/recordForm';
import { RegionCascade, useStartInScope, type RegionCascadeValue } from '../shared/RegionCascade';
import {
  Banner,
  Button,
  Field,
  InputField,
  REQUIRED_MARK_CLASS,
  SelectField,
  Spinner,
  Screen,
} from '../../ui';
import { PhotoPicker } from '../shared/Photos';
import { LocationPicker } from '../../map/LocationPicker';
import { accuracyThreshold, useGeolocation } from '../shared/useGeolocation';
import { localToday } from '../shared/dates';
import { paths } from '../shared/paths';

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
  const t = useT();
  const back = { href: paths.points(), label: t('points.backToList') };
  return (
    <RecordFormStart
      entity="servicePoint"
      id={id}
      empty={() => stateFromRecord(null)}
      fromRecord={stateFromRecord}
      back={back}
      notAllowedBack={id ? { ...back, href: paths.point(id) } : back}
    >
      {(props) => <PointFormBody {...props} />}
    </RecordFormStart>
  );
}

function PointFormBody(props: RecordFormBodyProps<FormState>) {
  const { id } = props;
  const t = useT();
  const describe = useDescribeProblem();
  const [, navigate] = useLocation();
  const regions = useRegions();
  const allPoints = useRecords('servicePoint');
  const record = useRecordForm<FormState>(props);
  const { form, setForm, update, errorFor } = record;
  const [picking, setPicking] = useState(false);
  const setField = <K extends keyof ServicePointFields>(key: K, value: ServicePointFields[K]) =>
    update((f) => ({ ...f, fields: { ...f.fields, [key]: value } }));

  const onLocated = useCallback(
    (location: Location) => update((f) => ({ ...f, fields: { ...f.fields, location } })),
    [update],
  );
  const threshold = accuracyThreshold();
  const geo = useGeolocation(onLocated, threshold);

  const index = regions.status === 'ready' ? regions.regions : null;
  const { fields, county, township, phone } = form;
  // Only the user's own area is offered (the server refuses anything else anyway): a county
  // coordinator picks within the county, an officer within the township.
  const scopeCode = useScopeCode();
  // A new point starts in the user's area, without making a draft of it.
  useStartInScope(scopeCode, county, setForm, 'township');
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

  const location = fields.location;
  const outside = location !== null && !isInsideArea(location.lat, location.lng);

  const submit = record.submit(
    () => {
      const values: ServicePointFields = {
        ...fields,
        regionCode,
        operatorPhone: phone.trim() === '' ? null : phone,
      };
      if (!id) return saveRecord('servicePoint', null, values);
      // An edit changes the stored point, never creates one: a point gone meanwhile is refused
      // (RecordNotFound), and the form says so and keeps the draft.
      const changes = Object.fromEntries(EDITABLE.map((k) => [k, values[k]]));
      return updateRecord('servicePoint', id, () => changes);
    },
    (saved) => navigate(paths.point(saved.id), { replace: !id }),
  );

  if (regions.status === 'loading') return <Spinner />;
  const title = id ? t('points.edit') : t('points.new');

  return (
    <Screen titleId="point-form-title" title={title}>
      <RecordFormFrame
        form={record}
        regionsFailed={regions.status === 'error'}
        onSubmit={submit}
        actions={{ onCancel: () => navigate(id ? paths.point(id) : paths.points()) }}
      >
        <SelectField
          label={t('points.field.tier')}
          required
          error={errorFor('tier')}
          value={fields.tier}
          onValue={(tier) => setField('tier', tier)}
          options={SERVICE_POINT_TIERS.map((tier) => ({
            value: tier,
            label: t(`points.tier.${tier}`),
          }))}
        />
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
        <InputField
          label={t('points.field.name')}
          required
          error={errorFor('name')}
          autoComplete="off"
          value={fields.name}
          onValue={(name) => setField('name', name)}
        />
        {duplicates.length > 0 ? (
          <Banner tone="warning">
            <p>{t('points.duplicates.title')}</p>
            <ul>
              {duplicates.map((d) => (
                <li key={d.point.id}>
                  <Link href={paths.point(d.point.id)}>{d.point.name}</Link> —{' '}
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
          ) : geo.state.status === 'watching' ? null : (
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
          {geo.state.status === 'watching' ? (
            <p role="status" className="gps-watch" data-testid="gps-accuracy">
              {geo.state.best?.accuracy != null
                ? t('forms.gps.improving', {
                    accuracy: Math.round(geo.state.best.accuracy),
                    threshold,
                  })
                : t('forms.gps.waiting')}
            </p>
          ) : null}
          {geo.state.status === 'error' ? (
            <Banner tone="error">{t(`forms.gps.error.${geo.state.reason}`)}</Banner>
          ) : null}
          <div className="form__row">
            {geo.state.status === 'watching' ? (
              <>
                {geo.state.best?.accuracy != null ? (
                  <Button variant="secondary" icon="pin" onClick={geo.acceptBest}>
                    {t('forms.gps.acceptWorse', { accuracy: Math.round(geo.state.best.accuracy) })}
                  </Button>
                ) : null}
                <Button variant="secondary" onClick={geo.stop}>
                  {t('forms.gps.stop')}
                </Button>
              </>
            ) : (
              <Button variant="secondary" icon="pin" onClick={geo.locate}>
                {location ? t('points.location.retry') : t('points.location.capture')}
              </Button>
            )}
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
          {/* At least one service (the schema): marked like a required field. */}
          <legend className={REQUIRED_MARK_CLASS}>{t('points.field.services')}</legend>
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
        <InputField
          label={t('points.field.operatorName')}
          error={errorFor('operatorName')}
          autoComplete="off"
          value={fields.operatorName}
          onValue={(operatorName) => setField('operatorName', operatorName)}
        />
        <InputField
          label={t('points.field.operatorPhone')}
          type="tel"
          inputMode="tel"
          autoComplete="off"
          {...record.bind('phone', 'operatorPhone')}
        />
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
      </RecordFormFrame>
    </Screen>
  );
}
