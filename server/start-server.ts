/**
 * Starting the whole server: configuration from the environment, database, migrations, app,
 * listening. main.ts calls `startServer()`; scripts and tests may call it too.
 */
import { isIP } from 'node:net';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { MIN_AUDIT_RETENTION_DAYS } from '../src/domain/audit';
import { buildApp } from './app';
import { DEFAULT_DATA_DIR, migrate, openDatabase, type Db } from './db';
import type { MigrationReport } from './db/migrate';
import { refreshPlannerStatistics } from './db/planner-statistics';
import { idleLockMinutes } from './auth/sessions';
import { backfillPointKeys } from './duplicates/backfill';
import { isEmptyDatabase, loadDemoData, type DemoReport } from './demo/demo-data';
import { RECORD_HOOKS } from './entity-hooks';
import { accountsWithDemoPasswords, decideDemo, demoPasswordsRefusal } from './demo/demo-safety';
import {
  DEFAULT_MAINTENANCE,
  MIN_RETENTION_DAYS,
  startMaintenance,
  type MaintenanceConfig,
} from './maintenance';
import { serverRegions } from './regions';
import {
  DEFAULT_PASSWORD_POLICY,
  LOWEST_MIN_LENGTH,
  type PasswordPolicy,
} from '../src/domain/passwordPolicy';
import { DEFAULT_SIGN_IN_LIMIT, type SignInLimitConfig } from './base/sign-in-limit';

export interface ServerConfig {
  port: number;
  host: string;
  /** Set → PostgreSQL; unset → PGlite in dataDir. */
  databaseUrl?: string | undefined;
  dataDir: string;
  /** The built PWA (default dist/). */
  staticDir?: string | undefined;
  logger?: FastifyServerOptions['logger'];
  /**
   * Demo data (server/demo/demo-data.ts): 'ifEmpty' loads it into a database with no users and
   * no records (the embedded default), 'always' unless loaded before (`--demo`), 'never' (the
   * default for programmatic use and for DATABASE_URL without --demo).
   */
  demo?: 'ifEmpty' | 'always' | 'never';
  /** Fastify's trustProxy, from TRUST_PROXY (see buildApp). */
  trustProxy?: FastifyServerOptions['trustProxy'];
  /** Pruning and compaction at start and on a timer (server/maintenance.ts); default hourly. */
  maintenance?: MaintenanceConfig;
  /** PASSWORD_MIN_LENGTH, PASSWORD_MIN_CLASSES, PASSWORD_EXPIRY_DAYS, PASSWORD_EXPIRY_WARNING_DAYS. */
  passwordPolicy?: PasswordPolicy;
  /** SIGN_IN_CONCURRENCY: password verifications at once, server-wide (default 4). */
  signInLimit?: SignInLimitConfig;
}

export interface RunningServer {
  app: FastifyInstance;
  db: Db;
  /** http://host:port, with the real port when 0 was asked for. */
  url: string;
  migrations: MigrationReport;
  /** What the demo loaded at this start, if it did. */
  demo?: DemoReport | undefined;
  /** The maintenance run at start (tests wait for it). */
  maintenanceStarted: Promise<void>;
  /** Stops accepting requests, finishes the ones in flight, stops maintenance, closes the database. */
  close(): Promise<void>;
}

/** A start-up failure with a known cause: main prints its message alone, without a stack. */
export class StartupError extends Error {
  override readonly name = 'StartupError';
}

export const DEFAULT_PORT = 8080;
export const DEFAULT_HOST = '127.0.0.1';

/**
 * Reads PORT, HOST, DATABASE_URL, DATA_DIR, LOG_LEVEL, TRUST_PROXY, MAINTENANCE_INTERVAL_MINUTES,
 * PUSH_RESULTS_RETENTION_DAYS, CHANGE_LOG_RETENTION_DAYS, UNUSED_PHOTOS_RETENTION_DAYS,
 * AUDIT_RETENTION_DAYS, the PASSWORD_* settings and SIGN_IN_CONCURRENCY, and the `--demo`
 * argument; throws StartupError on a bad value.
 */
export function readServerConfig(
  env: NodeJS.ProcessEnv = process.env,
  args: readonly string[] = [],
): ServerConfig {
  const portText = env.PORT?.trim() || String(DEFAULT_PORT);
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new StartupError(`PORT must be a number from 0 to 65535, not "${portText}"`);
  }
  return {
    port,
    host: env.HOST?.trim() || DEFAULT_HOST,
    databaseUrl: env.DATABASE_URL?.trim() || undefined,
    dataDir: env.DATA_DIR?.trim() || DEFAULT_DATA_DIR,
    // Quiet by default: `npm start` on an office PC should not print a line per request.
    logger: { level: env.LOG_LEVEL?.trim() || 'warn' },
    // A fresh embedded database gets the demo so `npm start` shows something; a real
    // PostgreSQL is production unless someone asks.
    demo: args.includes('--demo') ? 'always' : env.DATABASE_URL?.trim() ? 'never' : 'ifEmpty',
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    maintenance: readMaintenanceConfig(env),
    passwordPolicy: readPasswordPolicy(env),
    signInLimit: {
      ...DEFAULT_SIGN_IN_LIMIT,
      maxInFlight: readNumber(env, 'SIGN_IN_CONCURRENCY', {
        min: 1,
        fallback: DEFAULT_SIGN_IN_LIMIT.maxInFlight,
        off: false,
      })!,
    },
  };
}

