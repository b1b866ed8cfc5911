/**
 * A trainee's own page: register or edit (name, kind, village by type-ahead, phone validated by
 * the domain schema) and the sessions they attended. The only place the full phone number is
 * shown; lists mask it. A likely duplicate (same name and phone, or same name in the same
 * village) is pointed out before saving. Draft, summary, the trainee gone while open and the
 * permission gate come from the one form foundation (../shared/recordForm.tsx).
 */
import { useMemo } from 'react';
import { Link, useLocation } from 'wouter';
import { saveRecord, updateRecord } from '../../actions';
import { formatDate, useT } from '../../i18n';
import { useRegions } from '../../regions';
import type { TraineeKind } from '../../domain/trainee';
import { findLikelyTraineeDuplicates } from '../../domain/traineeDuplicates';
import { useRecords } from '../../db';
import { InputField, Spinner, Screen } from '../../ui';
import { KindChoice } from './KindChoice';
import { LikelyDuplicates } from './LikelyDuplicates';
import { useScopeCode } from './access';
import { useTraineeAttendance } from './data';
import { paths } from '../shared/paths';
import { LinkRow } from '../shared/LinkRow';
import {
  RecordFormFrame,
  useRecordForm,
  RecordFormStart,
  type RecordFormBodyProps,
} from '../shared/recordForm';
import { VillagePicker } from './VillagePicker';

interface TraineeFormState {
  name: string;
  kind: TraineeKind;
  villageCode: string;
  phone: string;
}

const EMPTY: TraineeFormState = { name: '', kind: 'youth', villageCode: '', phone: '' };

function stateOf(tr: {
  name: string;
  kind: TraineeKind;
  villageCode: string;
  phone: string | null;
}) {
  return { name: tr.name, kind: tr.kind, villageCode: tr.villageCode, phone: tr.phone ?? '' };
}

export function TraineeForm({ id }: { id?: string }) {
  const t = useT();
  return (
    <RecordFormStart
      entity="trainee"
      id={id}
      empty={() => EMPTY}
      fromRecord={stateOf}
      back={{ href: paths.trainees(), label: t('training.trainee.back') }}
    >
      {(props) => <TraineeFormBody {...props} />}
    </RecordFormStart>
  );
}

function TraineeFormBody(props: RecordFormBodyProps<TraineeFormState>) {
  const { id } = props;
  const t = useT();
  const scopeCode = useScopeCode();
  const [, navigate] = useLocation();
  const regions = useRegions();
  const trainees = useRecords('trainee');
  const sessions = useRecords('trainingSession');
  const attendance = useTraineeAttendance(id ?? '');
  const record = useRecordForm<TraineeFormState>(props);
  const { form, set, errorFor, bind } = record;

  const duplicates = useMemo(
    () =>
      trainees && form.name.trim().length >= 2
        ? findLikelyTraineeDuplicates(
            { id: id ?? '', name: form.name, villageCode: form.villageCode, phone: form.phone },
            trainees,
          ).slice(0, 3)
        : [],
    [trainees, form.name, form.villageCode, form.phone, id],
  );
  const attended = useMemo(() => {
    const byId = new Map((sessions ?? []).map((s) => [s.id, s]));
    return (attendance ?? [])
      .map((a) => ({ a, s: byId.get(a.sessionId) }))
      .filter((x) => x.s)
      .sort((x, y) => y.s!.startDate.localeCompare(x.s!.startDate));
  }, [sessions, attendance]);

  const submit = record.submit(
    () => {
      const values = {
        name: form.name,
        kind: form.kind,
        villageCode: form.villageCode,
        phone: form.phone.trim() === '' ? null : form.phone,
      };
      return id ? updateRecord('trainee', id, () => values) : saveRecord('trainee', null, values);
    },
    () => navigate(paths.trainees()),
  );

  if (regions.status === 'loading') return <Spinner />;
  const index = regions.status === 'ready' ? regions.regions : null;
  return (
    <Screen
      titleId="trainee-form-title"
      title={id ? t('training.trainee.edit') : t('training.trainees.new')}
    >
      <RecordFormFrame
        form={record}
        regionsFailed={regions.status === 'error'}
        onSubmit={submit}
        actions={{ onCancel: () => navigate(paths.trainees()) }}
      >
        <InputField
          label={t('training.field.name')}
          required
          autoComplete="off"
          {...bind('name')}
        />
        <KindChoice name="trainee-kind" value={form.kind} onChange={(kind) => set({ kind })} />
        {index ? (
          <VillagePicker
            regions={index}
            scope={scopeCode}
            value={form.villageCode}
            onChange={(villageCode) => set({ villageCode })}
            error={errorFor('villageCode')}
          />
        ) : null}
        <InputField
          label={t('training.field.phone')}
          type="tel"
          inputMode="tel"
          autoComplete="off"
          {...bind('phone')}
        />
        <LikelyDuplicates
          duplicates={duplicates}
          villageName={(code) => index?.village(code)?.shortName ?? ''}
          nameOf={(trainee) => <Link href={paths.trainee(trainee.id)}>{trainee.name}</Link>}
        />
      </RecordFormFrame>
      {id ? (
        <>
          <h2>{t('training.trainee.sessions', { count: attended.length })}</h2>
          <ul className="record-list">
            {attended.map(({ a, s }) => (
              <LinkRow
                key={a.id}
                href={paths.session(s!.id)}
                title={s!.title}
                meta={formatDate(s!.startDate)}
                badges={
                  <span className={`badge badge--${a.status}`}>
                    {t(`training.status.${a.status}`)}
                  </span>
                }
              />
            ))}
          </ul>
        </>
      ) : null}
      <p>
        <Link href={paths.trainees()} className="tap-link">
          {t('training.trainee.back')}
        </Link>
      </p>
    </Screen>
  );
}
