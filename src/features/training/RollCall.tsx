/**
 * The roll call: built to be quicker than paper with 30–80 people queueing at the door of a
 * township hall with no signal. Type two characters of a name or the last digits of a phone, tap
 * the person: they are checked in. Late and undo are one tap more; a walk-in is registered and
 * checked in without leaving the screen. The count of people here is always at the top.
 *
 * Every tap is an action write (row + outbox in one IndexedDB transaction), so it survives a
 * reload or a dead battery at once; the attendance id comes from (session, trainee), so two
 * trainers at two doors end with one row per person.
 *
 * Someone taken off this session's list is shown as such, and a tap checks them in and puts them
 * back on it: membership is a field of the attendance row (`onRoster`), so the tap is an ordinary
 * update that merges on the server with a removal made on another phone, and counts at once
 * (docs/ARCHITECTURE.md "Roster membership"). A failed tap or walk-in is said through the one
 * error mapper (../shared/errors.ts) after the roll call's own refusal (AttendanceRefused: a
 * trainee this user may not sign in).
 */
import { useMemo, useRef, useState } from 'react';
import { Link } from 'wouter';
import { AttendanceRefused, markAttendance, registerWalkIn, ValidationFailed } from '../../actions';
import { useT } from '../../i18n';
import { useDescribeProblem } from '../../i18n/domain';
import { useRegions } from '../../regions';
import { useMarkFirstData } from '../shared/firstData';
import type { Attendance, AttendanceStatus } from '../../domain/attendance';
import { maskPhone } from '../../domain/common';
import type { RegionIndex } from '../../domain/region';
import { buildSearchIndex, countRollCall, searchIndex } from '../../domain/rollCall';
import type { Trainee, TraineeKind } from '../../domain/trainee';
import { findLikelyTraineeDuplicates } from '../../domain/traineeDuplicates';
import { useRecord, useRecords, useSession } from '../../db';
import { Banner, Button, EmptyState, Field, Spinner } from '../../ui';
import { useActionErrorText, writeErrorKind } from '../shared/errors';
import { RecordFormTop, useRecordForm } from '../shared/recordForm';
import { clearDraft, useDraftStart, type DraftStart } from '../shared/useDraft';
import { useShowsFullPhone } from '../shared/Phone';
import { KindChoice } from './KindChoice';
import { LikelyDuplicates } from './LikelyDuplicates';
import { useMayWrite, useScopeCode } from './access';
import { useRemovedFromSession, useSessionAttendance } from './data';
import { paths } from '../shared/paths';
import { VillagePicker } from './VillagePicker';
import './training.css';

