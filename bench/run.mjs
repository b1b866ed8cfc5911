#!/usr/bin/env node
// `npm run bench`: runs every bench/*.bench.ts (through tsx) one after another; each prints a table.
// Benchmarks measure and print; they never pass or fail on time. Pass names to run only some:
// `npm run bench -- domain`.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
let failed = false;
for (const file of files) {
  console.log(`\n## ${file}`);
  // The deployment's area first (bench/area.ts), as server/main.ts sets it at start.
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--import', join(here, 'area.ts'), join(here, file)],
    { stdio: 'inherit' },
  );
  if (run.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
