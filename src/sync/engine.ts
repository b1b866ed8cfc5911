/**
 * The sync engine: pushes the outbox, pulls the server's changes, and decides when to do it.
 *
 * One run: push every outbox entry in batches (the server skips mutation ids it already has, so a
 * run cut short and repeated changes nothing), then pull pages from the saved cursor, each page
 * applied in one transaction (src/db/sync-apply.ts). A `resetRequired` answer, or a refused edit
 * whose server state the device cannot know, leads to a full re-download that keeps every row
 * with a change still waiting.
 *
 * When: on app open, when the network comes back, when the app becomes visible again, two
 * seconds after a local write, and on a timer that backs off after failures. Only one tab of the
 * browser syncs at a time (Web Locks); the others see its work through live queries.
 *
 * What stops it: no session, a 401 (log in again) and a too-old app (update it). The outbox is
 * kept in every case; nothing waiting is ever dropped because the server could not be reached.
 */
import {
  dropSessionToken,
  getClientId,
  getDb,
  isResyncRequired,
  LOCAL_WRITE_EVENT,
  PULL_CURSOR_KEY,
  readLastSyncedAt,
  readPullCursor,
  readSession,
  requireResync,
  saveLocalCredential,
  unsyncedSummary,
  wipeLocalData,
  writeLastSyncedAt,
  writeSession,
  type CundianDb,
  type StoredSession,
  type UnsyncedSummary,
} from '../db';
import { applyPullPage, finishRebootstrap, recordRejections, type PullPage } from '../db/sync';
import {
  DEFAULT_PULL_LIMIT,
  MAX_PULL_LIMIT,
  MAX_PUSH_MUTATIONS,
  type DeviceWipe,
  mutationOf,
  type Mutation,
  type User,
  type PasswordStatus,
} from '../domain/protocol';
import { ApiClient, SyncFailure, toSyncFailure, type FetchLike } from './api';
import { uploadPendingAttachments } from './attachments';
import { checkCompleteness } from './completeness';
import { nextSyncDelay, SYNC_PERIOD_MS } from './backoff';
import { appSyncStore, type SyncBlock, type SyncStore } from './store';

/** Records in the first page of a full download (then `fullDownloadLimit` per page). */
const FIRST_PAGE_LIMIT = 500;

export type SyncTrigger =
  'start' | 'online' | 'visible' | 'localWrite' | 'timer' | 'manual' | 'login';

/** How a run ended. */
export type SyncOutcome = 'synced' | 'failed' | 'blocked' | 'busy';

export interface SyncEngineOptions {
  db?: CundianDb;
  fetch?: FetchLike;
  baseUrl?: string;
  store?: SyncStore;
  /** Records per pull page in routine pulls, and in a first (or full) download. */
  pullLimit?: number;
  fullDownloadLimit?: number;
  pushBatchSize?: number;
  periodMs?: number;
  /** Wait after a local write, so a burst of edits goes in one push. */
  localWriteDelayMs?: number;
  random?: () => number;
  now?: () => Date;
  /** Ask the server who the user is (role, scope) at most this often. */
  userRefreshMs?: number;
  /**
   * Run the completeness check after catching up at most this often (always after a full
   * download). 0: after every run.
   */
  completenessIntervalMs?: number;
}

export type LoginResult =
  | { ok: true; user: User; password?: PasswordStatus | undefined }
  | { ok: false; failure: SyncFailure }
  /** The device still holds another user's unsynced work: they must sync or export it first. */
  | { ok: false; otherUserPending: { user: User; unsynced: UnsyncedSummary } };

export type LogoutResult = { ok: true } | { ok: false; unsynced: UnsyncedSummary };

const BLOCKING_KINDS: Partial<Record<SyncFailure['kind'], SyncBlock>> = {
  unauthorized: 'unauthorized',
  clientTooOld: 'clientTooOld',
  otherUser: 'otherUser',
};

