/**
 * Starting the whole server: configuration from the environment, database, migrations, app,
 * listening. main.ts calls `startServer()`; scripts and tests may call it too.
 */
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { buildApp } from './app';
import { DEFAULT_DATA_DIR, migrate, openDatabase, type Db } from './db';
import type { MigrationReport } from './db/migrate';
import { backfillPointKeys } from './duplicates/backfill';
import { isEmptyDatabase, loadDemoData, type DemoReport } from './demo/demo-data';
import { serverRegions } from './regions';

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
}

export interface RunningServer {
  app: FastifyInstance;
  db: Db;
  /** http://host:port, with the real port when 0 was asked for. */
  url: string;
  migrations: MigrationReport;
  /** What the demo loaded at this start, if it did. */
  demo?: DemoReport | undefined;
  /** Stops accepting requests, finishes the ones in flight, closes the database. */
  close(): Promise<void>;
}

/** A start-up failure with a known cause: main prints its message alone, without a stack. */
export class StartupError extends Error {
  override readonly name = 'StartupError';
}

export const DEFAULT_PORT = 8080;
export const DEFAULT_HOST = '127.0.0.1';

/**
 * Reads PORT, HOST, DATABASE_URL, DATA_DIR, LOG_LEVEL and TRUST_PROXY, and the `--demo` argument;
 * throws StartupError on a bad PORT.
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
  };
}

/** TRUST_PROXY: unset/false → off; true → trust X-Forwarded-For from anyone; anything else →
 * the proxies' addresses (e.g. "127.0.0.1,10.0.0.0/8"). */
function parseTrustProxy(value: string | undefined): FastifyServerOptions['trustProxy'] {
  const text = value?.trim();
  if (!text || text === 'false' || text === '0') return false;
  if (text === 'true') return true;
  return text;
}

function urlOf(app: FastifyInstance, host: string, fallbackPort: number): string {
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : fallbackPort;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

export async function startServer(config: ServerConfig): Promise<RunningServer> {
  const db = await openDatabase({ DATABASE_URL: config.databaseUrl, DATA_DIR: config.dataDir });
  let app: FastifyInstance | undefined;
  try {
    const migrations = await migrate(db);
    await backfillPointKeys(db);
    const regions = serverRegions();
    const demoMode = config.demo ?? 'never';
    const demo =
      demoMode === 'always' || (demoMode === 'ifEmpty' && (await isEmptyDatabase(db)))
        ? await loadDemoData(db, { regions })
        : undefined;
    app = await buildApp({
      db,
      regions,
      staticDir: config.staticDir,
      logger: config.logger ?? false,
      trustProxy: config.trustProxy ?? false,
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
    let closed: Promise<void> | undefined;
    return {
      app: runningApp,
      db,
      url: urlOf(runningApp, config.host, config.port),
      migrations,
      demo,
      close: () => {
        closed ??= (async () => {
          try {
            await runningApp.close();
          } finally {
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
