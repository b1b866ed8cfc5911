/**
 * Housekeeping of the running server (docs/SERVER.md "Maintenance", docs/PROTOCOL.md
 * "Retention"): once at start, then every MAINTENANCE_INTERVAL_MINUTES,
 *
 *   1. prunes the answers of push batches older than PUSH_RESULTS_RETENTION_DAYS (180 days by
 *      default, 30 at least), except those that kept something of what they rejected: it is the
 *      server's only copy, so it stays (what a batch may keep is bounded when it arrives:
 *      sync/kept-rejections.ts);
 *   2. compacts the change log (server/sync/compaction.ts, its rules unchanged) before
 *      CHANGE_LOG_RETENTION_DAYS (365 by default; `off` keeps the whole log);
 *   3. deletes photos no record uses once unused for UNUSED_PHOTOS_RETENTION_DAYS (30 by default,
 *      30 at least; `off` keeps them): server/attachments/cleanup.ts says what "unused" means;
 *   4. prunes audit entries older than AUDIT_RETENTION_DAYS (365 by default, 180 at least, never
 *      off: server/audit/prune.ts, the one path the append-only table lets delete).
 *
 * Why a push answer may go after months but not after days: exactly-once never depends on it
 * (a device's lastMutationId is kept forever, so a retried mutation is never applied twice); the
 * answer only serves a device that lost it and retries — and that device may be a phone that was
 * offline for weeks after the bus left the village. Past the period, the retry is answered
 * `rejected` with a message saying the answer is no longer kept and the server's copy is current
 * (the device then takes the server's copy), never "applied" for something that may have been
 * refused.
 *
 * Several server instances over one PostgreSQL (docs/DEPLOY.md "Many instances") each keep this
 * timer, but a period's run happens once: before running, an instance CLAIMS the run in app_meta
 * ('maintenance') under a transaction-scoped advisory lock, and only when the last claimed run
 * started at least 0.9 interval ago and has finished (or was claimed so long ago that its instance
 * must have died mid-run). The others find it claimed and skip. On PGlite (one process) the lock
 * costs nothing and the rule is the same — a restart within the interval skips the run at start.
 *
 * Runs never overlap, deletes go in chunks of short transactions (PGlite serialises them with
 * requests), a failure is logged and retried at the next interval, and the timer never keeps the
 * process alive; stop() waits for a run in progress, so the database is not closed under it.
 */
import { hostname } from 'node:os';
import { MIN_AUDIT_RETENTION_DAYS } from '../src/domain/audit';
import { pruneAudit } from './audit/prune';
import { removeUnusedPhotos, type PhotoCleanupReport } from './attachments/cleanup';
import type { Db } from './db';
import { compactChangeLog, type CompactionReport } from './sync/compaction';
import { runTransaction } from './db/transactions';

export interface MaintenanceConfig {
  /** Between runs; null: no maintenance at all (not even at start). */
  intervalMs: number | null;
  /** Answers of push batches older than this are pruned (at least MIN_RETENTION_DAYS). */
  pushResultsRetentionDays: number;
  /** The change log is compacted before this age; null: keep the whole log. */
  changeLogRetentionDays: number | null;
  /** Photos no record uses are deleted after this long unused; null: keep them. */
  unusedPhotosRetentionDays: number | null;
  /** Audit entries older than this are pruned (never under MIN_AUDIT_RETENTION_DAYS). */
  auditRetentionDays: number;
}

export const MIN_RETENTION_DAYS = 30;

export const DEFAULT_MAINTENANCE: MaintenanceConfig = {
  intervalMs: 60 * 60_000,
  pushResultsRetentionDays: 180,
  changeLogRetentionDays: 365,
  unusedPhotosRetentionDays: 30,
  auditRetentionDays: 365,
};

const DAY_MS = 86_400_000;
/** Rows deleted per transaction: short enough not to hold up pushes on PGlite. */
const PRUNE_CHUNK = 5_000;

export interface MaintenanceReport {
  pushResultsPruned: number;
  /** Null when change-log compaction is off. */
  compaction: CompactionReport | null;
  /** Null when the clean-up of unused photos is off. */
  photos: PhotoCleanupReport | null;
  auditPruned: number;
}

/**
 * Deletes the answers of push batches processed before `before` that rejected nothing, and
 * records per device the highest mutation id whose answer is gone (clients.results_pruned_through).
 */
