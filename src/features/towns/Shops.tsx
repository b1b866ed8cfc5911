/**
 * Agricultural e-commerce sites and online shops (农业电子商务网站/网店): the list with search and
 * filters, the count on the rural public service platform against its target (policy: ≥ 100),
 * the CSV export of what is filtered, and the form to add or edit one (with a draft kept in the
 * local database, like the store form).
 */
import { useMemo, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { saveRecord, updateRecord } from '../../actions';
import { useT } from '../../i18n';
import { useRegions } from '../../regions';
import type { AgriShop } from '../../domain/agriShop';
import { DEFAULT_PLATFORMS } from '../../domain/flagshipStore';
import { agriShopProgress } from '../../domain/townFigures';
import { useRecords } from '../../db';
import {
  RecordFormFrame,
  useRecordForm,
  RecordFormStart,
  type RecordFormBodyProps,
} from '../shared/recordForm';
import { PlatformFields } from '../shared/PlatformFields';
import { RegionCascade, useStartInScope } from '../shared/RegionCascade';
import { Banner, EmptyState, InputField, Spinner } from '../../ui';
import { RecordHistory } from '../shared/RecordHistory';
import { RecordSyncProblems } from '../shared/RejectedChanges';
import { shopsToCsv } from '../shared/townsCsv';
import {
  ShopRow,
  CsvToolbar,
  CountyFilter,
  FilterSelect,
  ProgressLine,
  RecordNotFound,
  SyncBadge,
  inScope,
  isKnownPlatform,
  usePlatformLabel,
  useScopeCode,
} from './shared';
import { paths } from '../shared/paths';
import { ListFilters } from '../shared/FilterSelect';

type OnServicePlatformFilter = '' | 'on' | 'off';

export function ShopList({ year }: { year: number }) {
  const t = useT();
  const regions = useRegions();
  const shops = useRecords('agriShop');
  const targets = useRecords('target');
  const platformLabel = usePlatformLabel();
  const [text, setText] = useState('');
  const [county, setCounty] = useState('');
  const [onServicePlatform, setOnServicePlatform] = useState<OnServicePlatformFilter>('');
  const scope = useScopeCode();

  const filtered = useMemo(() => {
    const q = text.trim().toLowerCase();
    return (shops ?? [])
      .filter((s) => !county || s.regionCode.startsWith(county))
      .filter((s) => !onServicePlatform || s.onServicePlatform === (onServicePlatform === 'on'))
      .filter(
        (s) =>
          !q ||
          s.name.toLowerCase().includes(q) ||
          s.products.toLowerCase().includes(q) ||
          platformLabel(s.platform).toLowerCase().includes(q),
      )
      .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  }, [shops, county, onServicePlatform, text, platformLabel]);

  if (regions.status === 'error') return <Banner tone="error">{t('towns.loadFailed')}</Banner>;
  if (regions.status !== 'ready' || !shops || !targets) return <Spinner />;
  const index = regions.regions;
  // Without a county chosen, the count is of the user's own area (the shops on this phone).
  const progress = agriShopProgress(shops, targets, year, county || scope.slice(0, 6) || null);
  const areaCounties = index.counties.filter((c) => inScope(c.code, scope.slice(0, 6)));

  return (
    <section aria-labelledby="shops-title">
      <header className="screen__header">
        <h2 id="shops-title" className="section-title">
          {t('towns.shops.heading')}
        </h2>
        <Link href={paths.shopNew()} className="button button--primary">
          <span>{t('towns.shops.new')}</span>
        </Link>
      </header>
      <ProgressLine
        label={t('towns.summary.shops')}
        count={progress.count}
        target={progress.target}
        testId="shops-progress"
      />
      {shops.length === 0 ? (
        <EmptyState icon="store" title={t('towns.shops.empty')} headingLevel={3} />
      ) : (
        <>
          <ListFilters
            search={{
              label: t('towns.shops.search'),
              placeholder: t('towns.shops.searchPlaceholder'),
              value: text,
              onValue: setText,
            }}
          >
            <CountyFilter counties={areaCounties} value={county} onChange={setCounty} />
            <FilterSelect
              label={t('towns.shops.filterPlatform')}
              value={onServicePlatform}
              onChange={(e) => setOnServicePlatform(e.target.value as OnServicePlatformFilter)}
            >
              <option value="">{t('towns.list.all')}</option>
              <option value="on">{t('towns.shops.onServicePlatformOnly')}</option>
              <option value="off">{t('towns.shops.offServicePlatformOnly')}</option>
            </FilterSelect>
          </ListFilters>
          <CsvToolbar
            count={t('towns.shops.total', { count: filtered.length })}
            shown={filtered.length}
            filename={`${t('towns.shops.filename')}-${year}.csv`}
            csv={() => shopsToCsv(filtered, index, platformLabel, t)}
          />
          {filtered.length === 0 ? (
            <EmptyState icon="store" title={t('towns.shops.none')} headingLevel={3} />
          ) : (
            <ul className="record-list">
              {filtered.map((s) => (
                <ShopRow
                  key={s.id}
                  href={paths.shop(s.id)}
                  name={s.name}
                  meta={`${platformLabel(s.platform)} · ${index.placeLabel(s.regionCode) ?? s.regionCode}`}
                  url={s.url}
                  badge={
                    s.onServicePlatform
                      ? { className: 'badge--open', text: t('towns.shops.onBadge') }
                      : { className: 'badge--planned', text: t('towns.shops.offBadge') }
                  }
                />
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

interface ShopFormState {
  name: string;
  platform: string;
  platformOther: string;
  url: string;
  county: string;
  township: string;
  village: string;
  products: string;
  onServicePlatform: boolean;
  joinedOn: string;
}

function shopState(shop: AgriShop | null): ShopFormState {
  const code = shop?.regionCode ?? '';
  const known = shop ? isKnownPlatform(shop.platform) : true;
  return {
    name: shop?.name ?? '',
    platform: shop ? (known ? shop.platform : 'other') : DEFAULT_PLATFORMS[0],
    platformOther: shop && !known && shop.platform !== 'other' ? shop.platform : '',
    url: shop?.url ?? '',
    county: code.slice(0, 6),
    township: code.length >= 9 ? code.slice(0, 9) : '',
    village: code.length === 12 ? code : '',
    products: shop?.products ?? '',
    onServicePlatform: shop?.onServicePlatform ?? false,
    joinedOn: shop?.joinedOn ?? '',
  };
}

/**
 * The form starts from a draft when one was left (a reload, a dead battery), else from the record.
 * Typing keeps a draft in the local database; saving or discarding removes it.
 */
export function ShopForm({ id }: { id?: string }) {
  const t = useT();
  const back = { href: paths.shops(), label: t('towns.shops.back') };
  return (
    <RecordFormStart
      entity="agriShop"
      id={id}
      empty={() => shopState(null)}
      fromRecord={shopState}
      back={back}
      missing={<RecordNotFound entity="agriShop" id={id ?? ''} back={back} />}
    >
      {(props) => <ShopFormBody {...props} />}
    </RecordFormStart>
  );
}

function ShopFormBody(props: RecordFormBodyProps<ShopFormState>) {
  const { id } = props;
  const t = useT();
  const [, navigate] = useLocation();
  const regions = useRegions();
  const record = useRecordForm<ShopFormState>(props);
  const { form, setForm, set, errorFor, bind } = record;

  // Only the user's own area is offered (the server refuses anything else anyway): a county
  // coordinator picks within the county, an officer within the township.
  const scopeCode = useScopeCode();
  // A new shop starts in the user's area, without making a draft of it.
  const { county } = form;
  useStartInScope(scopeCode, county, setForm, 'township');

  if (regions.status === 'error') return <Banner tone="error">{t('towns.loadFailed')}</Banner>;
  if (regions.status !== 'ready') return <Spinner />;
  const index = regions.regions;

  const submit = record.submit(
    () => {
      const other = form.platformOther.trim();
      const values = {
        name: form.name,
        platform: form.platform === 'other' && other ? other : form.platform,
        url: form.url.trim() === '' ? null : form.url.trim(),
        regionCode: form.village || form.township || form.county,
        products: form.products,
        onServicePlatform: form.onServicePlatform,
        joinedOn: form.onServicePlatform && form.joinedOn ? form.joinedOn : null,
      };
      // An edit never re-creates a shop deleted meanwhile: RecordNotFound, said in words.
      return id ? updateRecord('agriShop', id, () => values) : saveRecord('agriShop', null, values);
    },
    () => navigate(paths.shops()),
  );

  return (
    <section aria-labelledby="shop-form-title">
      <h2 id="shop-form-title" className="section-title">
        {id ? t('towns.shops.edit') : t('towns.shops.new')}
      </h2>
      {id ? (
        <p>
          <SyncBadge entity="agriShop" id={id} />
        </p>
      ) : null}
      <RecordFormFrame
        form={record}
        onSubmit={submit}
        actions={{ onCancel: () => navigate(paths.shops()) }}
      >
        <InputField label={t('towns.shops.name')} required autoComplete="off" {...bind('name')} />
        <PlatformFields label={t('towns.shops.platform')} form={record} />
        <InputField
          label={t('towns.shops.url')}
          hint={t('towns.store.urlHint')}
          type="url"
          inputMode="url"
          {...bind('url')}
        />
        <RegionCascade
          regions={index}
          value={{ county: form.county, township: form.township, village: form.village }}
          onChange={set}
          depth="village"
          scope={scopeCode}
          labels={{
            county: t('towns.shops.county'),
            township: t('towns.shops.township'),
            village: t('towns.shops.village'),
          }}
          // A shop may stand for a whole township: the village is optional.
          required={{ county: true, township: true }}
          errors={{ township: errorFor('regionCode') }}
        />
        <InputField label={t('towns.shops.products')} {...bind('products')} />
        <label className="checkbox">
          <input
            type="checkbox"
            checked={form.onServicePlatform}
            onChange={(e) => set({ onServicePlatform: e.target.checked })}
          />
          <span>{t('towns.shops.onServicePlatform')}</span>
        </label>
        {form.onServicePlatform ? (
          <InputField
            label={t('towns.shops.joinedOn')}
            required
            type="date"
            {...bind('joinedOn')}
          />
        ) : null}
      </RecordFormFrame>
      {/* A shop has no separate detail page: its edit page shows what a record's page shows. */}
      {id ? (
        <>
          <RecordSyncProblems entity="agriShop" id={id} />
          <RecordHistory entity="agriShop" id={id} headingLevel={3} />
        </>
      ) : null}
    </section>
  );
}
