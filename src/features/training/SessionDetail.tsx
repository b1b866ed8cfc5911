/**
 * One training session: its details, the count of people here, the list of expected trainees with
 * their state, and what a trainer does next — the roll call, importing the township's list, the
 * printable sign-in sheet and the CSV export of the attendance.
 */
import { useMemo } from 'react';
import { Link } from 'wouter';
import { formatDate, useLocale, useT } from '../../app/i18n';
import { useRegions } from '../../app/regions';
import { countRollCall } from '../../domain/rollCall';
import type { Trainee } from '../../domain/trainee';
import { exportsFullPhones } from '../../domain/trainingCsv';
import { useRecord, useRecords, useSession } from '../../db';
import { Button, EmptyState, Icon, Spinner } from '../../ui';
import { attendanceToCsv, downloadText } from './csv';
import { useSessionAttendance } from './data';
import { Phone, useShowsFullPhone } from '../shared/Phone';
import { trainingHref } from './nav';

export function SessionDetail({ id }: { id: string }) {
  const t = useT();
  const locale = useLocale();
  const session = useRecord('trainingSession', id);
  const attendance = useSessionAttendance(id);
  const trainees = useRecords('trainee');
  const regions = useRegions();
  const login = useSession();
  const fullPhones = useShowsFullPhone('trainee');
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
        <Link href={trainingHref('sessions')}>{t('training.session.back')}</Link>
      </EmptyState>
    );
  }
  const counts = countRollCall(attendance);

  function exportCsv() {
    if (!index || !session) return;
    downloadText(
      `${t('training.export.filename')}-${session.startDate}.csv`,
      attendanceToCsv(roster, index, locale, {
        maskPhones: !exportsFullPhones(login?.user.role),
      }),
    );
  }

  return (
    <section className="screen" aria-labelledby="session-title">
      <header className="screen__header">
        <h1 id="session-title">{session.title}</h1>
      </header>
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
        <Link href={trainingHref('roll', id)} className="button button--primary">
          <Icon name="check" size={20} />
          <span>{t('training.session.rollCall')}</span>
        </Link>
        <Link href={trainingHref('import', id)} className="button button--secondary">
          <span>{t('training.session.import')}</span>
        </Link>
        <Link href={trainingHref('sheet', id)} className="button button--secondary">
          <span>{t('training.session.sheet')}</span>
        </Link>
        <Button
          variant="secondary"
          icon="download"
          onClick={exportCsv}
          disabled={!index || roster.length === 0}
        >
          {t('training.session.export')}
        </Button>
        <Link href={trainingHref('sessionForm', id)} className="button button--secondary">
          <span>{t('training.session.edit')}</span>
        </Link>
      </div>
      <h2>{t('training.session.roster', { count: roster.length })}</h2>
      {roster.length === 0 ? (
        <p className="field__hint">{t('training.session.rosterEmpty')}</p>
      ) : (
        <ul className="record-list">
          {roster.map(({ trainee, attendance: a }) => (
            <li key={trainee.id} className="record-list__item record-list__item--stretched">
              <Link href={trainingHref('trainee', trainee.id)} className="record-list__stretch">
                <span className="record-list__title">{trainee.name}</span>
                <span className="record-list__meta">
                  {index?.village(trainee.villageCode)?.shortName}
                </span>
                <span className="record-list__badges">
                  <span className={`badge badge--${a.status}`}>
                    {t(`training.status.${a.status}`)}
                  </span>
                </span>
              </Link>
              {trainee.phone ? (
                <span className="record-list__meta">
                  <Phone phone={trainee.phone} full={fullPhones} name={trainee.name} />
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link href={trainingHref('sessions')}>{t('training.session.back')}</Link>
      </p>
    </section>
  );
}
