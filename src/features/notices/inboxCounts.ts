/**
 * Keeps the server's counts of the review inboxes (conflicts, likely duplicates) fresh on the
 * device for the notices: two one-item pages (`?limit=1` — the answer's `total` is the count),
 * asked when a coordinator or admin is online, and kept with the time it arrived (src/db/kept.ts)
 * so the badge still says "3 conflicts wait" in a village without signal.
 *
 * When: on opening the app, when the network comes back, after every sync (a push may have made
 * a conflict), on leaving an inbox (the user resolved some), and otherwise at most once a minute
 * as the user moves between screens.
 */
import { useEffect, useRef } from 'react';
import { useLocation } from 'wouter';
import { firstDataShown } from '../shared/firstData';
import { useOnline } from '../../pwa/useOnline';
import { keepAnswer, useLastSyncedAt, useSession } from '../../db';
import { may } from '../../domain/actions';
import type { SyncEngine } from '../../sync';
import { INBOX_COUNTS_KEY, type InboxCounts } from '../shared/notices';
import { paths } from '../shared/paths';

const MIN_INTERVAL_MS = 60_000;
const INBOX_PATHS = [paths.conflicts(), paths.duplicates()];

let lastAsked = 0;

/** Forgets when the counts were last asked for (tests; a new account). */
export function resetInboxCountsClock(): void {
  lastAsked = 0;
}

/** Asks the server for both totals and remembers them; a failure keeps what was known. */
export async function refreshInboxCounts(
  engine: SyncEngine,
  token: string,
  userId: string,
): Promise<void> {
  lastAsked = Date.now();
  try {
    const [conflicts, duplicates] = await Promise.all([
      engine.api.conflicts(token, { limit: 1 }),
      engine.api.duplicates(token, { limit: 1 }),
    ]);
    const counts: InboxCounts = {
      userId,
      conflicts: conflicts.total,
      duplicates: duplicates.total,
    };
    await keepAnswer(INBOX_COUNTS_KEY, counts);
  } catch {
    // Offline, a server hiccup, a session gone: the remembered counts stay, with their time.
  }
}

/**
 * The sync engine, loaded when first needed and not before the first screen has shown its data:
 * the badge sits in the top bar of the start page, which must not wait for (or compete with) the
 * engine's chunk (src/features/shared/firstData.ts, docs/PERFORMANCE.md).
 */
function syncEngine(): Promise<SyncEngine> {
  return firstDataShown()
    .then(() => import('../../sync'))
    .then((sync) => sync.getSyncEngine());
}

function isInboxPath(path: string): boolean {
  return INBOX_PATHS.some((p) => path === p || path.startsWith(`${p}/`));
}

/** Mounted once, in the top bar (the notices badge). */
export function useInboxCountsRefresh(): void {
  const session = useSession();
  const online = useOnline();
  const lastSyncedAt = useLastSyncedAt();
  const [path] = useLocation();
  const previousPath = useRef(path);
  const token = session?.token ?? null;
  const userId = session?.user.id ?? null;
  // Both inboxes are asked at once (refreshInboxCounts): for those who review both.
  const mayReview = session
    ? may(session.user, 'reviewConflicts') && may(session.user, 'reviewDuplicates')
    : false;

  // Every sync, a new account, the network back: ask now.
  useEffect(() => {
    if (!token || !userId || !mayReview || !online || lastSyncedAt === undefined) return;
    // Now, not once the engine's chunk is here: the effect below must see it was just asked.
    lastAsked = Date.now();
    void syncEngine().then((engine) => refreshInboxCounts(engine, token, userId));
  }, [token, userId, mayReview, online, lastSyncedAt]);

  // Moving between screens: leaving an inbox asks now, anything else at most once a minute. Not
  // before the last sync's time is read: the effect above asks then, whether the session and that
  // time arrive in one render or in two (Preact renders each database answer on its own).
  const syncKnown = lastSyncedAt !== undefined;
  useEffect(() => {
    const leftInbox = isInboxPath(previousPath.current) && !isInboxPath(path);
    previousPath.current = path;
    if (!token || !userId || !mayReview || !online || !syncKnown) return;
    if (!leftInbox && Date.now() - lastAsked < MIN_INTERVAL_MS) return;
    lastAsked = Date.now();
    void syncEngine().then((engine) => refreshInboxCounts(engine, token, userId));
  }, [path, token, userId, mayReview, online, syncKnown]);
}
