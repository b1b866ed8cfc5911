// The rooms and their imports: the complete statement of the layer rules (docs/ARCHITECTURE.md,
// "The rooms and their imports"). `npm run deps` (part of `npm run lint`, so CI) cruises src,
// server, tests, scripts and bench with these rules and fails on any violation, and checks that
// the drawing in docs/ARCHITECTURE.md is current (scripts/deps-graph.mjs). eslint.config.js keeps
// the same rules in a lighter form for in-editor feedback; where the two differ, this file wins.
//
// A room may import itself and the rooms listed for it, nothing else from src/ or server/. From the
// bottom up:
//
//   src/domain                       (shared with the server: zod, uuid, @noble/hashes only)
//   src/i18n, src/regions            (base rooms)
//   src/db                           (the only importer of dexie)
//   src/actions, src/sync            (user intents; the sync engine)
//   src/ui                           (presentational)
//   src/pwa                          (the installable app: service worker, install, storage, online)
//   src/map                          (Leaflet wrappers, base maps, datum)
//   src/features/shared              (what the features share)
//   src/features/NAME                (one feature: itself + features/shared + the rooms below)
//   src/app                          (the shell: routes, layout; the only room that loads features)
//   src/main.tsx, src/sw.ts          (entry points)
//   server                           (of src/ only src/domain; its own rooms below)
//
// The server's rooms, from the bottom up (each imports itself, the rooms of lower rows, src/domain,
// npm packages and Node's modules; rooms on one row do not import each other):
//
//   server/db                        (the database: PGlite or PostgreSQL, migrations, transactions)
//   server/base, server/regions.ts   (what every folder uses: errors, validation, ServerContext,
//                                     path ids, storable text, the audit writer, the entity hooks'
//                                     interface and record shapes, the sign-in limiter; the gazetteer)
//   server/auth                      (accounts, sessions, the guard, permissions)
//   server/devices, server/attachments, server/audit, server/assessment
//   server/sync                      (the apply path, push, pull, conflicts)
//   server/duplicates, server/training, server/demo   (features that use the apply path)
//   server/*.ts                      (the top: app, main, start-server, maintenance, entity-hooks)
//
// Tests (*.test.ts(x)), test helpers (src/test-support, server/test-support) and tests/ may import
// any room; no production file imports them or a test tool. scripts/ and bench/ are tools: they
// may import src and server, nothing imports them. And no import circle anywhere.

/** Test code: may compose any rooms. */
const TEST = ['\\.test\\.tsx?$', '(^|/)test-support/', '^tests/'];

const NPM = '(^|/)node_modules/';
/** The domain's libraries: pure, the same in a browser and in Node. */
const DOMAIN_NPM = '(^|/)node_modules/(zod|uuid|@noble/hashes)/';

/** Where the browser starts: the page, the service worker, the map's cluster worker (new Worker). */
const CLIENT_ENTRIES = '^src/(main\\.tsx|sw\\.ts|map/cluster\\.worker\\.ts)$';

const DOMAIN = '^src/domain/';
const BASE = ['^src/i18n/', '^src/regions/'];
const BELOW_FEATURES = [
  DOMAIN,
  ...BASE,
  '^src/db/',
  '^src/actions/',
  '^src/sync/',
  '^src/ui/',
  '^src/pwa/',
  '^src/map/',
];

const S_DB = '^server/db/';
const S_BASE = ['^server/base/', '^server/(regions|area-file)\\.ts$'];
const S_AUTH = '^server/auth/';
const S_SERVICES = [
  '^server/devices/',
  '^server/attachments/',
  '^server/audit/',
  '^server/assessment/',
];
const S_SYNC = '^server/sync/';
const S_FEATURES = ['^server/duplicates/', '^server/training/', '^server/demo/'];

/**
 * A server room's rule: a file of `path` (tests aside) imports only from `path` itself, `may`,
 * src/domain, npm packages and Node's own modules. The rows of rooms (the comment at the top) make
 * the order; since a room imports only rooms of lower rows, no circle can run between folders.
 */
function serverRoom(name, path, may, comment) {
  return {
    name: `server-${name}`,
    severity: 'error',
    comment,
    from: { path, pathNot: TEST },
    to: { pathNot: [path, ...may, DOMAIN, NPM], dependencyTypesNot: ['core'] },
  };
}

/**
 * A room's rule: a file of `room` (tests aside) imports only from `room` itself and `may`.
 * Node's own modules count as imports too, so a client room cannot take `node:fs`.
 */