export async function prunePushResults(db: Db, before: Date): Promise<number> {
  let total = 0;
  for (;;) {
    const pruned = await runTransaction(db, async (tx) => {
      const { rows } = await tx.query<{ n: number }>(
        `with doomed as (
           select client_id, last_mutation_id from push_results
           where processed_at < $1 and rejected_mutations is null
           order by processed_at limit $2
         ), pruned as (
           delete from push_results p using doomed d
           where p.client_id = d.client_id and p.last_mutation_id = d.last_mutation_id
           returning p.client_id, p.last_mutation_id
         ), marked as (
           -- Runs although nothing reads it: data-modifying WITH clauses always do.
           update clients c
           set results_pruned_through = greatest(c.results_pruned_through, p.through)
           from (select client_id, max(last_mutation_id) as through from pruned
                 group by client_id) as p
           where c.client_id = p.client_id
           returning 1
         )
         select count(*)::int as n from pruned`,
        [before, PRUNE_CHUNK],
      );
      return rows[0]!.n;
    });
    total += pruned;
    if (pruned < PRUNE_CHUNK) return total;
  }
}

/** One maintenance run at `now`. */
export async function runMaintenance(
  db: Db,
  config: MaintenanceConfig,
  now: Date = new Date(),
): Promise<MaintenanceReport> {
  // What is older than `days` (never fewer than `least`) before `now` goes.
  const olderThan = (days: number, least = MIN_RETENTION_DAYS) =>
    new Date(now.getTime() - Math.max(days, least) * DAY_MS);
  const pushResultsPruned = await prunePushResults(db, olderThan(config.pushResultsRetentionDays));
  const compaction =
    config.changeLogRetentionDays === null
      ? null
      : await compactChangeLog(db, { before: olderThan(config.changeLogRetentionDays) });
  const photos =
    config.unusedPhotosRetentionDays === null
      ? null
      : await removeUnusedPhotos(db, { before: olderThan(config.unusedPhotosRetentionDays) });
  const auditPruned = await pruneAudit(
    db,
    olderThan(config.auditRetentionDays, MIN_AUDIT_RETENTION_DAYS),
  );
  return { pushResultsPruned, compaction, photos, auditPruned };
}

/** Key of the advisory lock under which an instance claims a run (any fixed int8; migrations: …001). */
const MAINTENANCE_LOCK_KEY = 4_242_000_002;
/** The app_meta row that records the last claimed run. */
export const MAINTENANCE_META_KEY = 'maintenance';
/** A run is due once the last one started this fraction of the interval ago (timers drift). */
const DUE_FRACTION = 0.9;
/** A claimed run unfinished after this many intervals is taken for dead (its instance stopped). */
const STALE_INTERVALS = 3;

/** What app_meta 'maintenance' holds: the last claimed run, and how many were claimed in all. */
export interface MaintenanceRecord {
  startedAt: string;
  /** Null while the run is in progress (or after its instance died mid-run). */
  finishedAt: string | null;
  /** The instance that claimed it (host:pid by default). */
  by: string;
  failed?: boolean;
  /** Runs claimed since the record began (for operators and tests). */
  runs: number;
}

export async function readMaintenanceRecord(db: Db): Promise<MaintenanceRecord | null> {
  const { rows } = await db.query<{ value: MaintenanceRecord }>(
    'select value from app_meta where key = $1',
    [MAINTENANCE_META_KEY],
  );
  return rows[0]?.value ?? null;
}

/**
 * Claims this period's run for `by`, or answers false when another instance has it (or had it
 * less than 0.9 interval ago). Serialised across instances by an advisory lock held until the
 * claim commits, so two instances asking at the same moment never both get it.
 */
export async function claimMaintenanceRun(
  db: Db,
  options: { now: Date; intervalMs: number; by: string },
): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [MAINTENANCE_LOCK_KEY]);
    const { rows } = await tx.query<{ value: MaintenanceRecord }>(
      'select value from app_meta where key = $1',
      [MAINTENANCE_META_KEY],
    );
    const last = rows[0]?.value;
    if (last) {
      const since = options.now.getTime() - Date.parse(last.startedAt);
      if (since < options.intervalMs * DUE_FRACTION) return false;
      if (last.finishedAt === null && since < options.intervalMs * STALE_INTERVALS) return false;
    }
    const claimed: MaintenanceRecord = {
      startedAt: options.now.toISOString(),
      finishedAt: null,
      by: options.by,
      runs: (last?.runs ?? 0) + 1,
    };
    await tx.query(
      `insert into app_meta (key, value) values ($1, $2::jsonb)
       on conflict (key) do update set value = excluded.value`,
      [MAINTENANCE_META_KEY, JSON.stringify(claimed)],
    );
    return true;
  });
}

