/** The training sessions on this device, newest first, each with its count of people here. */
import { useMemo } from 'react';
import { formatDate, useT } from '../../i18n';
import { useRegions } from '../../regions';
import { countRollCall } from '../../domain/rollCall';
import { useRecords } from '../../db';
import { EmptyState, Spinner } from '../../ui';
import { useAllAttendance } from './data';
import { paths } from '../shared/paths';
import { ListScreen } from '../shared/ListScreen';
import { LinkRow } from '../shared/LinkRow';
import { groupBy } from '../../domain/groups';

export function SessionList() {
  const t = useT();
  const sessions = useRecords('trainingSession');
  const attendance = useAllAttendance();
  const regions = useRegions();
  const sorted = useMemo(
    () => (sessions ? [...sessions].sort((a, b) => b.startDate.localeCompare(a.startDate)) : []),
    [sessions],
  );
  const bySession = useMemo(() => groupBy(attendance ?? [], (a) => a.sessionId), [attendance]);

  if (!sessions) return <Spinner />;
  return (
    <ListScreen
      titleId="sessions-title"
      title={t('training.sessions.title')}
      newRecord={{ href: paths.sessionNew(), label: t('training.sessions.new'), icon: 'users' }}
    >
      {sorted.length === 0 ? (
        <EmptyState icon="users" title={t('training.sessions.empty')}>
          {t('training.sessions.emptyBody')}
        </EmptyState>
      ) : (
        <>
          <p className="screen__count">{t('training.sessions.count', { count: sorted.length })}</p>
          <ul className="record-list">
            {sorted.map((s) => {
              const counts = countRollCall(bySession.get(s.id) ?? []);
              return (
                <LinkRow
                  key={s.id}
                  href={paths.session(s.id)}
                  title={s.title}
                  meta={
                    <>
                      {formatDate(s.startDate)} ·{' '}
                      {regions.status === 'ready'
                        ? (regions.regions.placeLabel(s.townshipCode) ?? s.townshipCode)
                        : s.townshipCode}
                    </>
                  }
                  badges={
                    <>
                      <span className="badge badge--open">
                        {t('training.roll.arrived', {
                          arrived: counts.arrived,
                          expected: counts.expected,
                        })}
                      </span>
                      <span className="badge">
                        {t('training.session.hours', { hours: s.hours })}
                      </span>
                    </>
                  }
                />
              );
            })}
          </ul>
        </>
      )}
    </ListScreen>
  );
}
