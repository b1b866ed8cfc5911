// The central-programme overlays: which central towns have a store, pilots and sessions of a year,
// placement at the township centre (mean of its located points, else its county outline's centre,
// else "not placed"), and popups that show hostile names as text (DESIGN.md §7).
import * as L from 'leaflet';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { translate } from '../../i18n';
import type { RegionIndex } from '../../domain/region';
import type { OutlineSet } from '../../map/outlines';
import {
  centralTownItems,
  pilotHref,
  pilotIcon,
  pilotPopup,
  pilotsOfYear,
  placePilots,
  placeSessions,
  placeTowns,
  sessionHref,
  sessionIcon,
  sessionsOfYear,
  sessionsPopup,
  townHref,
  townIcon,
  townPopup,
  townshipPlacer,
  type TownMarkerDeps,
} from './townMarkers';

const HOSTILE = '<img src=x onerror=alert(1)>';

const A = '330122100'; // township with located points
const B = '330122101'; // no located point, county 330122 has an outline
const C = '330199100'; // no located point, no outline: not placed

function loc(lat: number, lng: number) {
  return { lat, lng, accuracy: 5, source: 'gps' as const, capturedAt: '2026-01-01T00:00:00Z' };
}

const points = [
  { regionCode: `${A}201`, location: loc(29.8, 119.6), deleted: false },
  { regionCode: `${A}202`, location: loc(29.9, 119.8), deleted: false },
  { regionCode: `${A}203`, location: loc(10, 10), deleted: true },
  { regionCode: `${B}201`, location: null, deleted: false },
];

const outlines: OutlineSet = {
  datum: 'WGS84',
  countiesWithoutOutline: [],
  outlines: [
    {
      code: '330122',
      name: '桐庐县',
      matchedName: '桐庐县',
      polygons: [
        [
          [
            [119, 29],
            [120, 29],
            [120, 30],
            [119, 30],
            [119, 29],
          ],
        ],
      ],
    },
  ],
};

const placer = townshipPlacer(points, outlines, 'WGS84');

function town(townshipCode: string, designatedYear = 2024, extra = {}) {
  return {
    id: `t-${townshipCode}`,
    townshipCode,
    designatedYear,
    active: true,
    deleted: false,
    ...extra,
  };
}

function store(townshipCode: string, status: 'planned' | 'open' | 'closed', deleted = false) {
  return { townshipCode, status, deleted };
}

function pilot(
  id: string,
  townshipCode: string,
  year: number,
  status: 'proposed' | 'approved' | 'inProgress' | 'accepted' | 'failed',
  deleted = false,
) {
  return { id, townshipCode, year, status, deleted };
}

function session(id: string, townshipCode: string, startDate: string, title = `班 ${id}`) {
  return { id, title, startDate, endDate: startDate, townshipCode, deleted: false };
}

describe('township placement', () => {
  it('is the mean of the township’s live located points', () => {
    const at = placer(A)!;
    expect(at.lat).toBeCloseTo(29.85);
    expect(at.lng).toBeCloseTo(119.7);
  });

  it('falls back to the county outline’s centre, else nothing', () => {
    const at = placer(B)!;
    expect(at.lat).toBeCloseTo(29.5);
    expect(at.lng).toBeCloseTo(119.5);
    expect(placer(C)).toBeNull();
  });

  it('is converted to the base map’s datum', () => {
    const gcj = townshipPlacer(points, outlines, 'GCJ02')(A)!;
    expect(gcj.lat).not.toBeCloseTo(29.85, 5);
    expect(Math.abs(gcj.lat - 29.85)).toBeLessThan(0.01);
  });
});

describe('central towns', () => {
  const towns = [
    town(A),
    town(B),
    town(C),
    town('330122102', 2027),
    town('330122103', 2020, { active: false }),
    town('330122104', 2020, { deleted: true }),
    town('330183100'),
  ];
  const stores = [
    store(A, 'open'),
    store(B, 'planned'),
    store(B, 'closed'),
    store(C, 'open', true),
    store('330183100', 'open'),
  ];

  it('have a store only with an open, live one; listed from their designated year', () => {
    const items = centralTownItems(towns, stores, 2026, '330122');
    expect(items.map((i) => [i.town.townshipCode, i.hasStore])).toEqual([
      [A, true],
      [B, false],
    ]);
    const all = centralTownItems(towns, stores, 2027, '');
    expect(all.map((i) => [i.town.townshipCode, i.hasStore])).toEqual([
      [A, true],
      [B, false],
      ['330122102', false],
      ['330183100', true],
      [C, false],
    ]);
  });

  it('are placed at their township, or counted as not placed', () => {
    const items = centralTownItems(towns, stores, 2026, '');
    const { placed, notPlaced } = placeTowns(items, placer);
    expect(placed.map((p) => p.townshipCode)).toEqual([A, B]);
    expect(placed[0]!.lat).toBeCloseTo(29.85);
    expect(notPlaced).toBe(2); // C and 330183100: no point, no outline
  });
});

describe('pilot towns', () => {
  const pilots = [
    pilot('p1', A, 2026, 'inProgress'),
    pilot('p2', B, 2026, 'proposed'),
    pilot('p3', A, 2025, 'accepted'),
    pilot('p4', C, 2026, 'failed'),
    pilot('p5', B, 2026, 'approved', true),
  ];

  it('are the year’s live pilots, in status order', () => {
    expect(pilotsOfYear(pilots, 2026, '').map((p) => p.id)).toEqual(['p2', 'p1', 'p4']);
    expect(pilotsOfYear(pilots, 2026, '330122').map((p) => p.id)).toEqual(['p2', 'p1']);
    expect(pilotsOfYear(pilots, 2025, '').map((p) => p.id)).toEqual(['p3']);
  });

  it('are placed at their township', () => {
    const { placed, notPlaced } = placePilots(pilotsOfYear(pilots, 2026, ''), placer);
    expect(placed.map((p) => p.item.id)).toEqual(['p2', 'p1']);
    expect(placed[0]!.lat).toBeCloseTo(29.5);
    expect(notPlaced).toBe(1);
  });
});

