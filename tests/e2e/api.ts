/**
 * The server's API as another computer or device sees it, for the stories' set-up and checks:
 * plain HTTP to the real server, as one of the demo users. What happens elsewhere while the
 * phone under test is out of signal (an admin disables an account, another device registers the
 * same shop) goes through here, never through the phone's page.
 */
import { newId } from '../../src/domain/common';
import { PROTOCOL_VERSION, SCHEMA_VERSION } from '../../src/domain/protocol';

/** Every demo user's password (server/seed). */
export const DEMO_PASSWORD = 'demo-2026';

/** A user's bearer token: POST /api/auth/login. */
export async function apiToken(
  baseUrl: string,
  username: string,
  password = DEMO_PASSWORD,
): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) {
    throw new Error(`login as ${username}: ${response.status} ${await response.text()}`);
  }
  return ((await response.json()) as { token: string }).token;
}

/** One mutation of a push, as a device sends it (src/domain/protocol.ts). */
export interface PushedMutation {
  mutationId: number;
  entity: string;
  recordId: string;
  op: 'upsert' | 'delete';
  baseVersion: number;
  changes: object;
}

/**
 * One push through the sync protocol, as a device (`clientId`, a new one unless given) of the
 * token's user; the server's answer, one result per mutation. A refused request throws.
 */
export async function pushOverApi(
  baseUrl: string,
  token: string,
  mutations: PushedMutation[],
  clientId: string = newId(),
): Promise<{ results: { status: string }[] }> {
  const response = await fetch(`${baseUrl}/api/sync/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      protocolVersion: PROTOCOL_VERSION,
      schemaVersion: SCHEMA_VERSION,
      clientId,
      mutations,
    }),
  });
  if (!response.ok) throw new Error(`push: ${response.status} ${await response.text()}`);
  return (await response.json()) as { results: { status: string }[] };
}
