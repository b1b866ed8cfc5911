/**
 * A township row's "centre the map here" (the coverage list's townships, the gap list's groups):
 * a link-like button that moves the map to the township, or, where no point of it has a
 * position, words saying so.
 */
import { useT } from '../../i18n';
import { focusMap } from './mapStore';
import type { PlaceTarget } from './places';

export function CentreOnMap({ name, target }: { name: string; target: PlaceTarget | null }) {
  const t = useT();
  if (!target) return <span className="muted">{t('map.gaps.noLocation')}</span>;
  return (
    <button
      type="button"
      className="map-link-button"
      onClick={() => focusMap(target)}
      aria-label={t('map.gaps.centreLabel', { name })}
    >
      {t('map.gaps.centre')}
    </button>
  );
}
