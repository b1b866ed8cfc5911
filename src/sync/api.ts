/**
 * The client's side of the HTTP API (server routes under /api): one typed call per route, and
 * one place that turns a failed request into a `SyncFailure` the engine and the screens can act
 * on (retry later, ask to log in, ask to update the app) and explain in both languages.
 *
 * `fetch` is injected: the app passes the browser's, tests pass one that calls the server
 * in-process and can drop, duplicate or delay requests.
 */
import { z } from 'zod';
import { isEntityName, type EntityName } from '../domain/entities';
import type { MergeField } from '../domain/duplicates';
import {
  errorResponseSchema,
  loginResponseSchema,
  passwordStatusSchema,
  PROTOCOL_VERSION,
  pushResponseSchema,
  rescueResponseSchema,
  type RescueResponse,
  SCHEMA_VERSION,
  userSchema,
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
import { countyTableResponseSchema, type CountyTableResponse } from '../domain/metricsWire';
import {
  digestResponseSchema,
  repairResponseSchema,
  type DigestResponse,
  type RepairResponse,
} from '../domain/digest';

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

interface RequestOptions<T> {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  token?: string | null;
  schema: z.ZodType<T>;
  timeoutMs?: number;
}

const personSchema = z.object({
  username: z.string().nullable(),
  displayName: z.string().nullable(),
});

/** A conflict kept by the server: the value that lost, beside the one that won. */
export const conflictSchema = z.object({
  id: z.number(),
  entity: z.string(),
  recordId: z.string(),
  /** 'field': one field two people changed; 'deleted': an update that lost to a delete. */
  kind: z.enum(['field', 'deleted']),
  /** null for 'deleted', whose losingValue holds every field sent. */
  field: z.string().nullable(),
  winningValue: z.unknown(),
  losingValue: z.unknown(),
  winner: personSchema.extend({ version: z.number().nullable() }),
  loser: personSchema.extend({ version: z.number().nullable() }),
  createdAt: z.string(),
  recordDeleted: z.boolean(),
  /**
   * When a value was too large to list (MAX_LISTED_VALUE_BYTES): its full size in bytes; the
   * value is then only its start, ending in "…". Restoring still applies the whole value.
   */
  truncated: z
    .object({ winningValue: z.number().optional(), losingValue: z.number().optional() })
    .optional(),
});
export type Conflict = z.infer<typeof conflictSchema>;

/** A point of a flagged pair, as the server has it now (docs/SERVICE_POINTS.md "Duplicates"). */
const duplicatePointSchema = z.object({
  id: z.string(),
  version: z.number(),
  data: z.record(z.string(), z.unknown()),
  lastEditedBy: z.string().nullable(),
  createdAt: z.string(),
});
export type DuplicatePoint = z.infer<typeof duplicatePointSchema>;

/** Two service points the server thinks are one place, for a coordinator to merge or dismiss. */
export const duplicateFlagSchema = z.object({
  id: z.number(),
  reason: z.enum(['sameName', 'sameVillageNearby']),
  distance: z.number().nullable(),
  createdAt: z.string(),
  a: duplicatePointSchema,
  b: duplicatePointSchema,
});
export type DuplicateFlag = z.infer<typeof duplicateFlagSchema>;

/** A coordinator's merge: the point that stays, what it takes from the other, the versions seen. */
export interface MergeDecision {
  keep: string;
  take: MergeField[];
  versions: Record<string, number>;
}

/** One entry of a record's history: who changed which fields, when (values are not kept). */
export const historyEntrySchema = z.object({
  version: z.number(),
  op: z.string(),
  fields: z.array(z.string()),
  at: z.string(),
  user: z.object({ username: z.string(), displayName: z.string() }).nullable(),
  clientId: z.string().nullable(),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

/** A device of a user as the server knows it from sync (server/devices/devices.ts). */
export const deviceInfoSchema = z.object({
  clientId: z.string(),
  userAgent: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string().nullable(),
  current: z.boolean(),
  wipe: z.enum(['lost', 'signedOut']).nullable(),
  wipedAt: z.string().nullable(),
});
export type DeviceInfo = z.infer<typeof deviceInfoSchema>;
const devicesSchema = z.object({ devices: z.array(deviceInfoSchema) }).transform((r) => r.devices);

export const managedUserSchema = userSchema.extend({
  disabled: z.boolean(),
  createdAt: z.string(),
});
export type ManagedUser = z.infer<typeof managedUserSchema>;

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  scope: Scope;
}

const anyJson = z.unknown();

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
const meSchema = z.object({ user: userSchema }).transform((r) => r.user);
const passwordStatusResponseSchema = z
  .object({ password: passwordStatusSchema })
  .transform((r) => r.password);
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

const pageTail = {
  next: z.string().nullable().optional(),
  total: z.number().int().min(0).optional(),
};

function toPage<T>(items: T[], tail: { next?: string | null; total?: number }): InboxPage<T> {
  return { items, next: tail.next ?? null, total: tail.total ?? items.length };
}

const conflictsSchema = z
  .object({ conflicts: z.array(conflictSchema), ...pageTail })
  .transform((r) => toPage(r.conflicts, r));
const duplicatesSchema = z
  .object({ duplicates: z.array(duplicateFlagSchema), ...pageTail })
  .transform((r) => toPage(r.duplicates, r));

/** Which page of an inbox: `after` is the `next` of the page before (none: the first). */
export interface InboxPageRequest {
  after?: string | null;
  limit?: number;
}

function inboxQuery(params: Record<string, string | number | null | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined) query.set(key, String(value));
  }
  const text = query.toString();
  return text === '' ? '' : `?${text}`;
}
const historySchema = z
  .object({ history: z.array(historyEntrySchema) })
  .transform((r) => r.history);
