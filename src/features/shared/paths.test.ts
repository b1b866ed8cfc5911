/**
 * The route table is what every link is built from and what every router reads: a link that
 * the router reads differently lands on the wrong page, and a path the router guesses at (the
 * towns overview for /towns/nonsense, a point "x" for /points/x/y/z) hides a broken link. Each
 * route must round-trip through its builder, and every path the table does not name is no route.
 */
import { describe, expect, it } from 'vitest';
import { matchRoute, matchScreenRoute, paths, queryString, type AppRoute } from './paths';

const ID = '0190a0b1-2c3d-7e4f-8a9b-0c1d2e3f4a5b';
const TOWN = '330127104';

describe('every route', () => {
  // [built path, the route it must match]: one row per route of the table.
  const cases: [string, AppRoute][] = [
    [paths.dashboard(), { name: 'dashboard', screen: 'dashboard', params: {} }],
    [paths.points(), { name: 'points', screen: 'points', params: {} }],
    [paths.pointNew(), { name: 'pointNew', screen: 'points', params: {} }],
    [paths.pointImport(), { name: 'pointImport', screen: 'points', params: {} }],
    [paths.duplicates(), { name: 'duplicates', screen: 'points', params: {} }],
    [paths.point(ID), { name: 'point', screen: 'points', params: { id: ID } }],
    [paths.pointEdit(ID), { name: 'pointEdit', screen: 'points', params: { id: ID } }],
    [paths.training(), { name: 'training', screen: 'training', params: {} }],
    [paths.sessions(), { name: 'sessions', screen: 'training', params: {} }],
    [paths.sessionNew(), { name: 'sessionNew', screen: 'training', params: {} }],
    [paths.session(ID), { name: 'session', screen: 'training', params: { id: ID } }],
    [paths.sessionEdit(ID), { name: 'sessionEdit', screen: 'training', params: { id: ID } }],
    [paths.rollCall(ID), { name: 'rollCall', screen: 'training', params: { id: ID } }],
    [paths.rosterImport(ID), { name: 'rosterImport', screen: 'training', params: { id: ID } }],
    [paths.signInSheet(ID), { name: 'signInSheet', screen: 'training', params: { id: ID } }],
    [paths.trainees(), { name: 'trainees', screen: 'training', params: {} }],
    [paths.traineeNew(), { name: 'traineeNew', screen: 'training', params: {} }],
    [paths.trainee(ID), { name: 'trainee', screen: 'training', params: { id: ID } }],
    [paths.figures(), { name: 'figures', screen: 'training', params: {} }],
    [paths.towns(), { name: 'towns', screen: 'towns', params: {} }],
    [paths.centralTowns(), { name: 'centralTowns', screen: 'towns', params: {} }],
    [paths.town(TOWN), { name: 'town', screen: 'towns', params: { code: TOWN } }],
    [paths.storeNew(TOWN), { name: 'storeNew', screen: 'towns', params: { code: TOWN } }],
    [paths.store(ID), { name: 'store', screen: 'towns', params: { id: ID } }],
    [paths.storeEdit(ID), { name: 'storeEdit', screen: 'towns', params: { id: ID } }],
    [paths.pilot(ID), { name: 'pilot', screen: 'towns', params: { id: ID } }],
    [paths.shops(), { name: 'shops', screen: 'towns', params: {} }],
    [paths.shopNew(), { name: 'shopNew', screen: 'towns', params: {} }],
    [paths.shop(ID), { name: 'shop', screen: 'towns', params: { id: ID } }],
    [paths.townsTargets(), { name: 'townsTargets', screen: 'towns', params: {} }],
    [paths.assessment(), { name: 'assessment', screen: 'assessment', params: {} }],
    [
      paths.assessmentCounty('330127'),
      { name: 'assessmentCounty', screen: 'assessment', params: { code: '330127' } },
    ],
    [paths.assessmentTrends(), { name: 'assessmentTrends', screen: 'assessment', params: {} }],
    [paths.assessmentTargets(), { name: 'assessmentTargets', screen: 'assessment', params: {} }],
    [paths.reportOwn(), { name: 'reportOwn', screen: 'report', params: {} }],
    [
      paths.report('330127', 2026),
      { name: 'report', screen: 'report', params: { areaCode: '330127', year: '2026' } },
    ],
    [paths.map(), { name: 'map', screen: 'map', params: {} }],
    [paths.settings(), { name: 'settings', screen: 'settings', params: {} }],
    [paths.login(), { name: 'login', screen: 'login', params: {} }],
    [paths.conflicts(), { name: 'conflicts', screen: 'conflicts', params: {} }],
    [paths.users(), { name: 'users', screen: 'users', params: {} }],
    [paths.audit(), { name: 'audit', screen: 'audit', params: {} }],
    [paths.notices(), { name: 'notices', screen: 'notices', params: {} }],
  ];

  it('is built as the app has always addressed it and matches back with its parameters', () => {
    for (const [path, route] of cases) expect(matchRoute(path), path).toEqual(route);
    // The addresses themselves are what e2e tests, bookmarks and shared links use: unchanged.
    expect(cases.map(([path]) => path)).toEqual([
      '/',
      '/points',
      '/points/new',
      '/points/import',
      '/points/duplicates',
      `/points/${ID}`,
      `/points/${ID}/edit`,
      '/training',
      '/training/sessions',
      '/training/sessions/new',
      `/training/sessions/${ID}`,
      `/training/sessions/${ID}/edit`,
      `/training/sessions/${ID}/roll-call`,
      `/training/sessions/${ID}/import`,
      `/training/sessions/${ID}/sheet`,
      '/training/trainees',
      '/training/trainees/new',
      `/training/trainees/${ID}`,
      '/training/figures',
      '/towns',
      '/towns/central',
      `/towns/town/${TOWN}`,
      `/towns/town/${TOWN}/store-new`,
      `/towns/store/${ID}`,
      `/towns/store/${ID}/edit`,
      `/towns/pilot/${ID}`,
      '/towns/shops',
      '/towns/shops/new',
      `/towns/shops/${ID}`,
      '/towns/targets',
      '/assessment',
      '/assessment/county/330127',
      '/assessment/trends',
      '/assessment/targets',
      '/assessment/report',
      '/assessment/report/330127/2026',
      '/map',
      '/settings',
      '/login',
      '/sync/conflicts',
      '/users',
      '/audit',
      '/notices',
    ]);
  });

  it('covers every route of the table', () => {
    const named = new Set(cases.map(([, route]) => route.name));
    const builders = Object.keys(paths).filter(
      (key) => !['mapPoint', 'settingsRefused'].includes(key),
    );
    expect([...named].sort()).toEqual(builders.sort());
  });

  it('encodes a parameter on the way out and decodes it on the way in', () => {
    const odd = 'a b/c?d#e%';
    const path = paths.point(odd);
    expect(path).toBe('/points/a%20b%2Fc%3Fd%23e%25');
    expect(matchRoute(path)).toEqual({ name: 'point', screen: 'points', params: { id: odd } });
    // A broken escape is kept as typed, never thrown.
    expect(matchRoute('/towns/town/%E4%ZZ')).toMatchObject({ params: { code: '%E4%ZZ' } });
  });

  it('reads a trailing slash as the same page', () => {
    expect(matchRoute('/training/figures/')?.name).toBe('figures');
    expect(matchRoute('/points/')?.name).toBe('points');
    expect(matchRoute(`/points/${ID}/edit/`)?.name).toBe('pointEdit');
  });

  it('builds the addresses that carry a query or a hash', () => {
    expect(paths.mapPoint(ID)).toBe(`/map?point=${ID}`);
    expect(matchRoute(paths.mapPoint(ID).split('?')[0]!)?.name).toBe('map');
    expect(paths.settingsRefused()).toBe('/settings#sync-rejected');
    expect(queryString({ year: 2026, area: undefined, metric: null, x: '' })).toBe('?year=2026');
    expect(queryString({})).toBe('');
  });
});

