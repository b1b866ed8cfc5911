/**
 * The users screen's devices of one user (admin): shown on demand (GET /api/users/:id/devices),
 * each can be marked lost (POST …/devices/:clientId/lost). The server checks the role; this
 * only spares a non-admin the button.
 */
import { useCallback, useState } from 'react';
import { useLocale, useT } from '../../app/i18n';
import { toSyncFailure, type DeviceInfo } from '../../sync';
import { Banner, Button, Spinner } from '../../ui';
import { bilingual } from './labels';
import { useSyncEngine } from './useSyncEngine';
import { DeviceList } from './DeviceList';

export function UserDevices({ userId, token }: { userId: string; token: string }) {
  const t = useT();
  const locale = useLocale();
  const engine = useSyncEngine();
  const [open, setOpen] = useState(false);
  const [devices, setDevices] = useState<DeviceInfo[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const describe = useCallback(
    (error: unknown) => {
      const failure = toSyncFailure(error);
      if (failure.kind === 'offline') return t('sessions.devices.offline');
      return bilingual(failure.messages, locale) ?? failure.message;
    },
    [t, locale],
  );

  const load = useCallback(async () => {
    try {
      setDevices(await engine.api.userDevices(token, userId));
      setProblem(null);
    } catch (error) {
      setProblem(t('sessions.devices.failed', { message: describe(error) }));
    }
  }, [engine, token, userId, t, describe]);

  if (!open) {
    return (
      <Button
        variant="secondary"
        onClick={() => {
          setOpen(true);
          void load();
        }}
      >
        {t('sessions.devices.admin.show')}
      </Button>
    );
  }
  return (
    <section aria-label={t('sessions.devices.admin.heading')} className="user-devices">
      <Button variant="secondary" onClick={() => setOpen(false)}>
        {t('sessions.devices.admin.hide')}
      </Button>
      {problem && <Banner tone="warning">{problem}</Banner>}
      {notice && <p role="status">{notice}</p>}
      {devices === null && !problem && <Spinner label={t('sessions.devices.loading')} />}
      {devices && (
        <DeviceList
          devices={devices}
          action={{
            label: t('sessions.devices.admin.markLost'),
            confirm: (name) => t('sessions.devices.admin.confirmLost', { name }),
            run: async (device, name) => {
              try {
                await engine.api.markDeviceLost(token, userId, device.clientId);
                setNotice(t('sessions.devices.admin.marked', { name }));
                await load();
              } catch (error) {
                setNotice(t('sessions.devices.actionFailed', { message: describe(error) }));
              }
            },
          }}
        />
      )}
    </section>
  );
}
