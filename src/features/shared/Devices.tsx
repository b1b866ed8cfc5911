/**
 * A user's devices as the server knows them from sync, with one action each, in the two places
 * that show them (they were two copies of the same load → list → act → reload):
 * - Settings → 我的设备 (MyDevicesSection): the signed-in user's devices (GET /api/devices), and
 *   signing one out (it hands in its unsynced work and wipes on its next contact:
 *   docs/SECURITY.md "丢失设备 / Lost devices");
 * - the users screen (UserDevices, admin): one user's devices, shown on demand
 *   (GET /api/users/:id/devices), each can be marked lost (POST …/devices/:clientId/lost). The
 *   server checks the role; this only spares a non-admin the button.
 * Online only (useOnlineResource); offline it says so.
 */
import { useCallback, useState } from 'react';
import { useT } from '../../i18n';
import { useSession } from '../../db';
import type { DeviceInfo } from '../../sync';
import { Banner, Button, Card, Spinner } from '../../ui';
import { DeviceList } from './DeviceList';
import { useOnlineFailureText } from './errors';
import { useOnlineResource } from './useOnlineResource';
import { useSyncEngine } from './useSyncEngine';

interface DevicesPanelProps {
  fetchDevices: () => Promise<DeviceInfo[]>;
  /** The button's label, its confirmation, the request, and what to say when it is done. */
  action: {
    label: string;
    confirm: (name: string) => string;
    run: (device: DeviceInfo) => Promise<unknown>;
    done: (name: string) => string;
  };
}

function DevicesPanel({ fetchDevices, action }: DevicesPanelProps) {
  const t = useT();
  const why = useOnlineFailureText();
  const { data: devices, failure, load, reload } = useOnlineResource(fetchDevices);
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <>
      {failure && (
        <Banner tone="warning">
          {t('sessions.devices.failed', { message: why(failure, t('sessions.devices.offline')) })}
        </Banner>
      )}
      {notice && <p role="status">{notice}</p>}
      {load.status === 'loading' && !devices && <Spinner label={t('sessions.devices.loading')} />}
      {devices && (
        <DeviceList
          devices={devices}
          action={{
            label: action.label,
            confirm: action.confirm,
            run: async (device, name) => {
              try {
                await action.run(device);
                setNotice(action.done(name));
                await reload();
              } catch (error) {
                setNotice(
                  t('sessions.devices.actionFailed', {
                    message: why(error, t('sessions.devices.offline')),
                  }),
                );
              }
            },
          }}
        />
      )}
    </>
  );
}

export function MyDevicesSection() {
  const t = useT();
  const engine = useSyncEngine();
  const session = useSession();
  const token = session?.token ?? null;
  const fetchDevices = useCallback(() => engine.api.myDevices(token!), [engine, token]);
  if (!token) return null;
  return (
    <Card title={t('sessions.devices.heading')}>
      <p className="muted">{t('sessions.devices.intro')}</p>
      <DevicesPanel
        fetchDevices={fetchDevices}
        action={{
          label: t('sessions.devices.signOut'),
          confirm: (name) => t('sessions.devices.confirmSignOut', { name }),
          run: (device) => engine.api.signOutDevice(token, device.clientId),
          done: (name) => t('sessions.devices.signedOut', { name }),
        }}
      />
    </Card>
  );
}

export function UserDevices({ userId, token }: { userId: string; token: string }) {
  const t = useT();
  const engine = useSyncEngine();
  const [open, setOpen] = useState(false);
  const fetchDevices = useCallback(
    () => engine.api.userDevices(token, userId),
    [engine, token, userId],
  );
  if (!open) {
    return (
      <Button variant="secondary" onClick={() => setOpen(true)}>
        {t('sessions.devices.admin.show')}
      </Button>
    );
  }
  return (
    <section aria-label={t('sessions.devices.admin.heading')} className="user-devices">
      <Button variant="secondary" onClick={() => setOpen(false)}>
        {t('sessions.devices.admin.hide')}
      </Button>
      <DevicesPanel
        fetchDevices={fetchDevices}
        action={{
          label: t('sessions.devices.admin.markLost'),
          confirm: (name) => t('sessions.devices.admin.confirmLost', { name }),
          run: (device) => engine.api.markDeviceLost(token, userId, device.clientId),
          done: (name) => t('sessions.devices.admin.marked', { name }),
        }}
      />
    </section>
  );
}
