/**
 * The two panels that open under the map's toolbar: layers (base map with its datum, overlays)
 * and point filters (status, tier, service, year; the county is the screen's area choice).
 * Big native controls, one column: used with a thumb on a 360-px phone.
 */
import { useT } from '../../i18n';
import { activeFilterCount, openingYears } from '../../domain/pointFilter';
import {
  SERVICE_POINT_SERVICES,
  SERVICE_POINT_STATUSES,
  SERVICE_POINT_TIERS,
} from '../../domain/servicePointValues';
import type { MapPoint } from '../../domain/mapPoint';
import { BASE_LAYERS, NO_BASE_LAYER } from '../../map/baseLayers';
import { Button } from '../../ui';
import { COVERAGE_OVERLAY_ID, isOverlayVisible, OVERLAYS } from './layers';
import { clearFilters, setBaseLayer, setFilters, setOverlay, useMapStore } from './mapStore';

export function LayerPanel() {
  const t = useT();
  const baseLayerId = useMapStore((s) => s.baseLayerId);
  const overlays = useMapStore((s) => s.overlays);
  return (
    <div className="map-panel" id="map-layer-panel">
      <fieldset className="choice-group">
        <legend>{t('map.base.title')}</legend>
        {BASE_LAYERS.map((layer) => (
          <label key={layer.id} className="choice">
            <input
              type="radio"
              name="map-base"
              value={layer.id}
              checked={baseLayerId === layer.id}
              onChange={() => setBaseLayer(layer.id)}
            />
            <span>
              {t(layer.labelKey)}{' '}
              <span className="muted">({t(`map.base.datum.${layer.datum}`)})</span>
            </span>
          </label>
        ))}
        <label className="choice">
          <input
            type="radio"
            name="map-base"
            value={NO_BASE_LAYER}
            checked={baseLayerId === NO_BASE_LAYER}
            onChange={() => setBaseLayer(NO_BASE_LAYER)}
          />
          <span>{t('map.base.none')}</span>
        </label>
        <p className="field__hint">{t('map.base.datumNote')}</p>
      </fieldset>
      <fieldset className="choice-group">
        <legend>{t('map.overlays.title')}</legend>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={isOverlayVisible(overlays, COVERAGE_OVERLAY_ID)}
            onChange={(e) => setOverlay(COVERAGE_OVERLAY_ID, e.target.checked)}
          />
          <span>{t('map.overlay.coverage')}</span>
        </label>
        {OVERLAYS.map((def) => (
          <label key={def.id} className="checkbox">
            <input
              type="checkbox"
              checked={isOverlayVisible(overlays, def.id, def.defaultVisible)}
              onChange={(e) => setOverlay(def.id, e.target.checked)}
            />
            <span>{t(def.labelKey)}</span>
          </label>
        ))}
      </fieldset>
    </div>
  );
}

function toggle<T>(list: readonly T[], value: T, on: boolean): T[] {
  return on ? [...list.filter((v) => v !== value), value] : list.filter((v) => v !== value);
}

export function FilterPanel({ points }: { points: readonly MapPoint[] }) {
  const t = useT();
  const filters = useMapStore((s) => s.filters);
  const years = openingYears(points);
  return (
    <div className="map-panel" id="map-filter-panel">
      <fieldset className="choice-group">
        <legend>{t('map.filters.status')}</legend>
        {SERVICE_POINT_STATUSES.map((status) => (
          <label key={status} className="checkbox">
            <input
              type="checkbox"
              checked={filters.statuses.includes(status)}
              onChange={(e) =>
                setFilters({ statuses: toggle(filters.statuses, status, e.target.checked) })
              }
            />
            <span>{t(`points.status.${status}`)}</span>
          </label>
        ))}
      </fieldset>
      <fieldset className="choice-group">
        <legend>{t('map.filters.tier')}</legend>
        {SERVICE_POINT_TIERS.map((tier) => (
          <label key={tier} className="checkbox">
            <input
              type="checkbox"
              checked={filters.tiers.includes(tier)}
              onChange={(e) => setFilters({ tiers: toggle(filters.tiers, tier, e.target.checked) })}
            />
            <span>{t(`points.tier.${tier}`)}</span>
          </label>
        ))}
      </fieldset>
      <fieldset className="choice-group">
        <legend>{t('map.filters.service')}</legend>
        {SERVICE_POINT_SERVICES.map((service) => (
          <label key={service} className="checkbox">
            <input
              type="checkbox"
              checked={filters.services.includes(service)}
              onChange={(e) =>
                setFilters({ services: toggle(filters.services, service, e.target.checked) })
              }
            />
            <span>{t(`points.service.${service}`)}</span>
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label className="field__label" htmlFor="map-filter-year">
          {t('map.filters.year')}
        </label>
        <select
          id="map-filter-year"
          value={filters.year ?? ''}
          onChange={(e) => setFilters({ year: e.target.value ? Number(e.target.value) : null })}
        >
          <option value="">{t('map.filters.anyYear')}</option>
          {years.map((year) => (
            <option key={year} value={year}>
              {year}
            </option>
          ))}
        </select>
      </div>
      <p className="field__hint">{t('map.filters.note')}</p>
      {activeFilterCount(filters) > 0 ? (
        <Button variant="secondary" onClick={clearFilters}>
          {t('map.filters.clear')}
        </Button>
      ) : null}
    </div>
  );
}
