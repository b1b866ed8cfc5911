/**
 * Moving a point along its lifecycle (planned → approved → open → suspended → closed), dated, with
 * an optional note. Only the steps the lifecycle allows are offered; anything refused is explained.
 */
import { useState, type FormEvent } from 'react';
import { changeServicePointStatus, TransitionRefused } from '../../actions';
import { useT } from '../../app/i18n';
import {
  SERVICE_POINT_TRANSITIONS,
  type ServicePoint,
  type ServicePointStatus,
} from '../../domain/servicePoint';
import { Banner, Button, Field } from '../../ui';
import { today } from './PointForm';

export function StatusChange({ point }: { point: ServicePoint }) {
  const t = useT();
  const next = SERVICE_POINT_TRANSITIONS[point.status];
  const [to, setTo] = useState<ServicePointStatus | ''>('');
  const [date, setDate] = useState(today);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  if (next.length === 0) return <p className="field__hint">{t('points.statusChange.final')}</p>;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!to) return;
    setSaving(true);
    setError(null);
    try {
      await changeServicePointStatus(point.id, to, date, note.trim() || undefined);
      setTo('');
      setNote('');
    } catch (e) {
      if (e instanceof TransitionRefused) setError(t(`points.statusChange.refused.${e.reason}`));
      else setError(t('points.statusChange.failed'));
    } finally {
      setSaving(false);
    }
  }

  return (
    <form className="form" onSubmit={submit} aria-labelledby="status-change-title">
      <h2 id="status-change-title">{t('points.statusChange.title')}</h2>
      {error ? <Banner tone="error">{error}</Banner> : null}
      <Field label={t('points.statusChange.to')} required>
        {(control) => (
          <select
            {...control}
            value={to}
            onChange={(e) => setTo(e.target.value as ServicePointStatus)}
          >
            <option value="">{t('form.choose')}</option>
            {next.map((s) => (
              <option key={s} value={s}>
                {t(`points.status.${s}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('points.statusChange.date')} required>
        {(control) => (
          <input {...control} type="date" value={date} onChange={(e) => setDate(e.target.value)} />
        )}
      </Field>
      <Field label={t('points.statusChange.note')}>
        {(control) => (
          <input
            {...control}
            value={note}
            maxLength={200}
            onChange={(e) => setNote(e.target.value)}
          />
        )}
      </Field>
      <Button type="submit" disabled={!to} loading={saving}>
        {t('points.statusChange.submit')}
      </Button>
    </form>
  );
}
