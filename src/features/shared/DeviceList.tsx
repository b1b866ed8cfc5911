/**
 * A user's devices as the server knows them from sync (GET /api/devices, /api/users/:id/devices):
 * name, last sync, whether a wipe is waiting or done, and one action per device behind a
 * confirmation (sign out one's own; mark lost for an admin).
 */
import { useState } from 'react';
import { formatDate, useT } from '../../i18n';
import type { DeviceInfo } from '../../sync';
import { Button } from '../../ui';
import { deviceName } from './deviceName';
import './devices.css';

const WHEN: Intl.DateTimeFormatOptions = {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
};

export interface DeviceAction {
  label: string;
  confirm: (name: string) => string;
  run: (device: DeviceInfo, name: string) => Promise<void>;
}

export function DeviceList({
  devices,
  action,
}: {
  devices: readonly DeviceInfo[];
  action: DeviceAction;
}) {
  const t = useT();
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  if (devices.length === 0) return <p className="muted">{t('sessions.devices.empty')}</p>;
  return (
    <ul className="device-list">
      {devices.map((device) => {
        const name = deviceName(device.userAgent) ?? t('sessions.devices.unknown');
        const status = device.wipe
          ? `${t(`sessions.devices.reason.${device.wipe}`)} · ${
              device.wipedAt
                ? t('sessions.devices.wiped', { when: formatDate(device.wipedAt, WHEN) })
                : t('sessions.devices.pendingWipe')
            }`
          : null;
        const canAct = !device.current && !(device.wipe && !device.wipedAt);
        return (
          <li key={device.clientId}>
            <p>
              <strong>{name}</strong>{' '}
              {device.current && (
                <span className="badge badge--open">{t('sessions.devices.current')}</span>
              )}
            </p>
            <p className="muted">
              {device.lastSeenAt
                ? t('sessions.devices.lastSeen', { when: formatDate(device.lastSeenAt, WHEN) })
                : t('sessions.devices.never')}
            </p>
            {status && <p className="device-list__status">{status}</p>}
            {canAct && confirming !== device.clientId && (
              <Button variant="secondary" onClick={() => setConfirming(device.clientId)}>
                {action.label}
              </Button>
            )}
            {canAct && confirming === device.clientId && (
              <div role="group" aria-label={action.label}>
                <p>{action.confirm(name)}</p>
                <div className="sync-actions">
                  <Button
                    variant="danger"
                    loading={busy === device.clientId}
                    onClick={() => {
                      setBusy(device.clientId);
                      void action.run(device, name).finally(() => {
                        setBusy(null);
                        setConfirming(null);
                      });
                    }}
                  >
                    {t('sessions.devices.confirm')}
                  </Button>
                  <Button variant="secondary" onClick={() => setConfirming(null)}>
                    {t('sessions.devices.cancel')}
                  </Button>
                </div>
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
