/**
 * The offline password check of the idle lock, on fake-indexeddb with Node's real WebCrypto: the
 * device keeps a salted PBKDF2 hash (never the password), verifies against it, counts wrong tries,
 * and a wipe removes it.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { createDatabase, type CundianDb } from './index';
import {
  LOCAL_CREDENTIAL_ITERATIONS,
  LOCAL_CREDENTIAL_KEY,
  saveLocalCredential,
  verifyLocalCredential,
} from './credential';
import { wipeLocalData } from './sync-state';

let db: CundianDb;
let n = 0;
const open = () => (db = createDatabase(`credential-${++n}`));

afterEach(async () => {
  db.close();
  await db.delete();
});

describe('local credential', () => {
  it('keeps a salted slow hash, not the password, and verifies only the right one', async () => {
    open();
    await saveLocalCredential('u-1', 'correct horse 9', db);
    const stored = (await db.meta.get(LOCAL_CREDENTIAL_KEY))?.value as Record<string, unknown>;
    expect(JSON.stringify(stored)).not.toContain('correct horse');
    expect(stored).toMatchObject({ userId: 'u-1', iterations: LOCAL_CREDENTIAL_ITERATIONS });
    expect(LOCAL_CREDENTIAL_ITERATIONS).toBeGreaterThanOrEqual(100_000);
    expect(stored.salt).toMatch(/^[A-Za-z0-9+/]{22}==$/); // 16 random bytes

    expect(await verifyLocalCredential('wrong', db)).toEqual({ ok: false, failures: 1 });
    expect(await verifyLocalCredential('correct horse 9 ', db)).toEqual({ ok: false, failures: 2 });
    expect(await verifyLocalCredential('correct horse 9', db)).toEqual({ ok: true });
    expect(await verifyLocalCredential('wrong', db)).toEqual({ ok: false, failures: 1 });

    // A second sign-in draws a new salt: the same password gives another hash.
    await saveLocalCredential('u-1', 'correct horse 9', db);
    const again = (await db.meta.get(LOCAL_CREDENTIAL_KEY))?.value as Record<string, unknown>;
    expect(again.salt).not.toBe(stored.salt);
    expect(again.hash).not.toBe(stored.hash);
  });

  it('is removed with the rest of the user’s data', async () => {
    open();
    await saveLocalCredential('u-1', 'correct horse 9', db);
    await wipeLocalData(db);
    expect(await verifyLocalCredential('correct horse 9', db)).toEqual({
      ok: false,
      noCredential: true,
    });
  });
});
