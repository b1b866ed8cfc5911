/**
 * Choosing a trainee's village by typing a character or two: villages of the session's township
 * first (most people in a township hall live there), then the rest of the prefecture. Faster with
 * a thumb than three drop-downs; the chosen village shows its full place so a homonym in another
 * township is not picked by mistake.
 */
import { useId, useMemo, useState } from 'react';
import { useT } from '../../app/i18n';
import type { RegionIndex } from '../../domain/region';

export function VillagePicker({
  regions,
  value,
  onChange,
  scope,
  error,
}: {
  regions: RegionIndex;
  value: string;
  onChange: (code: string) => void;
  /** A township (9 digits) whose villages come first. */
  scope?: string;
  error?: string;
}) {
  const t = useT();
  const id = useId();
  const [query, setQuery] = useState('');
  const matches = useMemo(() => {
    if (query.trim() === '') return [];
    const local = scope ? regions.searchVillages(query, { scope, limit: 6 }) : [];
    const seen = new Set(local.map((v) => v.code));
    const rest = regions.searchVillages(query, { limit: 8 }).filter((v) => !seen.has(v.code));
    return [...local, ...rest].slice(0, 8);
  }, [regions, query, scope]);
  const chosen = value ? regions.placeLabel(value) : undefined;

  return (
    <div className={error ? 'field field--invalid' : 'field'}>
      <label className="field__label" htmlFor={id}>
        {t('training.field.village')}
      </label>
      {chosen ? (
        <p className="village-picker__chosen" data-testid="village-chosen">
          {chosen}
        </p>
      ) : null}
      <p className="field__hint" id={`${id}-hint`}>
        {t('training.field.villageHint')}
      </p>
      <input
        id={id}
        type="search"
        autoComplete="off"
        aria-describedby={`${id}-hint`}
        aria-invalid={error ? true : undefined}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      {matches.length > 0 ? (
        <ul className="village-picker__options">
          {matches.map((v) => (
            <li key={v.code}>
              <button
                type="button"
                className="village-picker__option"
                onClick={() => {
                  onChange(v.code);
                  setQuery('');
                }}
              >
                <strong>{v.shortName}</strong>
                <span>{regions.placeLabel(v.townshipCode)}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {error ? <p className="field__error">{error}</p> : null}
    </div>
  );
}
