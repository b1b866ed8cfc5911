/**
 * The picker's props, apart from LocationPicker.tsx so that its lazy map (LocationPickerMap.tsx)
 * takes the type without importing the file that loads it (no import circle).
 */
import type { LatLng } from './datum';

export interface LocationPickerProps {
  /** The current position in WGS-84, or null when none is picked yet. */
  value: LatLng | null;
  /**
   * Called with the tapped position, already converted to WGS-84 (rounded to 7 decimals). The
   * caller decides what else to store (source 'map', accuracy null, time).
   */
  onChange: (wgs84: LatLng) => void;
  /**
   * Base map: an id from BASE_LAYERS (./baseLayers.ts) or 'none'. Default: the one last chosen
   * on this device (map screen), else OpenStreetMap.
   */
  baseLayerId?: string;
  /** Where the map opens when there is no value yet (WGS-84). Default: the whole prefecture. */
  center?: LatLng;
  /** Zoom when opening on value or center (default 15, a village). */
  zoom?: number;
  /** Accessible name of the map, translated by the caller. Default: 在地图上选择位置. */
  label?: string;
  /** Height of the map in CSS pixels (default 280: a thumb's reach on a phone). */
  height?: number;
}
