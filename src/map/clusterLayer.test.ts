// Thousands of service points must stay readable and fast on a cheap phone: at city zoom they
// collapse into a few clusters that still show their statuses, they split as the user zooms in,
// and points registered at the very same spot open as a list instead of hiding each other. A
// redraw must not leave markers of the old data behind (a filter that seems not to apply).
import * as L from 'leaflet';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ClusterLayer, type CategoryCounts, type ClusterItem } from './clusterLayer';
import { textElement } from './popup';

let container: HTMLDivElement;
let map: L.Map;

beforeEach(() => {
  container = document.createElement('div');
  // jsdom lays nothing out; Leaflet reads the size of its container from these.
  Object.defineProperty(container, 'clientWidth', { value: 360 });
  Object.defineProperty(container, 'clientHeight', { value: 600 });
  document.body.append(container);
  map = L.map(container, { maxZoom: 18, zoomAnimation: false, fadeAnimation: false }).setView(
    [29.9, 119.6],
    8,
  );
});

afterEach(() => {
  map.remove();
  container.remove();
});

function grid(n: number, category = 'open'): ClusterItem[] {
  // Spread over about 1° × 1° around the view's centre.
  return Array.from({ length: n }, (_, i) => ({
    id: `p${i}`,
    lat: 29.4 + (i % 50) / 50,
    lng: 119.1 + Math.floor(i / 50) / (n / 50),
    category: i % 4 === 0 ? 'closed' : category,
  }));
}

const seen: { clusters: [number, CategoryCounts][]; stacks: number[] } = {
  clusters: [],
  stacks: [],
};

function layer() {
  seen.clusters = [];
  seen.stacks = [];
  return new ClusterLayer<ClusterItem>(map, {
    pointIcon: () => L.divIcon({ html: textElement('•', 'pin'), className: 'point' }),
    pointTitle: (item) => item.id,
    pointPopup: (item) => textElement(item.id, 'popup'),
    clusterIcon: (count, counts) => {
      seen.clusters.push([count, counts]);
      return L.divIcon({ html: textElement(String(count), 'n'), className: 'cluster' });
    },
    clusterTitle: (count) => `${count}`,
    stackPopup: (items, total) => {
      seen.stacks.push(total);
      return textElement(items.map((i) => i.id).join(','), 'stack');
    },
  });
}

describe('ClusterLayer', () => {
  it('shows 2,000 points as a few clusters whose status counts add up', async () => {
    const l = layer();
    l.setItems(grid(2000));
    await l.idle();
    expect(l.markerCount).toBeGreaterThan(0);
    expect(l.markerCount).toBeLessThan(60);
    const total = seen.clusters.reduce((s, [count]) => s + count, 0);
    const closed = seen.clusters.reduce((s, [, c]) => s + (c.closed ?? 0), 0);
    expect(total).toBeLessThanOrEqual(2000);
    expect(closed).toBeGreaterThan(0);
    for (const [count, counts] of seen.clusters) {
      expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(count);
    }
  });

  it('splits into more markers as the map zooms in', async () => {
    const l = layer();
    l.setItems(grid(2000));
    await l.idle();
    const atCity = l.markerCount;
    map.setView([29.9, 119.6], 12, { animate: false });
    await l.idle();
    expect(l.markerCount).toBeGreaterThan(atCity);
  });

  it('replaces every marker on new data (a filter change)', async () => {
    const l = layer();
    l.setItems(grid(500));
    await l.idle();
    expect(l.markerCount).toBeGreaterThan(0);
    expect(container.querySelectorAll('.leaflet-marker-icon').length).toBe(l.markerCount);
    l.setItems([]);
    await l.idle();
    expect(l.markerCount).toBe(0);
    expect(container.querySelectorAll('.leaflet-marker-icon').length).toBe(0);
    l.setItems(grid(3));
    map.setView([29.4, 119.1], 18, { animate: false });
    await l.idle();
    expect(container.querySelectorAll('.point').length).toBeGreaterThan(0);
  });

  it('opens a list for points at the same position instead of zooming forever', async () => {
    const l = layer();
    const same = [0, 1, 2].map((i) => ({ id: `s${i}`, lat: 29.9, lng: 119.6, category: 'open' }));
    l.setItems(same);
    map.setView([29.9, 119.6], 15, { animate: false });
    await l.idle();
    const cluster = container.querySelector('.cluster') as HTMLElement;
    expect(cluster).not.toBeNull();
    cluster.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    await l.idle();
    expect(seen.stacks).toEqual([3]);
    expect(container.querySelector('.leaflet-popup-content')?.textContent).toBe('s0,s1,s2');
  });

  it('zooms into a cluster of points that are merely close, instead of listing them', async () => {
    const l = layer();
    const close = [0, 1].map((i) => ({
      id: `c${i}`,
      lat: 29.9 + i * 0.0001,
      lng: 119.6,
      category: 'open',
    }));
    l.setItems(close);
    map.setView([29.9, 119.6], 15, { animate: false });
    await l.idle();
    const moved = new Promise<void>((resolve) => map.once('zoomstart', () => resolve()));
    (container.querySelector('.cluster') as HTMLElement).dispatchEvent(
      new MouseEvent('click', { bubbles: true }),
    );
    await l.idle();
    await moved;
    expect(seen.stacks).toEqual([]);
  });

  it('leaves the map clean when removed', async () => {
    const l = layer();
    l.setItems(grid(100));
    await l.idle();
    expect(l.markerCount).toBeGreaterThan(0);
    l.setItems(grid(200));
    l.remove();
    await l.idle();
    expect(container.querySelectorAll('.leaflet-marker-icon').length).toBe(0);
    map.setView([29.9, 119.6], 10, { animate: false });
    await l.idle();
    expect(container.querySelectorAll('.leaflet-marker-icon').length).toBe(0);
  });
});
