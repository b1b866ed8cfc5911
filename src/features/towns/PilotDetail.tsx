/**
 * One central-town pilot: its dated steps (proposed → approved → in progress → accepted | failed),
 * the milestone checklist the coordinator ticks, notes and photos of the acceptance documents
 * (the service points' photo mechanism: compressed and kept on the device, uploaded by sync).
 * Every change is an action on the record, so it is validated and queued like any other; the page
 * shows, like a service point's, whether it is synced, what the server refused and the history.
 *
 * On the one form foundation (../shared/recordForm.tsx, ../shared/errors.ts):
 * - the controls that write (the checklist, 添加, 保存备注, the materials, 推进试点) are offered
 *   only to who may write this pilot where it is (mayWriteRecord of src/domain/scope.ts, the rule
 *   the server enforces); anyone else reads the page and is told why they cannot change it;
 * - the notes are a record form: a draft from the first key, the problem with its field's name
 *   (备注 over 2000 characters), the summary taking focus;
 * - the pilot deleted or merged away while the page is open: the page says so at once and stays
 *   as it last was, read-only, and what was typed in the notes is kept as a draft;
 * - every tap's failure in words through the one error mapper: not allowed, gone, a full phone.
 */
import { useEffect, useRef, useState } from 'react';
import { Link } from 'wouter';
import { changePilotStatus, updateRecord } from '../../actions';
import { useActionErrorText, writeErrorKind } from '../shared/errors';
import { formatDate, useT } from '../../i18n';
import { useRegions } from '../../regions';
import { PILOT_TRANSITIONS, type PilotTown } from '../../domain/pilotTown';
import { useRecord, useSession } from '../../db';
import { Banner, Button, Field, Spinner } from '../../ui';
import { PhotoPicker, PhotoThumb } from '../shared/Photos';
import { RecordHistory } from '../shared/RecordHistory';
import { useMayWriteRecord } from '../shared/access';
import { DraftRestoredBanner, FormProblems } from '../shared/FormBanners';
import { LifecycleChange } from '../shared/LifecycleChange';
import { useRecordForm } from '../shared/recordForm';
import { useDraftStart, type DraftStart } from '../shared/useDraft';
import { RecordSyncProblems } from '../shared/RejectedChanges';
import { RecordNotFound, SyncBadge, today } from './shared';
import { paths } from '../shared/paths';

