/**
 * The map's route and the map itself load no zod (docs/PERFORMANCE.md, seventh session): building
 * the schemas was a 0.4 s task at 4× CPU in the map's cold start on a slow phone, and the map only
 * shows points, it validates nothing. The map reads the zod-free halves of the domain
 * (servicePointValues, pilotTownValues, countRules, spreadsheetSafe); one value import of a schema
 * module anywhere below MapScreen or CoverageMap would bring zod back without any test failing but
 * this one, which follows the static imports in the sources as the bundler does (type-only
 * imports are erased; lazy `import()` calls start chunks of their own and are not followed).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = process.cwd();

/** The static value imports of one source file: relative paths and bare package names. */
function staticImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  // `import … from '…'`, `export … from '…'` and `import '…'`, over several lines.
  const pattern = /^(import|export)\s+(type\s+)?([^'";]*?)\s*(?:from\s+)?['"]([^'"]+)['"];?/gms;
  for (const match of text.matchAll(pattern)) {
    const [, , typeOnly, clause, source] = match;
    if (typeOnly) continue;
    // `import { type A, type B } from` keeps an empty import under verbatimModuleSyntax, so it is
    // followed: only `import type` / `export type` are erased.
    if (clause === undefined || source === undefined) continue;
    // Not an import at all: a declaration whose body holds a dynamic `import('…')` (or a string).
    if (clause.includes('(')) continue;
    out.push(source);
  }
  return out;
}

function resolveSource(from: string, source: string): string | null {
  if (!source.startsWith('.')) return null;
  const base = resolve(dirname(from), source);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`]) {
    if (existsSync(candidate) && /\.tsx?$/.test(candidate)) return candidate;
  }
  return null;
}

/** Every package reached from `entry` through static imports, with one path to each. */
function packagesReached(entry: string): Map<string, string[]> {
  const reached = new Map<string, string[]>();
  const seen = new Set<string>();
  const queue: { file: string; path: string[] }[] = [{ file: entry, path: [] }];
  while (queue.length > 0) {
    const { file, path } = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const here = [...path, relative(ROOT, file)];
    for (const source of staticImports(file)) {
      const next = resolveSource(file, source);
      if (next) queue.push({ file: next, path: here });
      else if (!source.startsWith('.') && !reached.has(source)) reached.set(source, here);
    }
  }
  return reached;
}

const MAP_ENTRIES = [
  'src/features/map/MapScreen.tsx',
  'src/features/map/CoverageMap.tsx',
  'src/features/map/mapReads.ts',
];

/**
 * The map's modules reach no `pkg` (nor a package whose name starts with it) through static
 * imports; `probe` is a module that does, so the walk is shown to see it.
 */
function reachesNo(pkg: string, probe: string) {
  for (const entry of MAP_ENTRIES) {
    it(entry, () => {
      const reached = packagesReached(resolve(ROOT, entry));
      // The walk works: it reaches what the map does need.
      expect(reached.has('react')).toBe(true);
      const found = [...reached].filter(([name]) => name === pkg || name.startsWith(pkg));
      expect(found.map(([name, path]) => `${name} via ${path.join(' → ')}`)).toEqual([]);
    });
  }
  it(`would see ${pkg} through ${probe}`, () => {
    expect(packagesReached(resolve(ROOT, probe)).has(pkg)).toBe(true);
  });
}

describe('the map loads no zod', () => reachesNo('zod', 'src/domain/servicePoint.ts'));

// The map reads its first rows and renders its first screen without Dexie (mapReads.ts, the
// hooks of src/db/live.ts): its chunk and its open come after the render (docs/PERFORMANCE.md,
// tenth session).
describe('the map’s route loads no Dexie before its render', () =>
  reachesNo('dexie', 'src/db/index.ts'));