function room(name, path, may, comment) {
  return {
    name: `layer-${name}`,
    severity: 'error',
    comment,
    from: { path, pathNot: TEST },
    to: { pathNot: [path, ...may] },
  };
}

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'No import circle, type-only imports included: a circle means two files are one piece in two places; move the shared part down into a file both import.',
      from: {},
      to: { circular: true },
    },
    room(
      'domain',
      DOMAIN,
      [DOMAIN_NPM],
      'src/domain is shared by the client and the server: it imports only src/domain and zod, uuid, @noble/hashes (no React, no Node, no other room).',
    ),
    room(
      'i18n',
      '^src/i18n/',
      [DOMAIN, NPM],
      'src/i18n is a base room: it imports only src/domain (and React, zustand).',
    ),
    room(
      'regions',
      '^src/regions/',
      [DOMAIN, NPM],
      'src/regions is a base room: it imports only src/domain (and React, zustand).',
    ),
    room('db', '^src/db/', [DOMAIN, NPM], 'src/db imports only src/domain (and dexie).'),
    room(
      'actions',
      '^src/actions/',
      [DOMAIN, '^src/db/', NPM],
      'src/actions (user intents) imports only src/db and src/domain.',
    ),
    room(
      'sync',
      '^src/sync/',
      [DOMAIN, '^src/db/', NPM],
      'src/sync (the engine) imports only src/db and src/domain.',
    ),
    room(
      'ui',
      '^src/ui/',
      [DOMAIN, NPM],
      'src/ui is presentational: it imports only src/domain (types) and its libraries; strings and regions come in as props.',
    ),
    room(
      'pwa',
      '^src/pwa/',
      [DOMAIN, ...BASE, '^src/ui/', NPM],
      'src/pwa (the installable app) imports only src/ui, the base rooms and src/domain.',
    ),
    room(
      'map',
      '^src/map/',
      [DOMAIN, ...BASE, '^src/ui/', NPM],
      'src/map imports only src/ui, the base rooms and src/domain (and Leaflet).',
    ),
    room(
      'features-shared',
      '^src/features/shared/',
      [...BELOW_FEATURES, NPM],
      'src/features/shared imports no feature and not the shell: only the rooms below the features.',
    ),
    {
      name: 'layer-feature',
      severity: 'error',
      comment:
        'A feature imports itself, src/features/shared and the rooms below the features; never another feature (move the shared piece to src/features/shared or src/ui) and never the shell (src/app).',
      from: { path: '^src/features/([^/]+)/', pathNot: ['^src/features/shared/', ...TEST] },
      to: {
        pathNot: ['^src/features/$1/', '^src/features/shared/', ...BELOW_FEATURES, NPM],
      },
    },
    {
      name: 'layer-app',
      severity: 'error',
      comment:
        'src/app is the shell, the top room: it may import any room of src/ but not the entry points, the server or the tools.',
      from: { path: '^src/app/', pathNot: TEST },
      to: { path: ['^src/(main|sw)\\.tsx?$', '^server/', '^scripts/', '^bench/'] },
    },
    {
      name: 'layer-server',
      severity: 'error',
      comment:
        'The server imports nothing of the client but src/domain (no UI code, no i18n, no map: what both need goes into src/domain).',
      from: { path: '^server/', pathNot: TEST },
      to: { path: '^src/', pathNot: DOMAIN },
    },
    {
      name: 'client-imports-no-server',
      severity: 'error',
      comment: 'The client never imports server code (what both need lives in src/domain).',
      from: { path: '^src/', pathNot: TEST },
      to: { path: '^server/' },
    },
    serverRoom(
      'db',
      S_DB,
      [],
      'server/db is the bottom room of the server: it imports only itself (and src/domain, its drivers).',
    ),
    serverRoom(
      'base',
      S_BASE[0],
      [S_DB, S_BASE[1]],
      'server/base is what every server folder uses: it imports only server/db and server/regions.ts, never a feature folder (move the shared piece down into base, or hand it in through ServerContext as the entity hooks are).',
    ),
    serverRoom(
      'regions',
      S_BASE[1],
      [],
      'server/regions.ts (with server/area-file.ts, the REGION setting) stands with server/base: it imports only src/domain.',
    ),
    serverRoom(
      'auth',
      S_AUTH,
      [S_DB, ...S_BASE],
      'server/auth imports only server/base and server/db: what it needs of devices or the audit log lives in server/auth or server/base.',
    ),
    ...S_SERVICES.map((path) =>
      serverRoom(
        path.replace(/^\^server\/|\/$/g, ''),
        path,
        [S_DB, ...S_BASE, S_AUTH],
        'server/devices, attachments, audit and assessment import only server/auth, server/base and server/db (not each other, not server/sync: the sync folder calls them, not the other way).',
      ),
    ),
    serverRoom(
      'sync',
      S_SYNC,
      [S_DB, ...S_BASE, S_AUTH, ...S_SERVICES],
      'server/sync (the apply path) imports server/devices, attachments, audit, assessment, auth, base and db, never a feature that uses it (duplicates, training, demo) nor the top.',
    ),
    ...S_FEATURES.map((path) =>
      serverRoom(
        path.replace(/^\^server\/|\/$/g, ''),
        path,
        [S_DB, ...S_BASE, S_AUTH, ...S_SERVICES, S_SYNC],
        'server/duplicates, training and demo use the apply path: they import server/sync and the rooms below it, not each other and not the top (server/*.ts); what the top composes is handed in.',
      ),
    ),
    {
      name: 'every-server-file-in-a-room',
      severity: 'error',
      comment:
        'A new folder of server/ is a new room: add it to a row of the server rooms here and in docs/ARCHITECTURE.md ("Server rooms") before it imports anything.',
      from: {
        path: '^server/[^/]+/',
        pathNot: [
          '^server/(db|base|auth|devices|attachments|audit|assessment|sync|duplicates|training|demo|test-support)/',
          ...TEST,
        ],
      },
      to: {},
    },
    {
      name: 'server-sync-names-no-entity',
      severity: 'error',
      comment:
        'server/sync names no entity: an entity-specific step is a hook in server/entity-hooks.ts, handed in through ApplyContext.hooks (docs/ARCHITECTURE.md "Entity hooks").',
      from: { path: '^server/sync/' },
      to: { path: ['^server/duplicates/', '^server/training/', '^server/entity-hooks\\.ts$'] },
    },
    {
      name: 'dexie-only-in-db',
      severity: 'error',
      comment: 'Only src/db imports dexie (DESIGN.md §3): use the helpers src/db exports.',
      from: { path: '^src/', pathNot: '^src/db/' },
      to: { path: '(^|/)node_modules/(dexie|dexie-react-hooks)/' },
    },
    {
      name: 'no-test-code-in-production',
      severity: 'error',
      comment:
        'Test tools and test helpers are for tests: production code never imports vitest, @testing-library, fake-indexeddb, a test-support folder or tests/.',
      from: { path: '^(src|server|scripts|bench)/', pathNot: TEST },
      to: {
        path: [
          '(^|/)node_modules/(vitest|@vitest|@testing-library|fake-indexeddb)/',
          '(^|/)test-support/',
          '^tests/',
        ],
      },
    },
    {
      name: 'every-src-file-in-a-room',
      severity: 'error',
      comment:
        'A new folder of src/ is a new room: add its rule here and its line to docs/ARCHITECTURE.md ("The rooms and their imports") before it imports anything.',
      from: {
        path: '^src/',
        pathNot: [
          '^src/(domain|i18n|regions|db|actions|sync|ui|pwa|map|features|app|test-support)/',
          '^src/(main\\.tsx|sw\\.ts)$',
        ],
      },
      to: {},
    },
    {
      name: 'reached-from-an-entry-point',
      severity: 'error',
      comment:
        "A production file that no entry point of the app (src/main.tsx, src/sw.ts, the map's cluster worker) reaches is dead code or a test helper among production files: delete it, or move it to src/test-support.",
      from: { path: CLIENT_ENTRIES },
      to: { path: '^src/', pathNot: [...TEST, CLIENT_ENTRIES, '\\.d\\.ts$'], reachable: false },
    },
    {
      name: 'server-reached-from-an-entry-point',
      severity: 'error',
      comment:
        'A server file that neither server/main.ts nor a script or bench reaches is dead code or a test helper among production files: delete it, or move it to server/test-support.',
      from: { path: ['^server/main\\.ts$', '^(scripts|bench)/'], pathNot: TEST },
      to: { path: '^server/', pathNot: [...TEST, '^server/main\\.ts$'], reachable: false },
    },
    {
      name: 'tools-are-not-imported',
      severity: 'error',
      comment: 'scripts/ and bench/ are tools: src/, server/ and tests/ never import them.',
      from: { path: '^(src|server|tests)/' },
      to: { path: '^(scripts|bench)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^dist/', '^public/'] },
    // Type-only imports are imports too: a type from the wrong room ties the rooms as surely.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.d.ts', '.js', '.mjs', '.cjs', '.json'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    skipAnalysisNotInRules: true,
  },
};
