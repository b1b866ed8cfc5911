/**
 * The server's entry point: `tsx server/main.ts [--demo]`. Reads the environment, starts the server
 * (loading the demo into an empty embedded database on a loopback address, or anywhere with
 * --demo; refusing a non-loopback start while demo passwords work: server/demo/demo-safety.ts),
 * prints where it runs, and stops cleanly on SIGINT/SIGTERM (closing the database releases the
 * data-folder lock). Expected failures — data folder in use, database unreachable, port taken —
 * print one line and exit with code 1; anything else prints its stack.
 */
import { DatabaseUnreachableError, DataDirLockedError } from './db';
import { describeDemo } from './demo/demo-data';
import { DEFAULT_STATIC_DIR } from './app';
import { builtRegion, configureDeployment, RegionSettingError, serverRegions } from './regions';
import { readServerConfig, startServer, StartupError, type RunningServer } from './start-server';

export {
  readServerConfig,
  startServer,
  type RunningServer,
  type ServerConfig,
} from './start-server';
import { isEntryPoint } from './base/entry-point';

/** A stop that takes longer than this (a hung request) ends the process anyway. */
const SHUTDOWN_TIMEOUT_MS = 10_000;

function isExpectedStartupFailure(error: unknown): error is Error {
  return (
    error instanceof DataDirLockedError ||
    error instanceof DatabaseUnreachableError ||
    error instanceof StartupError ||
    error instanceof RegionSettingError
  );
}

function stopOnSignals(server: RunningServer): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      console.error(`${signal} again: exiting without waiting.`);
      process.exit(1);
    }
    stopping = true;
    console.log(`${signal}: stopping the server…`);
    setTimeout(() => {
      console.error(`Still stopping after ${SHUTDOWN_TIMEOUT_MS / 1000} s: exiting anyway.`);
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS).unref();
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('Error while stopping:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

export async function main(): Promise<void> {
  let server: RunningServer;
  try {
    // The area first: everything after it (the gazetteer, the demo, validation) is the area's.
    const area = configureDeployment(process.env);
    const built = builtRegion(DEFAULT_STATIC_DIR);
    if (built !== undefined && built !== area.code) {
      throw new RegionSettingError(
        `dist/ 中的应用是为 REGION=${built} 构建的 / the app in dist/ was built for REGION=${built}, not ${area.code}: run \`REGION=${area.code} npm run build\` (npm start rebuilds by itself)`,
      );
    }
    server = await startServer(readServerConfig(process.env, process.argv.slice(2)));
  } catch (error) {
    if (isExpectedStartupFailure(error)) {
      console.error(`Cannot start 村电通 cundian: ${error.message}`);
    } else {
      console.error('Cannot start 村电通 cundian:', error);
    }
    process.exit(1);
  }

  const { migrations } = server;
  if (migrations.applied.length > 0) {
    console.log(`Database migrated: ${migrations.applied.join(', ')}`);
  }
  for (const fileName of migrations.changed) {
    console.warn(
      `Warning: migration ${fileName} was edited after it was applied; write a new one.`,
    );
  }
  if (migrations.unknown.length > 0) {
    console.warn(
      `Warning: the database has migrations this server does not know ` +
        `(${migrations.unknown.join(', ')}): a newer version of the server migrated it.`,
    );
  }
  if (server.demo) {
    for (const line of describeDemo(server.demo, serverRegions())) console.log(line);
  } else {
    // A server for other machines gets no demo (server/demo/demo-safety.ts): say how to begin.
    const users = await server.db.query<{ n: number }>('select count(*)::int as n from users');
    if (users.rows[0]?.n === 0) {
      console.log(
        `No accounts yet (还没有账号): add the first admin with ` +
          `npm run users -- add NAME --role admin --scope ${serverRegions().prefecture.code}` +
          (server.db.kind === 'pglite' ? ' (stop this server first).' : '.'),
      );
    }
  }
  console.log(`村电通 cundian running at ${server.url}  (database: ${server.db.description})`);
  stopOnSignals(server);
}

if (isEntryPoint(import.meta.url)) void main();
