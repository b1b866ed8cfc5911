/**
 * Bulk registration from a CSV (Excel "CSV UTF-8"): choose a file, see a preview with every bad
 * row explained in words and its line number, and nothing is written until the user confirms.
 * The import itself is one transaction with a progress bar (2,000 rows take a few seconds).
 */
import { useState, type ChangeEvent } from 'react';
import { Link } from 'wouter';
import { importRecords } from '../../actions';
import { useLocale, useT, formatList } from '../../app/i18n';
import { useDescribeProblem } from '../../app/i18n/domain';
import { useRegions } from '../../app/regions';
import { fieldLabel } from '../../domain/fieldLabels';
import { csvHeader } from '../../domain/servicePointCsv';
import { useSession } from '../../db';
import { Banner, Button, ProgressBar, Spinner } from '../../ui';
import {
  downloadText,
  previewImport,
  type ImportPreview,
  type ImportRow,
  type ScopeRefusal,
} from './csv';
import { today } from './PointForm';

type Phase =
  | { kind: 'choose' }
  | { kind: 'reading'; done: number; total: number }
  | { kind: 'preview'; preview: ImportPreview; fileName: string }
  | { kind: 'writing'; done: number; total: number }
  | { kind: 'done'; count: number }
  | { kind: 'failed'; message: string };

const SHOWN_ERRORS = 200;

