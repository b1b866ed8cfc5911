/**
 * The place picker every form shares: county → township (→ village) as cascading selects from the
 * bundled gazetteer, and, where a village is chosen, a type-ahead above them — two characters of
 * a village's name list up to eight matches with their township, and one tap fills all three
 * levels. Both ways offer only the user's area (`scope`), the same limit the server applies, and
 * both work offline (the gazetteer is local). Changing a level clears the levels below it, so a
 * township of another county can never be left behind.
 *
 * The form keeps the value (it goes into its draft) and says which levels are required and where
 * an error shows; the labels are the form's own, so each form reads as before.
 */
import { useEffect, useMemo, useRef, type Dispatch, type SetStateAction } from 'react';
import { useT } from '../../i18n';
import type { RegionIndex, Village } from '../../domain/region';
import { Field } from '../../ui';
import './RegionCascade.css';
import { VillageSearch } from './VillageSearch';
import { PlaceOptions } from './FilterSelect';

/** Codes of the chosen levels; '' where nothing is chosen. */
export interface RegionCascadeValue {
  county: string;
  township: string;
  village: string;
}

export const EMPTY_REGION: RegionCascadeValue = { county: '', township: '', village: '' };

type Level = keyof RegionCascadeValue;

export interface RegionCascadeProps {
  /** The gazetteer; null while it failed to load (the selects are then empty, the form says why). */
  regions: RegionIndex | null;
  value: RegionCascadeValue;
  onChange: (next: RegionCascadeValue) => void;
  /** The deepest level offered: a training session stops at the township. */
  depth: 'township' | 'village';
  /**
   * The user's area, a county (6 digits) or township (9 digits) code: only it is offered, in the
   * selects and in the type-ahead. Empty or undefined: the whole prefecture.
   */
  scope?: string;
  labels: { county: string; township: string; village?: string };
  required?: Partial<Record<Level, boolean>>;
  errors?: Partial<Record<Level, string | undefined>>;
  /** Offer the village type-ahead (only possible with depth 'village'; on by default there). */
  search?: boolean;
}

export { MAX_MATCHES } from './VillageSearch';

/** The value a form should start from in the user's area (a new record only). */
export function startInScope(value: RegionCascadeValue, scope: string): RegionCascadeValue {
  if (!scope || value.county !== '') return value;
  return {
    county: scope.slice(0, 6),
    township: scope.length === 9 ? scope : '',
    village: '',
  };
}

/**
 * A new record's form starts in the user's area (startInScope), without making a draft of it:
 * while the form's county is empty, its county and township (`townshipKey`) are set from the
 * user's scope. Forms for an edit already hold a county, so nothing happens.
 */
export function useStartInScope<S extends { county: string }>(
  scope: string,
  county: string,
  setForm: Dispatch<SetStateAction<S>>,
  townshipKey: keyof S & string,
): void {
  useEffect(() => {
    if (!scope || county !== '') return;
    setForm((f) => {
      const start = startInScope({ ...EMPTY_REGION, county: f.county }, scope);
      return { ...f, county: start.county, [townshipKey]: start.township };
    });
  }, [scope, county, setForm, townshipKey]);
}

export function RegionCascade({
  regions,
  value,
  onChange,
  depth,
  scope = '',
  labels,
  required = {},
  errors = {},
  search = depth === 'village',
}: RegionCascadeProps) {
  const t = useT();
  const villageSelect = useRef<HTMLSelectElement>(null);

  const counties = useMemo(
    () => (regions ? regions.counties.filter((c) => !scope || c.code === scope.slice(0, 6)) : []),
    [regions, scope],
  );
  const townships = useMemo(
    () =>
      regions && value.county
        ? regions.townshipsOf(value.county).filter((tw) => scope.length !== 9 || tw.code === scope)
        : [],
    [regions, value.county, scope],
  );
  const villages = useMemo(
    () => (regions && value.township ? regions.villagesOf(value.township) : []),
    [regions, value.township],
  );

  // After a pick the list goes away; focus lands on the village select, which now shows the
  // choice. It can only take focus once the form has re-rendered it enabled, hence the effect.
  const focusVillage = useRef(false);
  useEffect(() => {
    if (!focusVillage.current || !value.village) return;
    focusVillage.current = false;
    villageSelect.current?.focus();
  }, [value.village]);
  const choose = (village: Village) => {
    if (village.code === value.village) villageSelect.current?.focus();
    else focusVillage.current = true;
    onChange({ county: village.countyCode, township: village.townshipCode, village: village.code });
  };

  return (
    <>
      {search && depth === 'village' && regions ? (
        <VillageSearch regions={regions} scope={scope} onChoose={choose} />
      ) : null}
      <Field label={labels.county} required={required.county} error={errors.county}>
        {(control) => (
          <select
            {...control}
            value={value.county}
            onChange={(e) => onChange({ county: e.target.value, township: '', village: '' })}
          >
            <PlaceOptions first={t('form.choose')} places={counties} />
          </select>
        )}
      </Field>
      <Field label={labels.township} required={required.township} error={errors.township}>
        {(control) => (
          <select
            {...control}
            value={value.township}
            disabled={!value.county}
            onChange={(e) => onChange({ ...value, township: e.target.value, village: '' })}
          >
            <PlaceOptions first={t('form.choose')} places={townships} />
          </select>
        )}
      </Field>
      {depth === 'village' ? (
        <Field label={labels.village ?? ''} required={required.village} error={errors.village}>
          {(control) => (
            <select
              {...control}
              ref={villageSelect}
              value={value.village}
              disabled={!value.township}
              onChange={(e) => onChange({ ...value, village: e.target.value })}
            >
              <PlaceOptions first={t('form.choose')} places={villages} short />
            </select>
          )}
        </Field>
      ) : null}
    </>
  );
}