/**
 * The password policy from PASSWORD_MIN_LENGTH (≥ 8, default 10), PASSWORD_MIN_CLASSES (1–4,
 * default 3), PASSWORD_EXPIRY_DAYS (0 = never, default 180) and PASSWORD_EXPIRY_WARNING_DAYS
 * (default 14). Also read by the users command (scripts/users.ts).
 */
export function readPasswordPolicy(env: NodeJS.ProcessEnv = process.env): PasswordPolicy {
  const d = DEFAULT_PASSWORD_POLICY;
  const minClasses = readNumber(env, 'PASSWORD_MIN_CLASSES', {
    min: 1,
    fallback: d.minClasses,
    off: false,
  })!;
  if (minClasses > 4) {
    throw new StartupError(`PASSWORD_MIN_CLASSES must be from 1 to 4, not "${minClasses}"`);
  }
  return {
    minLength: readNumber(env, 'PASSWORD_MIN_LENGTH', {
      min: LOWEST_MIN_LENGTH,
      fallback: d.minLength,
      off: false,
    })!,
    minClasses,
    maxLength: d.maxLength,
    expiryDays: readNumber(env, 'PASSWORD_EXPIRY_DAYS', {
      min: 0,
      fallback: d.expiryDays,
      off: false,
    })!,
    warnDays: readNumber(env, 'PASSWORD_EXPIRY_WARNING_DAYS', {
      min: 0,
      fallback: d.warnDays,
      off: false,
    })!,
  };
}

/** A whole number from the environment, `off` (→ null) where allowed, or the default. */
function readNumber(
  env: NodeJS.ProcessEnv,
  name: string,
  options: { min: number; fallback: number; off: boolean },
): number | null {
  const text = env[name]?.trim();
  if (!text) return options.fallback;
  if (options.off && text === 'off') return null;
  const value = Number(text);
  if (!Number.isInteger(value) || value < options.min) {
    throw new StartupError(
      `${name} must be a whole number ≥ ${options.min}${options.off ? ' or off' : ''}, not "${text}"`,
    );
  }
  return value;
}

function readMaintenanceConfig(env: NodeJS.ProcessEnv): MaintenanceConfig {
  const minutes = readNumber(env, 'MAINTENANCE_INTERVAL_MINUTES', {
    min: 1,
    fallback: DEFAULT_MAINTENANCE.intervalMs! / 60_000,
    off: true,
  });
  return {
    intervalMs: minutes === null ? null : minutes * 60_000,
    pushResultsRetentionDays: readNumber(env, 'PUSH_RESULTS_RETENTION_DAYS', {
      min: MIN_RETENTION_DAYS,
      fallback: DEFAULT_MAINTENANCE.pushResultsRetentionDays,
      off: false,
    })!,
    changeLogRetentionDays: readNumber(env, 'CHANGE_LOG_RETENTION_DAYS', {
      min: MIN_RETENTION_DAYS,
      fallback: DEFAULT_MAINTENANCE.changeLogRetentionDays!,
      off: true,
    }),
    unusedPhotosRetentionDays: readNumber(env, 'UNUSED_PHOTOS_RETENTION_DAYS', {
      min: MIN_RETENTION_DAYS,
      fallback: DEFAULT_MAINTENANCE.unusedPhotosRetentionDays!,
      off: true,
    }),
    auditRetentionDays: readAuditRetention(env),
  };
}

/** AUDIT_RETENTION_DAYS: 180 at least (MLPS level 2: six months), never `off`. */
function readAuditRetention(env: NodeJS.ProcessEnv): number {
  const text = env.AUDIT_RETENTION_DAYS?.trim();
  if (!text) return DEFAULT_MAINTENANCE.auditRetentionDays;
  const value = Number(text);
  if (!Number.isInteger(value) || value < MIN_AUDIT_RETENTION_DAYS) {
    throw new StartupError(
      `AUDIT_RETENTION_DAYS must be a whole number of days ≥ ${MIN_AUDIT_RETENTION_DAYS} ` +
        `(the security audit log is kept at least six months: MLPS 2.0 level 2), not "${text}". ` +
        `Remove it for the default (${DEFAULT_MAINTENANCE.auditRetentionDays}) or write a larger number.`,
    );
  }
  return value;
}

