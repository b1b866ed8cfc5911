/**
 * The client's side of the HTTP API (server routes under /api): one typed call per route, and
 * one place that turns a failed request into a `SyncFailure` the engine and the screens can act
 * on (retry later, ask to log in, ask to update the app) and explain in both languages.
 *
 * `fetch` is injected: the app passes the browser's, tests pass one that calls the server
 * in-process and can drop, duplicate or delay requests.
 */
import { z } from 'zod';
import {
  changePasswordRoute,
  conflictsRoute,
  countyTableRoute,
  createUserRoute,
  digestRoute,
  dismissDuplicateRoute,
  downloadAttachmentRoute,
  duplicatesRoute,
  historyRoute,
  loginRoute,
  logoutRoute,
  markDeviceLostRoute,
  meRoute,
  mergeDuplicateRoute,
  myDevicesRoute,
  passwordStatusRoute,
  pullRoute,
  pushRoute,
  queryString,
  repairRoute,
  rescueRoute,
  resolveConflictRoute,
  routePath,
  signOutDeviceRoute,
  updateUserRoute,
  uploadAttachmentRoute,
  userDevicesRoute,
  usersRoute,
  type ApiRoute,
  type BodyOf,
  type Conflict,
  type DeviceInfo,
  type DuplicateFlag,
  type HistoryEntry,
  type ManagedUser,
  type MergeDecision,
  type ParamsOf,
  type ParsedAnswerOf,
  type QueryOf,
} from '../domain/api';
import { isEntityName, type EntityName } from '../domain/entities';
import {
  errorResponseSchema,
  PROTOCOL_VERSION,
  type RescueResponse,
  SCHEMA_VERSION,
  type LoginResponse,
  type Mutation,
  type PasswordStatus,
  type PullResponse,
  type PushResponse,
  type Role,
  type Scope,
  type User,
} from '../domain/protocol';
import type { BilingualMessage } from '../db';
import type { CountyTableResponse } from '../domain/metricsWire';
import type { DigestResponse, RepairResponse } from '../domain/digest';

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/**
 * What went wrong, in the terms that decide what happens next:
 * - offline: no answer at all (no network, dead Wi-Fi, timeout): retry with backoff;
 * - server: a 5xx or 429: the server is there but cannot do it now: retry with backoff;
 * - unauthorized: 401: the session is gone: ask to log in again, keep the outbox;
 * - clientTooOld: 426: this app version is too old: stop syncing, keep the outbox, ask to update;
 * - otherUser: this device's data belongs to another account (403 clientOwnedByAnotherUser);
 * - refused: another 4xx: the server will not do this (a wrong password, a lockout, a bug);
 * - badResponse: the answer is not what the protocol says (a proxy's HTML page, a newer server);
 * - storageFull: the phone has no room left to save what arrived (QuotaExceededError);
 * - unknown: anything else (a bug): retried with backoff, shown as is.
 */
export type SyncFailureKind =
  | 'offline'
  | 'server'
  | 'unauthorized'
  | 'clientTooOld'
  | 'otherUser'
  | 'refused'
  | 'badResponse'
  | 'storageFull'
  | 'unknown';

export class SyncFailure extends Error {
  constructor(
    readonly kind: SyncFailureKind,
    message: string,
    readonly status: number | null = null,
    /** The server's error code (`error` in the body), e.g. 'scopeDenied'. */
    readonly code: string | null = null,
    /** The server's own words, when it sent them in both languages. */
    readonly messages: BilingualMessage | null = null,
  ) {
    super(message);
    this.name = 'SyncFailure';
  }
}

/** Turns anything thrown during a sync into a SyncFailure. */
export function toSyncFailure(error: unknown): SyncFailure {
  if (error instanceof SyncFailure) return error;
  const name = (error as { name?: unknown } | null)?.name;
  const inner = (error as { inner?: { name?: unknown } } | null)?.inner?.name;
  if (name === 'QuotaExceededError' || inner === 'QuotaExceededError') {
    return new SyncFailure('storageFull', String((error as Error).message ?? error));
  }
  return new SyncFailure('unknown', error instanceof Error ? error.message : String(error));
}

