#!/usr/bin/env node
// `npm run deps` (also the last step of `npm run lint`, so CI): the import graph against the rooms.
//
// 1. Cruises src, server, tests, scripts and bench with dependency-cruiser and the rules of
//    .dependency-cruiser.cjs (which room may import which, no import circle, dexie only in src/db,
//    no test code in production…); any violation is printed with its rule's reason, exit 1.
// 2. Draws the room-level graph (folders, not files) as Mermaid and compares it with the drawing
//    between the markers in docs/ARCHITECTURE.md ("The rooms and their imports"): a stale drawing
//    fails too. `npm run deps -- --write` rewrites the drawing.
//
// Rooms in the drawing: each top folder of src/ (src/features/shared on its own, every other
// feature folder drawn as one room "src/features/NAME"), the entry points (src/main.tsx, src/sw.ts),
// and each folder of server/ (server/base with server/regions.ts; the top files of server/ as
// one). Tests, test helpers (test-support, tests/) and the tools (scripts/, bench/) are left out:
// they may import any room and nothing imports them.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DOC = join(ROOT, 'docs/ARCHITECTURE.md');
const START =
  '<!-- deps-graph:start (scripts/deps-graph.mjs writes this block: npm run deps -- --write) -->';
const END = '<!-- deps-graph:end -->';
const SCANNED = ['src', 'server', 'tests', 'scripts', 'bench'];

/** The drawing's rooms, top to bottom: id, label, and which files belong to it. */
const ROOMS = [
  {
    id: 'entry',
    label: 'src/main.tsx, src/sw.ts',
    test: (p) => /^src\/(main\.tsx|sw\.ts)$/.test(p),
  },
  { id: 'app', label: 'src/app (shell)', test: (p) => p.startsWith('src/app/') },
  {
    id: 'features',
    label: 'src/features/NAME (each feature)',
    test: (p) => p.startsWith('src/features/') && !p.startsWith('src/features/shared/'),
  },
  { id: 'shared', label: 'src/features/shared', test: (p) => p.startsWith('src/features/shared/') },
  { id: 'map', label: 'src/map', test: (p) => p.startsWith('src/map/') },
  { id: 'pwa', label: 'src/pwa', test: (p) => p.startsWith('src/pwa/') },
  { id: 'ui', label: 'src/ui', test: (p) => p.startsWith('src/ui/') },
  { id: 'actions', label: 'src/actions', test: (p) => p.startsWith('src/actions/') },
  { id: 'sync', label: 'src/sync', test: (p) => p.startsWith('src/sync/') },
  { id: 'db', label: 'src/db', test: (p) => p.startsWith('src/db/') },
  { id: 'i18n', label: 'src/i18n', test: (p) => p.startsWith('src/i18n/') },
  { id: 'regions', label: 'src/regions', test: (p) => p.startsWith('src/regions/') },
  { id: 'domain', label: 'src/domain', test: (p) => p.startsWith('src/domain/') },
  {
    id: 'server',
    label: 'server/*.ts (app, main, start-server, maintenance, entity-hooks)',
    test: (p) =>
      /^server\/[^/]+\.ts$/.test(p) && p !== 'server/regions.ts' && p !== 'server/area-file.ts',
  },
  ...[
    'demo',
    'duplicates',
    'training',
    'sync',
    'assessment',
    'audit',
    'attachments',
    'devices',
  ].map(serverRoom),
  serverRoom('auth'),
  {
    id: 'serverBase',
    label: 'server/base, server/regions.ts',
    test: (p) =>
      p.startsWith('server/base/') || p === 'server/regions.ts' || p === 'server/area-file.ts',
  },
  serverRoom('db'),
];

/** One folder of server/ as a room of the drawing. */
function serverRoom(folder) {
  return {
    id: `server_${folder}`,
    label: `server/${folder}`,
    test: (p) => p.startsWith(`server/${folder}/`),
  };
}

const isTestCode = (p) => /\.test\.tsx?$|(^|\/)test-support\/|^tests\//.test(p);

function cruise() {
  const bin = join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
  const run = spawnSync(
    process.execPath,
    [bin, '--config', '.dependency-cruiser.cjs', '--output-type', 'json', ...SCANNED],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
  );
  if (run.error) throw run.error;
  if (!run.stdout) {
    process.stderr.write(run.stderr);
    throw new Error(`dependency-cruiser failed (exit ${run.status})`);
  }
  return JSON.parse(run.stdout);
}

function reportViolations(result) {
  const comments = new Map(
    (result.summary.ruleSetUsed.forbidden ?? []).map((rule) => [rule.name, rule.comment]),
  );
  const violations = result.summary.violations.filter((v) => v.rule.severity === 'error');
  for (const v of violations) {
    const path = v.cycle
      ? [v.from, ...v.cycle.map((step) => step.name)].join(' → ')
      : `${v.from} → ${v.to}`;
    console.error(`✗ ${v.rule.name}: ${path}`);
    const why = comments.get(v.rule.name);
    if (why) console.error(`    ${why}`);
  }
  return violations.length;
}

function roomOf(path) {
  return ROOMS.find((room) => room.test(path));
}

/** The Mermaid block: one arrow per pair of rooms that has at least one import (type-only too). */
function drawing(result) {
  const edges = new Set();
  for (const module of result.modules) {
    if (isTestCode(module.source)) continue;
    const from = roomOf(module.source);
    if (!from) continue;
    for (const dep of module.dependencies) {
      if (dep.coreModule || dep.couldNotResolve || isTestCode(dep.resolved)) continue;
      const to = roomOf(dep.resolved);
      if (!to || to === from) continue;
      edges.add(`${from.id}|${to.id}`);
    }
  }
  const order = new Map(ROOMS.map((room, i) => [room.id, i]));
  const sorted = [...edges]
    .map((edge) => edge.split('|'))
    .sort(([a1, b1], [a2, b2]) => order.get(a1) - order.get(a2) || order.get(b1) - order.get(b2));
  const lines = [
    START,
    '',
    '```mermaid',
    'flowchart TD',
    ...ROOMS.map((room) => `  ${room.id}["${room.label}"]`),
    ...sorted.map(([from, to]) => `  ${from} --> ${to}`),
    '```',
    '',
    END,
  ];
  return lines.join('\n');
}

const result = cruise();
const failures = reportViolations(result);

const doc = readFileSync(DOC, 'utf8');
const start = doc.indexOf(START);
const end = doc.indexOf(END);
if (start < 0 || end < start) {
  console.error(`✗ docs/ARCHITECTURE.md has no drawing block (${START} … ${END}).`);
  process.exit(1);
}
const current = doc.slice(start, end + END.length);
const fresh = drawing(result);
let stale = false;
if (current !== fresh) {
  if (process.argv.includes('--write')) {
    writeFileSync(DOC, doc.slice(0, start) + fresh + doc.slice(end + END.length));
    console.log('docs/ARCHITECTURE.md: the rooms drawing is rewritten.');
  } else {
    stale = true;
    console.error(
      '✗ docs/ARCHITECTURE.md: the rooms drawing is not the import graph of today: run `npm run deps -- --write` and commit it.',
    );
  }
}

const { totalCruised, totalDependenciesCruised } = result.summary;
if (failures > 0 || stale) {
  console.error(`${failures} import rule violation(s)${stale ? ', drawing stale' : ''}.`);
  process.exit(1);
}
console.log(
  `✓ rooms: no violation, no circle, drawing current (${totalCruised} modules, ${totalDependenciesCruised} imports).`,
);
