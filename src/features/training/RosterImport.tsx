/**
 * Importing a township's list of expected attendees into a session: choose the CSV, see a preview
 * with every bad row explained in words and its line, and which rows are people already
 * registered (matched by the duplicate rules, so nobody is counted twice). Nothing is written
 * until the trainer confirms; then new trainees are created and everyone is put on the list, with
 * a progress bar.
 */
import { useState, type ChangeEvent } from 'react';
import { Link } from 'wouter';
import { addToRoster, importRecords } from '../../actions';
import { useLocale, useT } from '../../app/i18n';
import { useDescribeProblem } from '../../app/i18n/domain';
import { useRegions } from '../../app/regions';
import { newId } from '../../domain/common';
import { ROSTER_COLUMNS } from '../../domain/trainingCsv';
import { listRecords, useRecord } from '../../db';
import { Banner, Button, ProgressBar, Spinner } from '../../ui';
import { previewRosterImport, type RosterPreview } from './csv';
import { trainingHref } from './nav';

type Phase =
  | { kind: 'choose' }
  | { kind: 'reading'; done: number; total: number }
  | { kind: 'preview'; preview: RosterPreview; fileName: string }
  | { kind: 'writing'; done: number; total: number }
  | { kind: 'done'; count: number }
  | { kind: 'failed'; message: string };

const SHOWN = 200;
/** Rows shown in the preview: enough to check the columns were read right. */
const PREVIEW = 10;

