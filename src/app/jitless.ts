/**
 * Imported first by src/main.tsx, before any module that builds a zod schema: zod 4 probes
 * `new Function('')` when its first object schema is created, to decide whether it may compile
 * parsers, and the app's CSP (`script-src 'self'`, no 'unsafe-eval') refuses that with a console
 * error on every start. `jitless` skips the probe and the compiled parsers (docs/PERFORMANCE.md).
 * `zod/v4/core` is the module `z.config` comes from; importing it alone keeps zod out of the
 * first chunk (its global config lives on globalThis, shared with the rest of zod).
 */
import { config } from 'zod/v4/core';

config({ jitless: true });
