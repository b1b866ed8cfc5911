/**
 * Importing a township's list of expected attendees into a session: choose the CSV, see a preview
 * with every bad row explained in words and its line, and which rows are people already
 * registered (matched by the duplicate rules, so nobody is counted twice). Nothing is written
 * until the trainer confirms; then new trainees are created and everyone is put on the list, with
 * a progress bar.
 */
import { Link } from 'wouter';
import { addToRoster, importRecords } from '../../actions';
import { useLocale, useT } from '../../i18n';
import { useDescribeProblem } from '../../i18n/domain';
import { useRegions } from '../../regions';
import { newId } from '../../domain/common';
import { ROSTER_COLUMNS } from '../../domain/trainingCsv';
import { listRecords, useRecord, useSession } from '../../db';
import { Banner, Spinner, Screen } from '../../ui';
import { ImportFlow, type ImportProgress } from '../shared/ImportFlow';
import { previewRosterImport, type RosterPreview } from './csv';
import { paths } from '../shared/paths';

export function RosterImport({ sessionId }: { sessionId: string }) {
  const t = useT();
  const locale = useLocale();
  const describe = useDescribeProblem();
  const regions = useRegions();
  const session = useRecord('trainingSession', sessionId);
  const login = useSession();

  if (regions.status === 'loading' || session === undefined || login === undefined) {
    return <Spinner />;
  }
  if (regions.status === 'error') return <Banner tone="error">{t('regions.loadFailed')}</Banner>;
  if (!session) return <Banner tone="error">{t('training.session.notFound')}</Banner>;
  const index = regions.regions;
  const township = session.townshipCode;

  async function read(text: string, onProgress: ImportProgress) {
    const existing = await listRecords('trainee');
    // Rows of people this user may not sign in (another area) are listed as errors.
    return previewRosterImport(text, index, township, existing, onProgress, login?.user ?? null);
  }

  async function write(preview: RosterPreview, onProgress: ImportProgress) {
    const fresh = preview.valid.filter((r) => !r.existing && r.sameAsLine === null);
    const total = preview.valid.length + fresh.length;
    onProgress(0, total);
    // New people first (one transaction), then the whole list (another): if the second failed,
    // re-importing the same file matches the people the first created — nobody is doubled.
    const ids = new Map(fresh.map((r) => [r.line, newId()]));
    await importRecords(
      'trainee',
      fresh.map((r) => ({ id: ids.get(r.line)!, changes: r.fields! })),
      (done) => onProgress(done, total),
    );
    const traineeIds = preview.valid.map(
      (r) => r.existing?.trainee.id ?? ids.get(r.sameAsLine ?? r.line)!,
    );
    return addToRoster(sessionId, traineeIds, (done) => onProgress(fresh.length + done, total));
  }

  const columns = Object.values(ROSTER_COLUMNS).map((c) => c[locale]);
  const people = (p: RosterPreview) =>
    new Set(p.valid.map((r) => r.existing?.trainee.id ?? `line-${r.sameAsLine ?? r.line}`)).size;

  return (
    <Screen titleId="roster-import-title" title={t('training.import.title')}>
      <p className="field__hint">{session.title}</p>
      <ImportFlow
        wording={{
          choose: t('training.import.choose'),
          reading: t('training.import.reading'),
          writing: t('training.import.writing'),
          unreadable: t('training.import.unreadable'),
          writeFailed: t('training.import.writeFailed'),
          summary: (counts) => t('training.import.summary', counts),
          errorsTitle: t('training.import.errorsTitle'),
          line: (line) => t('training.import.line', { line }),
          previewTitle: t('training.import.previewTitle'),
          moreRows: (count) => t('training.import.moreRows', { count }),
          another: t('training.import.another'),
          done: (count) => t('training.import.done', { count }),
        }}
        read={read}
        write={write}
        intro={
          <>
            <p>{t('training.import.intro')}</p>
            <p className="field__hint">
              {t('training.import.columns', { columns: columns.join('、') })}
            </p>
          </>
        }
        notices={(preview) => (
          <>
            {preview.valid.some((r) => r.existing) ? (
              <p>
                {t('training.import.matched', {
                  count: preview.valid.filter((r) => r.existing).length,
                })}
              </p>
            ) : null}
            {preview.noHeader ? (
              <Banner tone="error">{t('training.import.noHeader')}</Banner>
            ) : null}
          </>
        )}
        problemsOf={(row) => row.problems.map((p) => describe.withField('trainee', p))}
        renderRow={(row) => (
          <>
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
          </>
        )}
        confirm={(preview) => ({
          label: t('training.import.confirm', { count: people(preview) }),
        })}
        doneLink={<Link href={paths.session(sessionId)}>{t('training.import.backToSession')}</Link>}
      />
    </Screen>
  );
}
