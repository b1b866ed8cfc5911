/**
 * These counts go into the yearly assessment (考核): a county is judged on its accepted pilots and
 * the prefecture on its central towns' stores and the shops on the platform. A planned or closed
 * store must not make a town "have a store", a failed pilot must never count as accepted, and one
 * county's pilots or another year's must not leak into a county's figure.
 */
import { describe, expect, it } from 'vitest';
import { targetId, type Target, type TargetMetric } from './target';
import {
  agriShopProgress,
  centralTownStoreProgress,
  centralTownsWithoutStore,
  isCentralTown,
  pilotHistory,
  pilotProgressByCounty,
  pointsInTownship,
  progressShare,
  servicePointProgress,
  storesOutsideCentralTowns,
  tallyPilots,
  townHasStore,
  townVillageCoverage,
  transitionStore,
} from './townFigures';
import type { StoreStatus } from './flagshipStore';
import type { PilotStatus } from './pilotTown';
import type { ServicePointStatus } from './servicePoint';

const CHUNAN = '330127';
const TONGLU = '330122';
const QIANDAOHU = '330127100';
const FENSHUI = '330122102';

const store = (townshipCode: string, status: StoreStatus, deleted = false) => ({
  townshipCode,
  status,
  deleted,
});
const pilot = (townshipCode: string, year: number, status: PilotStatus, deleted = false) => ({
  townshipCode,
  year,
  status,
  deleted,
});
const town = (townshipCode: string, designatedYear = 2013, active = true) => ({
  townshipCode,
  designatedYear,
  active,
  deleted: false,
});
const target = (
  year: number,
  countyCode: string | null,
  metric: TargetMetric,
  value: number,
): Target => ({
  id: targetId(year, countyCode, metric),
  version: 0,
  updatedAt: null,
  updatedBy: null,
  deleted: false,
  year,
  countyCode,
  metric,
  value,
});

describe('has a store', () => {
  it('needs at least one open, not deleted store of that town', () => {
    expect(townHasStore([store(QIANDAOHU, 'planned')], QIANDAOHU)).toBe(false);
    expect(townHasStore([store(QIANDAOHU, 'closed')], QIANDAOHU)).toBe(false);
    expect(townHasStore([store(QIANDAOHU, 'open', true)], QIANDAOHU)).toBe(false);
    expect(townHasStore([store(FENSHUI, 'open')], QIANDAOHU)).toBe(false);
    expect(townHasStore([store(QIANDAOHU, 'closed'), store(QIANDAOHU, 'open')], QIANDAOHU)).toBe(
      true,
    );
  });

  it('lists the central towns on the list that year still without an open store', () => {
    const towns = [
      town(QIANDAOHU),
      town(FENSHUI),
      town('330122103', 2016),
      town('330122104', 2013, false),
    ];
    const stores = [store(QIANDAOHU, 'open'), store(FENSHUI, 'planned')];
    expect(centralTownsWithoutStore(towns, stores, 2015).map((t) => t.townshipCode)).toEqual([
      FENSHUI,
    ]);
    const all = centralTownStoreProgress(
      towns,
      stores,
      [target(2015, null, 'centralTownsWithStore', 2)],
      2015,
    );
    expect(all).toEqual({ count: 1, towns: 2, target: 2 });
    expect(centralTownStoreProgress(towns, stores, [], 2015, TONGLU)).toEqual({
      count: 0,
      towns: 1,
      target: null,
    });
  });
});

describe('stores outside the central-town list', () => {
  it('knows a town on the list now, whatever year it was designated; not one taken off it', () => {
    const towns = [town(QIANDAOHU, 2027), town(FENSHUI, 2013, false)];
    expect(isCentralTown(towns, QIANDAOHU)).toBe(true);
    expect(isCentralTown(towns, FENSHUI)).toBe(false);
    expect(isCentralTown([], QIANDAOHU)).toBe(false);
  });

  it('lists planned and open stores of towns not on the list; closed and deleted ones are done', () => {
    const towns = [town(QIANDAOHU), town(FENSHUI, 2013, false)];
    const stores = [
      { id: 'a', ...store(QIANDAOHU, 'open') },
      { id: 'b', ...store(FENSHUI, 'planned') },
      { id: 'c', ...store('330122103', 'open') },
      { id: 'd', ...store('330122104', 'closed') },
      { id: 'e', ...store('330122105', 'open', true) },
    ];
    expect(storesOutsideCentralTowns(stores, towns).map((s) => s.id)).toEqual(['b', 'c']);
  });
});