function failureKindFor(status: number, code: string | null): SyncFailureKind {
  if (status === 426 || code === 'clientTooOld') return 'clientTooOld';
  if (status === 401) return 'unauthorized';
  if (code === 'clientOwnedByAnotherUser') return 'otherUser';
  if (status >= 500 || status === 429 || status === 408) return 'server';
  return 'refused';
}

/** The SyncFailure for a non-2xx answer whose body (parsed JSON, or null) is `body`. */
function failureOfAnswer(status: number, body: unknown): SyncFailure {
  const parsed = errorResponseSchema.safeParse(body);
  const code = parsed.success ? parsed.data.error : null;
  const messages = parsed.success ? (parsed.data.messages ?? null) : null;
  const message = parsed.success ? parsed.data.message : `HTTP ${status}`;
  return new SyncFailure(failureKindFor(status, code), message, status, code, messages);
}

export interface ApiClientOptions {
  fetch?: FetchLike;
  /** '' in the app (same origin); a full origin in tests and benches. */
  baseUrl?: string;
  /** A request that has not answered after this long is given up (and retried later). */
  timeoutMs?: number;
}

/**
 * One call of a route (src/domain/api): its path params, query, body, the token, and — for the
 * pull only — a cheaper check of the same answer.
 */
export interface RouteRequest<R extends ApiRoute> {
  params?: ParamsOf<R>;
  query?: QueryOf<R>;
  body?: BodyOf<R>;
  token?: string | null;
  timeoutMs?: number;
  /** Reads the answer instead of the route's schema (the pull: isPullResponse). */
  answer?: z.ZodType<ParsedAnswerOf<R>>;
}

// The shapes of the API are in src/domain/api (one copy, shared with the server); re-exported so
// the screens keep importing them from here.
export type {
  Conflict,
  DeviceInfo,
  DuplicateFlag,
  DuplicatePoint,
  HistoryEntry,
  ManagedUser,
  MergeDecision,
} from '../domain/api';
export {
  conflictSchema,
  deviceInfoSchema,
  duplicateFlagSchema,
  historyEntrySchema,
  managedUserSchema,
} from '../domain/api';

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  scope: Scope;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The same rules as pullResponseSchema (api.test.ts checks they agree), without copying: a first
 * download is 20,000 records, and zod would build a second copy of every one of them only to
 * throw the first away — time and memory a cheap phone does not have.
 */
export function isPullResponse(value: unknown): value is PullResponse {
  if (!isPlainObject(value)) return false;
  if ('resetRequired' in value) return value.resetRequired === true;
  const { changes, cursor, hasMore, lastMutationId } = value;
  if (typeof cursor !== 'string' || typeof hasMore !== 'boolean') return false;
  if (!Number.isSafeInteger(lastMutationId) || (lastMutationId as number) < 0) return false;
  if (!Array.isArray(changes)) return false;
  for (const change of changes) {
    if (!isPlainObject(change)) return false;
    const { entity, id, version, deleted, data } = change;
    if (typeof entity !== 'string' || !isEntityName(entity)) return false;
    if (typeof id !== 'string' || !UUID.test(id)) return false;
    if (!Number.isSafeInteger(version) || (version as number) < 1) return false;
    if (typeof deleted !== 'boolean') return false;
    if (data !== null && !isPlainObject(data)) return false;
  }
  return true;
}

const pullAnswerSchema = z.custom<PullResponse>(isPullResponse, 'not a pull response');

/**
 * A page of a review inbox. A server from before pages sent the whole list and no `next` or
 * `total`: read as one last page.
 */
export interface InboxPage<T> {
  items: T[];
  /** Pass as `after` for the following page; null after the last one. */
  next: string | null;
  /** Everything that waits, this page included. */
  total: number;
}