export class SyncEngine {
  readonly db: CundianDb;
  readonly api: ApiClient;
  readonly store: SyncStore;
  private readonly options: Required<
    Pick<
      SyncEngineOptions,
      | 'pullLimit'
      | 'fullDownloadLimit'
      | 'pushBatchSize'
      | 'periodMs'
      | 'localWriteDelayMs'
      | 'random'
      | 'now'
      | 'userRefreshMs'
      | 'completenessIntervalMs'
    >
  >;
  private running: Promise<SyncOutcome> | null = null;
  private runAgain = false;
  /** Set while logging in or out: runs wait, so nothing writes into a database being wiped. */
  private sessionChange: Promise<unknown> | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private localWriteTimer: ReturnType<typeof setTimeout> | null = null;
  private started = false;
  private userCheckedAt = 0;
  /** Device time of the last completeness check (in memory: an app start checks again). */
  private completenessCheckedAt: number | null = null;
  /** Set when this run downloaded everything: the check follows at once. */
  private downloadedEverything = false;
  private readonly detach: (() => void)[] = [];
  /** Set by a push answer that asks this device to wipe (after the run's pushes). */
  private wipeAsked: DeviceWipe | null = null;

  constructor(options: SyncEngineOptions = {}) {
    this.db = options.db ?? getDb();
    this.api = new ApiClient({ fetch: options.fetch, baseUrl: options.baseUrl });
    this.store = options.store ?? appSyncStore;
    this.options = {
      pullLimit: options.pullLimit ?? DEFAULT_PULL_LIMIT,
      fullDownloadLimit: options.fullDownloadLimit ?? MAX_PULL_LIMIT,
      pushBatchSize: Math.min(options.pushBatchSize ?? MAX_PUSH_MUTATIONS, MAX_PUSH_MUTATIONS),
      periodMs: options.periodMs ?? SYNC_PERIOD_MS,
      localWriteDelayMs: options.localWriteDelayMs ?? 2_000,
      random: options.random ?? Math.random,
      now: options.now ?? (() => new Date()),
      userRefreshMs: options.userRefreshMs ?? 60 * 60_000,
      completenessIntervalMs: options.completenessIntervalMs ?? 5 * 60_000,
    };
  }

  // ---- triggers -------------------------------------------------------------------------------

  /** Attaches the triggers (network back, app visible, local writes, timer) and syncs once. */
  start(): void {
    if (this.started) return;
    this.started = true;
    void readLastSyncedAt(this.db).then((at) => {
      if (at && !this.store.getState().lastSyncedAt) this.store.setState({ lastSyncedAt: at });
    });
    if (typeof window !== 'undefined') {
      const onOnline = () => {
        // The link is back: whatever the backoff said, try now.
        this.store.setState({ failures: 0 });
        void this.sync('online');
      };
      const onVisible = () => {
        if (document.visibilityState === 'visible') void this.sync('visible');
      };
      const onLocalWrite = () => this.syncSoonAfterLocalWrite();
      window.addEventListener('online', onOnline);
      document.addEventListener('visibilitychange', onVisible);
      window.addEventListener(LOCAL_WRITE_EVENT, onLocalWrite);
      this.detach.push(
        () => window.removeEventListener('online', onOnline),
        () => document.removeEventListener('visibilitychange', onVisible),
        () => window.removeEventListener(LOCAL_WRITE_EVENT, onLocalWrite),
      );
    }
    void this.sync('start');
  }

  stop(): void {
    this.started = false;
    for (const detach of this.detach.splice(0)) detach();
    this.clearTimer();
    if (this.localWriteTimer) clearTimeout(this.localWriteTimer);
    this.localWriteTimer = null;
  }

  /** Debounced: a burst of edits (a roll call) is pushed together, shortly after the last one. */
  syncSoonAfterLocalWrite(): void {
    if (this.localWriteTimer) clearTimeout(this.localWriteTimer);
    this.localWriteTimer = setTimeout(() => {
      this.localWriteTimer = null;
      void this.sync('localWrite');
    }, this.options.localWriteDelayMs);
  }

  private clearTimer() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private scheduleNext(outcome: SyncOutcome) {
    this.clearTimer();
    if (!this.started || outcome === 'blocked') {
      this.store.setState({ nextAttemptAt: null });
      return;
    }
    const failures = outcome === 'failed' ? this.store.getState().failures : 0;
    const delay = nextSyncDelay(failures, this.options.random, this.options.periodMs);
    this.store.setState({
      nextAttemptAt: new Date(this.options.now().getTime() + delay).toISOString(),
    });
    this.timer = setTimeout(() => void this.sync('timer'), delay);
  }

