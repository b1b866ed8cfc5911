/**
 * 培训: sessions and the roll call, built for a township hall without signal. For now it says
 * what is coming.
 */
import { useT } from '../../app/i18n';
import { EmptyState } from '../../ui';

export default function TrainingScreen() {
  const t = useT();
  return (
    <div className="screen">
      <header className="screen__header">
        <h1 className="screen__title">{t('screen.training')}</h1>
      </header>
      <div className="card">
        <EmptyState icon="users" title={t('training.coming.title')}>
          {t('training.coming.body')}
        </EmptyState>
      </div>
    </div>
  );
}
