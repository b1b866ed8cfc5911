/**
 * 从备份文件恢复: the officer picks the JSON file exported before a logout, sees what it holds
 * (how many changes and drafts, of which kinds, from when, whose) and confirms; its unsynced
 * changes go back into the outbox and its drafts back as drafts, skipping what the phone already
 * has. A file of another user or server, or a broken one, is refused in words that say what to do.
 * The steps are in ./rescueImport.ts; the format and rules in docs/RESCUE.md.
 */
import { useState, type ChangeEvent } from 'react';
import { formatDate, useT } from '../../i18n';
import type { Translate } from '../../i18n';
import { readSession } from '../../db';
import type { RestoreResult } from '../../db/rescue';
import type { RescueDocument, RescueSummary } from '../../sync/rescueFile';
import { Banner, Button, Card, Spinner } from '../../ui';
import { FileButton } from '../../ui/FileButton';
import { readRescueFile, rescueProblemText, restoreRescueFile } from './rescueImport';

type Phase =
  | { kind: 'choose'; problem: string | null }
  | { kind: 'reading' }
  | { kind: 'preview'; file: RescueDocument; summary: RescueSummary; fileName: string }
  | { kind: 'writing'; file: RescueDocument; summary: RescueSummary; fileName: string }
  | { kind: 'done'; result: RestoreResult };

const MOMENT: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };

function entityWord(t: Translate, entity: string): string {
  return entity === 'other'
    ? t('rescue.preview.otherForm')
    : t(`syncPanel.entity.${entity}` as Parameters<Translate>[0]);
}

/** How many of each kind of record (the file's changes, or its drafts); nothing for none. */
function EntityCounts({ counts }: { counts: readonly { entity: string; count: number }[] }) {
  const t = useT();
  if (counts.length === 0) return null;
  return (
    <ul>
      {counts.map((c) => (
        <li key={c.entity}>
          {t('rescue.preview.item', { entity: entityWord(t, c.entity), count: c.count })}
        </li>
      ))}
    </ul>
  );
}

function Preview({ summary }: { summary: RescueSummary }) {
  const t = useT();
  const changes = summary.changes.reduce((n, c) => n + c.count, 0);
  const drafts = summary.drafts.reduce((n, d) => n + d.count, 0);
  const who = summary.user.displayName
    ? `${summary.user.displayName}（${summary.user.username}）`
    : summary.user.username;
  const from = summary.from ? formatDate(summary.from, MOMENT) : null;
  const to = summary.to ? formatDate(summary.to, MOMENT) : null;
  return (
    <section aria-label={t('rescue.preview.title')} className="rescue-preview">
      <p>
        <strong>{t('rescue.preview.title')}</strong>
      </p>
      <p>{t('rescue.preview.user', { user: who })}</p>
      <p>{t('rescue.preview.exportedAt', { time: formatDate(summary.exportedAt, MOMENT) })}</p>
      {from && to ? (
        <p>
          {from === to
            ? t('rescue.preview.at', { time: from })
            : t('rescue.preview.span', { from, to })}
        </p>
      ) : null}
      <p>{t('rescue.preview.changes', { count: changes })}</p>
      <EntityCounts counts={summary.changes} />
      {summary.rejected > 0 ? (
        <p>{t('rescue.preview.rejected', { count: summary.rejected })}</p>
      ) : null}
      <p>{t('rescue.preview.drafts', { count: drafts })}</p>
      <EntityCounts counts={summary.drafts} />
      {changes + drafts + summary.rejected === 0 ? (
        <p className="muted">{t('rescue.preview.empty')}</p>
      ) : null}
    </section>
  );
}

export function RescueImportSection() {
  const t = useT();
  const [phase, setPhase] = useState<Phase>({ kind: 'choose', problem: null });

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const picked = event.target.files?.[0];
    // Cleared so picking the same file again fires a change.
    event.target.value = '';
    if (!picked) return;
    setPhase({ kind: 'reading' });
    let text: string;
    try {
      text = await picked.text();
    } catch {
      setPhase({ kind: 'choose', problem: t('rescue.problem.notJson') });
      return;
    }
    // Read now, not from a live query that may not have answered yet.
    const session = await readSession();
    const origin = typeof location === 'undefined' ? null : location.origin;
    const read = readRescueFile(text, session?.user ?? null, origin);
    setPhase(
      read.ok
        ? { kind: 'preview', file: read.file, summary: read.summary, fileName: picked.name }
        : { kind: 'choose', problem: rescueProblemText(t, read.problem) },
    );
  }

  async function onConfirm(file: RescueDocument, summary: RescueSummary, fileName: string) {
    setPhase({ kind: 'writing', file, summary, fileName });
    try {
      setPhase({ kind: 'done', result: await restoreRescueFile(file) });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      setPhase({ kind: 'choose', problem: t('rescue.failed', { reason }) });
    }
  }

  return (
    <Card title={t('rescue.heading')}>
      {phase.kind === 'choose' || phase.kind === 'done' ? (
        <>
          {phase.kind === 'choose' && phase.problem ? (
            <Banner tone="error">{phase.problem}</Banner>
          ) : null}
          {phase.kind === 'done' ? (
            <Banner tone="info">
              <p>
                <strong>{t('rescue.done.title')}</strong>
              </p>
              <p>{t('rescue.done.changes', { ...phase.result.outbox })}</p>
              {phase.result.rejected.added + phase.result.rejected.skipped > 0 ? (
                <p>{t('rescue.done.rejected', { ...phase.result.rejected })}</p>
              ) : null}
              <p>{t('rescue.done.drafts', { ...phase.result.drafts })}</p>
              <p>{t('rescue.done.sync')}</p>
            </Banner>
          ) : null}
          <p className="muted">{t('rescue.intro')}</p>
          <div className="form__actions">
            <FileButton
              variant="secondary"
              accept=".json,application/json"
              onChange={(e) => void onFile(e)}
            >
              <span>{t('rescue.pick')}</span>
            </FileButton>
          </div>
        </>
      ) : phase.kind === 'reading' ? (
        <Spinner label={t('rescue.reading')} />
      ) : (
        <>
          <p className="muted">{phase.fileName}</p>
          <Preview summary={phase.summary} />
          <div className="form__actions">
            <Button
              loading={phase.kind === 'writing'}
              onClick={() => void onConfirm(phase.file, phase.summary, phase.fileName)}
            >
              {t('rescue.confirm')}
            </Button>
            <Button
              variant="secondary"
              disabled={phase.kind === 'writing'}
              onClick={() => setPhase({ kind: 'choose', problem: null })}
            >
              {t('rescue.cancel')}
            </Button>
          </div>
        </>
      )}
    </Card>
  );
}
