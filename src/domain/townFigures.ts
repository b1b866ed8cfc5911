/**
 * The figures of the central-town programme (policy §四), computed from records: which central
 * towns have a flagship store, how many pilots each county has this year against its target, how
 * many agricultural shops are on the rural public service platform, and the flagship-store status
 * steps that make sense. Pure functions over rows, so the overview, the dashboard, the town page and
 * the tests all count the same way.
 */
import type { PilotStatus, PilotTown } from './pilotTown';
import type { AgriShop } from './agriShop';
import type { CentralTown } from './centralTown';
import type { FlagshipStore, StoreStatus } from './flagshipStore';
import type { TransitionTable } from './lifecycle';
import type { Village } from './region';
import type { ServicePoint } from './servicePoint';
import { isOperating } from './servicePointValues';
import type { Target, TargetMetric } from './target';
import { isAcceptedPilot, countsTowardPlatformTarget, isStoreOpen, findTarget } from './countRules';

// ---------------------------------------------------------------------------------------------
// Flagship stores

/**
 * Store status steps. A planned store may open or be abandoned (closed); an open store may close;
 * a closed store may reopen. Going back to "planned" never makes sense: the store existed.
 */
export const STORE_TRANSITIONS: TransitionTable<StoreStatus> = {
  planned: ['open', 'closed'],
  open: ['closed'],
  closed: ['open'],
};

export type StoreTransition =
  | {
      ok: true;
      changes: { status: StoreStatus; openedOn: string | null };
    }
  | { ok: false; reason: 'same' | 'notAllowed' | 'dateBeforePrevious' };

/**
 * The changes that move a store to a new status on a date, or why not. Opening sets the opening
 * date unless the store already has one (a reopening keeps the first date); an opening date after
 * the day it is closed is refused, because the store cannot close before it opened.
 */
export function transitionStore(
  store: Pick<FlagshipStore, 'status' | 'openedOn'>,
  to: StoreStatus,
  date: string,
): StoreTransition {
  if (store.status === to) return { ok: false, reason: 'same' };
  if (!STORE_TRANSITIONS[store.status].includes(to)) return { ok: false, reason: 'notAllowed' };
  if (to === 'closed' && store.openedOn !== null && date < store.openedOn) {
    return { ok: false, reason: 'dateBeforePrevious' };
  }
  return {
    ok: true,
    changes: { status: to, openedOn: to === 'open' ? (store.openedOn ?? date) : store.openedOn },
  };
}

type StoreLike = Pick<FlagshipStore, 'townshipCode' | 'status' | 'deleted'>;

/** A town "has a store" when at least one of its stores is open (planned or closed ones do not count). */
export function townHasStore(stores: readonly StoreLike[], townshipCode: string): boolean {
  return stores.some((s) => s.townshipCode === townshipCode && isStoreOpen(s));
}

type CentralTownLike = Pick<CentralTown, 'townshipCode' | 'designatedYear' | 'active' | 'deleted'>;

/** Central towns on the list in a year: active, designated that year or before. */
export function centralTownsIn<T extends CentralTownLike>(towns: readonly T[], year: number): T[] {
  return towns.filter((c) => c.active && !c.deleted && c.designatedYear <= year);
}

/** Central towns on the list in a year that have no open flagship store — the admin's to-do list. */
export function centralTownsWithoutStore<T extends CentralTownLike>(
  towns: readonly T[],
  stores: readonly StoreLike[],
  year: number,
): T[] {
  const withStore = new Set(stores.filter(isStoreOpen).map((s) => s.townshipCode));
  return centralTownsIn(towns, year).filter((c) => !withStore.has(c.townshipCode));
}

/** Whether a township is on the central-town list now (active, not deleted; any year designated). */
export function isCentralTown(towns: readonly CentralTownLike[], townshipCode: string): boolean {
  return towns.some((c) => c.townshipCode === townshipCode && c.active && !c.deleted);
}

/**
 * Flagship stores whose township is not on the central-town list: something to look at, not an
 * error. The policy has every central town open one, so a store elsewhere is usually a town the
 * admin has not marked yet (or took off the list), or a store filed under the wrong township.
 * Closed and deleted stores are left out: there is nothing left to correct.
 */
export function storesOutsideCentralTowns<S extends StoreLike>(
  stores: readonly S[],
  towns: readonly CentralTownLike[],
): S[] {
  const central = new Set(towns.filter((c) => c.active && !c.deleted).map((c) => c.townshipCode));
  return stores.filter((s) => !s.deleted && s.status !== 'closed' && !central.has(s.townshipCode));
}

// ---------------------------------------------------------------------------------------------
// Progress against targets

export interface Progress {
  /** What has been achieved. */
  count: number;
  /** The target value from the Target rows, or null when none is set for that year and place. */
  target: number | null;
}

/** The target value for a metric, year and county (null = the whole prefecture), if any. */
export function targetValue(
  targets: readonly Target[],
  year: number,
  metric: TargetMetric,
  countyCode: string | null,
): number | null {
  return findTarget(targets, year, metric, countyCode)?.value ?? null;
}

const inCounty = (code: string, countyCode: string | null) =>
  countyCode === null || code.startsWith(countyCode);

