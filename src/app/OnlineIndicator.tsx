/**
 * Announces the connection: a status region, so a screen reader hears "网络状态 离线" when the
 * link drops and "在线" when it comes back, without moving focus. Not drawn: the top bar's sync
 * pill shows 离线 to the eye, and it shows more than the link (the link being up says nothing
 * about the server; see features/sync/pillState.ts). Before issue 13 this was a visible 在线 pill
 * that could say 在线 while the server was unreachable.
 */
import { useT } from '../i18n';
import { useOnline } from '../pwa/useOnline';

export function OnlineIndicator() {
  const t = useT();
  const online = useOnline();
  return (
    <span className="visually-hidden" role="status" data-online={online}>
      {t('network.label')} {online ? t('network.online') : t('network.offline')}
    </span>
  );
}
