/**
 * The rooms' rules (.dependency-cruiser.cjs) are regular expressions over paths: one wrong
 * character and a rule silently lets everything through, and `npm run deps` stays green. This
 * test cruises a small made-up tree with the real config and the real dependency-cruiser: every
 * arrow that runs up a room, every circle and every test tool in production is named, and the
 * arrows the rooms allow are not.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';

const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));
const CRUISER = join(REPO_ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

/** The made-up tree: path → imports. */
const TREE: Record<string, string[]> = {
  // Allowed: each room imports itself and the rooms below it.
  'src/domain/thing.ts': ["import { z } from 'zod';", "import './other';"],
  'src/domain/other.ts': [],
  'src/i18n/index.ts': ["import '../domain/thing';", "import 'react';"],
  'src/db/index.ts': ["import 'dexie';", "import '../domain/thing';"],
  'src/sync/engine.ts': ["import '../db/index';"],
  'src/ui/Button.tsx': ["import 'react';"],
  'src/pwa/useOnline.ts': ["import '../ui/Button';", "import '../i18n/index';"],
  'src/features/shared/firstData.ts': [
    "import '../../pwa/useOnline';",
    "import '../../sync/engine';",
  ],
  'src/features/towns/Towns.tsx': ["import '../shared/firstData';", "import './parts';"],
  'src/features/towns/parts.ts': [],
  'src/features/map/Map.tsx': ["import '../shared/firstData';"],
  'src/app/App.tsx': ["import '../features/towns/Towns';", "import '../features/map/Map';"],
  'server/app.ts': [
    "import '../src/domain/thing';",
    "import './sync/apply';",
    "import './duplicates/review';",
  ],
  'server/sync/apply.ts': [
    "import '../../src/domain/other';",
    "import '../auth/guard';",
    "import '../devices/devices';",
  ],
  'server/db/index.ts': ["import 'node:fs';"],
  'server/base/api-error.ts': ["import '../db/index';", "import '../regions';"],
  'server/regions.ts': ["import '../src/domain/thing';"],
  'server/auth/guard.ts': ["import '../base/api-error';", "import 'node:crypto';"],
  'server/devices/devices.ts': ["import '../auth/guard';"],
  // Tests compose rooms freely and may use the test tools.
  'src/features/map/Map.test.tsx': ["import 'vitest';", "import '../towns/Towns';"],
  'src/test-support/db.ts': ["import 'fake-indexeddb';", "import '../features/map/Map';"],
  // Forbidden, one of each kind (the expectations below name them).
  'src/features/map/Bad.tsx': [
    "import '../../app/App';", // a feature → the shell
    "import '../towns/parts';", // a feature → another feature
    "import 'dexie';", // dexie outside src/db
    "import 'vitest';", // a test tool in production
  ],
  'src/domain/bad.ts': ["import 'react';", "import 'node:fs';", "import '../i18n/index';"],
  'src/ui/Bad.tsx': ["import '../i18n/index';"],
  'src/features/shared/bad.ts': ["import '../map/Map';"],
  'src/sync/bad.ts': ["import '../test-support/db';"],
  'server/bad.ts': ["import '../src/i18n/index';"],
  'server/sync/bad.ts': ["import '../duplicates/review';"],
  'server/duplicates/review.ts': ["import '../sync/apply';"],
  'server/base/bad.ts': ["import '../auth/guard';"], // base → a folder above it
  'server/auth/bad.ts': ["import '../devices/devices';"], // a circle between folders, half of it
  'server/audit/bad.ts': ["import '../devices/devices';"], // a room of the same row
  'server/demo/bad.ts': ["import '../app';"], // a feature → the top
  'server/newroom/x.ts': ["import '../base/api-error';"],
  'src/newroom/x.ts': ["import '../domain/thing';"],
  'src/map/orphan.ts': [], // reached from no entry point: dead code, or a test helper misplaced
  'server/orphan.ts': [],
  'src/map/circleA.ts': ["import type { B } from './circleB';", 'export type A = 1;'],
  'src/map/circleB.ts': ["import type { A } from './circleA';", 'export type B = 2;'],
};

