/**
 * Every request and answer of every HTTP route as zod schemas, with a typed descriptor per route
 * (route.ts): imported by the server (validation, typed replies) and by the client (src/sync/api.ts
 * `requestJson`, which parses every answer). docs/ARCHITECTURE.md "API shapes".
 *
 * zod: never import this from the start page's modules (npm run size).
 */
import * as accounts from './accounts';
import * as assessment from './assessment';
import * as attachments from './attachments';
import * as audit from './audit';
import * as devices from './devices';
import * as duplicates from './duplicates';
import * as sync from './sync';
import * as system from './system';
import type { ApiRoute } from './route';

export * from './route';
export * from './accounts';
export * from './assessment';
export * from './attachments';
export * from './audit';
export * from './devices';
export * from './duplicates';
export * from './sync';
export * from './system';
export { errorResponseSchema, type ErrorResponse } from '../protocol';

function routesOf(module: Record<string, unknown>): ApiRoute[] {
  return Object.entries(module)
    .filter(([name]) => name.endsWith('Route'))
    .map(([, route]) => route as ApiRoute);
}

/** Every route of the API (server/api-contract.test.ts checks the server has each, and only these). */
export const API_ROUTES: readonly ApiRoute[] = [
  accounts,
  assessment,
  attachments,
  audit,
  devices,
  duplicates,
  sync,
  system,
].flatMap(routesOf);
