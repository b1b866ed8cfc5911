/**
 * Add or edit a central town's flagship store: platform from the configurable list (or typed when
 * it is another one), name, address, opening date, products, operator and the optional monthly
 * figures. What is typed is kept as a draft in the local database, so a reload loses nothing; the
 * whole record is validated by the domain schema (an address must be http(s): no javascript:).
 * Status changes after creation go through the detail page, where the steps are checked.
 */
import { useState, type FormEvent } from 'react';
import { useLocation } from 'wouter';
import { saveRecord, updateRecord } from '../../actions';
import { useT } from '../../i18n';
import { useRegions } from '../../regions';
import {
  DEFAULT_PLATFORMS,
  type FlagshipStore,
  type StoreStatus,
} from '../../domain/flagshipStore';
import { isCentralTown } from '../../domain/townFigures';
import { useRecords } from '../../db';
import {
  RecordFormFrame,
  useRecordForm,
  RecordFormStart,
  type RecordFormBodyProps,
} from '../shared/recordForm';
import { PlatformFields } from '../shared/PlatformFields';
import { Banner, Button, InputField, SelectField } from '../../ui';
import { RecordNotFound, inScope, isKnownPlatform, useScopeCode } from './shared';
import { paths } from '../shared/paths';

interface FigureRow {
  month: string;
  orders: string;
  sales: string;
}

export interface StoreFormState {
  townshipCode: string;
  platform: string;
  platformOther: string;
  storeName: string;
  url: string;
  openedOn: string;
  status: StoreStatus;
  mainProducts: string;
  operator: string;
  figures: FigureRow[];
}

function stateFrom(store: FlagshipStore | null, townshipCode: string): StoreFormState {
  if (!store) {
    return {
      townshipCode,
      platform: DEFAULT_PLATFORMS[0],
      platformOther: '',
      storeName: '',
      url: '',
      openedOn: '',
      status: 'planned',
      mainProducts: '',
      operator: '',
      figures: [],
    };
  }
  const known = isKnownPlatform(store.platform);
  return {
    townshipCode: store.townshipCode,
    platform: known ? store.platform : 'other',
    platformOther: known ? '' : store.platform === 'other' ? '' : store.platform,
    storeName: store.storeName,
    url: store.url ?? '',
    openedOn: store.openedOn ?? '',
    status: store.status,
    mainProducts: store.mainProducts,
    operator: store.operator,
    figures: store.monthlyFigures.map((f) => ({
      month: f.month,
      orders: String(f.orders),
      sales: String(f.salesYuan),
    })),
  };
}

/** The record's fields from what the form holds; numbers that are not numbers fail validation. */
function fieldsFrom(state: StoreFormState) {
  const other = state.platformOther.trim();
  return {
    townshipCode: state.townshipCode,
    platform: state.platform === 'other' && other ? other : state.platform,
    storeName: state.storeName,
    url: state.url.trim() === '' ? null : state.url.trim(),
    openedOn: state.openedOn === '' ? null : state.openedOn,
    status: state.status,
    mainProducts: state.mainProducts,
    operator: state.operator,
    monthlyFigures: state.figures.map((f) => ({
      month: f.month,
      orders: f.orders.trim() === '' ? Number.NaN : Number(f.orders),
      salesYuan: f.sales.trim() === '' ? Number.NaN : Number(f.sales),
    })),
  };
}

export function StoreForm({ id, townshipCode }: { id?: string; townshipCode?: string }) {
  const t = useT();
  const back = { href: paths.towns(), label: t('towns.back') };
  return (
    <RecordFormStart
      entity="flagshipStore"
      id={id}
      draftKey={id ? `flagshipStore:${id}` : `flagshipStore:new:${townshipCode ?? ''}`}
      empty={() => stateFrom(null, townshipCode ?? '')}
      fromRecord={(record) => stateFrom(record, record.townshipCode)}
      back={back}
      missing={<RecordNotFound entity="flagshipStore" id={id ?? ''} back={back} />}
    >
      {(props) => <StoreFormBody {...props} />}
    </RecordFormStart>
  );
}

