/**
 * For screens' tests of the small province (./province.ts): the files served by a stubbed fetch
 * and an admin signed in. Apart from province.ts, which server and domain tests import: this one
 * loads the app's database (Dexie), which must not be loaded in a Node worker before
 * fake-indexeddb is (Dexie keeps the IndexedDB it found when first imported).
 */
import { vi } from 'vitest';
import { writeSession, type CundianDb } from '../db';
import type { User } from '../domain/protocol';
import { setRegionsScope } from '../regions';

/**
 * `fetch` answers `files` (address → body) and 404 for any other address; returns the list of
 * the addresses asked, in order. The caller restores fetch (vi.unstubAllGlobals) after the test.
 */
export function serveFiles(files: Readonly<Record<string, string>>): string[] {
  const asked: string[] = [];
  vi.stubGlobal('fetch', async (input: RequestInfo | URL) => {
    const url = String(input instanceof Request ? input.url : input);
    asked.push(url);
    const body = files[url];
    return body ? new Response(body, { status: 200 }) : new Response('', { status: 404 });
  });
  return asked;
}

/** Signs an admin of `scope` in on the phone and tells the gazetteer whose area it is (as the shell does). */
export async function signInAdmin(scope: User['scope'], db: CundianDb): Promise<void> {
  const user: User = { id: 'u1', username: 'admin', displayName: '管理员', role: 'admin', scope };
  await writeSession({ token: 't', user, loggedInAt: '2026-03-01T00:00:00Z' }, db);
  setRegionsScope({ code: scope.code });
}
