#!/usr/bin/env node
// `npm start`: build the app if the build is missing or older than its sources, then run the
// server (embedded PGlite in ./data unless DATABASE_URL is set). Extra arguments go to the server.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const builtIndex = join(root, 'dist', 'index.html');

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

// The deployment's area (docs/REGIONS.md): its region data is generated on first use (the server
// says what is wrong with a REGION it cannot serve), and a build of another area is rebuilt.
const region = process.env.REGION?.trim() || '3301';
const servable = /^(\d{2}|\d{4})$/.test(region); // a province or a prefecture (server/area-file.ts)
// A file the generator added in the seventh session (a province's prefecture outlines, a
// prefecture's names file: docs/REGIONS.md "Per-county gazetteer"): data generated before it
// lacks the county files too, so it is generated again.
const lastWritten = region.length === 2 ? `${region}-outlines.json` : `${region}-names.json`;
if (
  servable &&
  (!existsSync(join(root, 'public', 'regions', `${region}-area.json`)) ||
    !existsSync(join(root, 'public', 'regions', lastWritten)))
) {
  console.log(`Generating the region data of REGION=${region}…`);
  const generated = spawnSync(
    process.execPath,
    [join(root, 'scripts', 'generate-regions.mjs'), region],
    { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  if (generated.status !== 0) process.exit(generated.status ?? 1);
}
const builtFor = join(root, 'dist', 'deployment.json');
const builtRegion = existsSync(builtFor) ? JSON.parse(readFileSync(builtFor, 'utf8')).code : null;

const sources = ['src', 'public', 'index.html', 'vite.config.ts', 'package.json'].map((p) =>
  join(root, p),
);
const builtAt = existsSync(builtIndex) ? statSync(builtIndex).mtimeMs : 0;
const sourcesAt = Math.max(...sources.map(newestMtime));

const otherArea = builtAt > 0 && builtRegion !== region && servable;
if (builtAt < sourcesAt || otherArea) {
  console.log(
    otherArea
      ? `The build is of another area (${builtRegion ?? 'unknown'}): building the app for REGION=${region}…`
      : builtAt
        ? 'Sources changed since the last build: building the app…'
        : 'Building the app (first start)…',
  );
  const build = spawnSync(
    join(root, 'node_modules', '.bin', 'vite'),
    ['build', '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (build.status !== 0) process.exit(build.status ?? 1);
}

// One process (node with tsx's loader), so signals reach the server itself and it can release the
// data folder's lock on Ctrl-C.
const server = spawn(
  process.execPath,
  ['--import', 'tsx', join(root, 'server', 'main.ts'), ...process.argv.slice(2)],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
