/**
 * 地图: service-point coverage by county, township and village. For now it says what is coming;
 * Leaflet will be a lazy chunk of its own (it must not weigh on the shell).
 */
import { useT } from '../../app/i18n';
import { EmptyState } from '../../ui';

export default function MapScreen() {
  const t = useT();
  return (
    <div className="screen">
      <header className="screen__header">
        <h1 className="screen__title">{t('screen.map')}</h1>
      </header>
      <div className="card">
        <EmptyState icon="map" title={t('map.coming.title')}>
          {t('map.coming.body')}
        </EmptyState>
      </div>
    </div>
  );
}