describe('a path the table does not name', () => {
  it('is no route, at the top or nested', () => {
    for (const path of [
      '/no/such/page',
      '/pointsx',
      '/towns/nonsense',
      '/towns/town',
      `/towns/store/${ID}/delete`,
      '/towns/shops/new/edit',
      '/points/x/y/z',
      `/points/${ID}/delete`,
      // A fixed word of a sibling is never taken for an id.
      '/points/new/edit',
      '/points/import/edit',
      '/training/nothing',
      '/training/figures/2026',
      `/training/sessions/${ID}/delete`,
      '/training/sessions/new/edit',
      '/training/sessions/new/roll-call',
      `/training/trainees/${ID}/edit`,
      `/training/sessions/${ID}/roll-call/more`,
      '/assessment/county/abc',
      '/assessment/county',
      '/assessment/trends/330127',
      '/assessment/report/330127',
      '/assessment/report/330127/2026/print',
      '/map/330127',
      '/sync',
      '/settings/extra',
    ]) {
      expect(matchRoute(path), path).toBeNull();
    }
  });

  it('is none of a screen’s routes either', () => {
    expect(matchScreenRoute(paths.point(ID), 'points')?.params).toEqual({ id: ID });
    expect(matchScreenRoute(paths.point(ID), 'towns')).toBeNull();
    expect(matchScreenRoute('/towns/nonsense', 'towns')).toBeNull();
  });
});
