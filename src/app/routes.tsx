/**
 * The screens of the route table (src/features/shared/paths.ts). Every screen is its own lazy
 * chunk, so the first screen downloads React, the shell and that screen only; the service worker
 * precaches the rest for offline use.
 *
 * Every screen but the start page also waits for the other screens' Chinese strings (one chunk,
 * src/i18n/zh-CN.screens.ts) before it shows, so it never shows a key or a gap; the start
 * page's strings are in the first chunk (docs/PERFORMANCE.md, "Size").
 */
import type { ComponentType, ReactElement } from 'react';
import { useLocation } from 'wouter';
import { matchRoute, type AppRoute, type Screen as ScreenName } from '../features/shared/paths';
import { loadScreenStrings } from '../i18n';
import { preloadable } from '../ui';
// The two screens' first reads are small and import no Dexie (src/db/rawFirst.ts): in the entry,
// they start as soon as it runs instead of after a chunk of their own (docs/PERFORMANCE.md).
import { readStartPageFirst } from '../features/dashboard/startPageReads';
import { readPointListFirst } from '../features/service-points/pointListReads';
// The map's two rows too (its session and kept points; the rest of its reads is a chunk).
import { readMapRows } from '../features/map/mapRows';

/**
 * A screen's lazy chunk that can also be loaded BEFORE the first render (`preload`, src/ui's
 * preloadable): once loaded, the screen renders directly, so the first screen never suspends.
 */
type ScreenModule = { default: ComponentType };

interface ScreenComponent {
  (): ReactElement;
  /** Loads the chunk and, for the route opened, the screen's first reads. */
  preload: (route: AppRoute | null) => Promise<void>;
}

/** What a screen reads before its first render on `route` (src/db/firstAnswers.ts). */
type FirstReads = (route: AppRoute | null) => Promise<void>;

/**
 * How long the first render waits for a screen's first reads at most: a database that does not
 * open (another tab holding an old version open) must not keep the shell from showing.
 */
const FIRST_READS_WAIT_MS = 1500;

function routeScreen(
  load: () => Promise<ScreenModule>,
  readFirst?: FirstReads,
  waitMs = FIRST_READS_WAIT_MS,
): ScreenComponent {
  const Screen = preloadable(load);
  // The screen's first reads (src/db/firstAnswers.ts) in parallel with its chunk, so its first
  // render has its data; failing or slow reads only mean the live queries answer as usual.
  const reads = (route: AppRoute | null): Promise<void> | undefined => {
    if (!readFirst) return undefined;
    let cap: ReturnType<typeof setTimeout> | undefined;
    return Promise.race([
      readFirst(route).catch(() => undefined),
      new Promise<void>((resolve) => (cap = setTimeout(resolve, waitMs))),
    ]).finally(() => clearTimeout(cap)); // no timer left behind once the reads are in
  };
  return Object.assign(() => <Screen />, {
    preload: (route: AppRoute | null) =>
      Promise.all([Screen.load(), reads(route)]).then(() => undefined),
  });
}

/** A screen's chunk, with the screens' strings: both before it shows. */
function screen(
  load: () => Promise<ScreenModule>,
  readFirst?: FirstReads,
  waitMs?: number,
): ScreenComponent {
  return routeScreen(
    () => Promise.all([load(), loadScreenStrings()]).then(([module]) => module),
    readFirst,
    waitMs,
  );
}

/**
 * The map's first reads wait longer: without Dexie they open no database version that another tab
 * could block, and a render before them showed a spinner, then read the 10,000 points again
 * through Dexie — on a loaded phone the reads took just over 1.5 s (docs/PERFORMANCE.md,
 * eleventh session).
 */
const MAP_READS_WAIT_MS = 3000;

// The start page: its strings are built in.
const DashboardScreen = routeScreen(
  () => import('../features/dashboard/DashboardScreen'),
  () => readStartPageFirst(),
);
const ServicePointsScreen = screen(
  () => import('../features/service-points/ServicePointsScreen'),
  (route) =>
    route?.name === 'points'
      ? readPointListFirst()
      : import('../features/service-points/pointViews').then((m) => m.loadPointView(route)),
);
const TrainingScreen = screen(() => import('../features/training/TrainingScreen'));
const TownsScreen = screen(() => import('../features/towns/TownsScreen'));
const AssessmentScreen = screen(() => import('../features/assessment/AssessmentScreen'));
const MapScreen = screen(
  () => import('../features/map/MapScreen'),
  // The session and the kept points asked of IndexedDB now, while the reads' chunk loads.
  () => {
    const rows = readMapRows();
    return import('../features/map/mapReads').then((m) => m.readMapFirst(rows));
  },
  MAP_READS_WAIT_MS,
);
const SettingsScreen = screen(() => import('../features/settings/SettingsScreen'));
const LoginScreen = screen(() => import('../features/sync/LoginScreen'));
const ConflictsScreen = screen(() => import('../features/sync/ConflictsScreen'));
const UsersScreen = screen(() => import('../features/users/UsersScreen'));
const AuditScreen = screen(() => import('../features/audit/AuditScreen'));
const NoticesScreen = screen(() => import('../features/notices/NoticesScreen'));
const ReportScreen = screen(() => import('../features/report/ReportScreen'));
const NotFoundScreen = screen(() => import('./NotFoundScreen'));

/** The screen of each screen name of the route table (src/features/shared/paths.ts). */
const SCREENS: Record<ScreenName, ScreenComponent> = {
  dashboard: DashboardScreen,
  points: ServicePointsScreen,
  training: TrainingScreen,
  towns: TownsScreen,
  // 考核: the county table, a county, trends, the targets grid (assessment/nav.ts)…
  assessment: AssessmentScreen,
  // …and its yearly report, /assessment/report/:areaCode/:year, a screen of its own.
  report: ReportScreen,
  map: MapScreen,
  settings: SettingsScreen,
  login: LoginScreen,
  conflicts: ConflictsScreen,
  users: UsersScreen,
  audit: AuditScreen,
  notices: NoticesScreen,
};

/**
 * Whether the screen at `path` reads its first rows without Dexie (src/db/rawFirst.ts): the start
 * page, the point list and the map. main.tsx then leaves Dexie's open to their live queries, after their
 * first render, instead of opening it before: Dexie's open was ~0.1 s of the main thread at 4×
 * in front of the render (docs/PERFORMANCE.md, eighth session).
 */
export function readsFirstWithoutDexie(path: string): boolean {
  const r = matchRoute(path);
  return r?.name === 'dashboard' || r?.name === 'points' || r?.name === 'map';
}

/**
 * Loads the chunk of the screen at `path` (main.tsx, before the first render, in parallel with
 * the language and the database), by the same matcher as AppRoutes, so both always agree. Never
 * rejects: a chunk that fails to load fails again where the screen renders, inside its error
 * boundary.
 */
export function preloadFirstScreen(path: string): Promise<void> {
  const r = matchRoute(path);
  return (r ? SCREENS[r.screen] : NotFoundScreen).preload(r).catch(() => undefined);
}

/**
 * The screen of the current path, by the one matcher of the route table; a path the table does
 * not know — at the top or nested (/towns/nonsense) — is the not-found screen. Moving within a
 * screen's routes (the list of points, a point) keeps the same screen mounted, so it keeps its
 * state; the screen picks its view by the route's name.
 */
export function AppRoutes() {
  const [path] = useLocation();
  const route = matchRoute(path);
  const Screen = route ? SCREENS[route.screen] : NotFoundScreen;
  return <Screen />;
}