  // ---- one run --------------------------------------------------------------------------------

  /**
   * Syncs now. A call while a run is going does not start a second one: the running one goes
   * round once more when it ends, so a change written during a run is not left for the timer.
   */
  sync(trigger: SyncTrigger = 'manual'): Promise<SyncOutcome> {
    if (this.running) {
      this.runAgain = true;
      return this.running;
    }
    const run = (async () => {
      let outcome: SyncOutcome = 'failed';
      try {
        if (this.sessionChange) await this.sessionChange.catch(() => undefined);
        do {
          this.runAgain = false;
          outcome = await this.withSyncLock(() => this.runOnce(trigger));
        } while (this.runAgain && outcome === 'synced');
        return outcome;
      } finally {
        // Cleared before the caller sees the outcome, so its next sync() starts a new run.
        this.running = null;
        this.scheduleNext(outcome);
      }
    })();
    this.running = run;
    return run;
  }

  /** Resolves when the run in progress (if any) has ended. */
  async idle(): Promise<void> {
    while (this.running) await this.running.catch(() => undefined);
  }

  private lockName() {
    return `cundian-sync:${this.db.name}`;
  }

  /** One tab syncs at a time; the others skip (their live queries still see its results). */
  private async withSyncLock(fn: () => Promise<SyncOutcome>): Promise<SyncOutcome> {
    const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
    if (!locks) return fn();
    return locks.request(this.lockName(), { ifAvailable: true }, async (lock) =>
      lock ? fn() : ('busy' as const),
    );
  }

  /** Login and logout wait for a running sync and keep other tabs from starting one. */
  private async withExclusiveLock<T>(fn: () => Promise<T>): Promise<T> {
    const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
    if (!locks) return fn();
    return locks.request(this.lockName(), async () => fn());
  }

  private async runOnce(trigger: SyncTrigger): Promise<SyncOutcome> {
    const session = await readSession(this.db);
    if (!session) return this.block('loggedOut');
    if (!session.token) return this.block('unauthorized');
    const blocked = this.store.getState().blocked;
    // A too-old app is refused every time: try again only when someone asks (or on app open,
    // in case the app was updated), never on the timer.
    if (blocked === 'clientTooOld' && (trigger === 'timer' || trigger === 'localWrite')) {
      return 'blocked';
    }
    const token = session.token;
    try {
      const clientId = await getClientId(this.db);
      await this.refreshUser(session, token);
      this.store.setState({ phase: 'pushing', blocked: null });
      this.wipeAsked = null;
      await this.pushOutbox(token, clientId);
      if (this.wipeAsked) return await this.wipeDevice(token, this.wipeAsked);
      this.store.setState({ phase: 'pulling' });
      this.downloadedEverything = false;
      if (await isResyncRequired(this.db)) await this.downloadEverything(token, clientId);
      else await this.pullChanges(token, clientId);
      await this.checkCompletenessIfDue(token, clientId);
      // Photos last: the records (small) are what others wait for; a photo that cannot be sent
      // now waits for the next run and never fails this one.
      await uploadPendingAttachments(this.api, token, this.db, this.options.now).catch(
        () => undefined,
      );
      const at = this.options.now().toISOString();
      await writeLastSyncedAt(at, this.db);
      this.store.setState({
        phase: 'idle',
        lastError: null,
        lastSyncedAt: at,
        download: null,
        failures: 0,
      });
      return 'synced';
    } catch (error) {
      const failure = toSyncFailure(error);
      // A lost phone, one signed out elsewhere, or a disabled user's: hand in, then wipe.
      if (failure.status === 401 && failure.code === 'deviceWipe') {
        return this.wipeDevice(token, null).catch((wipeError: unknown) =>
          this.failRun(toSyncFailure(wipeError)),
        );
      }
      const problem = {
        kind: failure.kind,
        messages: failure.messages,
        status: failure.status,
        code: failure.code,
        at: this.options.now().toISOString(),
      };
      const block = BLOCKING_KINDS[failure.kind];
      if (block === 'unauthorized') await dropSessionToken(this.db);
      if (block) {
        this.store.setState({ lastError: problem, download: null });
        return this.block(block);
      }
      this.store.setState((state) => ({
        phase: 'error',
        lastError: problem,
        download: null,
        failures: state.failures + 1,
      }));
      return 'failed';
    }
  }

