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
  {
    files: ['scripts/**/*.{js,mjs}', 'bench/**/*.{js,mjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
);
