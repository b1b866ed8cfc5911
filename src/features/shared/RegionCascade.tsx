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
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useT } from '../../app/i18n';
import type { RegionIndex, Village } from '../../domain/region';
import { Field } from '../../ui';
import './RegionCascade.css';

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

/** At most this many matches are listed: enough to scan at a glance on a phone. */
export const MAX_MATCHES = 8;
const MIN_QUERY_CHARS = 2;

/** The value a form should start from in the user's area (a new record only). */
export function startInScope(value: RegionCascadeValue, scope: string): RegionCascadeValue {
  if (!scope || value.county !== '') return value;
  return {
    county: scope.slice(0, 6),
    township: scope.length === 9 ? scope : '',
    village: '',
  };
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
            <option value="">{t('form.choose')}</option>
            {counties.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
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
            <option value="">{t('form.choose')}</option>
            {townships.map((tw) => (
              <option key={tw.code} value={tw.code}>
                {tw.name}
              </option>
            ))}
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
              <option value="">{t('form.choose')}</option>
              {villages.map((v) => (
                <option key={v.code} value={v.code}>
                  {v.shortName}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
    </>
  );
}

/**
 * The type-ahead: a search box and, below it, the matches as a labelled list of buttons (each at
 * least a thumb high). Arrow keys move between the box and the matches, Enter in the box takes a
 * single match (and never submits the form), Escape clears. A polite status line says how many
 * were found, or that the search needs another character, for screen readers and everyone else.
 */
function VillageSearch({
  regions,
  scope,
  onChoose,
}: {
  regions: RegionIndex;
  scope: string;
  onChoose: (village: Village) => void;
}) {
  const t = useT();
  const id = useId();
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const field = useRef<HTMLDivElement>(null);

  const typed = [...query.replace(/\s+/g, '')].length;
  // One more than shown, to know whether there are more than the list holds.
  const found = useMemo(
    () =>
      typed >= MIN_QUERY_CHARS
        ? regions.searchVillages(query, { scope: scope || undefined, limit: MAX_MATCHES + 1 })
        : [],
    [regions, query, scope, typed],
  );
  const matches = found.slice(0, MAX_MATCHES);
  const open = matches.length > 0;

  // When the matches open below the fold (banners above the form, the keyboard below), bring the
  // field up so the list can be seen; once per opening, not on every keystroke.
  useEffect(() => {
    const bottom = list.current?.getBoundingClientRect().bottom ?? 0;
    const visible = window.visualViewport?.height ?? window.innerHeight;
    if (open && bottom > visible) field.current?.scrollIntoView?.({ block: 'start' });
  }, [open]);
  // Within one county the township says enough; across the prefecture the county is needed too.
  const placeOf = (v: Village) =>
    scope ? regions.township(v.townshipCode)?.name : regions.placeLabel(v.townshipCode);

  const pick = (village: Village) => {
    setQuery('');
    setChosen(regions.placeLabel(village.code) ?? village.shortName);
    onChoose(village);
  };

  const buttons = () => Array.from(list.current?.querySelectorAll('button') ?? []);
  const onInputKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault(); // a search box inside a form must not submit it
      const [only] = matches;
      if (matches.length === 1 && only) pick(only);
    } else if (e.key === 'ArrowDown' && matches.length > 0) {
      e.preventDefault();
      buttons()[0]?.focus();
    } else if (e.key === 'Escape' && query !== '') {
      e.preventDefault();
      setQuery('');
    }
  };
  const onOptionKey = (e: KeyboardEvent<HTMLButtonElement>, i: number) => {
    const all = buttons();
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      all[Math.min(i + 1, all.length - 1)]?.focus();
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      if (i === 0) input.current?.focus();
      else all[i - 1]?.focus();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      setQuery('');
      input.current?.focus();
    }
  };

  let status = '';
  if (typed > 0 && typed < MIN_QUERY_CHARS) status = t('regionPicker.search.tooShort');
  else if (typed >= MIN_QUERY_CHARS && matches.length === 0) status = t('regionPicker.search.none');
  else if (found.length > MAX_MATCHES)
    status = t('regionPicker.search.more', { count: MAX_MATCHES });
  else if (matches.length > 0) status = t('regionPicker.search.count', { count: matches.length });
  else if (chosen) status = t('regionPicker.search.chosen', { place: chosen });

  return (
    <div className="field region-search" ref={field}>
      <label className="field__label" htmlFor={id}>
        {t('regionPicker.search.label')}
      </label>
      <p className="field__hint" id={`${id}-hint`}>
        {t('regionPicker.search.hint')}
      </p>
      <input
        ref={input}
        id={id}
        type="search"
        enterKeyHint="search"
        autoComplete="off"
        aria-describedby={`${id}-hint ${id}-status`}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setChosen(null);
        }}
        onKeyDown={onInputKey}
      />
      <p className="field__hint" id={`${id}-status`} role="status">
        {status}
      </p>
      {open ? (
        <ul
          ref={list}
          className="village-picker__options"
          aria-label={t('regionPicker.search.results')}
        >
          {matches.map((v, i) => (
            <li key={v.code}>
              <button
                type="button"
                className="village-picker__option"
                onClick={() => pick(v)}
                onKeyDown={(e) => onOptionKey(e, i)}
              >
                <strong>{v.shortName}</strong>
                <span>{placeOf(v)}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
