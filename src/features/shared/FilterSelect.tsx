/** A labelled select for the filters above a list or table; the label names the control. */
import { useId, type ReactNode, type SelectHTMLAttributes } from 'react';
import { useT } from '../../i18n';

export function FilterSelect({
  label,
  ...props
}: { label: string } & SelectHTMLAttributes<HTMLSelectElement>) {
  const id = useId();
  return (
    <div className="filters__field">
      <label htmlFor={id}>{label}</label>
      <select id={id} {...props} />
    </div>
  );
}

/**
 * The options of a place select: first the "" option labelled `first` (all, or choose), then one
 * option a place, by code, named by its name (or its short name: a village under its township).
 */
export function PlaceOptions({
  first,
  places,
  short = false,
}: {
  first?: string;
  places: readonly { code: string; name: string; shortName?: string }[];
  short?: boolean;
}) {
  return (
    <>
      {first === undefined ? null : <option value="">{first}</option>}
      {places.map((p) => (
        <option key={p.code} value={p.code}>
          {short ? (p.shortName ?? p.name) : p.name}
        </option>
      ))}
    </>
  );
}

/**
 * The county filter of a list (区县: 全部 and each county of the user's area, the same words in
 * every list that has it); nothing when the area holds one county (nothing to choose).
 */
export function CountyFilter({
  counties,
  value,
  onChange,
}: {
  counties: readonly { code: string; name: string }[];
  /** '' for all. */
  value: string;
  onChange: (county: string) => void;
}) {
  const t = useT();
  if (counties.length <= 1) return null;
  return (
    <FilterSelect
      label={t('towns.list.county')}
      value={value}
      onChange={(e) => onChange(e.target.value)}
    >
      <PlaceOptions first={t('towns.list.all')} places={counties} />
    </FilterSelect>
  );
}

/**
 * The filters above a list (a `search` landmark): first the search box — named by `label`, with
 * `placeholder` (the label unless given) as its hint — then the list's other filters.
 */
export function ListFilters({
  search,
  children,
}: {
  search: { label: string; placeholder?: string; value: string; onValue: (text: string) => void };
  children?: ReactNode;
}) {
  return (
    <div className="filters" role="search">
      <input
        type="search"
        aria-label={search.label}
        placeholder={search.placeholder ?? search.label}
        value={search.value}
        onChange={(e) => search.onValue(e.target.value)}
      />
      {children}
    </div>
  );
}
