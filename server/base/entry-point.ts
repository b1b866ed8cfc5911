/**
 * Whether the module at `moduleUrl` (its `import.meta.url`) is the one node was asked to run, so
 * a file can be both a command (server/main.ts, scripts/users.ts, scripts/demo-data.ts) and a
 * module its tests import. Through links: `npm start` may run it by a linked path.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export function isEntryPoint(moduleUrl: string): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(moduleUrl));
  } catch {
    return false;
  }
}