export function RollCall({ sessionId }: { sessionId: string }) {
  const t = useT();
  const session = useRecord('trainingSession', sessionId);
  const trainees = useRecords('trainee');
  const attendance = useSessionAttendance(sessionId);
  const removed = useRemovedFromSession(sessionId);
  const regions = useRegions();
  const [query, setQuery] = useState('');
  const [walkIn, setWalkIn] = useState(false);
  const [lastMarked, setLastMarked] = useState<string | null>(null);
  // Why the last tap was not saved (a trainee this user may not sign in, a full phone…): shown
  // until the next.
  const [refused, setRefused] = useState<{ title: string; detail: string | null } | null>(null);
  const describe = useDescribeProblem();
  const errorText = useActionErrorText();
  const searchRef = useRef<HTMLInputElement>(null);
  // Shown, not called: the whole row is the check-in button, so the number is text here.
  const fullPhones = useShowsFullPhone('trainee');
  // Who may run the roll call: whoever may write this session's attendance (the server's rule).
  const account = useSession();
  const mayMark = useMayWrite('attendance', session?.townshipCode);
  useMarkFirstData(session !== undefined && trainees !== undefined && attendance !== undefined);

  const index = useMemo(() => buildSearchIndex(trainees ?? []), [trainees]);
  const byTrainee = useMemo(
    () => new Map((attendance ?? []).map((a) => [a.traineeId, a])),
    [attendance],
  );
  const traineesById = useMemo(
    () => new Map((trainees ?? []).map((tr) => [tr.id, tr])),
    [trainees],
  );
  const counts = useMemo(() => countRollCall(attendance ?? []), [attendance]);
  const results = useMemo(() => {
    const found = searchIndex(index, query, 40);
    // People on this session's list first: they are who is expected at the door.
    return [
      ...found.filter((tr) => byTrainee.has(tr.id)),
      ...found.filter((tr) => !byTrainee.has(tr.id)),
    ];
  }, [index, query, byTrainee]);

  if (session === undefined || !trainees || !attendance || account === undefined)
    return <Spinner />;
  if (session === null || session.deleted) {
    return (
      <EmptyState icon="users" title={t('training.session.notFound')} headingLevel={1}>
        <Link href={paths.sessions()}>{t('training.session.back')}</Link>
      </EmptyState>
    );
  }
  if (!mayMark) {
    return (
      <EmptyState icon="alert" title={t('formsMore.roll.notAllowed')} headingLevel={1}>
        {t('formsMore.roll.notAllowedBody')}{' '}
        <Link href={paths.session(sessionId)}>{t('formsMore.roll.backToSession')}</Link>
      </EmptyState>
    );
  }
  const regionIndex = regions.status === 'ready' ? regions.regions : null;

  async function mark(trainee: Trainee, status: AttendanceStatus, fromSearch: boolean) {
    try {
      await markAttendance(sessionId, trainee.id, status);
    } catch (error) {
      // The server would refuse it at the next sync: say so now, while the person is here.
      setRefused(
        error instanceof AttendanceRefused
          ? {
              title: t('training.roll.refused', { name: trainee.name }),
              detail: describe.message({
                path: error.problem.field,
                key: error.problem.message,
                params: {},
              }),
            }
          : {
              title: t('formsMore.roll.failed', { name: trainee.name }),
              detail: errorText(error),
            },
      );
      if (writeErrorKind(error) === 'unknown' && !(error instanceof AttendanceRefused)) {
        console.error(error);
      }
      setLastMarked(null);
      return;
    }
    setRefused(null);
    setLastMarked(
      status === 'absent'
        ? null
        : status === 'late'
          ? `${trainee.name} · ${t('training.status.late')}`
          : t('training.roll.marked', { name: trainee.name }),
    );
    if (fromSearch) {
      // Ready for the next person in the queue at once.
      setQuery('');
      searchRef.current?.focus();
    }
  }

  const rows = (list: readonly Trainee[], fromSearch: boolean) => (
    <ul className="roll-list">
      {list.map((tr) => (
        <RollRow
          key={tr.id}
          trainee={tr}
          row={byTrainee.get(tr.id)}
          removed={removed?.has(tr.id) ?? false}
          regions={regionIndex}
          fullPhone={fullPhones}
          onMark={(status) => void mark(tr, status, fromSearch)}
        />
      ))}
    </ul>
  );
  const onList = (status: (a: Attendance) => boolean) =>
    (attendance ?? [])
      .filter(status)
      .map((a) => traineesById.get(a.traineeId))
      .filter((tr): tr is Trainee => tr !== undefined)
      .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  const waiting = onList((a) => a.status === 'absent');
  const arrived = onList((a) => a.status !== 'absent');
  const digits = /^\d+$/.test(query.trim());

  return (
    <section className="screen roll-call" aria-labelledby="roll-title">
      <header className="roll-call__bar">
        <div className="roll-call__heading">
          <h1 id="roll-title">{session.title}</h1>
          <Link href={paths.session(sessionId)} className="button button--secondary">
            <span>{t('training.roll.finish')}</span>
          </Link>
        </div>
        <p className="roll-call__count" role="status" data-testid="roll-count">
          <strong>
            {t('training.roll.arrived', { arrived: counts.arrived, expected: counts.expected })}
          </strong>
          {counts.late > 0 ? (
            <span> · {t('training.roll.lateCount', { late: counts.late })}</span>
          ) : null}
        </p>
        <input
          ref={searchRef}
          className="roll-call__search"
          type="search"
          enterKeyHint="search"
          autoComplete="off"
          aria-label={t('training.roll.search')}
          placeholder={t('training.roll.search')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        {lastMarked ? (
          <p className="roll-call__last" aria-live="polite">
            {lastMarked}
          </p>
        ) : (
          <p className="field__hint">{t('training.roll.searchHint')}</p>
        )}
        {refused ? (
          <Banner
            tone="error"
            onDismiss={() => setRefused(null)}
            dismissLabel={t('training.roll.dismiss')}
          >
            <p>{refused.title}</p>
            {refused.detail ? <p>{refused.detail}</p> : null}
          </Banner>
        ) : null}
      </header>

      {walkIn && regionIndex ? (
        <WalkInForm
          sessionId={sessionId}
          township={session.townshipCode}
          regions={regionIndex}
          trainees={trainees}
          initialName={digits ? '' : query.trim()}
          onDone={(name) => {
            setWalkIn(false);
            setQuery('');
            if (name) setLastMarked(t('training.roll.marked', { name }));
          }}
          onMarkExisting={(tr) => {
            setWalkIn(false);
            void mark(tr, 'present', true);
          }}
        />
      ) : (
        <Button variant="secondary" icon="users" onClick={() => setWalkIn(true)}>
          {t('training.roll.walkIn')}
        </Button>
      )}

      {query.trim() !== '' ? (
        results.length > 0 ? (
          rows(results, true)
        ) : (
          <p className="roll-call__none">{t('training.roll.noMatch', { query: query.trim() })}</p>
        )
      ) : (
        <>
          <h2>{t('training.roll.waiting', { count: waiting.length })}</h2>
          {rows(waiting, false)}
          <h2>{t('training.roll.arrivedList', { count: arrived.length })}</h2>
          {rows(arrived, false)}
        </>
      )}
    </section>
  );
}

function RollRow({
  trainee,
  row,
  removed,
  regions,
  fullPhone,
  onMark,
}: {
  trainee: Trainee;
  row: Attendance | undefined;
  /** Taken off this session's list: said so; a tap checks them in and puts them back on it. */
  removed: boolean;
  regions: RegionIndex | null;
  fullPhone: boolean;
  onMark: (status: AttendanceStatus) => void;
}) {
  const t = useT();
  const status = row?.status ?? null;
  const here = status === 'present' || status === 'late';
  const village = regions?.village(trainee.villageCode)?.shortName ?? '';
  const meta = (
    <span className="roll-row__meta">
      {village ? <span className="roll-row__village">{village}</span> : null}
      {trainee.phone ? (
        <span className="roll-row__phone">
          {fullPhone ? trainee.phone : maskPhone(trainee.phone)}
        </span>
      ) : null}
    </span>
  );
  const offList = removed && !row;
  return (
    <li
      className={`roll-row${here ? ' roll-row--here' : ''}${offList ? ' roll-row--removed' : ''}`}
      data-testid={offList ? `removed-${trainee.id}` : undefined}
    >
      {/* Named by what it shows (name, village, phone, status: WCAG 2.5.3, label in name),
          with 签到 said first so a screen reader also hears what a tap does. */}
      <button
        type="button"
        className="roll-row__main"
        aria-pressed={here}
        onClick={() => onMark(status === 'late' ? 'late' : 'present')}
      >
        <span className="visually-hidden">{t('a11y.roll.checkIn')}</span>{' '}
        <span className="roll-row__name">{trainee.name}</span>
        {meta}
        <span className={`badge badge--${status ?? 'none'}`}>
          {status
            ? t(`training.status.${status}`)
            : offList
              ? t('training.roll.removed')
              : t('training.roll.notOnList')}
        </span>
        {offList ? <span className="roll-row__hint">{t('roster.roll.removedHint')}</span> : null}
      </button>
      {status !== 'late' ? (
        <button type="button" className="roll-row__side" onClick={() => onMark('late')}>
          {t('training.roll.late')}
        </button>
      ) : null}
      {here ? (
        <button type="button" className="roll-row__side" onClick={() => onMark('absent')}>
          {t('training.roll.undo')}
        </button>
      ) : null}
    </li>
  );
}

/** A walk-in at the door: name, kind, village, phone; checked in on save, on the same screen. */
interface WalkInState {
  name: string;
  kind: TraineeKind;
  villageCode: string;
  phone: string;
}

type WalkInProps = {
  sessionId: string;
  township: string;
  regions: RegionIndex;
  trainees: readonly Trainee[];
  initialName: string;
  onDone: (name: string | null) => void;
  onMarkExisting: (trainee: Trainee) => void;
};

/**
 * On the one form foundation (../shared/recordForm.tsx): what is typed is a draft from the first
 * key (a call or a reload at the door loses nothing), the problems are named per field and in the
 * summary that takes focus, anything else is said through the one error mapper.
 */
function WalkInForm(props: WalkInProps) {
  const draftKey = `walkIn:${props.sessionId}`;
  const start = useDraftStart<WalkInState>(draftKey, async () => ({
    name: props.initialName,
    kind: 'youth',
    villageCode: '',
    phone: '',
  }));
  if (start === null || start === 'missing') return <Spinner />;
  return <WalkInFormBody {...props} draftKey={draftKey} start={start} />;
}

function WalkInFormBody({
  sessionId,
  township,
  regions,
  trainees,
  onDone,
  onMarkExisting,
  draftKey,
  start,
}: WalkInProps & { draftKey: string; start: DraftStart<WalkInState> }) {
  const t = useT();
  const scopeCode = useScopeCode();
  const form = useRecordForm<WalkInState>({
    entity: 'trainee',
    id: undefined,
    draftKey,
    start,
    back: { href: paths.session(sessionId), label: t('formsMore.roll.backToSession') },
    restart: async () => ({ name: '', kind: 'youth', villageCode: '', phone: '' }),
  });
  const { name, kind, villageCode, phone } = form.form;
  const duplicates = useMemo(
    () =>
      name.trim().length >= 2
        ? findLikelyTraineeDuplicates(
            { id: '', name, villageCode, phone: phone.trim() || null },
            trainees,
          ).slice(0, 3)
        : [],
    [name, villageCode, phone, trainees],
  );

  async function save() {
    try {
      return await registerWalkIn(sessionId, {
        name,
        kind,
        villageCode,
        phone: phone.trim() || null,
      });
    } catch (error) {
      // The village is outside the user's area: the rule's message, under the village.
      if (error instanceof AttendanceRefused) {
        throw new ValidationFailed('trainee', [
          { path: 'villageCode', key: error.problem.message, params: {} },
        ]);
      }
      throw error;
    }
  }

  return (
    <form
      className="form walk-in"
      onSubmit={form.submit(save, () => onDone(name.trim()))}
      noValidate
      aria-labelledby="walk-in-title"
    >
      <h2 id="walk-in-title">{t('training.roll.walkInTitle')}</h2>
      <RecordFormTop form={form} />
      <Field label={t('training.field.name')} required error={form.errorFor('name')}>
        {(c) => (
          <input
            {...c}
            value={name}
            autoComplete="off"
            onChange={(e) => form.set({ name: e.target.value })}
          />
        )}
      </Field>
      <KindChoice name="walk-in-kind" value={kind} onChange={(k) => form.set({ kind: k })} />
      <VillagePicker
        regions={regions}
        value={villageCode}
        onChange={(code) => form.set({ villageCode: code })}
        scope={scopeCode}
        prefer={township}
        error={form.errorFor('villageCode')}
      />
      <Field label={t('training.field.phone')} error={form.errorFor('phone')}>
        {(c) => (
          <input
            {...c}
            type="tel"
            inputMode="tel"
            autoComplete="off"
            value={phone}
            onChange={(e) => form.set({ phone: e.target.value })}
          />
        )}
      </Field>
      <LikelyDuplicates
        duplicates={duplicates}
        villageName={(code) => regions.village(code)?.shortName ?? ''}
        nameOf={(trainee) => `${trainee.name} ·`}
        actionOf={(trainee) => (
          <Button
            variant="secondary"
            onClick={() => void clearDraft(draftKey).then(() => onMarkExisting(trainee))}
          >
            {t('training.roll.useExisting')}
          </Button>
        )}
      />
      <div className="form__actions">
        <Button type="submit" loading={form.saving} disabled={form.gone}>
          {t('training.roll.walkInSave')}
        </Button>
        <Button
          variant="secondary"
          onClick={() => void clearDraft(draftKey).then(() => onDone(null))}
        >
          {t('training.form.cancel')}
        </Button>
      </div>
    </form>
  );
}
