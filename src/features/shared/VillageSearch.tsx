/**
 * The village type-ahead every place picker shares (RegionCascade above its selects, the
 * trainee form and the roll call's walk-in on their own): a search box and, below it, the matches
 * as a labelled list of buttons (each at least a thumb high). From two characters (Chinese; the
 * gazetteer has no pinyin) it lists at most eight villages, exact names first, each with its
 * township (and county when the whole prefecture is offered).
 *
 * Keyboard: ↓ from the box into the list, ↑/↓ between matches, Enter in the box takes a single
 * match and NEVER submits the surrounding form, Escape clears. A polite status line says how many
 * were found, that there are more, none, or that the search needs another character — for screen
 * readers and everyone else.
 *
 * Only villages inside `scope` (the user's area: the server refuses the rest) are offered;
 * `prefer` (a township inside it) puts its own villages first.
 */
import {
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import { useT } from '../../i18n';
import type { RegionIndex, Village } from '../../domain/region';
import './RegionCascade.css';

/** At most this many matches are listed: enough to scan at a glance on a phone. */
export const MAX_MATCHES = 8;
export const MIN_QUERY_CHARS = 2;

export interface VillageSearchProps {
  regions: RegionIndex;
  onChoose: (village: Village) => void;
  /** The user's area, a county (6 digits) or township (9 digits) code; '' the whole prefecture. */
  scope?: string;
  /** A township whose villages are listed first (the session's township at a roll call). */
  prefer?: string;
  /** The form's own words, where they differ from the place picker's (which has selects below). */
  label?: string;
  hint?: string;
  noneText?: string;
  /** Shown under the label: what is chosen now (an existing record's village). */
  current?: ReactNode;
  error?: string;
}

export function VillageSearch({
  regions,
  onChoose,
  scope = '',
  prefer,
  label,
  hint,
  noneText,
  current,
  error,
}: VillageSearchProps) {
  const t = useT();
  const id = useId();
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const field = useRef<HTMLDivElement>(null);

  const typed = [...query.replace(/\s+/g, '')].length;
  // One more than shown, to know whether there are more than the list holds.
  const found = useMemo(() => {
    if (typed < MIN_QUERY_CHARS) return [];
    const limit = MAX_MATCHES + 1;
    const everywhere = regions.searchVillages(query, { scope: scope || undefined, limit });
    if (!prefer || prefer === scope) return everywhere;
    const first = regions.searchVillages(query, { scope: prefer, limit });
    const seen = new Set(first.map((v) => v.code));
    return [...first, ...everywhere.filter((v) => !seen.has(v.code))].slice(0, limit);
  }, [regions, query, scope, prefer, typed]);
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
  else if (typed >= MIN_QUERY_CHARS && matches.length === 0)
    status = noneText ?? t('regionPicker.search.none');
  else if (found.length > MAX_MATCHES)
    status = t('regionPicker.search.more', { count: MAX_MATCHES });
  else if (matches.length > 0) status = t('regionPicker.search.count', { count: matches.length });
  else if (chosen) status = t('regionPicker.search.chosen', { place: chosen });

  return (
    <div className={`field region-search${error ? ' field--invalid' : ''}`} ref={field}>
      <label className="field__label" htmlFor={id}>
        {label ?? t('regionPicker.search.label')}
      </label>
      {current}
      <p className="field__hint" id={`${id}-hint`}>
        {hint ?? t('regionPicker.search.hint')}
      </p>
      <input
        ref={input}
        id={id}
        type="search"
        enterKeyHint="search"
        autoComplete="off"
        aria-describedby={`${id}-hint ${id}-status${error ? ` ${id}-error` : ''}`}
        aria-invalid={error ? true : undefined}
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
      {error ? (
        <p className="field__error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
