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
              group: ['**/db', '**/db/**', '**/sync', '**/sync/**', '**/actions', '**/actions/**'],
              message: 'src/ui is presentational: it imports nothing from db, sync or actions.',
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
);
