/**
 * The route table: every screen's address, in one place. Each route is a pattern (`:name` is a
 * parameter); from the same table come a builder per route (`paths.point(id)`,
 * `paths.rollCall(sessionId)`…) and one matcher (`matchRoute`) that every screen's router reads
 * (src/app/routes.tsx picks the screen; each screen picks its view by the route's name). So a link
 * and the router that answers it cannot disagree, and a path the table does not know — top level
 * or nested (/towns/nonsense, /points/x/y/z) — is the not-found screen, never a guess.
 *
 * Rules of the matcher:
 * - a path matches a pattern with the same number of segments whose fixed segments are equal
 *   (a trailing slash is the same page; segments are %-decoded, a broken escape kept as typed);
 * - a parameter takes any segment except a fixed word of a sibling route at the same place, so
 *   /points/new is the new-point form and /points/new/edit is no page (not the point "new");
 * - a parameter with a rule in PARAM_RULES must also pass it (a county is 6 digits).
 * The query (?year=…, ?point=…) and the hash are not part of a route: a screen reads them itself.
 *
 * On the first screen (the shell's tab bar and title read it): keep it tiny, no zod, no React.
 * Links elsewhere are built from `paths` only; eslint.config.js refuses string-built app links.
 */

/** The screens (lazy chunks of src/app/routes.tsx); every route belongs to one. */
export type Screen =
  | 'dashboard'
  | 'points'
  | 'training'
  | 'towns'
  | 'assessment'
  | 'report'
  | 'map'
  | 'settings'
  | 'login'
  | 'conflicts'
  | 'users'
  | 'audit'
  | 'notices';

const ROUTES = {
  dashboard: ['dashboard', '/'],

  points: ['points', '/points'],
  pointNew: ['points', '/points/new'],
  pointImport: ['points', '/points/import'],
  duplicates: ['points', '/points/duplicates'],
  point: ['points', '/points/:id'],
  pointEdit: ['points', '/points/:id/edit'],

  /** Redirects to the sessions (and old ?v= links to where they now live: training/nav.ts). */
  training: ['training', '/training'],
  sessions: ['training', '/training/sessions'],
  sessionNew: ['training', '/training/sessions/new'],
  session: ['training', '/training/sessions/:id'],
  sessionEdit: ['training', '/training/sessions/:id/edit'],
  rollCall: ['training', '/training/sessions/:id/roll-call'],
  rosterImport: ['training', '/training/sessions/:id/import'],
  signInSheet: ['training', '/training/sessions/:id/sheet'],
  trainees: ['training', '/training/trainees'],
  traineeNew: ['training', '/training/trainees/new'],
  trainee: ['training', '/training/trainees/:id'],
  figures: ['training', '/training/figures'],

  towns: ['towns', '/towns'],
  centralTowns: ['towns', '/towns/central'],
  town: ['towns', '/towns/town/:code'],
  storeNew: ['towns', '/towns/town/:code/store-new'],
  store: ['towns', '/towns/store/:id'],
  storeEdit: ['towns', '/towns/store/:id/edit'],
  pilot: ['towns', '/towns/pilot/:id'],
  shops: ['towns', '/towns/shops'],
  shopNew: ['towns', '/towns/shops/new'],
  shop: ['towns', '/towns/shops/:id'],
  /** The first targets editor: redirects to the grid (assessmentTargets), keeping the year. */
  townsTargets: ['towns', '/towns/targets'],

  /** The county table; the year, metric and area ride in the query (assessment/nav.ts). */
  assessment: ['assessment', '/assessment'],
  assessmentCounty: ['assessment', '/assessment/county/:code'],
  assessmentTrends: ['assessment', '/assessment/trends'],
  assessmentTargets: ['assessment', '/assessment/targets'],

  /** The user's own area, this year: redirects to it. */
  reportOwn: ['report', '/assessment/report'],
  /** The area and year as typed: the report screen says in words what is wrong with either. */
  report: ['report', '/assessment/report/:areaCode/:year'],

  /** `?point=<id>` opens it on a service point (paths.mapPoint). */
  map: ['map', '/map'],
  settings: ['settings', '/settings'],
  login: ['login', '/login'],
  conflicts: ['conflicts', '/sync/conflicts'],
  users: ['users', '/users'],
  audit: ['audit', '/audit'],
  notices: ['notices', '/notices'],
} as const satisfies Record<string, readonly [Screen, string]>;

type Table = typeof ROUTES;
export type RouteName = keyof Table;
type PatternOf<N extends RouteName> = Table[N][1];

