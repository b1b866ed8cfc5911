// The map's filters decide which service points a coordinator sees, and the township centres
// decide where the map goes when a township is tapped in the gap list. A filter that silently
// drops points (a point never opened matching a year, a deleted point reappearing) would make the
// map disagree with the list; a centre pulled by a deleted point would send the user elsewhere.
import { describe, expect, it } from 'vitest';
import {
  activeFilterCount,
  filterPoints,
  NO_FILTERS,
  openingYears,
  townshipCentres,
  type FilterablePoint,
} from './pointFilter';

const base: FilterablePoint = {
  status: 'open',
  tier: 'village',
  services: ['purchasing'],
  regionCode: '330127100201',
  openedOn: '2024-05-01',
  deleted: false,
};

const points: (FilterablePoint & { id: string })[] = [
  { ...base, id: 'a' },
  { ...base, id: 'b', status: 'planned', openedOn: null, services: ['parcels'] },
  { ...base, id: 'c', tier: 'township', regionCode: '330122100', openedOn: '2023-02-01' },
  { ...base, id: 'd', deleted: true },
  { ...base, id: 'e', status: 'closed', services: ['parcels', 'payments'], regionCode: '330122' },
];

const ids = (list: { id: string }[]) => list.map((p) => p.id);

describe('filterPoints', () => {
  it('with no filter keeps every live point and drops deleted ones', () => {
    expect(ids(filterPoints(points, NO_FILTERS))).toEqual(['a', 'b', 'c', 'e']);
    expect(activeFilterCount(NO_FILTERS)).toBe(0);
  });

  it('filters by status, tier, any of the services, county and opening year', () => {
    expect(ids(filterPoints(points, { ...NO_FILTERS, statuses: ['planned', 'closed'] }))).toEqual([
      'b',
      'e',
    ]);
    expect(ids(filterPoints(points, { ...NO_FILTERS, tiers: ['township'] }))).toEqual(['c']);
    expect(ids(filterPoints(points, { ...NO_FILTERS, services: ['payments', 'parcels'] }))).toEqual(
      ['b', 'e'],
    );
    expect(ids(filterPoints(points, { ...NO_FILTERS, county: '330122' }))).toEqual(['c', 'e']);
    // A point never opened (b) matches no year.
    expect(ids(filterPoints(points, { ...NO_FILTERS, year: 2024 }))).toEqual(['a', 'e']);
  });

  it('combines filters with AND and counts the active ones', () => {
    const filters = { ...NO_FILTERS, statuses: ['open' as const], year: 2023, county: '330122' };
    expect(ids(filterPoints(points, filters))).toEqual(['c']);
    expect(activeFilterCount(filters)).toBe(2);
  });

  it('offers the opening years, newest first', () => {
    expect(openingYears(points)).toEqual([2024, 2023]);
  });
});

describe('townshipCentres', () => {
  const at = (regionCode: string, lat: number, lng: number, deleted = false) => ({
    regionCode,
    deleted,
    location: { lat, lng, accuracy: 5, source: 'gps' as const, capturedAt: '' },
  });

  it('averages the located points of each township, ignoring deleted and county-level points', () => {
    const centres = townshipCentres([
      at('330127100201', 29.6, 119.0),
      at('330127100202', 29.8, 119.2),
      at('330127100', 29.7, 119.1), // a township station placed at the township
      at('330127100203', 10, 10, true),
      at('330127', 0, 0),
      { regionCode: '330127100204', deleted: false, location: null },
    ]);
    expect([...centres.keys()]).toEqual(['330127100']);
    const c = centres.get('330127100')!;
    expect(c.points).toBe(3);
    expect(c.lat).toBeCloseTo(29.7, 9);
    expect(c.lng).toBeCloseTo(119.1, 9);
  });
});