export function ImportScreen() {
  const t = useT();
  const locale = useLocale();
  const describe = useDescribeProblem();
  const regions = useRegions();
  // Signed in: rows outside the user's area are refused in the preview, as the server would
  // refuse them after sync. Used without an account: no area to check.
  const session = useSession();
  const [phase, setPhase] = useState<Phase>({ kind: 'choose' });

  if (regions.status === 'loading' || session === undefined) return <Spinner />;
  if (regions.status === 'error') return <Banner tone="error">{t('regions.loadFailed')}</Banner>;
  const index = regions.regions;

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setPhase({ kind: 'reading', done: 0, total: 0 });
    try {
      const text = await file.text();
      const preview = await previewImport(
        text,
        index,
        today(),
        (done, total) => setPhase({ kind: 'reading', done, total }),
        session ? { role: session.user.role, scope: session.user.scope } : null,
      );
      setPhase({ kind: 'preview', preview, fileName: file.name });
    } catch {
      setPhase({ kind: 'failed', message: t('points.import.unreadable') });
    }
  }

  async function write(rows: ImportRow[]) {
    setPhase({ kind: 'writing', done: 0, total: rows.length });
    try {
      const count = await importRecords(
        'servicePoint',
        rows.map((r) => ({ id: r.id, changes: r.fields! })),
        (done, total) => setPhase({ kind: 'writing', done, total }),
      );
      setPhase({ kind: 'done', count });
    } catch {
      setPhase({ kind: 'failed', message: t('points.import.writeFailed') });
    }
  }

  function refusal(refused: ScopeRefusal): string {
    if (refused.reason === 'role') return t('pointsMore.import.roleCannotWrite');
    return t('pointsMore.import.outsideArea', {
      field: fieldLabel('servicePoint', 'regionCode', locale),
      area: refused.area,
    });
  }

  function template() {
    const example = index.villagesOf('330127100').find((v) => v.rural);
    const header = csvHeader(locale);
    downloadText(
      `${t('points.import.templateName')}.csv`,
      `\uFEFF${header.join(',')}\r\n,${t('points.tier.village')},淳安县,千岛湖镇,${example?.shortName ?? ''},,${t('points.import.exampleName')},${t('points.service.purchasing')}、${t('points.service.produceSales')},${t('points.status.planned')},,,,,,,,,\r\n`,
    );
  }

  return (
    <section className="screen" aria-labelledby="import-title">
      <header className="screen__header">
        <h1 id="import-title">{t('points.import.title')}</h1>
      </header>
      {phase.kind === 'choose' || phase.kind === 'failed' ? (
        <>
          {phase.kind === 'failed' ? <Banner tone="error">{phase.message}</Banner> : null}
          <p>{t('points.import.intro')}</p>
          <p className="field__hint">
            {t('points.import.columns', { columns: formatList(csvHeader(locale)) })}
          </p>
          <div className="form__actions">
            <label className="button button--primary file-button">
              <span>{t('points.import.choose')}</span>
              <input
                type="file"
                accept=".csv,text/csv"
                onChange={(e) => void onFile(e)}
                className="visually-hidden"
              />
            </label>
            <Button variant="secondary" icon="download" onClick={template}>
              {t('points.import.template')}
            </Button>
          </div>
        </>
      ) : null}
      {phase.kind === 'reading' ? (
        <ProgressBar
          label={t('points.import.reading')}
          value={phase.done}
          max={Math.max(phase.total, 1)}
        />
      ) : null}
      {phase.kind === 'preview' ? (
        <>
          <p aria-live="polite">
            {t('points.import.summary', {
              file: phase.fileName,
              valid: phase.preview.valid.length,
              invalid: phase.preview.invalid.length,
            })}
          </p>
          {phase.preview.noHeader ? (
            <Banner tone="error">{t('points.import.noHeader')}</Banner>
          ) : null}
          {phase.preview.unknownHeaders.length > 0 ? (
            <Banner tone="warning">
              {t('points.import.unknownHeaders', {
                headers: formatList(phase.preview.unknownHeaders),
              })}
            </Banner>
          ) : null}
          {phase.preview.invalid.length > 0 ? (
            <div role="alert" className="import-errors">
              <h2>{t('points.import.errorsTitle')}</h2>
              <ul>
                {phase.preview.invalid.slice(0, SHOWN_ERRORS).map((row) => (
                  <li key={row.line}>
                    {t('points.import.line', { line: row.line })}
                    {[
                      ...row.problems.map((p) => describe.withField('servicePoint', p)),
                      ...(row.refused ? [refusal(row.refused)] : []),
                    ].join('；')}
                  </li>
                ))}
              </ul>
              {phase.preview.invalid.length > SHOWN_ERRORS ? (
                <p>
                  {t('points.import.moreErrors', {
                    count: phase.preview.invalid.length - SHOWN_ERRORS,
                  })}
                </p>
              ) : null}
            </div>
          ) : null}
          {phase.preview.valid.length > 0 ? (
            <>
              <h2>{t('points.import.previewTitle')}</h2>
              <ul className="record-list">
                {phase.preview.valid.slice(0, 10).map((row) => (
                  <li key={row.line} className="record-list__item">
                    <span className="record-list__title">{row.fields!.name}</span>
                    <span className="record-list__meta">
                      {index.placeLabel(row.fields!.regionCode) ?? row.fields!.regionCode}
                    </span>
                    <span className="record-list__badges">
                      <span className={`badge badge--${row.fields!.status}`}>
                        {t(`points.status.${row.fields!.status}`)}
                      </span>
                    </span>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <div className="form__actions">
            {phase.preview.valid.length > 0 ? (
              <Button
                variant={phase.preview.invalid.length === 0 ? 'primary' : 'secondary'}
                onClick={() => void write(phase.preview.valid)}
              >
                {phase.preview.invalid.length === 0
                  ? t('points.import.confirmAll', { count: phase.preview.valid.length })
                  : t('points.import.confirmValid', { count: phase.preview.valid.length })}
              </Button>
            ) : null}
            <Button variant="secondary" onClick={() => setPhase({ kind: 'choose' })}>
              {t('points.import.another')}
            </Button>
          </div>
        </>
      ) : null}
      {phase.kind === 'writing' ? (
        <ProgressBar
          label={t('points.import.writing')}
          value={phase.done}
          max={Math.max(phase.total, 1)}
        />
      ) : null}
      {phase.kind === 'done' ? (
        <Banner tone="info">
          {t('points.import.done', { count: phase.count })}{' '}
          <Link href="/points">{t('points.backToList')}</Link>
        </Banner>
      ) : null}
    </section>
  );
}
