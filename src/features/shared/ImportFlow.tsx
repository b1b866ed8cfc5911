/**
 * The one flow every CSV import on the phone follows: choose a file → read and check it (progress
 * bar) → a preview with the counts and every bad row explained as "第 N 行：字段：原因" → confirm
 * (all rows, or only the good ones) → one write with a progress bar → done. Nothing is written
 * before the confirmation.
 *
 * The feature keeps what is its own: how a file is read and checked (`read`), how the rows are
 * written (`write`), the wording (passed translated), the notices above the error list, and how a
 * good row looks in the preview. Used by the service-point import and the training roster import.
 */
import { useState, type ChangeEvent, type ReactNode } from 'react';
import { Banner, Button, ProgressBar, type ButtonVariant } from '../../ui';
import { FileButton } from '../../ui/FileButton';

/**
 * What a preview must offer the flow: the rows that can go in and the rows that cannot, each
 * with its line in the file (the header being line 1, as Excel shows it).
 */
export interface ImportPreviewShape {
  valid: readonly { line: number }[];
  invalid: readonly { line: number }[];
}

export type ImportPhase<P> =
  | { kind: 'choose' }
  | { kind: 'reading'; done: number; total: number }
  | { kind: 'preview'; preview: P; fileName: string }
  | { kind: 'writing'; done: number; total: number }
  | { kind: 'done'; count: number }
  | { kind: 'failed'; message: string };

export type ImportProgress = (done: number, total: number) => void;

/** The feature's words, already translated. */
export interface ImportWording {
  choose: string;
  reading: string;
  writing: string;
  unreadable: string;
  writeFailed: string;
  summary: (counts: { file: string; valid: number; invalid: number }) => string;
  errorsTitle: string;
  /** The start of an error line: "第 3 行：". */
  line: (line: number) => string;
  /** Said under the error list when more rows are wrong than it shows; nothing when absent. */
  moreErrors?: (count: number) => string;
  previewTitle: string;
  /** Said under the preview when more good rows exist than it shows; nothing when absent. */
  moreRows?: (count: number) => string;
  another: string;
  done: (count: number) => string;
}

export interface ImportFlowProps<P extends ImportPreviewShape> {
  wording: ImportWording;
  /** Reads and checks the file's text; writes nothing. Throwing shows `wording.unreadable`. */
  read: (text: string, onProgress: ImportProgress) => Promise<P>;
  /** Writes what the preview offers; resolves to the count for `wording.done`. Throwing shows `wording.writeFailed`. */
  write: (preview: P, onProgress: ImportProgress) => Promise<number>;
  /** The explanation shown before a file is chosen. */
  intro: ReactNode;
  /** More buttons beside "choose a file" (a template download). */
  extraActions?: ReactNode;
  /** Notices between the summary and the error list (a missing header, matched people). */
  notices?: (preview: P) => ReactNode;
  /** Why a bad row cannot go in, one text a reason (joined with '；'). */
  problemsOf: (row: P['invalid'][number]) => string[];
  /** The inside of one good row's list item in the preview. */
  renderRow: (row: P['valid'][number]) => ReactNode;
  confirm: (preview: P) => { label: string; variant?: ButtonVariant };
  /** After the done message (a link back). */
  doneLink?: ReactNode;
}

/** Bad rows listed at the most: a file of 2,000 wrong rows must not make 2,000 list items. */
export const SHOWN_ERRORS = 200;
/** Good rows shown in the preview: enough to check the columns were read right. */
export const PREVIEW_ROWS = 10;

export function ImportFlow<P extends ImportPreviewShape>({
  wording: w,
  read,
  write,
  intro,
  extraActions,
  notices,
  problemsOf,
  renderRow,
  confirm,
  doneLink,
}: ImportFlowProps<P>) {
  const [phase, setPhase] = useState<ImportPhase<P>>({ kind: 'choose' });

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    // Cleared so choosing the same file again (after fixing it in Excel) fires a change.
    event.target.value = '';
    if (!file) return;
    setPhase({ kind: 'reading', done: 0, total: 0 });
    try {
      const text = await file.text();
      const preview = await read(text, (done, total) => setPhase({ kind: 'reading', done, total }));
      setPhase({ kind: 'preview', preview, fileName: file.name });
    } catch {
      setPhase({ kind: 'failed', message: w.unreadable });
    }
  }

  async function onConfirm(preview: P) {
    setPhase({ kind: 'writing', done: 0, total: preview.valid.length });
    try {
      const count = await write(preview, (done, total) =>
        setPhase({ kind: 'writing', done, total }),
      );
      setPhase({ kind: 'done', count });
    } catch {
      setPhase({ kind: 'failed', message: w.writeFailed });
    }
  }

  if (phase.kind === 'choose' || phase.kind === 'failed') {
    return (
      <>
        {phase.kind === 'failed' ? <Banner tone="error">{phase.message}</Banner> : null}
        {intro}
        <div className="form__actions">
          <FileButton accept=".csv,text/csv" onChange={(e) => void onFile(e)}>
            <span>{w.choose}</span>
          </FileButton>
          {extraActions}
        </div>
      </>
    );
  }
  if (phase.kind === 'reading' || phase.kind === 'writing') {
    return (
      <ProgressBar
        label={phase.kind === 'reading' ? w.reading : w.writing}
        value={phase.done}
        max={Math.max(phase.total, 1)}
      />
    );
  }
  if (phase.kind === 'done') {
    return (
      <Banner tone="info">
        {w.done(phase.count)} {doneLink}
      </Banner>
    );
  }

  const { preview, fileName } = phase;
  const { valid, invalid } = preview;
  const action = confirm(preview);
  return (
    <>
      <p aria-live="polite">
        {w.summary({ file: fileName, valid: valid.length, invalid: invalid.length })}
      </p>
      {notices?.(preview)}
      {invalid.length > 0 ? (
        <div role="alert" className="import-errors">
          <h2>{w.errorsTitle}</h2>
          <ul>
            {invalid.slice(0, SHOWN_ERRORS).map((row) => (
              <li key={row.line}>
                {w.line(row.line)}
                {problemsOf(row).join('；')}
              </li>
            ))}
          </ul>
          {invalid.length > SHOWN_ERRORS && w.moreErrors ? (
            <p>{w.moreErrors(invalid.length - SHOWN_ERRORS)}</p>
          ) : null}
        </div>
      ) : null}
      {valid.length > 0 ? (
        <>
          <h2>{w.previewTitle}</h2>
          <ul className="record-list">
            {valid.slice(0, PREVIEW_ROWS).map((row) => (
              <li key={row.line} className="record-list__item">
                {renderRow(row)}
              </li>
            ))}
          </ul>
          {valid.length > PREVIEW_ROWS && w.moreRows ? (
            <p className="field__hint">{w.moreRows(valid.length - PREVIEW_ROWS)}</p>
          ) : null}
        </>
      ) : null}
      <div className="form__actions">
        {valid.length > 0 ? (
          <Button variant={action.variant} onClick={() => void onConfirm(preview)}>
            {action.label}
          </Button>
        ) : null}
        <Button variant="secondary" onClick={() => setPhase({ kind: 'choose' })}>
          {w.another}
        </Button>
      </div>
    </>
  );
}
