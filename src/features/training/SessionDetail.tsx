/**
 * One training session: its details, the count of people here, the list of expected trainees with
 * their state, and what a trainer does next — the roll call, importing the township's list, the
 * printable sign-in sheet and the CSV export of the attendance. Who may write the session also
 * takes people off the list (those not yet here) and deletes the session, each after a
 * confirmation that says in words what will happen (docs/TRAINING.md).
 */
import { useMemo, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { deleteSession, removeFromRoster } from '../../actions';
import { formatDate, useLocale, useT } from '../../i18n';
import { useRegions } from '../../regions';
import { countRollCall } from '../../domain/rollCall';
import type { Trainee } from '../../domain/trainee';
import { attendanceExportOptions } from '../../domain/trainingCsv';
import { useRecord, useRecords, useSession } from '../../db';
import type { Attendance } from '../../domain/attendance';
import { Banner, Button, EmptyState, Icon, Spinner, Screen } from '../../ui';
import { useMayWrite } from './access';
import './training.css';
import { downloadText } from '../shared/download';
import { attendanceToCsv } from './csv';
import { useSessionAttendance } from './data';
import { Phone, useShowsFullPhone } from '../shared/Phone';
import { paths } from '../shared/paths';

export function SessionDetail({ id }: { id: string }) {
  const t = useT();
  const locale = useLocale();
  const session = useRecord('trainingSession', id);
  const attendance = useSessionAttendance(id);
  const trainees = useRecords('trainee');
  const regions = useRegions();
  const login = useSession();
  const fullPhones = useShowsFullPhone('trainee');
  // Only who may write the session's attendance (and, to edit or delete it, the session) sees the
  // buttons that change them; the server refuses the others anyway. The import also creates
  // trainees in the township's villages, so it asks for that too.
  const mayChangeList = useMayWrite('attendance', session?.townshipCode);
  const mayEdit = useMayWrite('trainingSession', session?.townshipCode);
  const mayImport = useMayWrite('trainee', session?.townshipCode) && mayChangeList;
  const mayDelete = mayEdit && mayChangeList;
  const index = regions.status === 'ready' ? regions.regions : null;
  const roster = useMemo(() => {
    const byId = new Map((trainees ?? []).map((tr) => [tr.id, tr]));
    return (attendance ?? [])
      .map((a) => ({ attendance: a, trainee: byId.get(a.traineeId) }))
      .filter((r): r is { attendance: typeof r.attendance; trainee: Trainee } => !!r.trainee)
      .sort((a, b) => a.trainee.name.localeCompare(b.trainee.name, 'zh-CN'));
  }, [attendance, trainees]);

  if (session === undefined || !attendance || !trainees) return <Spinner />;
  if (session === null || session.deleted) {
    return (
      <EmptyState icon="users" title={t('training.session.notFound')}>
        <Link href={paths.sessions()}>{t('training.session.back')}</Link>
      </EmptyState>
    );
  }
  const counts = countRollCall(attendance);

  function exportCsv() {
    // Not before the login is read (a few ms): never export a number the user may not see.
    if (!index || !session || login === undefined) return;
    downloadText(
      `${t('training.export.filename')}-${session.startDate}.csv`,
      attendanceToCsv(roster, index, locale, attendanceExportOptions(login?.user.role ?? null)),
    );
  }

  return (
    <Screen titleId="session-title" title={session.title}>
      <p className="roll-call__count" data-testid="session-count">
        <strong>
          {t('training.roll.arrived', { arrived: counts.arrived, expected: counts.expected })}
        </strong>
        {counts.late > 0 ? ` · ${t('training.roll.lateCount', { late: counts.late })}` : null}
      </p>
      <dl className="details">
        <dt>{t('training.field.startDate')}</dt>
        <dd>
          {session.endDate === session.startDate
            ? formatDate(session.startDate)
            : t('training.session.dates', {
                start: formatDate(session.startDate),
                end: formatDate(session.endDate),
              })}
        </dd>
        <dt>{t('training.field.township')}</dt>
        <dd>{index?.placeLabel(session.townshipCode) ?? session.townshipCode}</dd>
        <dt>{t('training.field.trainer')}</dt>
        <dd>{session.trainer}</dd>
        <dt>{t('training.field.hours')}</dt>
        <dd>{t('training.session.hours', { hours: session.hours })}</dd>
        {session.topics.length > 0 ? (
          <>
            <dt>{t('training.field.topics')}</dt>
            <dd>{session.topics.join('、')}</dd>
          </>
        ) : null}
        {session.capacity !== null ? (
          <>
            <dt>{t('training.field.capacity')}</dt>
            <dd>{session.capacity}</dd>
          </>
        ) : null}
      </dl>
      <div className="form__actions">
        {mayChangeList ? (
          <Link href={paths.rollCall(id)} className="button button--primary">
            <Icon name="check" size={20} />
            <span>{t('training.session.rollCall')}</span>
          </Link>
        ) : null}
        {mayImport ? (
          <Link href={paths.rosterImport(id)} className="button button--secondary">
            <span>{t('training.session.import')}</span>
          </Link>
        ) : null}
        <Link href={paths.signInSheet(id)} className="button button--secondary">
          <span>{t('training.session.sheet')}</span>
        </Link>
        <Button
          variant="secondary"
          icon="download"
          onClick={exportCsv}
          disabled={!index || login === undefined || roster.length === 0}
        >
          {t('training.session.export')}
        </Button>
        {mayEdit ? (
          <Link href={paths.sessionEdit(id)} className="button button--secondary">
            <span>{t('training.session.edit')}</span>
          </Link>
        ) : null}
      </div>
      <h2>{t('training.session.roster', { count: roster.length })}</h2>
      {roster.length === 0 ? (
        <p className="field__hint">{t('training.session.rosterEmpty')}</p>
      ) : (
        <>
          {mayChangeList ? <p className="field__hint">{t('training.roster.removeRule')}</p> : null}
          <ul className="record-list">
            {roster.map(({ trainee, attendance: a }) => (
              <RosterRow
                key={trainee.id}
                sessionId={id}
                trainee={trainee}
                attendance={a}
                village={index?.village(trainee.villageCode)?.shortName}
                fullPhone={fullPhones}
                mayRemove={mayChangeList}
              />
            ))}
          </ul>
        </>
      )}
      {mayDelete ? <DeleteSession sessionId={id} attendance={attendance} /> : null}
      <p>
        <Link href={paths.sessions()} className="tap-link">
          {t('training.session.back')}
        </Link>
      </p>
    </Screen>
  );
}

/**
 * One person on the list. Someone not yet here can be taken off it (移出), after a confirmation in
 * the row itself; someone checked in cannot (the roll call's undo comes first), so no tap at the
 * door is lost to a tidy-up of the list.
 */
function RosterRow({
  sessionId,
  trainee,
  attendance,
  village,
  fullPhone,
  mayRemove,
}: {
  sessionId: string;
  trainee: Trainee;
  attendance: Attendance;
  village: string | undefined;
  fullPhone: boolean;
  mayRemove: boolean;
}) {
  const t = useT();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const removable = mayRemove && attendance.status === 'absent';

  async function remove() {
    setBusy(true);
    setFailed(false);
    try {
      await removeFromRoster(sessionId, trainee.id);
      // The row goes away with the live query; nothing else to do.
    } catch {
      // Checked in meanwhile (another tap, a sync) or already gone: say so, keep the row's state.
      setFailed(true);
      setBusy(false);
    }
  }

  return (
    <li className="record-list__item record-list__item--stretched roster-row">
      <Link href={paths.trainee(trainee.id)} className="record-list__stretch">
        <span className="record-list__title">{trainee.name}</span>
        <span className="record-list__meta">{village}</span>
        <span className="record-list__badges">
          <span className={`badge badge--${attendance.status}`}>
            {t(`training.status.${attendance.status}`)}
          </span>
        </span>
      </Link>
      {trainee.phone || removable ? (
        <div className="roster-row__tools">
          {trainee.phone ? (
            <span className="record-list__meta">
              <Phone phone={trainee.phone} full={fullPhone} name={trainee.name} />
            </span>
          ) : (
            <span />
          )}
          {removable && !confirming ? (
            <button
              type="button"
              className="roster-row__remove"
              aria-label={t('training.roster.removeLabel', { name: trainee.name })}
              onClick={() => setConfirming(true)}
            >
              {t('training.roster.remove')}
            </button>
          ) : null}
        </div>
      ) : null}
      {confirming ? (
        <div className="roster-row__confirm" role="group" aria-label={trainee.name}>
          <p>{t('training.roster.removeConfirm', { name: trainee.name })}</p>
          {failed ? <p className="field__error">{t('training.roster.removeFailed')}</p> : null}
          <div className="form__actions">
            <Button variant="danger" loading={busy} onClick={() => void remove()} autoFocus>
              {t('training.roster.removeAction')}
            </Button>
            <Button
              variant="secondary"
              onClick={() => {
                setConfirming(false);
                setFailed(false);
              }}
            >
              {t('training.form.cancel')}
            </Button>
          </div>
        </div>
      ) : null}
    </li>
  );
}

/**
 * Deleting the session: a button at the foot of the page, then a confirmation that counts what
 * goes with it (the list and the check-ins) and what stays (the trainees).
 */
function DeleteSession({
  sessionId,
  attendance,
}: {
  sessionId: string;
  attendance: readonly Attendance[];
}) {
  const t = useT();
  const [, navigate] = useLocation();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const counts = countRollCall(attendance);

  async function confirm() {
    setBusy(true);
    try {
      await deleteSession(sessionId);
      navigate(paths.sessions(), { replace: true });
    } finally {
      setBusy(false);
    }
  }

  if (!confirming) {
    return (
      <div className="session-delete">
        <Button variant="secondary" onClick={() => setConfirming(true)}>
          {t('training.session.delete')}
        </Button>
      </div>
    );
  }
  return (
    <div className="session-delete" role="group" aria-labelledby="session-delete-title">
      <Banner tone="warning">
        <p id="session-delete-title">
          <strong>{t('training.session.deleteTitle')}</strong>
        </p>
        <p data-testid="session-delete-consequence">
          {attendance.length === 0
            ? t('training.session.deleteEmpty')
            : t('training.session.deleteWithRows', {
                count: attendance.length,
                arrived: counts.arrived,
              })}
        </p>
        <p>{t('training.session.deleteSync')}</p>
      </Banner>
      <div className="form__actions">
        <Button variant="danger" loading={busy} onClick={() => void confirm()} autoFocus>
          {t('training.session.deleteAction')}
        </Button>
        <Button variant="secondary" onClick={() => setConfirming(false)}>
          {t('training.form.cancel')}
        </Button>
      </div>
    </div>
  );
}
