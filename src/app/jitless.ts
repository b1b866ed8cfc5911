/**
 * Imported first by src/main.tsx, before any module that builds a zod schema: zod 4 probes
 * `new Function('')` when its first object schema is created, to decide whether it may compile
 * parsers, and the app's CSP (`script-src 'self'`, no 'unsafe-eval') refuses that with a console
 * error on every start. `jitless` skips the probe and the compiled parsers (docs/PERFORMANCE.md).
 *
 * Without importing zod: the start page loads no zod at all (the schemas come with the other
 * screens and the sync engine, later), and even `config` from `zod/v4/core` would bring zod's
 * core utilities into the first chunk. zod keeps its configuration in one object on globalThis,
 * `__zod_globalConfig` (zod/v4/core/core.js: created there if missing, shared by every copy of
 * zod); this sets `jitless` on it, creating it first when zod has not. jitless.test.ts checks, in
 * fresh processes, that zod's own `config()` then says jitless and that zod never calls
 * `new Function`, so an upgrade that moves the object fails a test rather than the CSP.
 */
interface ZodGlobalConfig {
  jitless?: boolean;
}

const holder = globalThis as typeof globalThis & { __zod_globalConfig?: ZodGlobalConfig };
holder.__zod_globalConfig ??= {};
holder.__zod_globalConfig.jitless = true;