/** Marks the run `by` claimed at `startedAt` finished (unless another has been claimed since). */
async function finishMaintenanceRun(
  db: Db,
  run: { startedAt: Date; by: string; finishedAt: Date; failed: boolean },
): Promise<void> {
  await db.query(
    `update app_meta set value = value || jsonb_build_object('finishedAt', $2::text, 'failed', $3::boolean)
     where key = $1 and value ->> 'startedAt' = $4 and value ->> 'by' = $5`,
    [
      MAINTENANCE_META_KEY,
      run.finishedAt.toISOString(),
      run.failed,
      run.startedAt.toISOString(),
      run.by,
    ],
  );
}

/** Logged (level info) by an instance that finds the period's run claimed by another. */
export const MAINTENANCE_SKIPPED = "maintenance: this period's run is another instance's";

export interface MaintenanceLog {
  info(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface RunningMaintenance {
  /** Resolves after the run at start (tests wait for it). */
  readonly firstRun: Promise<void>;
  /** No more runs; waits for the one in progress. */
  stop(): Promise<void>;
}

/**
 * How the next run is scheduled. The server uses Node's timers (unref'd, so they never keep the
 * process alive); a test passes timers it fires by hand, so "runs on its interval" and "stops" are
 * proven by what is pending rather than by waiting — without faking the database's own timers.
 */
export interface MaintenanceTimers {
  set(fn: () => void, ms: number): { cancel(): void };
}

const NODE_TIMERS: MaintenanceTimers = {
  set(fn, ms) {
    const timer = setTimeout(fn, ms);
    timer.unref();
    return { cancel: () => clearTimeout(timer) };
  },
};

/**
 * Runs maintenance now, then every config.intervalMs, until stop() — each time only if this
 * instance claims the period's run (claimMaintenanceRun). `instance` names it in the record.
 */
export function startMaintenance(
  db: Db,
  config: MaintenanceConfig,
  options: {
    log: MaintenanceLog;
    now?: () => Date;
    timers?: MaintenanceTimers;
    instance?: string;
  },
): RunningMaintenance {
  if (config.intervalMs === null) {
    return { firstRun: Promise.resolve(), stop: async () => {} };
  }
  const intervalMs = config.intervalMs;
  const now = options.now ?? (() => new Date());
  const timers = options.timers ?? NODE_TIMERS;
  const by = options.instance ?? `${hostname()}:${process.pid}`;
  let stopped = false;
  let timer: { cancel(): void } | undefined;
  let running: Promise<void> = Promise.resolve();

  const run = async (): Promise<void> => {
    let claimedAt: Date | undefined;
    let failed = false;
    try {
      const startedAt = now();
      if (!(await claimMaintenanceRun(db, { now: startedAt, intervalMs, by }))) {
        options.log.info({ maintenance: { by } }, MAINTENANCE_SKIPPED);
        return;
      }
      claimedAt = startedAt;
      const report = await runMaintenance(db, config, startedAt);
      const compacted = report.compaction;
      if (
        report.pushResultsPruned > 0 ||
        (compacted && compacted.rowsDeleted > 0) ||
        (report.photos && report.photos.photosDeleted > 0)
      ) {
        options.log.info(
          { maintenance: report },
          'maintenance: old push answers, change log and unused photos pruned',
        );
      }
    } catch (error) {
      // Never fatal: the next run tries again (a database restart, a lock timeout).
      failed = true;
      options.log.error({ err: error }, 'maintenance failed; retrying at the next interval');
    }
    if (claimedAt) {
      await finishMaintenanceRun(db, {
        startedAt: claimedAt,
        by,
        finishedAt: now(),
        failed,
      }).catch((error: unknown) => {
        // The record stays "in progress"; it goes stale after STALE_INTERVALS and is taken over.
        options.log.error({ err: error }, 'maintenance: could not record the end of the run');
      });
    }
  };
  const schedule = () => {
    if (stopped) return;
    timer = timers.set(() => {
      running = run().finally(schedule);
    }, intervalMs);
  };

  running = run().finally(schedule);
  return {
    firstRun: running,
    async stop() {
      stopped = true;
      timer?.cancel();
      await running;
    },
  };
}
