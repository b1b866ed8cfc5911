/**
 * Why the sign-in screen is showing, when the server said so: the session ended (its absolute or
 * idle lifetime: 会话已过期，请重新登录) or the device was told to wipe (lost, signed out from
 * elsewhere, the account disabled). The server's words in the user's language.
 */
import { useLocale, useT } from '../../i18n';
import { useSyncState } from '../../sync';
import { Banner } from '../../ui';
import { bilingual } from './labels';

/** `fallback`: what to say when the server gave no reason (e.g. the session simply ended). */
export function SignInReason({ fallback }: { fallback: string | null }) {
  const t = useT();
  const locale = useLocale();
  const problem = useSyncState((s) => s.lastError);
  if (problem?.code === 'sessionExpired') {
    return <Banner tone="warning">{t('sessions.expired')}</Banner>;
  }
  if (problem?.code === 'deviceWipe') {
    return (
      <Banner tone="warning">{bilingual(problem.messages, locale) ?? t('sessions.wiped')}</Banner>
    );
  }
  return fallback ? <Banner tone="warning">{fallback}</Banner> : null;
}