export function PilotDetail({ id }: { id: string }) {
  const t = useT();
  const stored = useRecord('pilotTown', id);
  const regions = useRegions();
  const session = useSession();
  const [error, setError] = useState<string | null>(null);
  const errorText = useActionErrorText();
  const live = stored && !stored.deleted ? stored : null;
  // The pilot as last seen live: the page stays (read-only) when it vanishes while open.
  const [seen, setSeen] = useState<PilotTown | null>(null);
  if (live && live !== seen) setSeen(live);
  const pilot = live ?? seen;
  const mayEdit = useMayWriteRecord('pilotTown', pilot);
  const errorRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error) errorRef.current?.focus();
  }, [error]);

  if (stored === undefined) return <Spinner />;
  if (pilot === null) {
    return (
      <RecordNotFound
        entity="pilotTown"
        id={id}
        back={{ href: paths.towns(), label: t('towns.back') }}
      />
    );
  }
  const gone = live === null;
  // A tap writes only on a live pilot this user may change.
  const canEdit = mayEdit && !gone;
  const townName =
    regions.status === 'ready'
      ? (regions.regions.township(pilot.townshipCode)?.name ?? pilot.townshipCode)
      : pilot.townshipCode;

  async function save(changes: Partial<Pick<PilotTown, 'milestones' | 'notes' | 'photos'>>) {
    setError(null);
    try {
      // Never re-creates a pilot deleted meanwhile: RecordNotFound, said in words.
      await updateRecord('pilotTown', id, () => changes);
      return true;
    } catch (e) {
      setError(errorText(e));
      if (writeErrorKind(e) === 'unknown') console.error(e);
      return false;
    }
  }

  return (
    <section aria-labelledby="pilot-title">
      <h2 id="pilot-title" className="section-title">
        {t('towns.pilot.title', { town: townName, year: pilot.year })}
      </h2>
      {gone ? (
        <Banner tone="error">
          <p>
            <strong>{t('forms.gone.title')}</strong>
          </p>
          <p>{t('formsMore.pilot.gone')}</p>
          <p>
            <Link href={paths.towns()}>{t('towns.back')}</Link>
          </p>
        </Banner>
      ) : null}
      <p>
        <span className={`badge badge--pilot-${pilot.status}`} data-testid="pilot-status">
          {t(`towns.pilot.status.${pilot.status}`)}
        </span>{' '}
        <SyncBadge entity="pilotTown" id={pilot.id} />
      </p>
      <p>
        <Link href={paths.town(pilot.townshipCode)}>{townName}</Link>
      </p>
      {!gone && !mayEdit && session !== undefined ? (
        <Banner tone="info" icon="users">
          {t('formsMore.pilot.readOnly')}
        </Banner>
      ) : null}
      <div ref={errorRef} tabIndex={-1}>
        {error ? <Banner tone="error">{error}</Banner> : null}
      </div>
      {canEdit ? <PilotStatusChange pilot={pilot} /> : null}

      <fieldset className="form__group">
        <legend>{t('towns.pilot.milestones')}</legend>
        {pilot.milestones.length === 0 && !canEdit ? (
          <p className="field__hint">{t('formsMore.pilot.noMilestones')}</p>
        ) : null}
        {pilot.milestones.map((m) => (
          <label key={m.id} className="checkbox">
            <input
              type="checkbox"
              checked={m.done}
              disabled={!canEdit}
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
        {canEdit ? (
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
        ) : null}
      </fieldset>

      {mayEdit ? (
        <NotesEditor id={pilot.id} notes={pilot.notes} />
      ) : (
        <div className="form">
          <h3>{t('towns.pilot.notes')}</h3>
          <p className="pilot-notes">{pilot.notes || t('formsMore.pilot.noNotes')}</p>
        </div>
      )}

      <div className="pilot-documents">
        <h3>{t('towns.pilot.documents')}</h3>
        {canEdit ? (
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
        ) : pilot.photos.length > 0 ? (
          <div className="photo-grid">
            {pilot.photos.map((sha) => (
              <PhotoThumb key={sha} sha256={sha} alt={t('towns.pilot.materials.alt')} />
            ))}
          </div>
        ) : (
          <p className="field__hint">{t('formsMore.pilot.noDocuments')}</p>
        )}
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

function NewMilestone({ onAdd }: { onAdd: (title: string) => Promise<boolean> }) {
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
        // The title stays when the save is refused: the refusal says why, nothing is retyped.
        onClick={() => void onAdd(title.trim()).then((saved) => saved && setTitle(''))}
      >
        {t('towns.pilot.milestoneAdd')}
      </Button>
    </div>
  );
}

interface NotesState {
  notes: string;
}

/** The notes: a record form on the foundation (a draft, the problem named, the pilot gone). */
function NotesEditor({ id, notes }: { id: string; notes: string }) {
  const draftKey = `pilotTown:notes:${id}`;
  const start = useDraftStart<NotesState>(draftKey, async () => ({ notes }));
  if (start === null || start === 'missing') return <Spinner />;
  return <NotesForm id={id} notes={notes} draftKey={draftKey} start={start} />;
}

function NotesForm({
  id,
  notes,
  draftKey,
  start,
}: {
  id: string;
  notes: string;
  draftKey: string;
  start: DraftStart<NotesState>;
}) {
  const t = useT();
  const form = useRecordForm<NotesState>({ entity: 'pilotTown', id, draftKey, start });
  // Stored notes changed (a pull, or this form's own save): an untouched form follows them.
  const [base, setBase] = useState(notes);
  if (notes !== base) {
    setBase(notes);
    if (!form.touched) form.setForm({ notes });
  }
  const value = form.form.notes;
  return (
    <form
      className="form"
      noValidate
      onSubmit={form.submit(
        () => updateRecord('pilotTown', id, () => ({ notes: value })),
        () => form.setRestored(null),
      )}
    >
      <DraftRestoredBanner
        restoredAt={form.gone ? null : form.restored}
        onDiscard={() => void form.discard({ notes })}
      />
      <div ref={form.summaryRef} tabIndex={-1} className="form__summary">
        {form.failure ? <Banner tone="error">{form.failure}</Banner> : null}
        <FormProblems entity="pilotTown" problems={form.problems} />
      </div>
      <Field label={t('towns.pilot.notes')} error={form.errorFor('notes')}>
        {(control) => (
          <textarea
            {...control}
            rows={3}
            value={value}
            onChange={(e) => form.set({ notes: e.target.value })}
          />
        )}
      </Field>
      <Button
        type="submit"
        variant="secondary"
        disabled={form.gone || value === notes}
        loading={form.saving}
      >
        {t('towns.pilot.saveNotes')}
      </Button>
    </form>
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
