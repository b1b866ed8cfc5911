/** The screen for a path the app does not know: says which path, and offers the way home. */
import { Link, useLocation } from 'wouter';
import { EmptyState } from '../ui';
import { useT } from '../i18n';
import { paths } from '../features/shared/paths';

export default function NotFoundScreen() {
  const t = useT();
  const [path] = useLocation();
  return (
    <div className="screen">
      <EmptyState
        icon="alert"
        headingLevel={1}
        title={t('screen.notFound')}
        action={
          <Link href={paths.dashboard()} className="button button--primary">
            <span>{t('notFound.action')}</span>
          </Link>
        }
      >
        {t('notFound.body', { path })}
      </EmptyState>
    </div>
  );
}