export function RosterImport({ sessionId }: { sessionId: string }) {
  const t = useT();
  const locale = useLocale();
  const describe = useDescribeProblem();
  const regions = useRegions();
  const session = useRecord('trainingSession', sessionId);
  const [phase, setPhase] = useState<Phase>({ kind: 'choose' });

  if (regions.status === 'loading' || session === undefined) return <Spinner />;
  if (regions.status === 'error') return <Banner tone="error">{t('regions.loadFailed')}</Banner>;
  if (!session) return <Banner tone="error">{t('training.session.notFound')}</Banner>;
  const index = regions.regions;
  const township = session.townshipCode;

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setPhase({ kind: 'reading', done: 0, total: 0 });
    try {
      const text = await file.text();
      const existing = await listRecords('trainee');
      const preview = await previewRosterImport(text, index, township, existing, (done, total) =>
        setPhase({ kind: 'reading', done, total }),
      );
      setPhase({ kind: 'preview', preview, fileName: file.name });
    } catch {
      setPhase({ kind: 'failed', message: t('training.import.unreadable') });
    }
  }

  async function write(preview: RosterPreview) {
    const fresh = preview.valid.filter((r) => !r.existing && r.sameAsLine === null);
    const total = preview.valid.length + fresh.length;
    setPhase({ kind: 'writing', done: 0, total });
    try {
      // New people first (one transaction), then the whole list (another): if the second failed,
      // re-importing the same file matches the people the first created — nobody is doubled.
      const ids = new Map(fresh.map((r) => [r.line, newId()]));
      await importRecords(
        'trainee',
        fresh.map((r) => ({ id: ids.get(r.line)!, changes: r.fields! })),
        (done) => setPhase({ kind: 'writing', done, total }),
      );
      const traineeIds = preview.valid.map(
        (r) => r.existing?.trainee.id ?? ids.get(r.sameAsLine ?? r.line)!,
      );
      const count = await addToRoster(sessionId, traineeIds, (done) =>
        setPhase({ kind: 'writing', done: fresh.length + done, total }),
      );
      setPhase({ kind: 'done', count });
    } catch {
      setPhase({ kind: 'failed', message: t('training.import.writeFailed') });
    }
  }

  const columns = Object.values(ROSTER_COLUMNS).map((c) => c[locale]);
  const people = (p: RosterPreview) =>
    new Set(p.valid.map((r) => r.existing?.trainee.id ?? `line-${r.sameAsLine ?? r.line}`)).size;

  return (
    <section className="screen" aria-labelledby="roster-import-title">
      <header className="screen__header">
        <h1 id="roster-import-title">{t('training.import.title')}</h1>
      </header>
      <p className="field__hint">{session.title}</p>
      {phase.kind === 'choose' || phase.kind === 'failed' ? (
        <>
          {phase.kind === 'failed' ? <Banner tone="error">{phase.message}</Banner> : null}
          <p>{t('training.import.intro')}</p>
          <p className="field__hint">
            {t('training.import.columns', { columns: columns.join('、') })}
          </p>
          <div className="form__actions">
            <label className="button button--primary file-button">
              <span>{t('training.import.choose')}</span>
              <input
                type="file"
                accept=".csv,text/csv"
                onChange={(e) => void onFile(e)}
                className="visually-hidden"
              />
            </label>
          </div>
        </>
      ) : null}
      {phase.kind === 'reading' ? (
        <ProgressBar
          label={t('training.import.reading')}
          value={phase.done}
          max={Math.max(phase.total, 1)}
        />
      ) : null}
      {phase.kind === 'preview' ? (
        <>
          <p aria-live="polite">
            {t('training.import.summary', {
              file: phase.fileName,
              valid: phase.preview.valid.length,
              invalid: phase.preview.invalid.length,
            })}
          </p>
          {phase.preview.valid.some((r) => r.existing) ? (
            <p>
              {t('training.import.matched', {
                count: phase.preview.valid.filter((r) => r.existing).length,
              })}
            </p>
          ) : null}
          {phase.preview.noHeader ? (
            <Banner tone="error">{t('training.import.noHeader')}</Banner>
          ) : null}
          {phase.preview.invalid.length > 0 ? (
            <div role="alert" className="import-errors">
              <h2>{t('training.import.errorsTitle')}</h2>
              <ul>
                {phase.preview.invalid.slice(0, SHOWN).map((row) => (
                  <li key={row.line}>
                    {t('training.import.line', { line: row.line })}
                    {row.problems.map((p) => describe.withField('trainee', p)).join('；')}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {phase.preview.valid.length > 0 ? (
            <>
              <h2>{t('training.import.previewTitle')}</h2>
              <ul className="record-list">
                {phase.preview.valid.slice(0, PREVIEW).map((row) => (
                  <li key={row.line} className="record-list__item">
                    <span className="record-list__title">{row.fields!.name}</span>
                    <span className="record-list__meta">
                      {index.placeLabel(row.fields!.villageCode) ?? row.fields!.villageCode}
                    </span>
                    <span className="record-list__badges">
                      <span className="badge">{t(`training.kind.${row.fields!.kind}`)}</span>
                      {row.existing ? (
                        <span className="badge badge--open">
                          {t('training.import.existing')} ·{' '}
                          {t(`training.duplicates.${row.existing.reason}`)}
                        </span>
                      ) : row.sameAsLine !== null ? (
                        <span className="badge badge--late">
                          {t('training.import.duplicateInFile', { line: row.sameAsLine })}
                        </span>
                      ) : (
                        <span className="badge badge--approved">{t('training.import.new')}</span>
                      )}
                    </span>
                  </li>
                ))}
              </ul>
              {phase.preview.valid.length > PREVIEW ? (
                <p className="field__hint">
                  {t('training.import.moreRows', { count: phase.preview.valid.length - PREVIEW })}
                </p>
              ) : null}
            </>
          ) : null}
          <div className="form__actions">
            {phase.preview.valid.length > 0 ? (
              <Button onClick={() => void write(phase.preview)}>
                {t('training.import.confirm', { count: people(phase.preview) })}
              </Button>
            ) : null}
            <Button variant="secondary" onClick={() => setPhase({ kind: 'choose' })}>
              {t('training.import.another')}
            </Button>
          </div>
        </>
      ) : null}
      {phase.kind === 'writing' ? (
        <ProgressBar
          label={t('training.import.writing')}
          value={phase.done}
          max={Math.max(phase.total, 1)}
        />
      ) : null}
      {phase.kind === 'done' ? (
        <Banner tone="info">
          {t('training.import.done', { count: phase.count })}{' '}
          <Link href={trainingHref('session', sessionId)}>
            {t('training.import.backToSession')}
          </Link>
        </Banner>
      ) : null}
    </section>
  );
}
