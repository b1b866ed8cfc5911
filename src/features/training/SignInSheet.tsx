/**
 * The printable sign-in sheet of a session: numbered names with their village and kind, and an
 * empty signature column, for the paper record the yearly assessment (考核) still asks for. On
 * screen it has a print button; printed, only the sheet is on the page (styles.css @media print).
 */
import { useMemo } from 'react';
import { Link } from 'wouter';
import { formatDate, useT } from '../../i18n';
import { useRegions } from '../../regions';
import type { Trainee } from '../../domain/trainee';
import { useRecord, useRecords } from '../../db';
import { Button, Spinner } from '../../ui';
import { useSessionAttendance } from './data';
import { paths } from '../shared/paths';

export function SignInSheet({ sessionId }: { sessionId: string }) {
  const t = useT();
  const session = useRecord('trainingSession', sessionId);
  const attendance = useSessionAttendance(sessionId);
  const trainees = useRecords('trainee');
  const regions = useRegions();
  const index = regions.status === 'ready' ? regions.regions : null;
  const people = useMemo(() => {
    const byId = new Map((trainees ?? []).map((tr) => [tr.id, tr]));
    return (attendance ?? [])
      .map((a) => byId.get(a.traineeId))
      .filter((tr): tr is Trainee => !!tr)
      .sort(
        (a, b) =>
          a.villageCode.localeCompare(b.villageCode) || a.name.localeCompare(b.name, 'zh-CN'),
      );
  }, [attendance, trainees]);

  if (!session || !attendance || !trainees) return <Spinner />;
  return (
    <section className="screen signin-sheet" aria-labelledby="sheet-title">
      <div className="signin-sheet__tools">
        <Link href={paths.session(sessionId)}>{t('training.import.backToSession')}</Link>
        <Button icon="share" onClick={() => window.print()}>
          {t('training.sheet.print')}
        </Button>
      </div>
      <h1 id="sheet-title">
        {session.title} · {t('training.sheet.title')}
      </h1>
      <p>
        {formatDate(session.startDate)} · {index?.placeLabel(session.townshipCode) ?? ''} ·{' '}
        {t('training.field.trainer')}：{session.trainer}
      </p>
      <table className="signin-sheet__table">
        <thead>
          <tr>
            <th scope="col">{t('training.sheet.number')}</th>
            <th scope="col">{t('training.field.name')}</th>
            <th scope="col">{t('training.field.village')}</th>
            <th scope="col">{t('training.field.kind')}</th>
            <th scope="col" className="signin-sheet__signature">
              {t('training.sheet.signature')}
            </th>
          </tr>
        </thead>
        <tbody>
          {people.map((tr, i) => (
            <tr key={tr.id}>
              <td>{i + 1}</td>
              <td>{tr.name}</td>
              <td>{index?.village(tr.villageCode)?.shortName ?? ''}</td>
              <td>{t(`training.kind.${tr.kind}`)}</td>
              <td className="signin-sheet__signature" />
            </tr>
          ))}
          {/* Blank lines for walk-ins who sign on paper. */}
          {Array.from({ length: 5 }, (_, i) => (
            <tr key={`blank-${i}`} aria-hidden="true">
              <td>{people.length + i + 1}</td>
              <td />
              <td />
              <td />
              <td className="signin-sheet__signature" />
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
