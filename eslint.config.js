// ESLint flat config. The layer rules at the bottom keep DESIGN.md §3's one-way data flow honest:
// a wrong import fails the lint, it does not wait for a reviewer to notice.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const dexieOnlyInDb = {
  group: ['dexie', 'dexie-react-hooks', 'dexie/*'],
  message: 'Only src/db imports dexie (DESIGN.md §3). Use the helpers src/db exports.',
};

// From a file in src/features/NAME/, '../OTHER/…' is another feature; '../shared/…' is the shared
// room. ('../../features/…' and the like say the same in a longer way, so they are caught too.)
const featureThroughShared = {
  regex: '^(\\.\\./(?!shared(/|$)|\\.\\.(/|$))|.*/features/(?!shared(/|$)))',
  message:
    'A feature imports another feature only through src/features/shared (move the shared piece there or to src/ui).',
};

// The base rooms src/i18n and src/regions sit just above src/domain: the shell, the features and
// the data layers all use them, so they import none of those (only src/domain, React and the
// stores' libraries). From src/i18n/x.ts '../app' is the shell; from src/i18n/features/x.ts it
// is '../../app': any run of '../' followed by a layer's name is one (a file's own folder is
// reached with './', so './features/…' inside src/i18n stays allowed).
const baseRoomImportsNoLayer = {
  regex: '^(\\.\\./)+(app|features|db|sync|actions|ui|map|server)(/|$)',
  message:
    'src/i18n and src/regions are base rooms: they import only src/domain (and React), never the shell, features, db, sync, actions, ui, map or server (docs/ARCHITECTURE.md "Base rooms").',
};

// The shell (src/app) is the top room: no feature, and nothing below the features, imports it
// (from src/features/NAME/x.ts it is '../../app'; from src/pwa/x.ts '../app'). .dependency-cruiser.cjs
// states every room's rule (`npm run deps`); these few give the same answer in the editor.
const notTheShell = {
  regex: '^(\\.\\./)+app(/|$)',
  message:
    'src/app is the shell, the top room: nothing below it imports it. Move the shared piece down (src/features/shared, src/pwa, src/ui…; docs/ARCHITECTURE.md "The rooms and their imports").',
};

// src/pwa (the installable app) sits under the features and the map, above src/ui and the base
// rooms: it takes nothing from the data layers, the map, the features or the shell.
const pwaImportsNoLayerAbove = {
  regex: '^(\\.\\./)+(app|features|db|sync|actions|map|server)(/|$)',
  message:
    'src/pwa imports only src/ui, src/i18n, src/regions and src/domain (docs/ARCHITECTURE.md "The rooms and their imports").',
};

// The first segments of the app's routes (src/features/shared/paths.ts). esquery's regular
// expressions cannot hold a '/', hence \x2F.
const APP_SECTION =
  '(points|training|towns|assessment|map|settings|login|sync|users|audit|notices)';
const appLinkMessage =
  'Build app links with the route table (paths.* in src/features/shared/paths.ts), not from strings.';
