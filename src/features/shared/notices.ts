/**
 * Notices: what needs the user, in one list that the top bar's badge counts, the line above the
 * lists shows and /notices spells out (issue 12, part 7). Each says what and where to act:
 *
 * - changes the server refused, not yet read (the device's `rejected` table) → the sync panel;
 * - conflicts waiting and likely duplicates to review (coordinators and admins: the server's
 *   totals, remembered with the time they were learnt, so they still show offline) → the inboxes;
 * - metrics of the user's own area behind pace this year, among those the role's own work moves
 *   (as the board last counted them) → 概览.
 *
 * Nothing for a role that cannot act on it. The rules are `noticesOf`, pure, so they are tested
 * without a database; `useNotices` only gathers its inputs.
 */
import { useEffect } from 'react';
import {
  useKeptAnswer,
  usePaceSummary,
  useRejected,
  useSession,
  writePaceSummary,
  type KeptAnswer,
  type PaceSummary,
  type RejectedEntry,
} from '../../db/live';
import { canMoveMetric, type Area, type Measure, type MetricId } from '../../domain/metrics';
import type { Role } from '../../domain/protocol';
import { rolesFor } from '../../domain/actions';
import { INBOX_COUNTS_KEY } from './noticesReads';
import { useUserArea } from './useAssessment';
import { currentYear } from './years';
import { paths } from './paths';

/** Where the sync panel lists refused changes (RejectedChanges scrolls itself into view). */
export const REFUSED_HREF = paths.settingsRefused();

/** The key of the server's inbox totals among the kept answers (src/db/kept.ts). */
export { INBOX_COUNTS_KEY };

/** The server's totals of the review inboxes, for one account. */
export interface InboxCounts {
  userId: string;
  conflicts: number;
  duplicates: number;
}

export type Notice =
  | { kind: 'refused'; count: number; href: string }
  | { kind: 'conflicts'; count: number; at: string; href: string }
  | { kind: 'duplicates'; count: number; at: string; href: string }
  | { kind: 'behind'; count: number; metrics: MetricId[]; year: number; href: string };

export interface NoticeInputs {
  /** The signed-in user (null: nobody; the device then has nothing to be told by a server). */
  user: { id: string; role: Role } | null;
  area: Area;
  year: number;
  rejected: readonly Pick<RejectedEntry, 'dismissedAt'>[];
  /** As kept on the device, with the time it arrived. */
  inbox: KeptAnswer<InboxCounts> | null;
  pace: PaceSummary | null;
}

/** The notices, most urgent first: the user's own work that did not count comes first. */
export function noticesOf({ user, area, year, rejected, inbox, pace }: NoticeInputs): Notice[] {
  const notices: Notice[] = [];
  const unread = rejected.filter((r) => r.dismissedAt === null).length;
  if (unread > 0) notices.push({ kind: 'refused', count: unread, href: REFUSED_HREF });
  if (!user) return notices;
  // Remembered counts of another account (the phone changed hands) say nothing about this one.
  if (inbox && inbox.value.userId === user.id) {
    const { conflicts, duplicates } = inbox.value;
    const at = inbox.keptAt;
    if (conflicts > 0 && rolesFor('reviewConflicts').includes(user.role)) {
      notices.push({ kind: 'conflicts', count: conflicts, at, href: paths.conflicts() });
    }
    if (duplicates > 0 && rolesFor('reviewDuplicates').includes(user.role)) {
      notices.push({ kind: 'duplicates', count: duplicates, at, href: paths.duplicates() });
    }
  }
  if (pace && pace.userId === user.id && pace.areaCode === area.code && pace.year === year) {
    const behind = pace.behind.filter((m) => canMoveMetric(m, user.role));
    if (behind.length > 0) {
      notices.push({
        kind: 'behind',
        count: behind.length,
        metrics: behind,
        year,
        href: paths.dashboard(),
      });
    }
  }
  return notices;
}

/** How many things a notice stands for (the badge adds them up). */
export function noticeTotal(notices: readonly Notice[]): number {
  return notices.reduce((sum, n) => sum + n.count, 0);
}

/** The user's notices, from the device alone (works offline); undefined while loading. */
export function useNotices(): Notice[] | undefined {
  const session = useSession();
  const area = useUserArea();
  const rejected = useRejected();
  const inbox = useKeptAnswer<InboxCounts>(INBOX_COUNTS_KEY);
  const pace = usePaceSummary();
  if (session === undefined || !rejected || inbox === undefined || pace === undefined) {
    return undefined;
  }
  return noticesOf({
    user: session ? { id: session.user.id, role: session.user.role } : null,
    area,
    year: currentYear(),
    rejected,
    inbox,
    pace,
  });
}

/**
 * Leaves the board's verdict for the notices: which metrics of the user's own area are behind
 * pace this year, among those the role's work moves. Only for the running year and the user's
 * own area — a past year cannot be caught up, and another area is not theirs.
 */
export function useRememberPace(
  area: Area,
  year: number,
  measures: readonly Measure[] | undefined,
) {
  const session = useSession();
  const userId = session?.user.id;
  const role = session?.user.role;
  const behind = measures
    ?.filter((m) => m.pace === 'behind' && role !== undefined && canMoveMetric(m.metric, role))
    .map((m) => m.metric)
    .join();
  useEffect(() => {
    if (!userId || behind === undefined || year !== currentYear()) return;
    writePaceSummary({
      userId,
      areaCode: area.code,
      year,
      behind: behind === '' ? [] : (behind.split(',') as MetricId[]),
      at: new Date().toISOString(),
    }).catch(() => {
      // Best effort: the notices keep the last verdict until the board counts again (a closed
      // database on logout, a full disk — the board itself is unaffected).
    });
  }, [userId, area.code, year, behind]);
}
