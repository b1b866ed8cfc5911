/**
 * Moving a record along its lifecycle — a service point, a flagship store, a pilot town: a
 * choice among the steps the lifecycle allows from here, a date, optionally a note; a refusal
 * (TransitionRefused from the action) explained in words. Each feature passes its own wording
 * and action; the form is the same.
 */
import { useState, type FormEvent } from 'react';
import { TransitionRefused } from '../../actions';
import { useT } from '../../i18n';
import { Banner, Button, Field } from '../../ui';
import { localToday } from './dates';
import { useWriteErrorText, writeErrorKind } from './errors';

export interface LifecycleChangeProps<S extends string> {
  /** The statuses the lifecycle allows next (empty: the record's status is final). */
  next: readonly S[];
  /** Makes the change; throws TransitionRefused when the lifecycle refuses it. */
  change: (to: S, date: string, note: string | undefined) => Promise<unknown>;
  /** Offer a note field (points and pilots keep a note with each step; stores do not). */
  withNote?: boolean;
  headingId: string;
  headingLevel?: 2 | 3;
  text: {
    title: string;
    to: string;
    date: string;
    note?: string;
    submit: string;
    /** Shown instead of the form when nothing can follow. */
    final: string;
    failed: string;
    status: (status: S) => string;
    refused: (reason: TransitionRefused['reason']) => string;
  };
}

export function LifecycleChange<S extends string>({
  next,
  change,
  withNote = false,
  headingId,
  headingLevel = 3,
  text,
}: LifecycleChangeProps<S>) {
  const t = useT();
  const errorText = useWriteErrorText();
  const [to, setTo] = useState<S | ''>('');
  const [date, setDate] = useState(localToday);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  if (next.length === 0) return <p className="field__hint">{text.final}</p>;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!to) return;
    setSaving(true);
    setError(null);
    try {
      await change(to, date, withNote ? note.trim() || undefined : undefined);
      setTo('');
      setNote('');
    } catch (e) {
      // The lifecycle's own refusal, then the words of the one error mapper (not allowed for this
      // account, the record gone, a full phone), and only then "try again".
      setError(
        e instanceof TransitionRefused
          ? text.refused(e.reason)
          : writeErrorKind(e) === 'unknown'
            ? text.failed
            : errorText(e),
      );
    } finally {
      setSaving(false);
    }
  }

  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <form className="form" onSubmit={submit} aria-labelledby={headingId}>
      <Heading id={headingId}>{text.title}</Heading>
      {error ? <Banner tone="error">{error}</Banner> : null}
      <Field label={text.to} required>
        {(control) => (
          <select {...control} value={to} onChange={(e) => setTo(e.target.value as S)}>
            <option value="">{t('form.choose')}</option>
            {next.map((s) => (
              <option key={s} value={s}>
                {text.status(s)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={text.date} required>
        {(control) => (
          <input {...control} type="date" value={date} onChange={(e) => setDate(e.target.value)} />
        )}
      </Field>
      {withNote ? (
        <Field label={text.note ?? ''}>
          {(control) => (
            <input
              {...control}
              value={note}
              maxLength={200}
              onChange={(e) => setNote(e.target.value)}
            />
          )}
        </Field>
      ) : null}
      <Button type="submit" disabled={!to} loading={saving}>
        {text.submit}
      </Button>
    </form>
  );
}