/** Central towns (in a county, or all) on the list in a year with an open store, against 'centralTownsWithStore'. */
export function centralTownStoreProgress(
  towns: readonly CentralTownLike[],
  stores: readonly StoreLike[],
  targets: readonly Target[],
  year: number,
  countyCode: string | null = null,
): Progress & { towns: number } {
  const listed = centralTownsIn(towns, year).filter((c) => inCounty(c.townshipCode, countyCode));
  const withStore = listed.filter((c) => townHasStore(stores, c.townshipCode)).length;
  return {
    count: withStore,
    towns: listed.length,
    target: targetValue(targets, year, 'centralTownsWithStore', countyCode),
  };
}

type PilotLike = Pick<PilotTown, 'townshipCode' | 'year' | 'status' | 'deleted'>;

export interface PilotTally {
  /** Accepted (验收通过): the only ones that count toward the target. */
  accepted: number;
  /** Proposed, approved or in progress: may still count this year. */
  underway: number;
  /** Failed: never counted as accepted. */
  failed: number;
}

const UNDERWAY: readonly PilotStatus[] = ['proposed', 'approved', 'inProgress'];

/** The pilots of one county (or all, with null) in one year, by outcome. */
export function tallyPilots(
  pilots: readonly PilotLike[],
  year: number,
  countyCode: string | null,
): PilotTally {
  const tally: PilotTally = { accepted: 0, underway: 0, failed: 0 };
  for (const p of pilots) {
    if (p.deleted || p.year !== year || !inCounty(p.townshipCode, countyCode)) continue;
    if (isAcceptedPilot(p)) tally.accepted += 1;
    else if (p.status === 'failed') tally.failed += 1;
    else if (UNDERWAY.includes(p.status)) tally.underway += 1;
  }
  return tally;
}

export interface CountyPilotProgress extends PilotTally {
  countyCode: string;
  /** The county's 'pilotsAccepted' target for the year, or null when none is set. */
  target: number | null;
  /** Accepted pilots reach the target (false when there is no target). */
  met: boolean;
}

/** Every county's pilots in a year against its own 'pilotsAccepted' target. */
export function pilotProgressByCounty(
  countyCodes: readonly string[],
  pilots: readonly PilotLike[],
  targets: readonly Target[],
  year: number,
): CountyPilotProgress[] {
  return countyCodes.map((countyCode) => {
    const tally = tallyPilots(pilots, year, countyCode);
    const target = targetValue(targets, year, 'pilotsAccepted', countyCode);
    return { countyCode, ...tally, target, met: target !== null && tally.accepted >= target };
  });
}

type ShopLike = Pick<AgriShop, 'regionCode' | 'onServicePlatform' | 'joinedOn' | 'deleted'>;

/**
 * Agricultural shops on the platform (joined in or before the year; cumulative, as the policy asks
 * for a total) against 'agriShopsOnPlatform'. A county's own target row wins; without one, a
 * prefecture-wide figure applies only to the prefecture.
 */
export function agriShopProgress(
  shops: readonly ShopLike[],
  targets: readonly Target[],
  year: number,
  countyCode: string | null = null,
): Progress {
  const count = shops.filter(
    (s) =>
      countsTowardPlatformTarget(s) &&
      inCounty(s.regionCode, countyCode) &&
      (s.joinedOn === null || Number(s.joinedOn.slice(0, 4)) <= year),
  ).length;
  return { count, target: targetValue(targets, year, 'agriShopsOnPlatform', countyCode) };
}

type PointLike = Pick<ServicePoint, 'regionCode' | 'status' | 'deleted'>;

/** Open service points (in a county, or all) against 'servicePoints'. */
export function servicePointProgress(
  points: readonly PointLike[],
  targets: readonly Target[],
  year: number,
  countyCode: string | null = null,
): Progress {
  const count = points.filter((p) => isOperating(p) && inCounty(p.regionCode, countyCode)).length;
  return { count, target: targetValue(targets, year, 'servicePoints', countyCode) };
}

/** Share of a target reached, 0..1 (capped), or null when there is no target. */
export function progressShare(progress: Progress): number | null {
  if (progress.target === null) return null;
  if (progress.target === 0) return 1;
  return Math.min(1, progress.count / progress.target);
}

// ---------------------------------------------------------------------------------------------
// A town's own figures

/** Service points placed in a township (the township itself or one of its villages). */
export function pointsInTownship<P extends Pick<ServicePoint, 'regionCode' | 'deleted'>>(
  points: readonly P[],
  townshipCode: string,
): P[] {
  return points.filter((p) => !p.deleted && p.regionCode.startsWith(townshipCode));
}

export interface VillageCoverage {
  /** Rural villages of the town with at least one open point. */
  covered: number;
  /** Rural villages of the town (communities are not counted). */
  rural: number;
}

/** The coverage of a town's villages: rural villages with an open point / rural villages. */
export function townVillageCoverage(
  villages: readonly Pick<Village, 'code' | 'rural'>[],
  points: readonly PointLike[],
): VillageCoverage {
  const served = new Set(points.filter(isOperating).map((p) => p.regionCode));
  const rural = villages.filter((v) => v.rural);
  return { covered: rural.filter((v) => served.has(v.code)).length, rural: rural.length };
}

/** The pilots of one town, newest year first. */
export function pilotHistory<P extends PilotLike>(pilots: readonly P[], townshipCode: string): P[] {
  return pilots
    .filter((p) => !p.deleted && p.townshipCode === townshipCode)
    .sort((a, b) => b.year - a.year);
}

/** Milestones a pilot starts with; the coordinator ticks them and may add more. */
export const DEFAULT_MILESTONE_IDS = [
  'plan',
  'platform',
  'training',
  'logistics',
  'review',
] as const;
