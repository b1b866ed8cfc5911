/**
 * Leaving a map at any moment must not throw. Leaflet 1.9.4 finishes a zoom in a 250-ms timer
 * (and on `transitionend`), and the wheel zoom waits in a timer too; none of them is cancelled by
 * `map.remove()`. React removes the map when the user taps a tab, so a tap during a zoom ran the
 * timer on a removed map: `_onZoomTransitionEnd` → `_move` → `_getMapPanePos` on the deleted
 * map pane → "Cannot read properties of undefined (reading '_leaflet_pos')", uncaught
 * (Leaflet issues #6775 and #9575, still open for 1.x).
 *
 * A removed map has no `_mapPane` (remove() deletes it), so each of those late entries simply
 * returns when it is gone: there is nothing left to move or redraw. Imported for its effect by
 * every module that makes a map (CoverageMap, LocationPickerMap, PointLocationMap); patching the
 * prototype once covers every map, including the ones react-leaflet creates.
 */
import * as L from 'leaflet';

interface MapInternals {
  _mapPane?: HTMLElement;
  _onZoomTransitionEnd(this: MapInternals): void;
  _move(this: MapInternals, ...args: unknown[]): unknown;
}

interface WheelInternals {
  _map?: MapInternals;
  _performZoom(this: WheelInternals): void;
}

const GUARDED = Symbol.for('cundian.leafletGuard');

function guard(): void {
  const mapProto = L.Map.prototype as unknown as MapInternals & { [GUARDED]?: true };
  if (mapProto[GUARDED]) return;
  mapProto[GUARDED] = true;

  const endZoom = mapProto._onZoomTransitionEnd;
  mapProto._onZoomTransitionEnd = function (this: MapInternals) {
    if (!this._mapPane) return;
    endZoom.call(this);
  };

  const move = mapProto._move;
  mapProto._move = function (this: MapInternals, ...args: unknown[]) {
    if (!this._mapPane) return this;
    return move.apply(this, args);
  };

  const wheelProto = (L.Map as unknown as { ScrollWheelZoom: { prototype: WheelInternals } })
    .ScrollWheelZoom.prototype;
  const performZoom = wheelProto._performZoom;
  wheelProto._performZoom = function (this: WheelInternals) {
    if (!this._map?._mapPane) return;
    performZoom.call(this);
  };
}

guard();