function toPage<T>(items: T[], tail: { next?: string | null; total?: number }): InboxPage<T> {
  return { items, next: tail.next ?? null, total: tail.total ?? items.length };
}

/** Which page of an inbox: `after` is the `next` of the page before (none: the first). */
export interface InboxPageRequest {
  after?: string | null;
  limit?: number;
}

/** A sync request's body (push, rescue, pull, digest, repair): the versions this app speaks, the device, then the request's own fields. */
function syncBody<T extends object>(clientId: string, fields: T) {
  return { protocolVersion: PROTOCOL_VERSION, schemaVersion: SCHEMA_VERSION, clientId, ...fields };
}

export class ApiClient {
  private readonly fetchImpl: FetchLike;
  private readonly baseUrl: string;
  private readonly timeoutMs: number;

  constructor(options: ApiClientOptions = {}) {
    this.fetchImpl = options.fetch ?? ((url, init) => globalThis.fetch(url, init));
    this.baseUrl = options.baseUrl ?? '';
    this.timeoutMs = options.timeoutMs ?? 60_000;
  }

  /**
   * Calls a route of the API (src/domain/api) and parses its answer with the route's schema: an
   * answer of another shape is a `badResponse`, never a value the app trusts. Every JSON call of
   * the app goes through here.
   */
  async requestJson<R extends ApiRoute>(
    route: R,
    options: RouteRequest<R> = {},
  ): Promise<ParsedAnswerOf<R>> {
    const path =
      routePath(route.path, options.params as Record<string, string> | undefined) +
      queryString(options.query);
    // A POST without a body of its own sends {} (as it always has).
    const body = options.body ?? (route.method === 'GET' ? undefined : {});
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const controller = typeof AbortController === 'undefined' ? null : new AbortController();
    const timer = controller
      ? setTimeout(() => controller.abort(), options.timeoutMs ?? this.timeoutMs)
      : null;

    let response: Response;
    try {
      response = await this.fetchImpl(`${this.baseUrl}${path}`, {
        method: route.method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: controller?.signal,
        // The service worker must never answer these from a cache, nor the HTTP cache.
        cache: 'no-store',
        credentials: 'same-origin',
      });
    } catch (error) {
      throw new SyncFailure('offline', `no answer from ${path}: ${String(error)}`);
    } finally {
      if (timer) clearTimeout(timer);
    }

    let answer: unknown = null;
    const text = await response.text().catch(() => '');
    if (text !== '') {
      try {
        answer = JSON.parse(text);
      } catch {
        answer = null;
      }
    }

    if (!response.ok) throw failureOfAnswer(response.status, answer);
    const schema = options.answer ?? route.answer;
    if (!schema) return undefined as ParsedAnswerOf<R>;
    const parsed = schema.safeParse(answer);
    if (!parsed.success) {
      throw new SyncFailure(
        'badResponse',
        `unexpected answer from ${path}: ${parsed.error.message.slice(0, 300)}`,
        response.status,
      );
    }
    return parsed.data as ParsedAnswerOf<R>;
  }

  /** A request whose body and answer are bytes (photos); JSON only in error answers. */
  private async binaryRequest<T>(
    path: string,
    init: { method: 'GET' | 'PUT'; token: string; body?: ArrayBuffer; contentType?: string },
    /** Reads the answer, still under the timeout (a photo on 2G takes a while). */
    read: (response: Response) => Promise<T>,
  ): Promise<T> {
    const headers: Record<string, string> = { authorization: `Bearer ${init.token}` };
    if (init.contentType) headers['content-type'] = init.contentType;
    const controller = typeof AbortController === 'undefined' ? null : new AbortController();
    const timer = controller ? setTimeout(() => controller.abort(), this.timeoutMs) : null;
    try {
      let response: Response;
      try {
        response = await this.fetchImpl(`${this.baseUrl}${path}`, {
          method: init.method,
          headers,
          body: init.body,
          signal: controller?.signal,
          // Photos never change (named by their hash), but the answer depends on who asks.
          cache: 'no-store',
          credentials: 'same-origin',
        });
      } catch (error) {
        throw new SyncFailure('offline', `no answer from ${path}: ${String(error)}`);
      }
      if (!response.ok) {
        const text = await response.text().catch(() => '');
        let body: unknown = null;
        try {
          body = text === '' ? null : JSON.parse(text);
        } catch {
          body = null;
        }
        throw failureOfAnswer(response.status, body);
      }
      try {
        return await read(response);
      } catch (error) {
        throw new SyncFailure('offline', `answer from ${path} cut short: ${String(error)}`);
      }
    } finally {
      if (timer) clearTimeout(timer);
    }
  }