const usersSchema = z.object({ users: z.array(managedUserSchema) }).transform((r) => r.users);

export class ApiClient {
  private readonly fetchImpl: FetchLike;
  private readonly baseUrl: string;
  private readonly timeoutMs: number;

  constructor(options: ApiClientOptions = {}) {
    this.fetchImpl = options.fetch ?? ((url, init) => globalThis.fetch(url, init));
    this.baseUrl = options.baseUrl ?? '';
    this.timeoutMs = options.timeoutMs ?? 60_000;
  }

  async request<T>(path: string, options: RequestOptions<T>): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const controller = typeof AbortController === 'undefined' ? null : new AbortController();
    const timer = controller
      ? setTimeout(() => controller.abort(), options.timeoutMs ?? this.timeoutMs)
      : null;

    let response: Response;
    try {
      response = await this.fetchImpl(`${this.baseUrl}${path}`, {
        method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
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

    let body: unknown = null;
    const text = await response.text().catch(() => '');
    if (text !== '') {
      try {
        body = JSON.parse(text);
      } catch {
        body = null;
      }
    }

    if (!response.ok) throw failureOfAnswer(response.status, body);
    const parsed = options.schema.safeParse(body);
    if (!parsed.success) {
      throw new SyncFailure(
        'badResponse',
        `unexpected answer from ${path}: ${parsed.error.message.slice(0, 300)}`,
        response.status,
      );
    }
    return parsed.data;
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
      `/api/attachments/${encodeURIComponent(sha256)}`,
      { method: 'PUT', token, body: bytes, contentType },
      (response) => response.text(),
    );
  }

  /** GET /api/attachments/:sha256 — the bytes and their type (404: not there, or not yours). */
  async downloadAttachment(
    token: string,
    sha256: string,
  ): Promise<{ bytes: ArrayBuffer; type: string }> {
    return this.binaryRequest(
      `/api/attachments/${encodeURIComponent(sha256)}`,
      { method: 'GET', token },
      async (response) => ({
        bytes: await response.arrayBuffer(),
        type: (response.headers.get('content-type') ?? '').split(';')[0]!.trim(),
      }),
    );
  }

  login(username: string, password: string): Promise<LoginResponse> {
    return this.request('/api/auth/login', {
      body: { username, password },
      schema: loginResponseSchema,
    });
  }

  async logout(token: string): Promise<void> {
    await this.request('/api/auth/logout', {
      method: 'POST',
      body: {},
      token,
      schema: anyJson,
      timeoutMs: 10_000,
    });
  }

  /** GET /api/auth/password — must it change, when it expires, the policy. */
  passwordStatus(token: string): Promise<PasswordStatus> {
    return this.request('/api/auth/password', { token, schema: passwordStatusResponseSchema });
  }

  /** PUT /api/auth/password — the user's own change; other sessions of the user end. */
  changePassword(token: string, oldPassword: string, newPassword: string): Promise<PasswordStatus> {
    return this.request('/api/auth/password', {
      method: 'PUT',
      body: { oldPassword, newPassword },
      token,
      schema: passwordStatusResponseSchema,
    });
  }

  me(token: string): Promise<User> {
    return this.request('/api/me', { token, schema: meSchema });
  }

  push(token: string, clientId: string, mutations: Mutation[]): Promise<PushResponse> {
    return this.request('/api/sync/push', {
      token,
      body: {
        protocolVersion: PROTOCOL_VERSION,
        schemaVersion: SCHEMA_VERSION,
        clientId,
        mutations,
      },
      schema: pushResponseSchema,
    });
  }

  /**
   * POST /api/devices/rescue — a device told to wipe (401 `deviceWipe`) hands in what it still
   * holds; the server keeps it (never applies it) and answers the wipe instruction.
   */
  rescue(token: string, clientId: string, mutations: Mutation[]): Promise<RescueResponse> {
    return this.request('/api/devices/rescue', {
      token,
      body: {
        protocolVersion: PROTOCOL_VERSION,
        schemaVersion: SCHEMA_VERSION,
        clientId,
        mutations,
      },
      schema: rescueResponseSchema,
    });
  }

  pull(
    token: string,
    clientId: string,
    cursor: string | null,
    limit: number,
  ): Promise<PullResponse> {
    return this.request('/api/sync/pull', {
      token,
      body: {
        protocolVersion: PROTOCOL_VERSION,
        schemaVersion: SCHEMA_VERSION,
        clientId,
        cursor,
        limit,
      },
      schema: pullAnswerSchema,
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
    return this.request('/api/sync/digest', {
      token,
      body: {
        protocolVersion: PROTOCOL_VERSION,
        schemaVersion: SCHEMA_VERSION,
        clientId,
        cursor,
        exclude,
        ...(entity ? { entity } : {}),
        ...(level ?? {}),
      },
      schema: digestResponseSchema,
    });
  }

  /** POST /api/sync/records — the current records of some buckets of one entity (a repair). */
  repairRecords(
    token: string,
    clientId: string,
    entity: EntityName,
    buckets: string[],
  ): Promise<RepairResponse> {
    return this.request('/api/sync/records', {
      token,
      body: {
        protocolVersion: PROTOCOL_VERSION,
        schemaVersion: SCHEMA_VERSION,
        clientId,
        entity,
        buckets,
      },
      schema: repairResponseSchema,
      timeoutMs: 180_000,
    });
  }

  /** A page of the conflicts inbox, oldest first. */
  /** GET /api/assessment/counties — every county's figures for a year, ranked (aggregates). */
  countyTable(token: string, year: number): Promise<CountyTableResponse> {
    return this.request(`/api/assessment/counties?year=${year}`, {
      token,
      schema: countyTableResponseSchema,
    });
  }

  conflicts(token: string, page: InboxPageRequest = {}): Promise<InboxPage<Conflict>> {
    return this.request(`/api/conflicts${inboxQuery({ limit: page.limit, after: page.after })}`, {
      token,
      schema: conflictsSchema,
    });
  }

  /** 'winner' keeps the value that won; 'loser' restores the one that lost, as a new change. */
  async resolveConflict(token: string, id: number, restore: 'winner' | 'loser'): Promise<void> {
    await this.request(`/api/conflicts/${id}/resolve`, {
      token,
      body: { restore },
      schema: anyJson,
    });
  }

  /** A page of the duplicates inbox, oldest first; only one point's flags with `point`. */
  duplicates(
    token: string,
    page: InboxPageRequest & { point?: string } = {},
  ): Promise<InboxPage<DuplicateFlag>> {
    const query = inboxQuery({ limit: page.limit, after: page.after, point: page.point });
    return this.request(`/api/duplicates${query}`, { token, schema: duplicatesSchema });
  }

  async dismissDuplicate(token: string, id: number): Promise<void> {
    await this.request(`/api/duplicates/${id}/dismiss`, { token, body: {}, schema: anyJson });
  }

  async mergeDuplicate(token: string, id: number, decision: MergeDecision): Promise<void> {
    await this.request(`/api/duplicates/${id}/merge`, { token, body: decision, schema: anyJson });
  }

  history(token: string, entity: EntityName, id: string): Promise<HistoryEntry[]> {
    return this.request(
      `/api/records/${encodeURIComponent(entity)}/${encodeURIComponent(id)}/history`,
      { token, schema: historySchema },
    );
  }

  users(token: string): Promise<ManagedUser[]> {
    return this.request('/api/users', { token, schema: usersSchema });
  }

  async createUser(token: string, user: NewUser): Promise<void> {
    await this.request('/api/users', { token, body: user, schema: anyJson });
  }

  async updateUser(
    token: string,
    id: string,
    changes: Partial<Pick<NewUser, 'displayName' | 'role' | 'scope' | 'password'>> & {
      disabled?: boolean;
    },
  ): Promise<void> {
    await this.request(`/api/users/${encodeURIComponent(id)}`, {
      method: 'PATCH',
      token,
      body: changes,
      schema: anyJson,
    });
  }

  /** GET /api/devices — the signed-in user's own devices (server/devices). */
  myDevices(token: string): Promise<DeviceInfo[]> {
    return this.request('/api/devices', { token, schema: devicesSchema });
  }

  /** POST /api/devices/:id/sign-out — that device wipes on its next contact. */
  async signOutDevice(token: string, clientId: string): Promise<void> {
    await this.request(`/api/devices/${encodeURIComponent(clientId)}/sign-out`, {
      token,
      body: {},
      schema: anyJson,
    });
  }

  /** GET /api/users/:id/devices (admin). */
  userDevices(token: string, userId: string): Promise<DeviceInfo[]> {
    return this.request(`/api/users/${encodeURIComponent(userId)}/devices`, {
      token,
      schema: devicesSchema,
    });
  }

  /** POST /api/users/:id/devices/:clientId/lost (admin). */
  async markDeviceLost(token: string, userId: string, clientId: string): Promise<void> {
    await this.request(
      `/api/users/${encodeURIComponent(userId)}/devices/${encodeURIComponent(clientId)}/lost`,
      { token, body: {}, schema: anyJson },
    );
  }
}
