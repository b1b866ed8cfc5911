#!/usr/bin/env node
// `npm run dev`: the API server (embedded PGlite in ./data unless DATABASE_URL is set) on :8080 and
// the Vite dev server with hot reload, which proxies /api to it. Ctrl-C stops both.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const children = [
  spawn(process.execPath, ['--import', 'tsx', join(root, 'server', 'main.ts')], {
    cwd: root,
    stdio: 'inherit',
  }),
  spawn(join(root, 'node_modules', '.bin', 'vite'), ['--host', process.env.HOST ?? '127.0.0.1'], {
    cwd: root,
    stdio: 'inherit',
  }),
];
const stopAll = (signal) => children.forEach((c) => c.exitCode === null && c.kill(signal));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stopAll(signal));
for (const child of children)
  child.on('exit', (code) => {
    stopAll('SIGTERM');
    process.exitCode = code ?? 0;
  });
