/**
 * jitless.ts configures zod without importing it (so the start page loads no zod): what it writes
 * must be what zod reads, whether zod loads after it (the app) or before it, and then zod must
 * never call `new Function` (which the app's CSP refuses). Each case runs in a fresh Node
 * process, so no module cache of this test runner decides the order.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// Tests run from the repository's root (vite.config.ts).
const JITLESS = resolve('src/app/jitless.ts');

/** Counts `new Function(...)` calls, builds and uses an object schema, prints what it saw. */
function run(zodFirst: boolean): { jitless: unknown; evals: number; parsed: unknown } {
  const script = `
    let evals = 0;
    globalThis.Function = new Proxy(Function, {
      construct(target, args) { evals += 1; return Reflect.construct(target, args); },
    });
    ${zodFirst ? "const core = await import('zod/v4/core');" : ''}
    await import(${JSON.stringify(JITLESS)});
    ${zodFirst ? '' : "const core = await import('zod/v4/core');"}
    const { z } = await import('zod');
    const parsed = z.object({ name: z.string() }).parse({ name: '村' });
    console.log(JSON.stringify({ jitless: core.config().jitless, evals, parsed }));
  `;
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '--eval', script],
    { encoding: 'utf8' },
  );
  if (child.status !== 0) throw new Error(child.stderr);
  return JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '') as ReturnType<typeof run>;
}

/** A fresh node with tsx, zod and this file: seconds on a loaded machine (past vitest's 5 s). */
const SPAWN_TIMEOUT_MS = 30_000;

describe('jitless', () => {
  it(
    "is the configuration zod reads when zod loads after it (the app's order)",
    () => {
      expect(run(false)).toEqual({ jitless: true, evals: 0, parsed: { name: '村' } });
    },
    SPAWN_TIMEOUT_MS,
  );

  it(
    'reaches a zod that loaded before it',
    () => {
      expect(run(true)).toEqual({ jitless: true, evals: 0, parsed: { name: '村' } });
    },
    SPAWN_TIMEOUT_MS,
  );
});
