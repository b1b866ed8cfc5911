/**
 * One central-town pilot: its dated steps (proposed → approved → in progress → accepted | failed),
 * the milestone checklist the coordinator ticks, notes and photos of the acceptance documents
 * (the service points' photo mechanism: compressed and kept on the device, uploaded by sync).
 * Every change is an action on the record, so it is validated and queued like any other; the page
 * shows, like a service point's, whether it is synced, what the server refused and the history.
 */
import { useState } from 'react';
import { Link } from 'wouter';
import { changePilotStatus, updateRecord } from '../../actions';
import { useWriteErrorText } from '../shared/errors';
import { formatDate, useT } from '../../app/i18n';
import { useRegions } from '../../app/regions';
import { PILOT_TRANSITIONS, type PilotTown } from '../../domain/pilotTown';
import { useRecord } from '../../db';
import { Banner, Button, Field, Spinner } from '../../ui';
import { PhotoPicker } from '../service-points/Photos';
import { RecordHistory } from '../sync/RecordHistory';
import { LifecycleChange } from '../shared/LifecycleChange';
import { RecordSyncProblems } from '../sync/RejectedChanges';
import { RecordNotFound, SyncBadge, today } from './shared';

export function PilotDetail({ id }: { id: string }) {
  const t = useT();
  const pilot = useRecord('pilotTown', id);
  const regions = useRegions();
  const [error, setError] = useState<string | null>(null);
  const errorText = useWriteErrorText();

  if (pilot === undefined) return <Spinner />;
  if (pilot === null || pilot.deleted) {
    return (
      <RecordNotFound
        entity="pilotTown"
        id={id}
        back={{ href: '/towns', label: t('towns.back') }}
      />
    );
  }
  const townName =
    regions.status === 'ready'
      ? (regions.regions.township(pilot.townshipCode)?.name ?? pilot.townshipCode)
      : pilot.townshipCode;

  async function save(changes: Partial<Pick<PilotTown, 'milestones' | 'notes' | 'photos'>>) {
    setError(null);
    try {
      // Never re-creates a pilot deleted meanwhile: RecordNotFound, said in words.
      await updateRecord('pilotTown', id, () => changes);
    } catch (e) {
      setError(errorText(e));
    }
  }

  return (
    <section aria-labelledby="pilot-title">
      <h2 id="pilot-title" className="section-title">
        {t('towns.pilot.title', { town: townName, year: pilot.year })}
      </h2>
      <p>
        <span className={`badge badge--pilot-${pilot.status}`} data-testid="pilot-status">
          {t(`towns.pilot.status.${pilot.status}`)}
        </span>{' '}
        <SyncBadge entity="pilotTown" id={pilot.id} />
      </p>
      <p>
        <Link href={`/towns/town/${pilot.townshipCode}`}>{townName}</Link>
      </p>
      {error ? <Banner tone="error">{error}</Banner> : null}
      <PilotStatusChange pilot={pilot} />

      <fieldset className="form__group">
        <legend>{t('towns.pilot.milestones')}</legend>
        {pilot.milestones.map((m) => (
          <label key={m.id} className="checkbox">
            <input
              type="checkbox"
              checked={m.done}
              onChange={(e) =>
                void save({
                  milestones: pilot.milestones.map((x) =>
                    x.id === m.id
                      ? { ...x, done: e.target.checked, doneOn: e.target.checked ? today() : null }
                      : x,
                  ),
                })
              }
            />
            <span>
              {m.title}
              {m.doneOn ? ` · ${formatDate(m.doneOn)}` : ''}
            </span>
          </label>
        ))}
        <NewMilestone
          onAdd={(title) =>
            save({
              milestones: [
                ...pilot.milestones,
                { id: `m-${Date.now().toString(36)}`, title, done: false, doneOn: null },
              ],
            })
          }
        />
      </fieldset>

      <NotesEditor key={pilot.notes} notes={pilot.notes} onSave={(notes) => save({ notes })} />

      <div className="pilot-documents">
        <h3>{t('towns.pilot.documents')}</h3>
        <PhotoPicker
          photos={pilot.photos}
          onChange={(photos) => void save({ photos })}
          wording={{
            legend: t('towns.pilot.materials.legend'),
            add: t('towns.pilot.materials.add'),
            alt: t('towns.pilot.materials.alt'),
            max: (max) => t('towns.pilot.materials.max', { max }),
          }}
        />
      </div>

      <h3>{t('towns.pilot.history')}</h3>
      <ol className="timeline">
        {pilot.statusHistory.map((h, i) => (
          <li key={i}>
            <span className={`badge badge--pilot-${h.status}`}>
              {t(`towns.pilot.status.${h.status}`)}
            </span>{' '}
            {formatDate(h.date)}
            {h.note ? ` — ${h.note}` : ''}
          </li>
        ))}
      </ol>
      <RecordSyncProblems entity="pilotTown" id={pilot.id} />
      <RecordHistory entity="pilotTown" id={pilot.id} headingLevel={3} />
    </section>
  );
}

function NewMilestone({ onAdd }: { onAdd: (title: string) => Promise<void> }) {
  const t = useT();
  const [title, setTitle] = useState('');
  return (
    <div className="towns-milestone-new">
      <Field label={t('towns.pilot.milestoneNew')}>
        {(control) => (
          <input
            {...control}
            value={title}
            maxLength={80}
            onChange={(e) => setTitle(e.target.value)}
          />
        )}
      </Field>
      <Button
        variant="secondary"
        disabled={title.trim() === ''}
        onClick={() => void onAdd(title.trim()).then(() => setTitle(''))}
      >
        {t('towns.pilot.milestoneAdd')}
      </Button>
    </div>
  );
}

function NotesEditor({ notes, onSave }: { notes: string; onSave: (n: string) => Promise<void> }) {
  const t = useT();
  const [value, setValue] = useState(notes);
  return (
    <div className="form">
      <Field label={t('towns.pilot.notes')}>
        {(control) => (
          <textarea
            {...control}
            rows={3}
            value={value}
            onChange={(e) => setValue(e.target.value)}
          />
        )}
      </Field>
      <Button variant="secondary" disabled={value === notes} onClick={() => void onSave(value)}>
        {t('towns.pilot.saveNotes')}
      </Button>
    </div>
  );
}

function PilotStatusChange({ pilot }: { pilot: PilotTown }) {
  const t = useT();
  return (
    <LifecycleChange
      next={PILOT_TRANSITIONS[pilot.status]}
      change={(to, date, note) => changePilotStatus(pilot.id, to, date, note)}
      withNote
      headingId="pilot-change-title"
      text={{
        title: t('towns.pilot.change'),
        to: t('towns.pilot.changeTo'),
        date: t('towns.pilot.changeDate'),
        note: t('towns.pilot.changeNote'),
        submit: t('towns.pilot.changeSubmit'),
        final: t('towns.pilot.final'),
        failed: t('towns.failed'),
        status: (s) => t(`towns.pilot.status.${s}`),
        refused: (reason) => t(`towns.refused.${reason}`),
      }}
    />
  );
}