  /** PUT /api/attachments/:sha256 — the photo's bytes (the server checks hash, size and type). */
  async uploadAttachment(
    token: string,
    sha256: string,
    bytes: ArrayBuffer,
    contentType: string,
  ): Promise<void> {
    await this.binaryRequest(
      routePath(uploadAttachmentRoute.path, { sha256 }),
      { method: uploadAttachmentRoute.method, token, body: bytes, contentType },
      (response) => response.text(),
    );
  }

  /** GET /api/attachments/:sha256 — the bytes and their type (404: not there, or not yours). */
  async downloadAttachment(
    token: string,
    sha256: string,
  ): Promise<{ bytes: ArrayBuffer; type: string }> {
    return this.binaryRequest(
      routePath(downloadAttachmentRoute.path, { sha256 }),
      { method: downloadAttachmentRoute.method, token },
      async (response) => ({
        bytes: await response.arrayBuffer(),
        type: (response.headers.get('content-type') ?? '').split(';')[0]!.trim(),
      }),
    );
  }

  login(username: string, password: string): Promise<LoginResponse> {
    return this.requestJson(loginRoute, { body: { username, password } });
  }

  async logout(token: string): Promise<void> {
    await this.requestJson(logoutRoute, { token, timeoutMs: 10_000 });
  }

  /** GET /api/auth/password — must it change, when it expires, the policy. */
  async passwordStatus(token: string): Promise<PasswordStatus> {
    return (await this.requestJson(passwordStatusRoute, { token })).password;
  }

  /** PUT /api/auth/password — the user's own change; other sessions of the user end. */
  async changePassword(
    token: string,
    oldPassword: string,
    newPassword: string,
  ): Promise<PasswordStatus> {
    const body = { oldPassword, newPassword };
    return (await this.requestJson(changePasswordRoute, { token, body })).password;
  }

  async me(token: string): Promise<User> {
    return (await this.requestJson(meRoute, { token })).user;
  }

  push(token: string, clientId: string, mutations: Mutation[]): Promise<PushResponse> {
    return this.requestJson(pushRoute, { token, body: syncBody(clientId, { mutations }) });
  }

  /**
   * POST /api/devices/rescue — a device told to wipe (401 `deviceWipe`) hands in what it still
   * holds; the server keeps it (never applies it) and answers the wipe instruction.
   */
  rescue(token: string, clientId: string, mutations: Mutation[]): Promise<RescueResponse> {
    return this.requestJson(rescueRoute, { token, body: syncBody(clientId, { mutations }) });
  }

  pull(
    token: string,
    clientId: string,
    cursor: string | null,
    limit: number,
  ): Promise<PullResponse> {
    return this.requestJson(pullRoute, {
      token,
      body: syncBody(clientId, { cursor, limit }),
      answer: pullAnswerSchema,
      // A page of thousands of records over a village's 2G can take minutes.
      timeoutMs: 180_000,
    });
  }

  /**
   * POST /api/sync/digest — the server's digest of what a device at `cursor` should hold
   * (per entity, or per bucket of `entity`), leaving out the records named in `exclude`.
   */
  digest(
    token: string,
    clientId: string,
    cursor: string,
    exclude: { entity: EntityName; id: string }[],
    entity?: EntityName,
    level?: { depth: 2 | 3; within: string[] },
  ): Promise<DigestResponse> {
    return this.requestJson(digestRoute, {
      token,
      body: syncBody(clientId, {
        cursor,
        exclude,
        ...(entity ? { entity } : {}),
        ...(level ?? {}),
      }),
    });
  }

