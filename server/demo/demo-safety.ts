/**
 * Demo only where it is safe (issue 14): the demo accounts have a published password
 * (demo-2026), so they may exist only on a server that nobody else can reach — one listening on
 * a loopback address, as `npm start` does by default — or where someone asked for a demo with
 * `--demo`. A server bound to any other address (HOST=0.0.0.0 for phones on the LAN) refuses to
 * start while an enabled account still signs in with a demo password, and says how to fix it.
 */
import { isIP } from 'node:net';
import type { DbTx } from '../db';
import { verifyPassword } from '../auth/passwords';
import { DEMO_PASSWORD } from './demo-data';

/** Every password the demo has ever seeded: an old database may still hold one. */
export const KNOWN_DEMO_PASSWORDS: readonly string[] = [DEMO_PASSWORD];

/** True for an address only this machine can reach: 127.0.0.0/8, ::1, localhost. */
export function isLoopbackHost(host: string): boolean {
  const text = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');
  if (text === 'localhost' || text.endsWith('.localhost')) return true;
  const v4 = text.startsWith('::ffff:') ? text.slice('::ffff:'.length) : text;
  if (isIP(v4) === 4) return v4.startsWith('127.');
  return text === '::1' || text === '0:0:0:0:0:0:0:1';
}

export interface DemoDecision {
  /** Load the demo into this database when it is empty ('ifEmpty'), always, or never. */
  load: 'ifEmpty' | 'always' | 'never';
  /** Refuse to start while an enabled account has a demo password. */
  refuseDemoPasswords: boolean;
}

/**
 * What a server on `host` does about the demo, given what was asked (`--demo` → 'always';
 * the embedded default 'ifEmpty'; PostgreSQL 'never'). `--demo` is a deliberate demo server,
 * loopback or not: it neither skips the demo nor refuses its passwords.
 */
export function decideDemo(host: string, requested: 'ifEmpty' | 'always' | 'never'): DemoDecision {
  if (requested === 'always') return { load: 'always', refuseDemoPasswords: false };
  const loopback = isLoopbackHost(host);
  return {
    load: loopback ? requested : 'never',
    refuseDemoPasswords: !loopback,
  };
}

/** Enabled accounts that still sign in with a demo password (checked against the stored hash). */
export async function accountsWithDemoPasswords(db: DbTx): Promise<string[]> {
  const { rows } = await db.query<{ username: string; password_hash: string }>(
    'select username, password_hash from users where not disabled order by username',
  );
  const found: string[] = [];
  // Four at a time: node's crypto pool has four threads.
  for (let i = 0; i < rows.length; i += 4) {
    const batch = rows.slice(i, i + 4);
    const hits = await Promise.all(
      batch.map(async (row) => {
        for (const password of KNOWN_DEMO_PASSWORDS) {
          if (await verifyPassword(password, row.password_hash)) return true;
        }
        return false;
      }),
    );
    batch.forEach((row, j) => {
      if (hits[j]) found.push(row.username);
    });
  }
  return found;
}

/** Why the server refuses, and how to fix it (one line: main prints it as is). */
export function demoPasswordsRefusal(host: string, usernames: readonly string[]): string {
  const first = usernames[0] ?? 'admin';
  return (
    `HOST ${host} lets other machines connect, but enabled accounts still have the published ` +
    `demo password: ${usernames.join(', ')}. Give each a new password ` +
    `(npm run users -- reset-password ${first}) or disable it (npm run users -- disable ${first}), ` +
    `then start again; or serve only this computer (HOST=127.0.0.1), or start a demo on purpose ` +
    `with --demo. (演示账号仍使用公开的演示密码：请用 npm run users -- reset-password 用户名 重设密码，` +
    `或 npm run users -- disable 用户名 停用账号。)`
  );
}
