/**
 * Loads the demo data set (server/demo/demo-data.ts: four accounts with password demo-2026 and
 * about 150 records of 淳安县, names prefixed 【演示】) into the database without starting the
 * server: `node --import tsx scripts/demo-data.ts`. Uses DATABASE_URL, or the embedded database
 * in DATA_DIR (stop the server first). Does nothing when the demo was loaded before.
 *
 * `npm start` does the same by itself on an empty embedded database, and with `--demo` on any.
 */
import { DataDirLockedError, migrate, openDatabase } from '../server/db';
import { describeDemo, loadDemoData } from '../server/demo/demo-data';
import { RECORD_HOOKS } from '../server/entity-hooks';
import { configureDeploymentOrSay, serverRegions } from '../server/regions';
import { isEntryPoint } from '../server/base/entry-point';

export async function main(): Promise<number> {
  if (!configureDeploymentOrSay(process.env)) return 1;
  let db;
  try {
    db = await openDatabase(process.env);
  } catch (error) {
    if (error instanceof DataDirLockedError) {
      console.error(
        'The server is running on this data folder: stop it first, or start it with --demo ' +
          `instead. (${error.message})`,
      );
      return 1;
    }
    throw error;
  }
  try {
    await migrate(db);
    const regions = serverRegions();
    const report = await loadDemoData(db, { regions, hooks: RECORD_HOOKS });
    if (!report) {
      console.log('The demo data was loaded before: nothing to do.');
      return 0;
    }
    for (const line of describeDemo(report, regions)) console.log(line);
    return 0;
  } finally {
    await db.close();
  }
}

if (isEntryPoint(import.meta.url)) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
