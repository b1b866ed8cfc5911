/**
 * The GPS accuracy threshold of the service point form (default 50 m): a fix whose accuracy is
 * worse than this makes the form warn and offer a retry. Kept on this device, in the key the form
 * reads (../shared/useGeolocation.ts), because it depends on the phone and on where it is
 * used (mountain valleys give poorer fixes than a city), not on the user's account.
 */
import { useState, type FormEvent } from 'react';
import { useT } from '../../i18n';
import { Button, Card, Field } from '../../ui';
import {
  accuracyThreshold,
  DEFAULT_ACCURACY_THRESHOLD_M,
  MAX_ACCURACY_THRESHOLD_M,
  MIN_ACCURACY_THRESHOLD_M,
  parseAccuracyThreshold,
  setAccuracyThreshold,
} from '../shared/useGeolocation';

type Outcome = { kind: 'none' } | { kind: 'saved'; metres: number } | { kind: 'notStored' };

export function GpsAccuracySetting() {
  const t = useT();
  const [text, setText] = useState(() => String(accuracyThreshold()));
  const [error, setError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'none' });
  const range = { min: MIN_ACCURACY_THRESHOLD_M, max: MAX_ACCURACY_THRESHOLD_M };

  function save(event: FormEvent) {
    event.preventDefault();
    const metres = parseAccuracyThreshold(text);
    if (metres === null) {
      setError(t('pointsMore.gps.invalid', range));
      setOutcome({ kind: 'none' });
      return;
    }
    setError(null);
    setText(String(metres));
    setOutcome(setAccuracyThreshold(metres) ? { kind: 'saved', metres } : { kind: 'notStored' });
  }

  return (
    <Card title={t('pointsMore.gps.heading')}>
      <form className="form" noValidate onSubmit={save}>
        <Field
          label={t('pointsMore.gps.label')}
          hint={t('pointsMore.gps.hint', { ...range, fallback: DEFAULT_ACCURACY_THRESHOLD_M })}
          error={error ?? undefined}
        >
          {(control) => (
            <input
              {...control}
              inputMode="numeric"
              autoComplete="off"
              value={text}
              onChange={(e) => {
                setText(e.target.value);
                setOutcome({ kind: 'none' });
              }}
            />
          )}
        </Field>
        <Button type="submit" variant="secondary">
          {t('pointsMore.gps.save')}
        </Button>
        <p className="muted" role="status">
          {outcome.kind === 'saved'
            ? t('pointsMore.gps.saved', { metres: outcome.metres })
            : outcome.kind === 'notStored'
              ? t('pointsMore.gps.notStored')
              : ''}
        </p>
      </form>
    </Card>
  );
}
