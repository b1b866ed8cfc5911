/**
 * The top bar's 在线/离线 (Online/Offline) pill. A status region, so a screen reader hears the
 * change when the connection drops or comes back, without moving focus.
 */
import { Icon } from '../ui';
import { useT } from './i18n';
import { useOnline } from './pwa/useOnline';

export function OnlineIndicator() {
  const t = useT();
  const online = useOnline();
  return (
    <span
      className={online ? 'network-status' : 'network-status network-status--offline'}
      role="status"
    >
      <span className="network-status__dot" aria-hidden="true" />
      <Icon name={online ? 'wifi' : 'wifi-off'} size={16} className="network-status__icon" />
      <span className="visually-hidden">{t('network.label')} </span>
      <span>{online ? t('network.online') : t('network.offline')}</span>
    </span>
  );
}