/** The parameter names of a pattern, in order: '/towns/town/:code/store-new' → ['code']. */
type ParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? [Name, ...ParamNames<`/${Rest}`>]
  : P extends `${string}:${infer Name}`
    ? [Name]
    : [];
type ParamsOf<N extends RouteName> = { [K in ParamNames<PatternOf<N>>[number]]: string };
/** One argument per parameter (a homomorphic map over the tuple keeps it a tuple). */
type Args<T extends readonly string[]> = { [I in keyof T]: string | number };
type ArgsOf<N extends RouteName> = Args<ParamNames<PatternOf<N>>>;

/** A matched route: its name, its screen and its parameters (decoded), typed per route. */
export type AppRoute = {
  [N in RouteName]: { name: N; screen: Table[N][0]; params: ParamsOf<N> };
}[RouteName];

/** The routes of one screen: what that screen's router switches on. */
export type RouteOf<S extends Screen> = Extract<AppRoute, { screen: S }>;

/** Rules a parameter must pass besides being a segment, per route. */
const PARAM_RULES: { [N in RouteName]?: Partial<Record<keyof ParamsOf<N>, RegExp>> } = {
  assessmentCounty: { code: /^\d{6}$/ },
};

interface Compiled {
  name: RouteName;
  screen: Screen;
  /** A fixed segment, or null for a parameter. */
  fixed: (string | null)[];
  names: string[];
}

const COMPILED: Compiled[] = (Object.keys(ROUTES) as RouteName[]).map((name) => {
  const [screen, pattern] = ROUTES[name];
  const parts = pattern.split('/').filter(Boolean);
  return {
    name,
    screen,
    fixed: parts.map((part) => (part.startsWith(':') ? null : part)),
    names: parts.filter((part) => part.startsWith(':')).map((part) => part.slice(1)),
  };
});

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // a broken %-escape is kept as typed
  }
}

/** Is `value` a fixed word at `index` of another route that agrees with `segments` before it? */
function isSiblingWord(segments: readonly string[], index: number, value: string): boolean {
  return COMPILED.some(
    (other) =>
      other.fixed[index] === value &&
      other.fixed.slice(0, index).every((part, i) => part === null || part === segments[i]),
  );
}

/** The route of a path (no query, no hash), or null when the table has none: the not-found screen. */
export function matchRoute(path: string): AppRoute | null {
  const segments = path.split('/').filter(Boolean).map(decode);
  for (const route of COMPILED) {
    if (route.fixed.length !== segments.length) continue;
    const values: string[] = [];
    const fits = route.fixed.every((part, i) => {
      const segment = segments[i]!;
      if (part !== null) return part === segment;
      values.push(segment);
      return !isSiblingWord(segments, i, segment);
    });
    if (!fits) continue;
    const params: Record<string, string> = {};
    route.names.forEach((key, i) => (params[key] = values[i]!));
    const rules = (PARAM_RULES[route.name] ?? {}) as Record<string, RegExp | undefined>;
    if (route.names.some((key) => rules[key] && !rules[key].test(params[key]!))) continue;
    return { name: route.name, screen: route.screen, params } as AppRoute;
  }
  return null;
}

/** The route of a path when it is one of `screen`'s, else null. */
export function matchScreenRoute<S extends Screen>(path: string, screen: S): RouteOf<S> | null {
  const route = matchRoute(path);
  return route && route.screen === screen ? (route as RouteOf<S>) : null;
}

function build(name: RouteName, args: readonly (string | number)[]): string {
  let i = 0;
  const path = ROUTES[name][1].replace(/:[^/]+/g, () => encodeURIComponent(String(args[i++])));
  return path;
}

type Builders = { [N in RouteName]: (...args: ArgsOf<N>) => string };

/** A query string (`?a=1&b=2`) of the values that are set; '' when none is. */
export function queryString(query: Record<string, string | number | null | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/**
 * A builder per route (`paths.point(id)`, `paths.report(areaCode, year)`), each parameter
 * %-encoded, and the few addresses that carry a query or a hash.
 */
export const paths = {
  ...(Object.fromEntries(
    (Object.keys(ROUTES) as RouteName[]).map((name) => [
      name,
      (...args: (string | number)[]) => build(name, args),
    ]),
  ) as unknown as Builders),
  /** The map opened on a service point. */
  mapPoint: (pointId: string) => `${build('map', [])}${queryString({ point: pointId })}`,
  /** The settings' list of changes the server refused. */
  settingsRefused: () => `${build('settings', [])}#sync-rejected`,
};