/**
 * TRUST_PROXY: which peer may say who the client is (X-Forwarded-For): the reverse proxy's
 * addresses or CIDRs ("127.0.0.1", "10.0.0.5,10.0.0.0/24") or the number of proxies in front
 * ("1"). Unset, "false" or "0": nobody (the default: the server faces the clients). "true" is
 * refused: it would let any client name its own address and escape the sign-in throttle.
 */
export function parseTrustProxy(value: string | undefined): FastifyServerOptions['trustProxy'] {
  const text = value?.trim();
  if (!text || text === 'false' || text === '0') return false;
  const advice =
    "write the reverse proxy's address (TRUST_PROXY=127.0.0.1 when it runs on this machine), " +
    'several addresses or CIDRs separated by commas (TRUST_PROXY=10.0.0.5,10.0.1.0/24), or ' +
    'the number of proxies in front (TRUST_PROXY=1); see docs/DEPLOY.md';
  if (text === 'true') {
    throw new StartupError(
      `TRUST_PROXY=true would trust X-Forwarded-For from anyone (a client could pick its own ` +
        `address and escape the sign-in throttle): ${advice}`,
    );
  }
  if (/^\d+$/.test(text)) {
    // Fastify 5.12 answers a bare number by trusting nobody (a hop count cannot check the peer),
    // so the count is a function: the first `hops` peers, nearest first, are proxies. Only safe
    // when the server cannot be reached but through them (docs/DEPLOY.md): prefer addresses.
    const hops = Number(text);
    return (_address: string, hop: number) => hop < hops;
  }
  const entries = text.split(',').map((entry) => entry.trim());
  for (const entry of entries) {
    const [address = '', bits, extra] = entry.split('/');
    const family = isIP(address);
    const maxBits = family === 6 ? 128 : 32;
    const bitsOk = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= maxBits);
    if (family === 0 || !bitsOk || extra !== undefined) {
      throw new StartupError(`TRUST_PROXY: "${entry}" is not an address or CIDR: ${advice}`);
    }
  }
  return entries;
}

function urlOf(app: FastifyInstance, host: string, fallbackPort: number): string {
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : fallbackPort;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

export async function startServer(config: ServerConfig): Promise<RunningServer> {
  try {
    idleLockMinutes(); // read per request; a bad value refuses the start, not the first phone
  } catch (error) {
    throw new StartupError((error as Error).message);
  }
  const db = await openDatabase({ DATABASE_URL: config.databaseUrl, DATA_DIR: config.dataDir });
  let app: FastifyInstance | undefined;
  try {
    const migrations = await migrate(db);
    await backfillPointKeys(db);
    const regions = serverRegions();
    // Demo only where it is safe: loopback, or --demo (server/demo/demo-safety.ts).
    const demoDecision = decideDemo(config.host, config.demo ?? 'never');
    const demo =
      demoDecision.load === 'always' ||
      (demoDecision.load === 'ifEmpty' && (await isEmptyDatabase(db)))
        ? await loadDemoData(db, { regions, hooks: RECORD_HOOKS })
        : undefined;
    // A database restored, upgraded or just filled with the demo: plan its queries on its real
    // sizes from the first request (PGlite keeps no statistics by itself).
    if (db.kind === 'pglite') await refreshPlannerStatistics(db);
    if (demoDecision.refuseDemoPasswords) {
      const withDemoPasswords = await accountsWithDemoPasswords(db);
      if (withDemoPasswords.length > 0) {
        throw new StartupError(demoPasswordsRefusal(config.host, withDemoPasswords));
      }
    }
    app = await buildApp({
      db,
      regions,
      staticDir: config.staticDir,
      logger: config.logger ?? false,
      trustProxy: config.trustProxy ?? false,
      passwordPolicy: config.passwordPolicy ?? DEFAULT_PASSWORD_POLICY,
      signInLimit: config.signInLimit ?? DEFAULT_SIGN_IN_LIMIT,
    });
    try {
      await app.listen({ port: config.port, host: config.host });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE') {
        throw new StartupError(
          `Port ${config.port} on ${config.host} is already in use: stop the other server or set PORT`,
        );
      }
      if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
        throw new StartupError(`HOST ${config.host} is not an address of this machine`);
      }
      throw error;
    }
    const runningApp = app;
    // After listening: a long first compaction must not delay the start.
    const maintenance = startMaintenance(db, config.maintenance ?? DEFAULT_MAINTENANCE, {
      log: runningApp.log,
    });
    let closed: Promise<void> | undefined;
    return {
      app: runningApp,
      db,
      url: urlOf(runningApp, config.host, config.port),
      migrations,
      demo,
      maintenanceStarted: maintenance.firstRun,
      close: () => {
        closed ??= (async () => {
          try {
            await runningApp.close();
          } finally {
            await maintenance.stop(); // a run in progress finishes before the database closes
            await db.close();
          }
        })();
        return closed;
      },
    };
  } catch (error) {
    await app?.close().catch(() => undefined);
    await db.close().catch(() => undefined);
    throw error;
  }
}
