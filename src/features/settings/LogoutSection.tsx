/**
 * Logging out. It clears the device (the next user may have another area, and trainee phones are
 * personal data), so it asks first — and when changes are still waiting or were refused, it says
 * how many and offers to export them before anything is deleted: a workbook the officer can
 * open, and the JSON file the app can read back (./rescueExport.ts).
 */
import { useState } from 'react';
import { useLocation } from 'wouter';
import { useT } from '../../i18n';
import { unsyncedSummary, type UnsyncedSummary } from '../../db';
import { Banner, Button } from '../../ui';
import { exportRescueJson, exportRescueWorkbook } from '../shared/rescueExport';
import { useSyncEngine } from '../shared/useSyncEngine';
import { paths } from '../shared/paths';

type Step =
  | { kind: 'idle' }
  | { kind: 'confirm' }
  | { kind: 'unsynced'; summary: UnsyncedSummary; exported: string[]; failed: string | null };

export function LogoutSection() {
  const t = useT();
  const engine = useSyncEngine();
  const [, navigate] = useLocation();
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [busy, setBusy] = useState(false);
  const [making, setMaking] = useState(false);

  async function start() {
    const summary = await unsyncedSummary(engine.db);
    setStep(
      summary.outbox > 0 || summary.rejected > 0
        ? { kind: 'unsynced', summary, exported: [], failed: null }
        : { kind: 'confirm' },
    );
  }

  const exported = (fileName: string, failed: string | null = null) =>
    setStep((s) =>
      s.kind === 'unsynced'
        ? { ...s, exported: fileName ? [...s.exported, fileName] : s.exported, failed }
        : s,
    );

  async function exportWorkbook() {
    setMaking(true);
    try {
      const file = await exportRescueWorkbook(engine.db);
      exported(file.fileName);
    } catch (error) {
      exported('', error instanceof Error ? error.message : String(error));
    } finally {
      setMaking(false);
    }
  }

  async function exportJson() {
    const file = await exportRescueJson(engine.db);
    exported(file.fileName);
  }

  async function logout(discardUnsynced: boolean) {
    setBusy(true);
    try {
      const result = await engine.logout({ discardUnsynced });
      if (!result.ok) {
        setStep({ kind: 'unsynced', summary: result.unsynced, exported: [], failed: null });
        return;
      }
      setStep({ kind: 'idle' });
      navigate(paths.login());
    } finally {
      setBusy(false);
    }
  }

  // Sign out (the danger button, with its words for the step) and go back; on both steps.
  const logoutButtons = (label: string, discardUnsynced: boolean) => (
    <>
      <Button variant="danger" loading={busy} onClick={() => void logout(discardUnsynced)}>
        {label}
      </Button>
      <Button variant="secondary" onClick={() => setStep({ kind: 'idle' })}>
        {t('syncPanel.cancel')}
      </Button>
    </>
  );

  if (step.kind === 'idle') {
    return (
      <Button variant="secondary" onClick={() => void start()}>
        {t('syncPanel.logout')}
      </Button>
    );
  }
  if (step.kind === 'confirm') {
    return (
      <div className="sync-logout">
        <p>{t('syncPanel.logoutConfirm')}</p>
        <div className="sync-actions">
          {logoutButtons(t('syncPanel.logoutConfirmAction'), false)}
        </div>
      </div>
    );
  }
  return (
    <div className="sync-logout">
      <Banner tone="warning">
        <p>
          {t('syncPanel.logoutWarning', {
            pending: step.summary.outbox,
            rejected: step.summary.rejected,
          })}
        </p>
        {step.exported.map((file) => (
          <p key={file}>{t('syncPanel.exported', { file })}</p>
        ))}
        {step.failed && <p>{t('offline.rescue.xlsxFailed', { reason: step.failed })}</p>}
      </Banner>
      <p className="muted">{t('offline.rescue.hint')}</p>
      <div className="sync-actions">
        <Button icon="download" loading={making} onClick={() => void exportWorkbook()}>
          {t('offline.rescue.xlsx')}
        </Button>
        <Button icon="download" variant="secondary" onClick={() => void exportJson()}>
          {t('offline.rescue.json')}
        </Button>
        {logoutButtons(t('syncPanel.logoutAnyway'), true)}
      </div>
    </div>
  );
}
