/**
 * 中心镇与试点: central towns, their flagship stores, the e-commerce pilots and the yearly
 * targets. For now it says what is coming.
 */
import { useT } from '../../app/i18n';
import { EmptyState } from '../../ui';

export default function TownsScreen() {
  const t = useT();
  return (
    <div className="screen">
      <header className="screen__header">
        <h1 className="screen__title">{t('screen.towns')}</h1>
      </header>
      <div className="card">
        <EmptyState icon="store" title={t('towns.coming.title')}>
          {t('towns.coming.body')}
        </EmptyState>
      </div>
    </div>
  );
}