function StoreFormBody(props: RecordFormBodyProps<StoreFormState>) {
  const { id, start } = props;
  const t = useT();
  const [, navigate] = useLocation();
  const regions = useRegions();
  const record = useRecordForm<StoreFormState>(props);
  const { form, set, errorFor, bind } = record;
  const initial = start.state;
  const scope = useScopeCode();
  // The town comes from the page that opened the form; one outside the user's area (an address
  // typed by hand) would only be refused by the server days later, so it is refused here now.
  const outside = !inScope(form.townshipCode, scope);
  // A flagship store belongs to a central town (policy §四), but the list is the admin's and this
  // phone's copy may be behind: a new store in a town not on it is asked about, never refused.
  const centralTowns = useRecords('centralTown');
  const offList =
    !id && centralTowns !== undefined && !isCentralTown(centralTowns, form.townshipCode);
  const [confirmOffList, setConfirmOffList] = useState(false);

  const setFigure = (i: number, change: Partial<FigureRow>) =>
    set({ figures: form.figures.map((f, j) => (j === i ? { ...f, ...change } : f)) });

  async function submit(event: FormEvent) {
    event.preventDefault();
    await save(false);
  }

  async function save(confirmed: boolean) {
    if (outside) return;
    if (offList && !confirmed) {
      setConfirmOffList(true);
      return;
    }
    setConfirmOffList(false);
    await record.run(
      () => {
        const fields = fieldsFrom(form);
        // On an edit the status is left alone: it moves through the checked steps on the detail
        // page. An edit never re-creates a store deleted meanwhile (RecordNotFound, in words).
        const { status, ...editable } = fields;
        return id
          ? updateRecord('flagshipStore', id, () => editable)
          : saveRecord('flagshipStore', null, { ...fields, status });
      },
      (saved) => navigate(paths.store(saved.id), { replace: !id }),
    );
  }

  const townName =
    regions.status === 'ready'
      ? (regions.regions.placeLabel(form.townshipCode) ?? form.townshipCode)
      : form.townshipCode;
  const townShort =
    regions.status === 'ready'
      ? (regions.regions.township(form.townshipCode)?.name ?? form.townshipCode)
      : form.townshipCode;

  return (
    <section aria-labelledby="store-form-title">
      <h2 id="store-form-title" className="section-title">
        {id ? t('towns.store.edit') : t('towns.store.new')}
      </h2>
      <p className="record-list__meta">{t('towns.store.townValue', { town: townName })}</p>
      {outside ? (
        <Banner tone="error">{t('towns.scope.outside', { town: townName })}</Banner>
      ) : null}
      {offList && !outside ? (
        <div data-testid="store-off-list">
          <Banner tone="warning">{t('towns.store.notCentralNote', { town: townShort })}</Banner>
        </div>
      ) : null}
      <RecordFormFrame
        form={record}
        onSubmit={submit}
        actions={{
          disabled: outside,
          onCancel: () => navigate(id ? paths.store(id) : paths.town(initial.townshipCode)),
        }}
      >
        <PlatformFields label={t('towns.store.platform')} form={record} />
        <InputField
          label={t('towns.store.name')}
          required
          autoComplete="off"
          {...bind('storeName')}
        />
        <InputField
          label={t('towns.store.url')}
          hint={t('towns.store.urlHint')}
          type="url"
          inputMode="url"
          autoComplete="off"
          {...bind('url')}
        />
        {id ? null : (
          <SelectField<StoreStatus>
            label={t('towns.store.status')}
            required
            error={errorFor('status')}
            value={form.status}
            onValue={(status) => set({ status })}
            options={(['planned', 'open'] as const).map((s) => ({
              value: s,
              label: t(`towns.store.status.${s}`),
            }))}
          />
        )}
        <InputField
          label={t('towns.store.openedOn')}
          required={form.status === 'open'}
          type="date"
          {...bind('openedOn')}
        />
        <InputField label={t('towns.store.mainProducts')} {...bind('mainProducts')} />
        <InputField label={t('towns.store.operator')} autoComplete="off" {...bind('operator')} />
        <fieldset className="form__group">
          <legend>{t('towns.store.figures')}</legend>
          <p className="field__hint">{t('towns.store.figuresHint')}</p>
          {form.figures.map((f, i) => (
            <div key={i} className="figure-row">
              <InputField
                label={t('towns.store.month')}
                error={errorFor(`monthlyFigures.${i}.month`)}
                type="month"
                value={f.month}
                onValue={(month) => setFigure(i, { month })}
              />
              <InputField
                label={t('towns.store.orders')}
                error={errorFor(`monthlyFigures.${i}.orders`)}
                inputMode="numeric"
                value={f.orders}
                onValue={(orders) => setFigure(i, { orders })}
              />
              <InputField
                label={t('towns.store.sales')}
                error={errorFor(`monthlyFigures.${i}.salesYuan`)}
                inputMode="decimal"
                value={f.sales}
                onValue={(sales) => setFigure(i, { sales })}
              />
              <Button
                variant="secondary"
                onClick={() => set({ figures: form.figures.filter((_, j) => j !== i) })}
              >
                {t('towns.store.removeMonth')}
              </Button>
            </div>
          ))}
          <Button
            variant="secondary"
            onClick={() =>
              set({ figures: [...form.figures, { month: '', orders: '', sales: '' }] })
            }
          >
            {t('towns.store.addMonth')}
          </Button>
        </fieldset>
        {confirmOffList ? (
          <Banner
            tone="warning"
            action={{ label: t('towns.store.saveAnyway'), onClick: () => void save(true) }}
          >
            {t('towns.store.notCentralConfirm', { town: townShort })}
          </Banner>
        ) : null}
      </RecordFormFrame>
    </section>
  );
}