describe('training sessions', () => {
  const sessions = [
    session('s1', A, '2026-05-02'),
    session('s2', A, '2026-03-01'),
    session('s3', B, '2025-12-30'),
    session('s4', C, '2026-01-10'),
    { ...session('s5', B, '2026-02-02'), deleted: true },
  ];

  it('are the year’s sessions by start date, grouped by township', () => {
    const groups = sessionsOfYear(sessions, 2026, '');
    expect(groups.map((g) => [g.townshipCode, g.sessions.map((s) => s.id)])).toEqual([
      [A, ['s2', 's1']],
      [C, ['s4']],
    ]);
    expect(sessionsOfYear(sessions, 2025, '330122').map((g) => g.townshipCode)).toEqual([B]);
  });

  it('count not-placed sessions, not townships', () => {
    const { placed, notPlaced } = placeSessions(sessionsOfYear(sessions, 2026, ''), placer);
    expect(placed.map((p) => p.townshipCode)).toEqual([A]);
    expect(placed[0]!.lng).toBeCloseTo(119.7);
    expect(notPlaced).toBe(1);
  });
});

describe('popups and markers', () => {
  const navigate = vi.fn();
  const alert = vi.fn();
  const regions = { placeLabel: () => HOSTILE } as unknown as RegionIndex;
  const deps: TownMarkerDeps = {
    t: (key, params) => translate('zh-CN', key, params),
    regions,
    formatDate: (d) => d,
    navigate,
  };
  let container: HTMLDivElement;
  let map: L.Map;

  function expectNoInjectedMarkup(root: ParentNode) {
    expect(root.querySelector('img, script')).toBeNull();
    for (const el of root.querySelectorAll('*')) {
      for (const attr of el.getAttributeNames()) expect(attr.startsWith('on'), attr).toBe(false);
    }
  }

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

  it('show a hostile town name as text, with the store state and a link to the town', () => {
    const marker = L.marker([29.6, 119.04], { icon: townIcon(false, deps.t), title: HOSTILE })
      .bindPopup(() => townPopup({ town: town(A), hasStore: false }, deps))
      .addTo(map);
    marker.openPopup();
    const popup = container.querySelector('.leaflet-popup-content')!;
    expect(popup.querySelector('.map-popup__title')!.textContent).toBe(HOSTILE);
    expect(popup.textContent).toContain('尚无旗舰店');
    const link = popup.querySelector('a')!;
    expect(link.getAttribute('href')).toBe(`/towns/town/${A}`);
    link.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, button: 0 }));
    expect(navigate).toHaveBeenCalledWith(`/towns/town/${A}`);
    expect(marker.getElement()!.getAttribute('title')).toBe(HOSTILE);
    expectNoInjectedMarkup(container);
    expect(alert).not.toHaveBeenCalled();
  });

  it('mark towns with and without a store differently', () => {
    const withStore = townIcon(true, deps.t).options;
    const without = townIcon(false, deps.t).options;
    expect(withStore.className).not.toBe(without.className);
    expect((withStore.html as HTMLElement).textContent).toBe('店');
    expect((without.html as HTMLElement).style.getPropertyValue('--pin-colour')).not.toBe(
      (withStore.html as HTMLElement).style.getPropertyValue('--pin-colour'),
    );
  });

  it('show a pilot with its status and a link to the pilot', () => {
    const el = pilotPopup(pilot('p/1', A, 2026, 'inProgress'), deps);
    expect(el.querySelector('.map-popup__title')!.textContent).toBe(HOSTILE);
    expect(el.textContent).toContain('实施中');
    expect(el.querySelector('a')!.getAttribute('href')).toBe(pilotHref('p/1'));
    expect(pilotHref('p/1')).toBe('/towns/pilot/p%2F1');
    expect(pilotIcon('accepted', deps.t).options.className).toContain('map-marker--pilot-accepted');
    expectNoInjectedMarkup(el);
  });

  it('show a hostile session title as text, alone or in a township’s list', () => {
    const one = sessionsPopup(
      { townshipCode: A, sessions: [session('s1', A, '2026-05-02', HOSTILE)] },
      deps,
    );
    expect(one.querySelector('.map-popup__title')!.textContent).toBe(HOSTILE);
    expect(one.querySelector('a')!.getAttribute('href')).toBe('/training/sessions/s1');
    expectNoInjectedMarkup(one);

    L.popup()
      .setLatLng([29.6, 119.04])
      .setContent(
        sessionsPopup(
          {
            townshipCode: A,
            sessions: [session('s1', A, '2026-05-02', HOSTILE), session('s2', A, '2026-06-01')],
          },
          deps,
        ),
      )
      .openOn(map);
    const links = [...container.querySelectorAll('.map-popup__list a')];
    expect(links.map((a) => a.textContent)).toEqual([HOSTILE, '班 s2']);
    expect(links[1]!.getAttribute('href')).toBe(sessionHref('s2'));
    expect(container.querySelector('.map-popup__title')!.textContent).toContain(HOSTILE);
    expectNoInjectedMarkup(container);
    expect(alert).not.toHaveBeenCalled();
    expect((sessionIcon(2, '2').options.html as HTMLElement).textContent).toBe('2');
    expect(townHref(A)).toBe(`/towns/town/${A}`);
  });
});