const appLinkRules = [
  // '/points', '/towns/shops', '/settings#…', '/map?point=…' anywhere: a string-built app path.
  `Literal[value=/^\\x2F${APP_SECTION}(\\x2F|\\?|#|$)/]`,
  // `/points/${id}`, `/towns/town/${code}`…
  `TemplateLiteral[quasis.0.value.raw=/^\\x2F${APP_SECTION}(\\x2F|\\?|#|$)/]`,
  // Any other root-relative link or navigation written out: href="/", navigate('/').
  'JSXAttribute[name.name=/^(href|to)$/] > Literal[value=/^\\x2F/]',
  'JSXAttribute[name.name=/^(href|to)$/] > JSXExpressionContainer > Literal[value=/^\\x2F/]',
  'JSXAttribute[name.name=/^(href|to)$/] > JSXExpressionContainer > TemplateLiteral[quasis.0.value.raw=/^\\x2F/]',
  'CallExpression[callee.name="navigate"] > Literal.arguments:first-child[value=/^\\x2F/]',
  'CallExpression[callee.name="navigate"] > TemplateLiteral.arguments:first-child[quasis.0.value.raw=/^\\x2F/]',
].map((selector) => ({ selector, message: appLinkMessage }));

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'data', 'coverage', 'public/regions', '.e2e-*'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  // Layers (DESIGN.md §3).
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/db/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [dexieOnlyInDb] }] },
  },
  {
    files: ['src/domain/**/*.ts'],
    ignores: ['src/domain/**/*.test.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            dexieOnlyInDb,
            {
              group: [
                'react',
                'react-dom',
                'react/*',
                'react-dom/*',
                'wouter',
                'zustand',
                'leaflet',
                'react-leaflet',
              ],
              message: 'src/domain is shared with the server: no React, no UI libraries.',
            },
            { group: ['node:*'], message: 'src/domain runs in the browser too: no Node APIs.' },
            {
              group: [
                '**/db/**',
                '**/sync/**',
                '**/actions/**',
                '**/features/**',
                '**/app/**',
                '**/i18n',
                '**/i18n/**',
                '**/regions',
                '**/regions/**',
                '**/ui/**',
                '**/map/**',
                '**/server/**',
              ],
              message: 'src/domain imports nothing from the other layers.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        'window',
        'document',
        'navigator',
        'localStorage',
        'indexedDB',
        'process',
        'Buffer',
      ],
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            dexieOnlyInDb,
            {
              group: [
                '**/db',
                '**/db/**',
                '**/sync',
                '**/sync/**',
                '**/actions',
                '**/actions/**',
                '**/features/**',
                '**/i18n',
                '**/i18n/**',
                '**/regions',
                '**/regions/**',
              ],
              message:
                'src/ui is presentational: it imports nothing from db, sync, actions or features, and takes translated strings and regions as props (no i18n, no regions store).',
            },
          ],
        },
      ],
    },
  },
  // The base rooms (issue 15 item 4): the i18n layer and the region loading, out of the shell so
  // that src/app is only the shell. They take nothing from above (baseRoomImportsNoLayer); the
  // rules for every src file (dexie only in src/db, no test helpers, app links from the route
  // table) apply to them as before. Their tests are exempt, like the features' tests.
  {
    files: ['src/i18n/**/*.{ts,tsx}', 'src/regions/**/*.{ts,tsx}'],
    ignores: ['src/i18n/**/*.test.{ts,tsx}', 'src/regions/**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [dexieOnlyInDb, baseRoomImportsNoLayer] }],
    },
  },
  // Features do not use each other as libraries (issue 15 item 4): a screen that needs what
  // another feature has gets it from src/features/shared (or src/ui), never from the other
  // feature's folder, so features can be moved, split or lazy-loaded without dragging each other
  // along. src/features/shared itself imports no feature. The shell (src/app/routes.tsx) loads
  // every feature's screen as a route chunk; that is the one place features meet. Tests may
  // compose features (a login test drives the password form), so *.test.* files are exempt.
  {
    files: ['src/features/**/*.{ts,tsx}'],
    ignores: ['src/features/**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [dexieOnlyInDb, featureThroughShared, notTheShell] },
      ],
    },
  },
  {
    files: ['src/pwa/**/*.{ts,tsx}'],
    ignores: ['src/pwa/**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [dexieOnlyInDb, pwaImportsNoLayerAbove] }],
    },
  },
  // Test helpers live in test-support folders (src/test-support, server/test-support) and tests/,
  // never among production files: only tests and those folders import vitest, and no production
  // file imports a test helper. A separate rule name (the typescript-eslint twin of
  // no-restricted-imports) so it adds to the layer rules above instead of replacing them.
  {
    files: [
      'src/**/*.{ts,tsx}',
      'server/**/*.ts',
      'scripts/**/*.{ts,js,mjs}',
      'bench/**/*.{ts,js,mjs}',
    ],
    ignores: ['**/*.test.{ts,tsx}', '**/test-support/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'vitest',
                'vitest/*',
                '@testing-library/*',
                'fake-indexeddb',
                'fake-indexeddb/*',
              ],
              message:
                'Test tools only in *.test.ts(x), tests/ and test-support folders: production code never imports them.',
            },
            {
              group: ['**/test-support', '**/test-support/**'],
              message:
                'Test helpers are for tests: production code never imports a test-support folder.',
            },
          ],
        },
      ],
    },
  },
  // App links come from the route table (src/features/shared/paths.ts: paths.point(id)…), never
  // from strings: a link the table does not build is a link no router may answer. Tests may
  // write addresses out (they check what the table builds).
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/features/shared/paths.ts', 'src/**/*.test.{ts,tsx}'],
    rules: { 'no-restricted-syntax': ['error', ...appLinkRules] },
  },
  {
    files: ['scripts/**/*.{js,mjs}', 'bench/**/*.{js,mjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
  // The apply path runs the entities' steps from the table it is handed (server/entity-hooks.ts
  // composes it): server/sync never imports the features that own them, so they depend on it one
  // way (docs/ARCHITECTURE.md "Entity hooks and roster membership").
  {
    files: ['server/sync/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '../duplicates',
                '../duplicates/*',
                '../training',
                '../training/*',
                '../entity-hooks',
              ],
              message:
                'server/sync names no entity: an entity-specific step is a hook in server/entity-hooks.ts, handed in through ApplyContext.hooks.',
            },
          ],
        },
      ],
    },
  },
);
