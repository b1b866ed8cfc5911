/**
 * What counts toward a figure, record by record: the rules the assessment's metrics (metrics.ts)
 * and the towns' and training's figures apply. Kept apart from the schemas they belong to (zod-free,
 * types only from there), so the start page's board counts without loading zod and every schema
 * (docs/PERFORMANCE.md, "Size"); each schema module re-exports its own rule.
 */
import type { AgriShop } from './agriShop';
import type { Attendance } from './attendance';
import type { FlagshipStore } from './flagshipStore';
import type { PilotTown } from './pilotTown';
import type { Target, TargetMetric } from './target';
import type { TrainingSession } from './trainingSession';

/**
 * On the session's list (名单): a live row not taken off it. `onRoster` is absent on rows written
 * before membership became a field (and by apps that predate it): those are on the list.
 */
export function isOnRoster(a: Pick<Attendance, 'onRoster' | 'deleted'>): boolean {
  return a.onRoster !== false && !a.deleted;
}

/** Trained at this session: present or late, and on the list (a check-in puts them back on it). */
export function attended(a: Pick<Attendance, 'status' | 'deleted' | 'onRoster'>): boolean {
  return (a.status === 'present' || a.status === 'late') && isOnRoster(a);
}

/** Counts toward the target of 100: on the platform and not deleted. */
export function countsTowardPlatformTarget(
  shop: Pick<AgriShop, 'onServicePlatform' | 'deleted'>,
): boolean {
  return shop.onServicePlatform && !shop.deleted;
}

export function isStoreOpen(store: Pick<FlagshipStore, 'status' | 'deleted'>): boolean {
  return store.status === 'open' && !store.deleted;
}

/** Only an accepted (验收通过) pilot counts as achieved; failed ones never do. */
export function isAcceptedPilot(p: Pick<PilotTown, 'status' | 'deleted'>): boolean {
  return p.status === 'accepted' && !p.deleted;
}

/** The target for a metric in a year: the county's own row, else none. */
export function findTarget(
  targets: readonly Target[],
  year: number,
  metric: TargetMetric,
  countyCode: string | null,
): Target | undefined {
  return targets.find(
    (t) => !t.deleted && t.year === year && t.metric === metric && t.countyCode === countyCode,
  );
}

/** The year a session counts toward (its first day). */
export function sessionYear(session: Pick<TrainingSession, 'startDate'>): number {
  return Number(session.startDate.slice(0, 4));
}