  /** A failed run that is retried (the wipe's hand-in could not reach the server). */
  private failRun(failure: SyncFailure): SyncOutcome {
    this.store.setState((state) => ({
      phase: 'error',
      lastError: {
        kind: failure.kind,
        messages: failure.messages,
        status: failure.status,
        code: failure.code,
        at: this.options.now().toISOString(),
      },
      download: null,
      failures: state.failures + 1,
    }));
    return 'failed';
  }

  /**
   * The server told this device to wipe (docs/SECURITY.md "丢失设备 / Lost devices"): whatever
   * the outbox still holds is handed in (POST /api/devices/rescue: the server keeps what it has
   * not processed yet), photos not yet sent go up when the user may still write, and only then
   * is everything of the user removed — records, outbox, refusals, drafts, photos, session — and
   * the sign-in screen says why. If the hand-in fails (offline, 5xx) nothing is removed: the run
   * fails and the next one tries again (the app stays locked meanwhile).
   */
  private async wipeDevice(token: string, asked: DeviceWipe | null): Promise<SyncOutcome> {
    const clientId = await getClientId(this.db);
    if (asked) {
      // The user may still write (the push was accepted): their photos go up first.
      await uploadPendingAttachments(this.api, token, this.db, this.options.now).catch(
        () => undefined,
      );
    }
    let wipe = asked;
    let after = 0;
    for (;;) {
      const batch = await this.db.outbox
        .where('mutationId')
        .above(after)
        .limit(this.options.pushBatchSize)
        .toArray();
      if (batch.length === 0 && wipe) break;
      const answer = await this.api.rescue(token, clientId, batch.map(mutationOf));
      wipe = answer.wipe;
      if (batch.length === 0) break;
      after = batch[batch.length - 1]!.mutationId;
    }
    await wipeLocalData(this.db, { allPhotos: true });
    this.clearTimer();
    this.store.setState({
      phase: 'idle',
      blocked: 'loggedOut',
      lastError: {
        kind: 'unauthorized',
        messages: wipe.messages,
        status: 401,
        code: 'deviceWipe',
        at: this.options.now().toISOString(),
      },
      download: null,
      lastSyncedAt: null,
      failures: 0,
      nextAttemptAt: null,
    });
    return 'blocked';
  }

  private block(reason: SyncBlock): SyncOutcome {
    this.store.setState({ phase: 'idle', blocked: reason, download: null });
    return 'blocked';
  }

  /**
   * Role or scope changed by an admin: saved, and a scope change re-downloads, so records the
   * user no longer holds leave the device (and new ones arrive).
   */
  private async refreshUser(session: StoredSession, token: string): Promise<void> {
    const now = this.options.now().getTime();
    if (now - this.userCheckedAt < this.options.userRefreshMs) return;
    const user = await this.api.me(token);
    this.userCheckedAt = now;
    if (JSON.stringify(user) === JSON.stringify(session.user)) return;
    await writeSession({ ...session, user }, this.db);
    if (JSON.stringify(user.scope) !== JSON.stringify(session.user.scope)) {
      await requireResync(this.db);
    }
  }

  /** Pushes every outbox entry, oldest first, in batches the server accepts. */
  private async pushOutbox(token: string, clientId: string): Promise<void> {
    let after = 0;
    let batchSize = this.options.pushBatchSize;
    for (;;) {
      const batch = await this.db.outbox
        .where('mutationId')
        .above(after)
        .limit(batchSize)
        .toArray();
      if (batch.length === 0) return;
      const mutations: Mutation[] = batch.map(mutationOf);
      let response;
      try {
        response = await this.api.push(token, clientId, mutations);
      } catch (error) {
        // 413: a batch of large records (long notes, many photos) is over the server's body
        // limit. Halve it and carry on; a single mutation that is still too large is an error.
        if (error instanceof SyncFailure && error.status === 413 && batch.length > 1) {
          batchSize = Math.ceil(batch.length / 2);
          continue;
        }
        throw error;
      }
      // Applied entries stay in the outbox until a pull confirms them (lastMutationId): until
      // then the row the screen shows is the device's, laid over whatever the server sends.
      await recordRejections(this.db, response.results, this.options.now().toISOString());
      if (response.wipe) this.wipeAsked = response.wipe;
      after = Math.max(batch[batch.length - 1]!.mutationId, response.lastMutationId);
    }
  }

