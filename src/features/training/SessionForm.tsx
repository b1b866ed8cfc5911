/**
 * Create or edit a training session: title, dates, the township (county → township from the
 * gazetteer, only inside the user's area), trainer, hours, topics and capacity. Validated by the domain schema through the
 * action; the form names each wrong field in words. Draft, summary, the session gone while open and
 * the permission gate come from the one form foundation (../shared/recordForm.tsx). A trainer who
 * opens a new session finds their own name as its trainer.
 */
import { useEffect } from 'react';
import { useLocation } from 'wouter';
import { saveRecord, updateRecord } from '../../actions';
import { useT } from '../../i18n';
import { useRegions } from '../../regions';
import type { TrainingSession } from '../../domain/trainingSession';
import { getRecord, useSession } from '../../db';
import { InputField, Spinner, Screen } from '../../ui';
import { paths } from '../shared/paths';
import { localToday } from './nav';
import {
  RecordFormFrame,
  useRecordForm,
  RecordFormStart,
  type RecordFormBodyProps,
} from '../shared/recordForm';
import { RegionCascade, useStartInScope } from '../shared/RegionCascade';
import { useScopeCode } from './access';

interface SessionFormState {
  title: string;
  startDate: string;
  endDate: string;
  county: string;
  townshipCode: string;
  trainer: string;
  hours: string;
  topics: string;
  capacity: string;
}

function emptyState(): SessionFormState {
  const today = localToday();
  return {
    title: '',
    startDate: today,
    endDate: today,
    county: '',
    townshipCode: '',
    trainer: '',
    hours: '',
    topics: '',
    capacity: '',
  };
}

function stateFromRecord(s: TrainingSession | undefined): SessionFormState {
  if (!s || s.deleted) return emptyState();
  return {
    title: s.title,
    startDate: s.startDate,
    endDate: s.endDate,
    county: s.townshipCode.slice(0, 6),
    townshipCode: s.townshipCode,
    trainer: s.trainer,
    hours: String(s.hours),
    topics: s.topics.join('、'),
    capacity: s.capacity === null ? '' : String(s.capacity),
  };
}

export function SessionForm({ id }: { id?: string }) {
  const t = useT();
  const back = { href: paths.sessions(), label: t('training.session.back') };
  return (
    <RecordFormStart
      entity="trainingSession"
      id={id}
      empty={emptyState}
      fromRecord={stateFromRecord}
      back={back}
      notAllowedBack={id ? { ...back, href: paths.session(id) } : back}
    >
      {(props) => <SessionFormBody {...props} />}
    </RecordFormStart>
  );
}

function SessionFormBody(props: RecordFormBodyProps<SessionFormState>) {
  const { id } = props;
  const t = useT();
  const [, navigate] = useLocation();
  const regions = useRegions();
  const record = useRecordForm<SessionFormState>(props);
  const { form, setForm, set, errorFor, bind } = record;
  const index = regions.status === 'ready' ? regions.regions : null;
  // Only the user's own area is offered, as in the service point form (the server refuses a
  // session placed elsewhere anyway): a county coordinator picks within the county, a township's
  // trainer has the township chosen already.
  const scopeCode = useScopeCode();
  // A new session starts in the user's area, without making a draft of it.
  useStartInScope(scopeCode, form.county, setForm, 'townshipCode');
  // A trainer opening a new session is, nearly always, its trainer: their name is filled in
  // (without making a draft), and can be changed.
  const session = useSession();
  const signedInTrainer = session?.user.role === 'trainer' ? session.user.displayName : '';
  useEffect(() => {
    if (id || !signedInTrainer) return;
    setForm((f) => (f.trainer === '' ? { ...f, trainer: signedInTrainer } : f));
  }, [id, signedInTrainer, setForm]);

  async function discardDraft() {
    const stored = id ? await getRecord('trainingSession', id) : undefined;
    await record.discard(
      stored ? stateFromRecord(stored) : { ...emptyState(), trainer: signedInTrainer },
    );
  }

  const toNumber = (s: string) => (s.trim() === '' ? null : Number(s));
  const submit = record.submit(
    () => {
      const values = {
        title: form.title,
        startDate: form.startDate,
        endDate: form.endDate || form.startDate,
        townshipCode: form.townshipCode,
        trainer: form.trainer,
        hours: toNumber(form.hours) as number,
        topics: form.topics
          .split(/[、,，;；]/)
          .map((s) => s.trim())
          .filter(Boolean),
        capacity: toNumber(form.capacity),
      };
      // An edit never re-creates a session deleted meanwhile: RecordNotFound, said in words.
      return id
        ? updateRecord('trainingSession', id, () => values)
        : saveRecord('trainingSession', null, values);
    },
    (saved) => navigate(paths.session(saved.id), { replace: !id }),
  );

  if (regions.status === 'loading') return <Spinner />;
  return (
    <Screen
      titleId="session-form-title"
      title={id ? t('training.session.edit') : t('training.sessions.new')}
    >
      <RecordFormFrame
        form={record}
        onDiscard={discardDraft}
        regionsFailed={regions.status === 'error'}
        onSubmit={submit}
        actions={{ onCancel: () => navigate(id ? paths.session(id) : paths.sessions()) }}
      >
        <InputField
          label={t('training.field.title')}
          required
          autoComplete="off"
          {...bind('title')}
        />
        <div className="form__row">
          <InputField
            label={t('training.field.startDate')}
            required
            type="date"
            {...bind('startDate')}
            onValue={(startDate) =>
              set({ startDate, endDate: form.endDate < startDate ? startDate : form.endDate })
            }
          />
          <InputField
            label={t('training.field.endDate')}
            required
            type="date"
            {...bind('endDate')}
          />
        </div>
        <RegionCascade
          regions={index}
          value={{ county: form.county, township: form.townshipCode, village: '' }}
          onChange={(place) => set({ county: place.county, townshipCode: place.township })}
          depth="township"
          scope={scopeCode}
          labels={{ county: t('training.field.county'), township: t('training.field.township') }}
          required={{ county: true, township: true }}
          errors={{ township: errorFor('townshipCode') }}
        />
        <InputField
          label={t('training.field.trainer')}
          required
          autoComplete="off"
          {...bind('trainer')}
        />
        <div className="form__row">
          <InputField
            label={t('training.field.hours')}
            required
            type="number"
            inputMode="decimal"
            min={0.5}
            step={0.5}
            {...bind('hours')}
          />
          <InputField
            label={t('training.field.capacity')}
            type="number"
            inputMode="numeric"
            min={1}
            {...bind('capacity')}
          />
        </div>
        <InputField
          label={t('training.field.topics')}
          hint={t('training.field.topicsHint')}
          autoComplete="off"
          {...bind('topics')}
        />
      </RecordFormFrame>
    </Screen>
  );
}
