/**
 * Settings → 我的设备: the signed-in user's devices (GET /api/devices), and signing one out (it
 * hands in its unsynced work and wipes on its next contact: docs/SECURITY.md "丢失设备 / Lost
 * devices"). Online only; offline it says so.
 */
import { useCallback, useEffect, useState } from 'react';
import { useLocale, useT } from '../../app/i18n';
import { useSession } from '../../db';
import { toSyncFailure, type DeviceInfo } from '../../sync';
import { Banner, Card, Spinner } from '../../ui';
import { bilingual } from './labels';
import { useSyncEngine } from './useSyncEngine';
import { DeviceList } from './DeviceList';

export function MyDevicesSection() {
  const t = useT();
  const locale = useLocale();
  const engine = useSyncEngine();
  const session = useSession();
  const token = session?.token ?? null;
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

  const refresh = useCallback(async () => {
    if (!token) return;
    try {
      setDevices(await engine.api.myDevices(token));
      setProblem(null);
    } catch (error) {
      setProblem(t('sessions.devices.failed', { message: describe(error) }));
    }
  }, [engine, token, t, describe]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  if (!token) return null;
  return (
    <Card title={t('sessions.devices.heading')}>
      <p className="muted">{t('sessions.devices.intro')}</p>
      {problem && <Banner tone="warning">{problem}</Banner>}
      {notice && <p role="status">{notice}</p>}
      {devices === null && !problem && <Spinner label={t('sessions.devices.loading')} />}
      {devices && (
        <DeviceList
          devices={devices}
          action={{
            label: t('sessions.devices.signOut'),
            confirm: (name) => t('sessions.devices.confirmSignOut', { name }),
            run: async (device, name) => {
              try {
                await engine.api.signOutDevice(token, device.clientId);
                setNotice(t('sessions.devices.signedOut', { name }));
                await refresh();
              } catch (error) {
                setNotice(t('sessions.devices.actionFailed', { message: describe(error) }));
              }
            },
          }}
        />
      )}
    </Card>
  );
}
