/**
 * The service point form will let officers pick a location on a map when GPS is poor. Whatever
 * base map they pick on, what reaches the form must be WGS-84: a tap on the same spot of an AMap
 * (GCJ-02) and of an OpenStreetMap (WGS-84) map opened on the same view must come back about half a
 * kilometre apart, exactly by the GCJ-02 offset, because the same screen point is a different
 * place on the ground.
 */
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { distanceMetres, fromDisplay, type LatLng } from './datum';
import { LocationPicker } from './LocationPicker';

const sizes: PropertyDescriptor[] = [];

beforeEach(() => {
  // jsdom lays nothing out; Leaflet sizes its map from these.
  sizes.push(Object.getOwnPropertyDescriptor(Element.prototype, 'clientWidth')!);
  sizes.push(Object.getOwnPropertyDescriptor(Element.prototype, 'clientHeight')!);
  Object.defineProperty(Element.prototype, 'clientWidth', {
    configurable: true,
    get: () => 360,
  });
  Object.defineProperty(Element.prototype, 'clientHeight', {
    configurable: true,
    get: () => 280,
  });
});

afterEach(() => {
  cleanup();
  Object.defineProperty(Element.prototype, 'clientWidth', sizes.shift()!);
  Object.defineProperty(Element.prototype, 'clientHeight', sizes.shift()!);
});

async function tapCentre(baseLayerId: string): Promise<LatLng> {
  const onChange = vi.fn();
  render(<LocationPicker value={null} onChange={onChange} baseLayerId={baseLayerId} />);
  const map = await screen.findByLabelText('在地图上选择位置', {}, { timeout: 10_000 });
  map.dispatchEvent(new MouseEvent('click', { bubbles: true, clientX: 180, clientY: 140 }));
  await waitFor(() => expect(onChange).toHaveBeenCalledTimes(1));
  cleanup();
  return onChange.mock.calls[0]![0] as LatLng;
}

describe('LocationPicker', () => {
  it('returns WGS-84 whatever the base map: a tap on AMap is converted back', async () => {
    const onOsm = await tapCentre('osm');
    const onAmap = await tapCentre('amap');
    const onNone = await tapCentre('none');
    // The same screen point on the same view: OSM and no base map agree (both WGS-84)…
    expect(distanceMetres(onOsm, onNone)).toBeLessThan(0.05);
    // …while on AMap it is a GCJ-02 position, stored after conversion.
    expect(distanceMetres(onAmap, fromDisplay(onOsm, 'GCJ02'))).toBeLessThan(1);
    const offset = distanceMetres(onAmap, onOsm);
    expect(offset).toBeGreaterThan(300);
    expect(offset).toBeLessThan(700);
  }, 30_000);

  it('shows the picked value in WGS-84 and says when there is none', async () => {
    const { rerender } = render(<LocationPicker value={null} onChange={() => undefined} />);
    expect(screen.getByText('还没有选位置。')).toBeTruthy();
    rerender(<LocationPicker value={{ lat: 29.605, lng: 119.045 }} onChange={() => undefined} />);
    expect(screen.getByText('已选：纬度 29.605000，经度 119.045000（WGS-84）')).toBeTruthy();
  });
});
