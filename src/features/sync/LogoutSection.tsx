/**
 * Logging out. It clears the device (the next user may have another area, and trainee phones are
 * personal data), so it asks first — and when changes are still waiting or were refused, it says
 * how many and offers to export them to a file before anything is deleted.
 */
import { useState } from 'react';
import { useLocation } from 'wouter';
import { useT } from '../../app/i18n';
import { unsyncedSummary, type UnsyncedSummary } from '../../db';
import { buildUnsyncedExport, downloadExport } from '../../sync';
import { Banner, Button } from '../../ui';
import { useSyncEngine } from './useSyncEngine';

type Step =
  | { kind: 'idle' }
  | { kind: 'confirm' }
  | { kind: 'unsynced'; summary: UnsyncedSummary; exportedFile: string | null };

export function LogoutSection() {
  const t = useT();
  const engine = useSyncEngine();
  const [, navigate] = useLocation();
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [busy, setBusy] = useState(false);

  async function start() {
    const summary = await unsyncedSummary(engine.db);
    setStep(
      summary.outbox > 0 || summary.rejected > 0
        ? { kind: 'unsynced', summary, exportedFile: null }
        : { kind: 'confirm' },
    );
  }

  async function exportFirst() {
    const file = await buildUnsyncedExport(engine.db);
    downloadExport(file);
    setStep((s) => (s.kind === 'unsynced' ? { ...s, exportedFile: file.fileName } : s));
  }

  async function logout(discardUnsynced: boolean) {
    setBusy(true);
    try {
      const result = await engine.logout({ discardUnsynced });
      if (!result.ok) {
        setStep({ kind: 'unsynced', summary: result.unsynced, exportedFile: null });
        return;
      }
      setStep({ kind: 'idle' });
      navigate('/login');
    } finally {
      setBusy(false);
    }
  }

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
          <Button variant="danger" loading={busy} onClick={() => void logout(false)}>
            {t('syncPanel.logoutConfirmAction')}
          </Button>
          <Button variant="secondary" onClick={() => setStep({ kind: 'idle' })}>
            {t('syncPanel.cancel')}
          </Button>
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
        {step.exportedFile && <p>{t('syncPanel.exported', { file: step.exportedFile })}</p>}
      </Banner>
      <div className="sync-actions">
        <Button icon="download" onClick={() => void exportFirst()}>
          {t('syncPanel.exportFirst')}
        </Button>
        <Button variant="danger" loading={busy} onClick={() => void logout(true)}>
          {t('syncPanel.logoutAnyway')}
        </Button>
        <Button variant="secondary" onClick={() => setStep({ kind: 'idle' })}>
          {t('syncPanel.cancel')}
        </Button>
      </div>
    </div>
  );
}
