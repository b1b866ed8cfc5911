/**
 * Bulk registration from a CSV (Excel "CSV UTF-8"): choose a file, see a preview with every bad
 * row explained in words and its line number, and nothing is written until the user confirms.
 * The import itself is one transaction with a progress bar (2,000 rows take a few seconds).
 */
import { Link } from 'wouter';
import { importRecords } from '../../actions';
import { useLocale, useT, formatList } from '../../i18n';
import { useDescribeProblem } from '../../i18n/domain';
import { useRegions } from '../../regions';
import { fieldLabel } from '../../domain/fieldLabels';
import { csvHeader } from '../../domain/servicePointCsv';
import { useSession } from '../../db';
import { Banner, Button, Spinner, Screen } from '../../ui';
import { ImportFlow, type ImportProgress } from '../shared/ImportFlow';
import { downloadText } from '../shared/download';
import { previewImport, type ImportPreview, type ScopeRefusal } from './csv';
import { localToday as today } from '../shared/dates';
import { paths } from '../shared/paths';

export function ImportScreen() {
  const t = useT();
  const locale = useLocale();
  const describe = useDescribeProblem();
  const regions = useRegions();
  // Signed in: rows outside the user's area are refused in the preview, as the server would
  // refuse them after sync. Used without an account: no area to check.
  const session = useSession();

  if (regions.status === 'loading' || session === undefined) return <Spinner />;
  if (regions.status === 'error') return <Banner tone="error">{t('regions.loadFailed')}</Banner>;
  const index = regions.regions;

  function read(text: string, onProgress: ImportProgress) {
    return previewImport(
      text,
      index,
      today(),
      onProgress,
      session ? { role: session.user.role, scope: session.user.scope } : null,
    );
  }

  function write(preview: ImportPreview, onProgress: ImportProgress) {
    return importRecords(
      'servicePoint',
      preview.valid.map((r) => ({ id: r.id, changes: r.fields! })),
      onProgress,
    );
  }

  function refusal(refused: ScopeRefusal): string {
    if (refused.reason === 'role') return t('pointsMore.import.roleCannotWrite');
    return t('pointsMore.import.outsideArea', {
      field: fieldLabel('servicePoint', 'regionCode', locale),
      area: refused.area,
    });
  }

  function template() {
    // The example row names a rural village of the user's own area (the first one by code).
    const area = session?.user.scope.code ?? '';
    const example = index.villages.find((v) => v.rural && v.code.startsWith(area));
    const county = example ? (index.county(example.countyCode)?.name ?? '') : '';
    const township = example ? (index.township(example.townshipCode)?.name ?? '') : '';
    const header = csvHeader(locale);
    downloadText(
      `${t('points.import.templateName')}.csv`,
      `\uFEFF${header.join(',')}\r\n,${t('points.tier.village')},${county},${township},${example?.shortName ?? ''},,${t('points.import.exampleName')},${t('points.service.purchasing')}、${t('points.service.produceSales')},${t('points.status.planned')},,,,,,,,,\r\n`,
    );
  }

  return (
    <Screen titleId="import-title" title={t('points.import.title')}>
      <ImportFlow
        wording={{
          choose: t('points.import.choose'),
          reading: t('points.import.reading'),
          writing: t('points.import.writing'),
          unreadable: t('points.import.unreadable'),
          writeFailed: t('points.import.writeFailed'),
          summary: (counts) => t('points.import.summary', counts),
          errorsTitle: t('points.import.errorsTitle'),
          line: (line) => t('points.import.line', { line }),
          moreErrors: (count) => t('points.import.moreErrors', { count }),
          previewTitle: t('points.import.previewTitle'),
          another: t('points.import.another'),
          done: (count) => t('points.import.done', { count }),
        }}
        read={read}
        write={write}
        intro={
          <>
            <p>{t('points.import.intro')}</p>
            <p className="field__hint">
              {t('points.import.columns', { columns: formatList(csvHeader(locale)) })}
            </p>
          </>
        }
        extraActions={
          <Button variant="secondary" icon="download" onClick={template}>
            {t('points.import.template')}
          </Button>
        }
        notices={(preview) => (
          <>
            {preview.noHeader ? <Banner tone="error">{t('points.import.noHeader')}</Banner> : null}
            {preview.unknownHeaders.length > 0 ? (
              <Banner tone="warning">
                {t('points.import.unknownHeaders', {
                  headers: formatList(preview.unknownHeaders),
                })}
              </Banner>
            ) : null}
          </>
        )}
        problemsOf={(row) => [
          ...row.problems.map((p) => describe.withField('servicePoint', p)),
          ...(row.refused ? [refusal(row.refused)] : []),
        ]}
        renderRow={(row) => (
          <>
            <span className="record-list__title">{row.fields!.name}</span>
            <span className="record-list__meta">
              {index.placeLabel(row.fields!.regionCode) ?? row.fields!.regionCode}
            </span>
            <span className="record-list__badges">
              <span className={`badge badge--${row.fields!.status}`}>
                {t(`points.status.${row.fields!.status}`)}
              </span>
            </span>
          </>
        )}
        confirm={(preview) =>
          preview.invalid.length === 0
            ? {
                label: t('points.import.confirmAll', { count: preview.valid.length }),
                variant: 'primary',
              }
            : {
                label: t('points.import.confirmValid', { count: preview.valid.length }),
                variant: 'secondary',
              }
        }
        doneLink={<Link href={paths.points()}>{t('points.backToList')}</Link>}
      />
    </Screen>
  );
}
