/**
 * The training figures for a chosen year: people trained (at least one session attended, counted
 * once) against the year's target from the Target rows, by kind and by county; hours per person;
 * sessions per township. The maths is src/domain/trainingFigures.ts.
 */
import { useId, useMemo, useState } from 'react';
import { formatNumber, useT } from '../../i18n';
import { useRegions } from '../../regions';
import { TRAINEE_KINDS } from '../../domain/trainee';
import { trainingFigures, trainingYears } from '../../domain/trainingFigures';
import { useRecords } from '../../db';
import { ProgressBar, Spinner, Screen } from '../../ui';
import { useAllAttendance } from './data';

export function Figures() {
  const t = useT();
  const yearId = useId();
  const sessions = useRecords('trainingSession');
  const trainees = useRecords('trainee');
  const targets = useRecords('target');
  const attendance = useAllAttendance();
  const regions = useRegions();
  const currentYear = new Date().getFullYear();
  const [year, setYear] = useState(currentYear);
  const years = useMemo(() => trainingYears(sessions ?? [], currentYear), [sessions, currentYear]);
  const figures = useMemo(
    () =>
      sessions && trainees && targets && attendance
        ? trainingFigures(year, sessions, trainees, attendance, targets)
        : null,
    [year, sessions, trainees, targets, attendance],
  );
  if (!figures) return <Spinner />;
  const index = regions.status === 'ready' ? regions.regions : null;
  const name = (code: string) => index?.placeLabel(code) ?? code;

  return (
    <Screen titleId="figures-title" title={t('training.figures.title')}>
      <div className="filters__field training-year">
        <label htmlFor={yearId}>{t('training.figures.year')}</label>
        <select id={yearId} value={year} onChange={(e) => setYear(Number(e.target.value))}>
          {years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </div>
      <div className="card figures-card">
        <p className="figures-card__big" data-testid="trained-count">
          {t('training.figures.trained', { year, count: formatNumber(figures.trained) })}
        </p>
        {figures.target !== null ? (
          <>
            <p>{t('training.figures.target', { target: formatNumber(figures.target) })}</p>
            <ProgressBar
              label={t('training.figures.progress')}
              value={figures.trained}
              max={figures.target}
              valueText={`${figures.trained} / ${figures.target}`}
            />
          </>
        ) : (
          <p className="field__hint">{t('training.figures.noTarget', { year })}</p>
        )}
        <p>
          {t('training.figures.hours', {
            hours: formatNumber(figures.hoursPerTrainee, { maximumFractionDigits: 1 }),
            total: formatNumber(figures.totalHours),
          })}
        </p>
        <p className="field__hint">{t('training.figures.rule')}</p>
      </div>
      <h2>{t('training.figures.byKind')}</h2>
      <dl className="details">
        {TRAINEE_KINDS.map((k) => (
          <div key={k} className="figures-pair">
            <dt>{t(`training.kind.${k}`)}</dt>
            <dd>{formatNumber(figures.byKind[k])}</dd>
          </div>
        ))}
      </dl>
      {figures.byCounty.length > 0 ? (
        <>
          <h2>{t('training.figures.byCounty')}</h2>
          <table className="figures-table">
            <thead>
              <tr>
                <th scope="col">{t('training.field.county')}</th>
                <th scope="col">{t('training.figures.countyTrained')}</th>
                <th scope="col">{t('training.figures.countyTarget')}</th>
              </tr>
            </thead>
            <tbody>
              {figures.byCounty.map((c) => (
                <tr key={c.countyCode}>
                  <th scope="row">{name(c.countyCode)}</th>
                  <td>{formatNumber(c.trained)}</td>
                  <td>{c.target === null ? '—' : formatNumber(c.target)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      <h2>{t('training.figures.byTownship', { count: figures.sessions })}</h2>
      {figures.byTownship.length > 0 ? (
        <table className="figures-table">
          <thead>
            <tr>
              <th scope="col">{t('training.field.township')}</th>
              <th scope="col">{t('training.figures.sessionsCol')}</th>
              <th scope="col">{t('training.figures.hoursCol')}</th>
            </tr>
          </thead>
          <tbody>
            {figures.byTownship.map((tw) => (
              <tr key={tw.townshipCode}>
                <th scope="row">{name(tw.townshipCode)}</th>
                <td>{tw.sessions}</td>
                <td>{formatNumber(tw.hours)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </Screen>
  );
}