  /** Pulls from the saved cursor to the end. A cursor the server no longer serves re-downloads. */
  private async pullChanges(token: string, clientId: string): Promise<void> {
    const cursor = await readPullCursor(this.db);
    if (cursor === null) {
      await this.downloadEverything(token, clientId);
      return;
    }
    const reset = await this.pullPages(token, clientId, cursor, this.options.pullLimit, false);
    if (reset) {
      // resetRequired: everything local has just been pushed; now download the scope again.
      // A reset often means the user's role or area changed: learn the new one first.
      await requireResync(this.db);
      const session = await readSession(this.db);
      if (session) {
        this.userCheckedAt = 0;
        await this.refreshUser(session, token);
      }
      await this.downloadEverything(token, clientId);
    }
  }

  /**
   * Caught up: compare what the device holds with the server's digest and repair what differs
   * (src/sync/completeness.ts). Not more often than `completenessIntervalMs`, except right after
   * a full download. A check that cannot run now (no answer, behind) waits for the next run and
   * never fails this one: the records are in, only the proof is missing.
   */
  private async checkCompletenessIfDue(token: string, clientId: string): Promise<void> {
    const now = this.options.now().getTime();
    const due =
      this.downloadedEverything ||
      this.completenessCheckedAt === null ||
      now - this.completenessCheckedAt >= this.options.completenessIntervalMs;
    if (!due) return;
    try {
      const check = await checkCompleteness({
        api: this.api,
        db: this.db,
        token,
        clientId,
        now: this.options.now,
      });
      if (check) this.completenessCheckedAt = now;
    } catch (error) {
      // A full phone cannot hold the repair: that is the user's problem to know about.
      if (toSyncFailure(error).kind === 'storageFull') throw error;
    }
  }

  /**
   * A first download, or a full re-download: every page from the start, then rows the server no
   * longer sends are removed — except those with a change waiting (finishRebootstrap).
   */
  private async downloadEverything(token: string, clientId: string): Promise<void> {
    const seen = new Set<string>();
    let finalCursor: string | null = null;
    const reset = await this.pullPages(
      token,
      clientId,
      null,
      this.options.fullDownloadLimit,
      true,
      seen,
      (cursor) => (finalCursor = cursor),
    );
    if (reset || finalCursor === null) {
      throw new SyncFailure('badResponse', 'the server asked to reset a download from the start');
    }
    await finishRebootstrap(this.db, seen, finalCursor);
    this.downloadedEverything = true;
  }

  /**
   * Fetches and applies pages until hasMore is false. The next page is requested while the
   * current one is written, so the network and the disk work at the same time (the first
   * download of a county is thousands of records on a slow phone). Returns true on resetRequired.
   */
  private async pullPages(
    token: string,
    clientId: string,
    startCursor: string | null,
    limit: number,
    full: boolean,
    seen?: Set<string>,
    onCursor?: (cursor: string) => void,
  ): Promise<boolean> {
    let received = 0;
    if (full) this.store.setState({ download: { received: 0, estimate: null, full: true } });
    const fetchPage = (cursor: string | null, pageLimit = limit) => {
      const request = this.api.pull(token, clientId, cursor, pageLimit);
      // If an earlier page fails to apply, this request is abandoned: never an unhandled error.
      request.catch(() => undefined);
      return request;
    };
    // A full download starts with a small page: the phone starts writing (and the progress bar
    // moving) while the server prepares the big ones, instead of idling through the first.
    let next: ReturnType<typeof fetchPage> | null = fetchPage(
      startCursor,
      full ? Math.min(limit, FIRST_PAGE_LIMIT) : limit,
    );
    while (next) {
      const response = await next;
      if ('resetRequired' in response) return true;
      const page: PullPage = response;
      next = page.hasMore ? fetchPage(page.cursor) : null;
      await applyPullPage(this.db, page, {
        cursorKey: full ? null : PULL_CURSOR_KEY,
        seen,
      });
      onCursor?.(page.cursor);
      received += page.changes.length;
      if (full) {
        this.store.setState({
          download: {
            received,
            // No total in the protocol: a full page says "at least one more page".
            estimate: page.hasMore ? received + limit : received,
            full: true,
          },
        });
      }
    }
    return false;
  }