  /** POST /api/sync/records — the current records of some buckets of one entity (a repair). */
  repairRecords(
    token: string,
    clientId: string,
    entity: EntityName,
    buckets: string[],
  ): Promise<RepairResponse> {
    return this.requestJson(repairRoute, {
      token,
      body: syncBody(clientId, { entity, buckets }),
      timeoutMs: 180_000,
    });
  }

  /** GET /api/assessment/counties — every county's figures for a year, ranked (aggregates). */
  countyTable(token: string, year: number): Promise<CountyTableResponse> {
    return this.requestJson(countyTableRoute, { token, query: { year } });
  }

  /** A page of the conflicts inbox, oldest first. */
  async conflicts(token: string, page: InboxPageRequest = {}): Promise<InboxPage<Conflict>> {
    const query = { limit: page.limit, after: page.after };
    const answer = await this.requestJson(conflictsRoute, { token, query });
    return toPage(answer.conflicts, answer);
  }

  /** 'winner' keeps the value that won; 'loser' restores the one that lost, as a new change. */
  async resolveConflict(token: string, id: number, restore: 'winner' | 'loser'): Promise<void> {
    await this.requestJson(resolveConflictRoute, {
      token,
      params: { id: String(id) },
      body: { restore },
    });
  }

  /** A page of the duplicates inbox, oldest first; only one point's flags with `point`. */
  async duplicates(
    token: string,
    page: InboxPageRequest & { point?: string } = {},
  ): Promise<InboxPage<DuplicateFlag>> {
    const query = { limit: page.limit, after: page.after, point: page.point };
    const answer = await this.requestJson(duplicatesRoute, { token, query });
    return toPage(answer.duplicates, answer);
  }

  async dismissDuplicate(token: string, id: number): Promise<void> {
    await this.requestJson(dismissDuplicateRoute, { token, params: { id: String(id) } });
  }

  async mergeDuplicate(token: string, id: number, decision: MergeDecision): Promise<void> {
    await this.requestJson(mergeDuplicateRoute, {
      token,
      params: { id: String(id) },
      body: decision,
    });
  }

  async history(token: string, entity: EntityName, id: string): Promise<HistoryEntry[]> {
    return (await this.requestJson(historyRoute, { token, params: { entity, id } })).history;
  }

  async users(token: string): Promise<ManagedUser[]> {
    return (await this.requestJson(usersRoute, { token })).users;
  }

  async createUser(token: string, user: NewUser): Promise<void> {
    await this.requestJson(createUserRoute, { token, body: user });
  }

  async updateUser(
    token: string,
    id: string,
    changes: Partial<Pick<NewUser, 'displayName' | 'role' | 'scope' | 'password'>> & {
      disabled?: boolean;
    },
  ): Promise<void> {
    await this.requestJson(updateUserRoute, { token, params: { id }, body: changes });
  }

  /** GET /api/devices — the signed-in user's own devices (server/devices). */
  async myDevices(token: string): Promise<DeviceInfo[]> {
    return (await this.requestJson(myDevicesRoute, { token })).devices;
  }

  /** POST /api/devices/:id/sign-out — that device wipes on its next contact. */
  async signOutDevice(token: string, clientId: string): Promise<void> {
    await this.requestJson(signOutDeviceRoute, { token, params: { clientId } });
  }

  /** GET /api/users/:id/devices (admin). */
  async userDevices(token: string, userId: string): Promise<DeviceInfo[]> {
    return (await this.requestJson(userDevicesRoute, { token, params: { id: userId } })).devices;
  }

  /** POST /api/users/:id/devices/:clientId/lost (admin). */
  async markDeviceLost(token: string, userId: string, clientId: string): Promise<void> {
    await this.requestJson(markDeviceLostRoute, { token, params: { id: userId, clientId } });
  }
}
