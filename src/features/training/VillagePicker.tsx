/**
 * Choosing a trainee's village by typing two characters of its name: the shared village search
 * (src/features/shared/VillageSearch.tsx — keyboard, status line, Enter never submits the form)
 * with the trainee form's own words, the villages of the session's township first (most people in
 * a township hall live there), and only the user's area (the server refuses a trainee elsewhere).
 * Faster with a thumb than three drop-downs; the chosen village shows its full place so a homonym
 * in another township is not picked by mistake.
 */
import { useT } from '../../i18n';
import type { RegionIndex } from '../../domain/region';
import { VillageSearch } from '../shared/VillageSearch';

export function VillagePicker({
  regions,
  value,
  onChange,
  scope,
  prefer,
  error,
}: {
  regions: RegionIndex;
  value: string;
  onChange: (code: string) => void;
  /** The user's area (county or township code); '' or undefined: the whole prefecture. */
  scope?: string;
  /** A township (9 digits) whose villages come first. */
  prefer?: string;
  error?: string;
}) {
  const t = useT();
  const chosen = value ? regions.placeLabel(value) : undefined;
  return (
    <VillageSearch
      regions={regions}
      scope={scope}
      prefer={prefer}
      onChoose={(village) => onChange(village.code)}
      label={t('training.field.village')}
      hint={t('training.field.villageHint')}
      noneText={t('training.field.villageNone')}
      error={error}
      current={
        chosen ? (
          <p className="village-picker__chosen" data-testid="village-chosen">
            {chosen}
          </p>
        ) : null
      }
    />
  );
}
