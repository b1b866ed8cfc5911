/**
 * The trainee's kind as a row of radio buttons (merchant, village official…): the trainee form and
 * the roll call's walk-in form ask it the same way.
 */
import { TRAINEE_KINDS, type TraineeKind } from '../../domain/trainee';
import { useT } from '../../i18n';

export function KindChoice({
  name,
  value,
  onChange,
}: {
  /** The radio group's name, one per form on the page. */
  name: string;
  value: TraineeKind;
  onChange: (kind: TraineeKind) => void;
}) {
  const t = useT();
  return (
    <fieldset className="form__group kind-choice">
      <legend>{t('training.field.kind')}</legend>
      {TRAINEE_KINDS.map((k) => (
        <label key={k} className="kind-choice__option">
          <input
            type="radio"
            name={name}
            value={k}
            checked={value === k}
            onChange={() => onChange(k)}
          />
          <span>{t(`training.kind.${k}`)}</span>
        </label>
      ))}
    </fieldset>
  );
}
