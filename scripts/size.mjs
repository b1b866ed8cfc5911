#!/usr/bin/env node
// `npm run size`: the JavaScript a phone downloads before the first screen renders, gzipped, checked
// against the budget (issue 2: ≤ 160 KB). "Before the first screen" = the entry chunk and every chunk
// it imports statically (modulepreload), read from the built index.html — not the lazy chunks (map,
// charts, other screens). Exits 1 over budget. Builds first if there is no build.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET_BYTES = 160 * 1024;
const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');

if (!existsSync(join(dist, 'index.html')) || process.argv.includes('--build')) {
  const build = spawnSync(
    join(root, 'node_modules', '.bin', 'vite'),
    ['build', '--logLevel', 'warn'],
    { cwd: root, stdio: 'inherit' },
  );
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const html = readFileSync(join(dist, 'index.html'), 'utf8');
const initial = new Set();
for (const m of html.matchAll(/<script[^>]+src="\/([^"]+\.js)"/g)) initial.add(m[1]);
for (const m of html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\/([^"]+\.js)"/g))
  initial.add(m[1]);
for (const m of html.matchAll(/<link[^>]+href="\/([^"]+\.js)"[^>]+rel="modulepreload"/g))
  initial.add(m[1]);

// Follow static imports inside the initial chunks too (rolldown may not list them all in the HTML).
const queue = [...initial];
while (queue.length) {
  const file = queue.pop();
  const code = readFileSync(join(dist, file), 'utf8');
  for (const m of code.matchAll(
    /(?:^|[;\s}])import\s*(?:[\w${},\s*]+from\s*)?["']\.\/([\w.-]+\.js)["']/g,
  )) {
    const dep = `assets/${m[1]}`;
    if (!initial.has(dep)) {
      initial.add(dep);
      queue.push(dep);
    }
  }
}

const rows = [];
let initialGzip = 0;
const assets = readdirSync(join(dist, 'assets')).filter(
  (f) => f.endsWith('.js') || f.endsWith('.css'),
);
for (const name of assets) {
  const file = `assets/${name}`;
  const buf = readFileSync(join(dist, file));
  const gz = gzipSync(buf, { level: 9 }).length;
  const isInitial = initial.has(file);
  if (isInitial && name.endsWith('.js')) initialGzip += gz;
  rows.push({ file, raw: buf.length, gzip: gz, when: isInitial ? 'first screen' : 'lazy' });
}
rows.sort((a, b) => (a.when === b.when ? b.gzip - a.gzip : a.when === 'first screen' ? -1 : 1));

const kb = (n) => (n / 1024).toFixed(1).padStart(8);
console.log(`${'file'.padEnd(48)} ${'raw KB'.padStart(8)} ${'gzip KB'.padStart(8)}  when`);
for (const r of rows) console.log(`${r.file.padEnd(48)} ${kb(r.raw)} ${kb(r.gzip)}  ${r.when}`);
const regions = existsSync(join(dist, 'regions'))
  ? readdirSync(join(dist, 'regions')).map((f) => ({
      f,
      size: statSync(join(dist, 'regions', f)).size,
      gz: gzipSync(readFileSync(join(dist, 'regions', f))).length,
    }))
  : [];
for (const r of regions)
  console.log(`${('regions/' + r.f).padEnd(48)} ${kb(r.size)} ${kb(r.gz)}  lazy data (precached)`);
console.log('');
console.log(
  `JavaScript before the first screen: ${(initialGzip / 1024).toFixed(1)} KB gzip (budget ${BUDGET_BYTES / 1024} KB)`,
);
if (initialGzip > BUDGET_BYTES) {
  console.error('Over budget: move something behind a lazy import().');
  process.exit(1);
}