describe('pilots per county per year', () => {
  const pilots = [
    pilot(QIANDAOHU, 2014, 'accepted'),
    pilot('330127101', 2014, 'failed'),
    pilot('330127102', 2014, 'inProgress'),
    pilot('330127103', 2014, 'accepted', true),
    pilot(QIANDAOHU, 2013, 'accepted'),
    pilot(FENSHUI, 2014, 'accepted'),
  ];

  it('counts only accepted pilots as accepted; failed never do, deleted are ignored', () => {
    expect(tallyPilots(pilots, 2014, CHUNAN)).toEqual({ accepted: 1, underway: 1, failed: 1 });
    expect(tallyPilots(pilots, 2013, CHUNAN)).toEqual({ accepted: 1, underway: 0, failed: 0 });
    expect(tallyPilots(pilots, 2014, null)).toEqual({ accepted: 2, underway: 1, failed: 1 });
  });

  it("measures each county against its own 'pilotsAccepted' target for that year", () => {
    const targets = [
      target(2014, CHUNAN, 'pilotsAccepted', 2),
      target(2014, TONGLU, 'pilotsAccepted', 1),
      target(2013, CHUNAN, 'pilotsAccepted', 1),
    ];
    const [chunan, tonglu] = pilotProgressByCounty([CHUNAN, TONGLU], pilots, targets, 2014);
    expect(chunan).toMatchObject({ accepted: 1, failed: 1, target: 2, met: false });
    expect(tonglu).toMatchObject({ accepted: 1, target: 1, met: true });
    const [none] = pilotProgressByCounty([CHUNAN], pilots, targets, 2015);
    expect(none).toMatchObject({ accepted: 0, target: null, met: false });
  });

  it("keeps a town's pilot history, newest year first", () => {
    expect(pilotHistory(pilots, QIANDAOHU).map((p) => p.year)).toEqual([2014, 2013]);
  });
});

describe('agricultural shops and service points against targets', () => {
  const shop = (regionCode: string, onServicePlatform: boolean, joinedOn: string | null) => ({
    regionCode,
    onServicePlatform,
    joinedOn,
    deleted: false,
  });
  it('counts shops on the platform, joined by that year, against the prefecture-wide default', () => {
    const shops = [
      shop('330127100219', true, '2014-05-01'),
      shop(FENSHUI, true, '2016-01-01'),
      shop(QIANDAOHU, false, null),
    ];
    const targets = [target(2015, null, 'agriShopsOnPlatform', 100)];
    expect(agriShopProgress(shops, targets, 2015)).toEqual({ count: 1, target: 100 });
    expect(agriShopProgress(shops, targets, 2016)).toEqual({ count: 2, target: null });
    expect(agriShopProgress(shops, targets, 2016, TONGLU)).toEqual({ count: 1, target: null });
    expect(progressShare({ count: 150, target: 100 })).toBe(1);
    expect(progressShare({ count: 1, target: null })).toBeNull();
  });

  it('counts open points only, and finds the points and village coverage of a town', () => {
    const p = (regionCode: string, status: ServicePointStatus, deleted = false) => ({
      regionCode,
      status,
      deleted,
    });
    const points = [
      p('330127100219', 'open'),
      p('330127100220', 'planned'),
      p('330127100221', 'open', true),
      p('330122102201', 'open'),
    ];
    expect(servicePointProgress(points, [target(2015, null, 'servicePoints', 1500)], 2015)).toEqual(
      { count: 2, target: 1500 },
    );
    expect(pointsInTownship(points, QIANDAOHU)).toHaveLength(2);
    const villages = [
      { code: '330127100219', rural: true },
      { code: '330127100220', rural: true },
      { code: '330127100001', rural: false },
    ];
    expect(townVillageCoverage(villages, points)).toEqual({ covered: 1, rural: 2 });
  });
});

describe('flagship store status', () => {
  it('opens a planned store and sets the opening date, keeps it on reopening', () => {
    expect(transitionStore({ status: 'planned', openedOn: null }, 'open', '2015-03-01')).toEqual({
      ok: true,
      changes: { status: 'open', openedOn: '2015-03-01' },
    });
    expect(
      transitionStore({ status: 'closed', openedOn: '2014-01-01' }, 'open', '2015-03-01'),
    ).toEqual({ ok: true, changes: { status: 'open', openedOn: '2014-01-01' } });
  });

  it('refuses steps that make no sense', () => {
    expect(
      transitionStore({ status: 'open', openedOn: '2015-01-01' }, 'planned', '2015-02-01'),
    ).toEqual({ ok: false, reason: 'notAllowed' });
    expect(transitionStore({ status: 'closed', openedOn: null }, 'planned', '2015-02-01')).toEqual({
      ok: false,
      reason: 'notAllowed',
    });
    expect(
      transitionStore({ status: 'open', openedOn: '2015-01-01' }, 'open', '2015-02-01'),
    ).toEqual({ ok: false, reason: 'same' });
    expect(
      transitionStore({ status: 'open', openedOn: '2015-05-01' }, 'closed', '2015-02-01'),
    ).toEqual({ ok: false, reason: 'dateBeforePrevious' });
  });
});
