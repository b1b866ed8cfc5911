/** The list is how an officer finds yesterday's point among hundreds: search and filters must be exact. */
import { describe, expect, it } from 'vitest';
import { newId } from './common';
import { newServicePointFields, type ServicePoint } from './servicePoint';
import { EMPTY_FILTER, queryPoints } from './servicePointQuery';

const point = (over: Partial<ServicePoint>): ServicePoint => ({
  id: newId(),
  version: 0,
  updatedAt: null,
  updatedBy: null,
  deleted: false,
  ...newServicePointFields('2026-03-01'),
  regionCode: '330127100219',
  name: 'x',
  ...over,
});
const places: Record<string, string> = {
  '330127100219': '淳安县千岛湖镇富城村',
  '330122100201': '桐庐县某镇某村',
};
const placeName = (code: string) => places[code] ?? '';

describe('queryPoints', () => {
  const a = point({ name: '富城村服务点', operatorName: '王芳', operatorPhone: '13812345678' });
  const b = point({
    name: '桐庐 快递站',
    regionCode: '330122100201',
    tier: 'village',
    services: ['parcels'],
    status: 'approved',
    statusHistory: [{ status: 'approved', date: '2026-03-01' }],
  });
  const c = point({ name: '已删除', deleted: true });
  const all = [a, b, c];

  it('searches name, operator, phone digits and village, ignoring width and spaces', () => {
    expect(queryPoints(all, { ...EMPTY_FILTER, text: '富城' }, 'name', placeName)).toEqual([a]);
    expect(queryPoints(all, { ...EMPTY_FILTER, text: '王芳' }, 'name', placeName)).toEqual([a]);
    expect(queryPoints(all, { ...EMPTY_FILTER, text: '5678' }, 'name', placeName)).toEqual([a]);
    expect(queryPoints(all, { ...EMPTY_FILTER, text: '桐庐快递' }, 'name', placeName)).toEqual([b]);
    expect(queryPoints(all, { ...EMPTY_FILTER, text: '千岛湖' }, 'name', placeName)).toEqual([a]);
  });

  it('filters by county, township, tier, status and service; never shows deleted points', () => {
    expect(queryPoints(all, { ...EMPTY_FILTER, county: '330122' }, 'name', placeName)).toEqual([b]);
    expect(queryPoints(all, { ...EMPTY_FILTER, township: '330127100' }, 'name', placeName)).toEqual(
      [a],
    );
    expect(queryPoints(all, { ...EMPTY_FILTER, status: 'approved' }, 'name', placeName)).toEqual([
      b,
    ]);
    expect(queryPoints(all, { ...EMPTY_FILTER, service: 'parcels' }, 'name', placeName)).toEqual([
      b,
    ]);
    expect(queryPoints(all, EMPTY_FILTER, 'name', placeName)).toHaveLength(2);
  });

  it('sorts newest first by id (UUIDv7), by status order, by place', () => {
    expect(queryPoints(all, EMPTY_FILTER, 'newest', placeName)).toEqual([b, a]);
    expect(queryPoints(all, EMPTY_FILTER, 'status', placeName)).toEqual([a, b]);
    expect(queryPoints(all, EMPTY_FILTER, 'place', placeName)).toEqual([b, a]);
  });
});
