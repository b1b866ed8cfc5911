/**
 * What an online-only screen (conflicts, duplicates, users, audit) says to a phone that is not
 * signed in: it needs an account on the server, and here is where to sign in.
 */
import { Link } from 'wouter';
import { useT } from '../../i18n';
import { paths } from './paths';

export function NeedSignIn() {
  const t = useT();
  return (
    <p>
      {t('conflicts.needLogin')} <Link href={paths.login()}>{t('auth.loginAction')}</Link>
    </p>
  );
}
