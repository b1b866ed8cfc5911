/**
 * The banner under the top bar when sync needs the user: nobody is logged in on this phone (work
 * stays on the phone until someone logs in), or the server no longer accepts the session (log in
 * again; nothing waiting is lost). Not shown on the login screen itself.
 */
import { useLocation } from 'wouter';
import { useT } from '../../app/i18n';
import { useSession } from '../../db';
import { Banner } from '../../ui';

export default function SessionBanner() {
  const t = useT();
  const [path, navigate] = useLocation();
  const session = useSession();
  if (session === undefined || path === '/login') return null;
  if (session === null) {
    return (
      <Banner
        tone="info"
        icon="alert"
        action={{ label: t('auth.loginAction'), onClick: () => navigate('/login') }}
      >
        {t('auth.notLoggedIn')}
      </Banner>
    );
  }
  if (session.token === null) {
    return (
      <Banner
        tone="warning"
        action={{ label: t('syncPanel.loginAgain'), onClick: () => navigate('/login') }}
      >
        {t('syncPanel.error.unauthorized')}
      </Banner>
    );
  }
  return null;
}
