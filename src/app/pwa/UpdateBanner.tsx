/**
 * "A new version is available — reload". Takes its state as props so it can be tested without a
 * service worker; ConnectedUpdateBanner wires it to the real update flow. It never reloads on its
 * own: only the tap does, because a reload would throw away whatever the user is typing.
 */
import { useState } from 'react';
import { Banner } from '../../ui';
import { useT } from '../i18n';
import { usePwaStore } from './pwaStore';
import { applyUpdate } from './serviceWorker';

export interface UpdateBannerProps {
  updateWaiting: boolean;
  onReload: () => void;
}

export function UpdateBanner({ updateWaiting, onReload }: UpdateBannerProps) {
  const t = useT();
  const [reloadRequested, setReloadRequested] = useState(false);
  if (!updateWaiting) return null;
  return (
    <Banner
      tone="info"
      icon="refresh"
      action={{
        label: t('update.reload'),
        loading: reloadRequested,
        onClick: () => {
          setReloadRequested(true);
          onReload();
        },
      }}
    >
      <strong>{t('update.title')}</strong>
      <span>{t('update.message')}</span>
    </Banner>
  );
}

export function ConnectedUpdateBanner() {
  const updateWaiting = usePwaStore((state) => state.updateWaiting);
  return <UpdateBanner updateWaiting={updateWaiting} onReload={applyUpdate} />;
}
