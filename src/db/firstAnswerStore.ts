/**
 * Where the answers read before the first render are kept (firstAnswers.ts) and which database
 * the app reads — without Dexie, so the first screen's reads through IndexedDB's own API
 * (rawFirst.ts) can leave their answers here before Dexie's chunk has loaded.
 */

/** Answers by key ('session', 'kept:…', 'counted:…', 'newest:…'): see firstAnswers.ts. */
export const firstAnswers = new Map<string, unknown>();

const APP_DATABASE = 'cundian';
let databaseName = APP_DATABASE;

/** The name of the database the app reads (tests give each test its own). */
export function currentDatabaseName(): string {
  return databaseName;
}

/** database.ts: the app switched database (or went back to its own with no name). */
export function setCurrentDatabaseName(name: string = APP_DATABASE): void {
  databaseName = name;
}
