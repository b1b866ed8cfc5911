/**
 * What an online-only screen (conflicts, duplicates, users, audit) says to a phone that is not
 * signed in: it needs an account on the server, and here is where to sign in.
 */
import { Link } from 'wouter';
import { useT } from '../../app/i18n';

export function NeedSignIn() {
  const t = useT();
  return (
    <p>
      {t('conflicts.needLogin')} <Link href="/login">{t('auth.loginAction')}</Link>
    </p>
  );
}
