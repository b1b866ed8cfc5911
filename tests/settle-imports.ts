// What the jsdom project does at the end of every file (tests/setup-reset.ts registers it as the
// file's last afterAll): the file's React trees unmounted, then every import it started (a lazy
// screen, a lazy section, a route's preload) left to finish loading. An import still loading when
// the file ends runs into the environment's teardown (EnvironmentTeardownError "Cannot load …
// after the environment was torn down") and leaves that module broken for the next files of the
// shared worker (docs/TESTING.md, "Eighth session" and "Ninth session"). Unmounted first, so no
// effect of the file's screens starts another import meanwhile; vi.dynamicImportSettled() also
// waits for imports started while it waits.
import { cleanup } from '@testing-library/react';
import { vi } from 'vitest';
import { releaseLiveSourceHold } from '../src/db/live';

export async function settleFile(): Promise<void> {
  cleanup();
  // A first screen may hold Dexie's load (the map, until its first markers: src/db/live.ts): what
  // waits for it — a kept value's write — runs now, in this file, not later in the next file's
  // database.
  releaseLiveSourceHold();
  await vi.dynamicImportSettled();
}
