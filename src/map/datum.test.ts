// Every position is stored in WGS-84 and drawn on base maps in other datums. Around Hangzhou the
// GCJ-02 offset is about half a kilometre: get the direction of a conversion wrong, or forget it,
// and a service point lands in the next village on AMap, or a point picked on AMap is stored half
// a kilometre off. These tests pin the conversion to published figures (gcoord's README examples),
// to an independent implementation of the GCJ-02 formula at a Hangzhou landmark, and check that
// display → pick → store returns where it started, within a metre.
import { describe, expect, it } from 'vitest';
import { pickedPosition } from './LocationPickerMap';
import { BASE_LAYERS, displayDatumOf } from './baseLayers';
import { convertDatum, distanceMetres, fromDisplay, toDisplay, type LatLng } from './datum';

// The published GCJ-02 obfuscation (Krasovsky 1940 ellipsoid), written out independently of
// gcoord so the test does not only check gcoord against itself.
function wgs84ToGcj02Reference({ lat, lng }: LatLng): LatLng {
  const a = 6378245.0;
  const ee = 0.006693421622965943;
  const x = lng - 105.0;
  const y = lat - 35.0;
  let dLat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  dLat += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  dLat += ((20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin((y / 3.0) * Math.PI)) * 2.0) / 3.0;
  dLat +=
    ((160.0 * Math.sin((y / 12.0) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30.0)) * 2.0) / 3.0;
  let dLng = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  dLng += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  dLng += ((20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin((x / 3.0) * Math.PI)) * 2.0) / 3.0;
  dLng +=
    ((150.0 * Math.sin((x / 12.0) * Math.PI) + 300.0 * Math.sin((x / 30.0) * Math.PI)) * 2.0) / 3.0;
  const radLat = (lat / 180.0) * Math.PI;
  let magic = Math.sin(radLat);
  magic = 1 - ee * magic * magic;
  const sqrtMagic = Math.sqrt(magic);
  dLat = (dLat * 180.0) / (((a * (1 - ee)) / (magic * sqrtMagic)) * Math.PI);
  dLng = (dLng * 180.0) / ((a / sqrtMagic) * Math.cos(radLat) * Math.PI);
  return { lat: lat + dLat, lng: lng + dLng };
}

/** 断桥残雪 on the West Lake, Hangzhou, WGS-84 (GPS) to about 10 m. */
const BROKEN_BRIDGE: LatLng = { lat: 30.2593, lng: 120.1497 };

describe('gcoord published examples', () => {
  it('GCJ-02 (123, 45) is WGS-84 (122.99395597, 44.99804071): both ways within a metre', () => {
    const published = { lat: 44.99804071, lng: 122.99395597 };
    const gcj = { lat: 45, lng: 123 };
    expect(distanceMetres(fromDisplay(gcj, 'GCJ02'), published)).toBeLessThan(1);
    expect(distanceMetres(toDisplay(published, 'GCJ02'), gcj)).toBeLessThan(1);
  });

  it('WGS-84 (116.403988, 39.914266) is BD-09 (116.41661560068297, 39.92196580126834)', () => {
    const wgs = { lat: 39.914266, lng: 116.403988 };
    const bd = { lat: 39.92196580126834, lng: 116.41661560068297 };
    expect(distanceMetres(toDisplay(wgs, 'BD09'), bd)).toBeLessThan(0.01);
    expect(distanceMetres(fromDisplay(bd, 'BD09'), wgs)).toBeLessThan(1);
  });
});

describe('a known point in Hangzhou', () => {
  it('lands where the independent GCJ-02 formula puts it, about half a kilometre from WGS-84', () => {
    const onAmap = toDisplay(BROKEN_BRIDGE, displayDatumOf('amap'));
    expect(distanceMetres(onAmap, wgs84ToGcj02Reference(BROKEN_BRIDGE))).toBeLessThan(0.05);
    const offset = distanceMetres(onAmap, BROKEN_BRIDGE);
    expect(offset).toBeGreaterThan(300);
    expect(offset).toBeLessThan(700);
  });

  it('is drawn unchanged on OpenStreetMap and with no base map (both WGS-84)', () => {
    expect(toDisplay(BROKEN_BRIDGE, displayDatumOf('osm'))).toEqual(BROKEN_BRIDGE);
    expect(toDisplay(BROKEN_BRIDGE, displayDatumOf('none'))).toEqual(BROKEN_BRIDGE);
  });

  it('picked where it is drawn, on every configured base map, is stored back within a metre', () => {
    for (const layer of [...BASE_LAYERS.map((l) => l.id), 'none']) {
      const datum = displayDatumOf(layer);
      const drawn = toDisplay(BROKEN_BRIDGE, datum);
      const stored = pickedPosition(drawn, datum);
      expect(distanceMetres(stored, BROKEN_BRIDGE), layer).toBeLessThan(1);
    }
  });
});

describe('round trips over the prefecture', () => {
  it('WGS-84 → GCJ-02 → WGS-84 and → BD-09 → back stay within a metre on a grid', () => {
    for (let lat = 29.2; lat <= 30.6; lat += 0.2) {
      for (let lng = 118.4; lng <= 120.8; lng += 0.3) {
        const p = { lat, lng };
        for (const datum of ['GCJ02', 'BD09'] as const) {
          expect(distanceMetres(fromDisplay(toDisplay(p, datum), datum), p)).toBeLessThan(1);
        }
        expect(
          distanceMetres(convertDatum(convertDatum(p, 'GCJ02', 'BD09'), 'BD09', 'GCJ02'), p),
        ).toBeLessThan(1);
      }
    }
  });

  it('leaves positions outside China alone (the offsets only apply inside)', () => {
    const greenwich = { lat: 51.4779, lng: -0.0015 };
    expect(distanceMetres(toDisplay(greenwich, 'GCJ02'), greenwich)).toBeLessThan(0.001);
  });
});
