/**
 * The keys of the `meta` table's rows, in a module without Dexie: the Dexie modules that write
 * the rows (sync-state.ts, kept.ts, stamp.ts, notices.ts) and rawFirst.ts, which reads some of
 * them before Dexie is loaded, name them from here, so the two readers cannot drift apart.
 */
export const SESSION_KEY = 'session';
export const LAST_SYNCED_AT_KEY = 'lastSyncedAt';
export const PACE_SUMMARY_KEY = 'paceSummary';
export const RECORDS_STAMP_KEY = 'recordsStamp';
/** Prefix of every kept answer's meta key (wipeLocalData removes them all). */
export const KEPT_PREFIX = 'kept:';
/** A counted value's small header (stamp.ts, readCountedFigures). */
export const COUNTED_PREFIX = `${KEPT_PREFIX}counted:`;
/** Where a counted value lives, apart from its header. */
export const COUNTED_VALUE_PREFIX = `${KEPT_PREFIX}counted-value:`;
