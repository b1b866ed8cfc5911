#!/usr/bin/env node
// `npm run test:e2e`: builds the app as users get it, then runs the browser tests in Chromium
// (tests/e2e, playwright-core). Each test file starts its own server on a free port with a fresh
// data folder and a fresh browser profile. Extra arguments go to vitest.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name) => join(root, 'node_modules', '.bin', name);

if (!process.argv.includes('--no-build')) {
  const build = spawnSync(bin('vite'), ['build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const args = process.argv.slice(2).filter((a) => a !== '--no-build');
const run = spawnSync(bin('vitest'), ['run', '--config', 'tests/e2e/vitest.config.ts', ...args], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(run.status ?? 1);
