/**
 * The local database for client tests (never imported by the app). Each test gets a database of
 * its own (fake-indexeddb, tests/setup-dom.ts), made the app's current one, and after the test
 * the React trees are unmounted first — so no live query reads a closed database — then the
 * database is closed and deleted. One helper instead of the same eight lines in every file.
 */
import { cleanup } from '@testing-library/react';
import { onTestFinished } from 'vitest';
// Imported under another name: it is not a React hook, whatever its name says.
import { useDatabaseNamed as makeCurrentDatabase, type CundianDb } from '../db';

let opened = 0;

/**
 * Opens a fresh database named after `label` for the running test (call it in beforeEach or in
 * the test) and removes it when the test has finished, after the file's own afterEach hooks.
 */
export function freshDatabase(label: string): CundianDb {
  opened += 1;
  const db = makeCurrentDatabase(`${label}-${opened}-${Math.random().toString(36).slice(2)}`);
  onTestFinished(async () => {
    cleanup();
    db.close();
    await db.delete();
  });
  return db;
}