// The entry points reach every production file but the orphans (src/main.tsx may import anything).
const isOrphanOrTest = (path: string) => /orphan|\.test\.|test-support/.test(path);
TREE['src/main.tsx'] = Object.keys(TREE)
  .filter((path) => path.startsWith('src/') && !isOrphanOrTest(path))
  .map((path) => `import '${path.replace(/^src\//, './').replace(/\.tsx?$/, '')}';`);
TREE['server/main.ts'] = Object.keys(TREE)
  .filter(
    (path) => path.startsWith('server/') && !isOrphanOrTest(path) && path !== 'server/main.ts',
  )
  .map((path) => `import '${path.replace(/^server\//, './').replace(/\.ts$/, '')}';`);

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cundian-rooms-'));
  for (const [path, lines] of Object.entries(TREE)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), [...lines, 'export {};', ''].join('\n'));
  }
  copyFileSync(join(REPO_ROOT, '.dependency-cruiser.cjs'), join(dir, '.dependency-cruiser.cjs'));
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        module: 'ESNext',
        moduleResolution: 'Bundler',
        jsx: 'react-jsx',
        allowImportingTsExtensions: true,
        noEmit: true,
      },
      include: ['src', 'server'],
    }),
  );
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

interface Violation {
  from: string;
  to: string;
  rule: { name: string };
}

it('names every arrow that runs up a room, every circle, test code in production and orphan files, and no allowed arrow', () => {
  const run = spawnSync(
    process.execPath,
    [CRUISER, '--config', '.dependency-cruiser.cjs', '--output-type', 'json', 'src', 'server'],
    { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  expect(run.stdout, run.stderr).not.toBe('');
  const result = JSON.parse(run.stdout) as { summary: { violations: Violation[] } };
  // Packages resolve through the symlinked node_modules: keep the package's name only.
  const short = (p: string) => p.replace(/^.*node_modules\/((@[^/]+\/)?[^/]+)\/.*$/, '$1');
  const found = result.summary.violations
    .map((v) => `${v.rule.name}: ${v.from} → ${short(v.to)}`)
    .sort();
  expect(found).toEqual(
    [
      'layer-feature: src/features/map/Bad.tsx → src/app/App.tsx',
      'layer-feature: src/features/map/Bad.tsx → src/features/towns/parts.ts',
      'dexie-only-in-db: src/features/map/Bad.tsx → dexie',
      'no-test-code-in-production: src/features/map/Bad.tsx → vitest',
      'layer-domain: src/domain/bad.ts → react',
      'layer-domain: src/domain/bad.ts → fs', // node:fs, by its core name
      'layer-domain: src/domain/bad.ts → src/i18n/index.ts',
      'layer-ui: src/ui/Bad.tsx → src/i18n/index.ts',
      'layer-features-shared: src/features/shared/bad.ts → src/features/map/Map.tsx',
      'no-test-code-in-production: src/sync/bad.ts → src/test-support/db.ts',
      'layer-sync: src/sync/bad.ts → src/test-support/db.ts',
      'layer-server: server/bad.ts → src/i18n/index.ts',
      'server-sync-names-no-entity: server/sync/bad.ts → server/duplicates/review.ts',
      'server-sync: server/sync/bad.ts → server/duplicates/review.ts',
      'server-base: server/base/bad.ts → server/auth/guard.ts',
      'server-auth: server/auth/bad.ts → server/devices/devices.ts',
      'server-audit: server/audit/bad.ts → server/devices/devices.ts',
      'server-demo: server/demo/bad.ts → server/app.ts',
      'every-server-file-in-a-room: server/newroom/x.ts → server/base/api-error.ts',
      'every-src-file-in-a-room: src/newroom/x.ts → src/domain/thing.ts',
      'no-circular: src/map/circleA.ts → src/map/circleB.ts', // a circle is named once
      'reached-from-an-entry-point: src/map/orphan.ts → src/map/orphan.ts',
      'server-reached-from-an-entry-point: server/orphan.ts → server/orphan.ts',
    ].sort(),
  );
});
