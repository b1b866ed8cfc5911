// Leaflet's popups, tooltips and divIcons take HTML strings and set innerHTML. Service point names
// are typed by field officers and synced to every phone of the county: a name like
// `<img src=x onerror=alert(1)>` rendered as HTML would run script on each phone that opens the
// map (DESIGN.md §7). These tests open real Leaflet popups in jsdom on hostile names and check that
// the markup arrives as text: no element made from it, no handler attribute, no alert.
import * as L from 'leaflet';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { translate } from '../../i18n';
import { newServicePointFields, type ServicePoint } from '../../domain/servicePoint';
import { buildPopup } from '../../map/popup';
import {
  clusterIcon,
  pointHref,
  pointIcon,
  pointPopup,
  stackPopup,
  type MarkerDeps,
} from './pointMarkers';

const HOSTILE = '<img src=x onerror=alert(1)>';
const HOSTILE_2 = '"><script>alert(2)</script><b>粗体</b>';

function point(name: string, id = '0190b3a2-0000-7000-8000-000000000001'): ServicePoint {
  return {
    id,
    version: 0,
    updatedAt: null,
    updatedBy: null,
    deleted: false,
    ...newServicePointFields('2026-03-01'),
    regionCode: '330127100219',
    name,
    status: 'open',
    statusHistory: [
      { status: 'planned', date: '2026-03-01' },
      { status: 'approved', date: '2026-03-02' },
      { status: 'open', date: '2026-03-03' },
    ],
    openedOn: '2026-03-03',
    location: {
      lat: 29.6,
      lng: 119.04,
      accuracy: 8,
      source: 'gps',
      capturedAt: '2026-03-03T08:00:00Z',
    },
  };
}

const navigate = vi.fn();
const deps: MarkerDeps = {
  t: (key, params) => translate('zh-CN', key, params),
  regions: null,
  formatDate: (d) => d,
  navigate,
};

function expectNoInjectedMarkup(root: ParentNode) {
  expect(root.querySelector('img, script, b')).toBeNull();
  for (const el of root.querySelectorAll('*')) {
    for (const attr of el.getAttributeNames()) expect(attr.startsWith('on'), attr).toBe(false);
  }
}

let container: HTMLDivElement;
let map: L.Map;
const alert = vi.fn();

beforeEach(() => {
  vi.stubGlobal('alert', alert);
  container = document.createElement('div');
  document.body.append(container);
  map = L.map(container).setView([29.6, 119.04], 12);
});

afterEach(() => {
  map.remove();
  container.remove();
  vi.unstubAllGlobals();
  navigate.mockReset();
  alert.mockReset();
});

describe('service point popups', () => {
  it('(control) the check does catch HTML: a string popup, which the map never uses, is parsed', () => {
    L.popup()
      .setLatLng([29.6, 119.04])
      .setContent(HOSTILE.replace('onerror=alert(1)', ''))
      .openOn(map);
    expect(container.querySelector('.leaflet-popup-content img')).not.toBeNull();
  });

  it('show a hostile name as text in a real Leaflet popup', () => {
    const marker = L.marker([29.6, 119.04], { icon: pointIcon(point(HOSTILE), deps.t) })
      .bindPopup(() => pointPopup(point(HOSTILE), deps))
      .addTo(map);
    marker.openPopup();
    const popup = container.querySelector('.leaflet-popup-content');
    expect(popup).not.toBeNull();
    expect(popup!.querySelector('.map-popup__title')!.textContent).toBe(HOSTILE);
    expectNoInjectedMarkup(container);
    expect(alert).not.toHaveBeenCalled();
  });

  it('carry the status, tier, services and a link to the record that navigates in the app', () => {
    const el = pointPopup(point(HOSTILE_2), deps);
    expect(el.textContent).toContain('运营中');
    expect(el.textContent).toContain('村级服务点');
    expect(el.textContent).toContain('网络代购、农产品销售');
    expect(el.textContent).toContain('2026-03-03');
    const link = el.querySelector('a')!;
    expect(link.getAttribute('href')).toBe('/points/0190b3a2-0000-7000-8000-000000000001');
    link.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, button: 0 }));
    expect(navigate).toHaveBeenCalledWith('/points/0190b3a2-0000-7000-8000-000000000001');
    expectNoInjectedMarkup(el);
  });

  it('encode the id in the link, whatever it holds', () => {
    expect(pointHref('a/b?c=<d>')).toBe('/points/a%2Fb%3Fc%3D%3Cd%3E');
  });

  it('list stacked points by name as text', () => {
    const items = [HOSTILE, HOSTILE_2].map((name, i) => {
      const p = point(name, `0190b3a2-0000-7000-8000-00000000000${i}`);
      return { id: p.id, lat: 29.6, lng: 119.04, category: p.status, point: p };
    });
    L.popup()
      .setLatLng([29.6, 119.04])
      .setContent(stackPopup(items, 2, deps))
      .openOn(map);
    const links = [...container.querySelectorAll('.map-popup__list a')];
    expect(links.map((a) => a.textContent)).toEqual([HOSTILE, HOSTILE_2]);
    expectNoInjectedMarkup(container);
  });

  it('build markers and cluster icons from elements, not HTML strings', () => {
    const icon = pointIcon(point(HOSTILE), deps.t);
    expect(icon.options.html).toBeInstanceOf(HTMLElement);
    expect((icon.options.html as HTMLElement).textContent).toBe('村');
    const cluster = clusterIcon(12, { open: 9, closed: 3 }, '12');
    expect((cluster.options.html as HTMLElement).textContent).toBe('12');
    expect((cluster.options.html as HTMLElement).style.background).toContain('conic-gradient');
  });

  it('marker titles (hover text, accessible name) are set as text', () => {
    const marker = L.marker([29.6, 119.04], {
      icon: pointIcon(point(HOSTILE), deps.t),
      title: HOSTILE,
    }).addTo(map);
    const el = marker.getElement()!;
    expect(el.getAttribute('title')).toBe(HOSTILE);
    expectNoInjectedMarkup(container);
  });
});

describe('buildPopup', () => {
  it('writes every part with textContent', () => {
    const el = buildPopup({
      title: HOSTILE,
      badge: { text: HOSTILE_2, className: 'badge' },
      rows: [{ label: HOSTILE_2, value: HOSTILE }],
      link: { href: '/points/x', text: HOSTILE },
    });
    expect(el.textContent).toContain(HOSTILE);
    expect(el.textContent).toContain(HOSTILE_2);
    expectNoInjectedMarkup(el);
  });
});
