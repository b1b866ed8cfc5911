/**
 * The detail page is where an officer checks a point before visiting it: a located point shows
 * where it is on a small map (Leaflet, loaded lazily) with its coordinates and accuracy in words,
 * and a point without a location says so instead of showing a broken or empty map.
 */
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { saveRecord } from '../../actions';
import { newServicePointFields } from '../../domain/servicePoint';
import { PointDetail } from './PointDetail';
import { freshDatabase } from '../../test-support/database';
import { serveRegionFiles } from '../../test-support/regions';

const sizes: PropertyDescriptor[] = [];

beforeEach(() => {
  freshDatabase('point-detail');
  serveRegionFiles();
  // jsdom lays nothing out; Leaflet sizes its map from these.
  sizes.push(Object.getOwnPropertyDescriptor(Element.prototype, 'clientWidth')!);
  sizes.push(Object.getOwnPropertyDescriptor(Element.prototype, 'clientHeight')!);
  Object.defineProperty(Element.prototype, 'clientWidth', { configurable: true, get: () => 360 });
  Object.defineProperty(Element.prototype, 'clientHeight', { configurable: true, get: () => 200 });
});

afterEach(() => {
  cleanup();
  Object.defineProperty(Element.prototype, 'clientWidth', sizes.shift()!);
  Object.defineProperty(Element.prototype, 'clientHeight', sizes.shift()!);
});

const fields = {
  ...newServicePointFields('2026-03-01'),
  regionCode: '330127100219', // 淳安县 千岛湖镇 富城村
  name: '富城村服务点',
};

describe('PointDetail location', () => {
  it('shows a located point on a small still map with its marker, coordinates and accuracy', async () => {
    let id = '';
    await act(async () => {
      ({ id } = await saveRecord('servicePoint', null, {
        ...fields,
        location: {
          lat: 29.6052,
          lng: 119.0421,
          accuracy: 12.4,
          source: 'gps',
          capturedAt: '2026-03-01T08:00:00.000Z',
        },
      }));
    });
    render(<PointDetail id={id} />);
    const map = await screen.findByRole(
      'figure',
      { name: '服务点位置地图：富城村服务点' },
      { timeout: 10_000 },
    );
    expect(map.querySelector('.map-marker--point')).not.toBeNull();
    // Still: no zoom buttons, and a swipe scrolls the page instead of dragging the map.
    expect(map.querySelector('.leaflet-control-zoom')).toBeNull();
    expect(map.classList.contains('leaflet-touch-drag')).toBe(false);
    expect(screen.getByTestId('point-location-readout').textContent).toBe(
      '纬度 29.605200，经度 119.042100，精度约 12 米',
    );
  });

  it('says a point has no location, and draws no map', async () => {
    let id = '';
    await act(async () => {
      ({ id } = await saveRecord('servicePoint', null, fields));
    });
    render(<PointDetail id={id} />);
    expect(await screen.findByText(/还没有记录这个服务点的位置/)).toBeTruthy();
    expect(screen.queryByTestId('point-map')).toBeNull();
    expect(document.querySelector('.leaflet-container')).toBeNull();
  });
});