  // ---- session --------------------------------------------------------------------------------

  private async changeSession<T>(fn: () => Promise<T>): Promise<T> {
    const change = (async () => {
      // Wait for the run in progress only: a run started from now on waits for this change
      // (sync() checks sessionChange), so waiting for "all runs" could wait for itself.
      const current = this.running;
      if (current) await current.catch(() => undefined);
      return this.withExclusiveLock(fn);
    })();
    this.sessionChange = change;
    try {
      return await change;
    } finally {
      if (this.sessionChange === change) this.sessionChange = null;
    }
  }

  /**
   * Logs in (call sync() afterwards to download). The same user again (after a 401) keeps everything. Another user gets a clean
   * device — unless the previous user's changes are still waiting, which are never thrown away
   * by someone else's login: they must be synced or exported first.
   */
  async login(username: string, password: string): Promise<LoginResult> {
    let response;
    try {
      response = await this.api.login(username, password);
    } catch (error) {
      return { ok: false, failure: toSyncFailure(error) };
    }
    const { token, user, password: passwordStatus } = response;
    const result = await this.changeSession(async (): Promise<LoginResult> => {
      const previous = await readSession(this.db);
      if (previous && previous.user.id !== user.id) {
        const unsynced = await unsyncedSummary(this.db);
        if (unsynced.outbox > 0 || unsynced.rejected > 0) {
          return { ok: false, otherUserPending: { user: previous.user, unsynced } };
        }
        await wipeLocalData(this.db);
      }
      await writeSession({ token, user, loggedInAt: this.options.now().toISOString() }, this.db);
      // For the idle lock, offline too: a salted slow hash, never the password (src/db/credential.ts).
      await saveLocalCredential(user.id, password, this.db);
      this.userCheckedAt = this.options.now().getTime();
      this.completenessCheckedAt = null;
      this.store.setState({ blocked: null, lastError: null, phase: 'idle', failures: 0 });
      return { ok: true, user, password: passwordStatus };
    });
    if (!result.ok) await this.api.logout(token).catch(() => undefined);
    return result;
  }

  /**
   * Logs out and forgets this user's data on the device. Refused while changes are waiting or
   * refused changes are kept, unless `discardUnsynced` (the screen offers an export first).
   */
  async logout(options: { discardUnsynced?: boolean } = {}): Promise<LogoutResult> {
    return this.changeSession(async (): Promise<LogoutResult> => {
      const unsynced = await unsyncedSummary(this.db);
      if (!options.discardUnsynced && (unsynced.outbox > 0 || unsynced.rejected > 0)) {
        return { ok: false, unsynced };
      }
      const session = await readSession(this.db);
      // Revoke the token on the server when it can be reached; offline, it expires by itself.
      if (session?.token) await this.api.logout(session.token).catch(() => undefined);
      await wipeLocalData(this.db);
      this.clearTimer();
      this.store.setState({
        phase: 'idle',
        blocked: 'loggedOut',
        lastError: null,
        download: null,
        lastSyncedAt: null,
        failures: 0,
        nextAttemptAt: null,
      });
      return { ok: true };
    });
  }
}

let appEngine: SyncEngine | null = null;

/** The app's engine (created on first use with the app's database and the browser's fetch). */
export function getSyncEngine(): SyncEngine {
  appEngine ??= new SyncEngine();
  return appEngine;
}

/** Replaces the app's engine (component tests give it their own database and server). */
export function setSyncEngine(engine: SyncEngine): void {
  appEngine?.stop();
  appEngine = engine;
}

/** Stops the app's engine and forgets it (tests: each file starts without one). */
export function forgetSyncEngine(): void {
  appEngine?.stop();
  appEngine = null;
}

/** Starts the app's engine once (App.tsx). */
export function startSync(): SyncEngine {
  const engine = getSyncEngine();
  engine.start();
  return engine;
}
