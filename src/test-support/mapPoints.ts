/** Map points of every shape (located or not, each status, tier and service count), for tests. */
import type { MapPoint } from '../domain/mapPoint';
import { SERVICE_POINT_SERVICES } from '../domain/servicePointValues';

export function samplePoint(i: number): MapPoint {
  const located = i % 7 !== 3;
  return {
    id: `01900000-0000-7000-8000-${String(i).padStart(12, '0')}`,
    name: `第${i}号服务点`,
    status: (['planned', 'approved', 'open', 'suspended', 'closed'] as const)[i % 5]!,
    tier: (['county', 'township', 'village'] as const)[i % 3]!,
    regionCode: i % 3 === 2 ? `3301271${String(i % 100).padStart(5, '0')}` : '330127101',
    location: located
      ? {
          lat: 29.5 + (i % 1000) / 7919,
          lng: 118.9 + (i % 997) / 6007,
          accuracy: i % 2 === 0 ? null : (i % 50) + 0.5,
          source: i % 2 === 0 ? 'map' : 'gps',
          capturedAt: `2026-03-${String((i % 28) + 1).padStart(2, '0')}T08:30:00.000Z`,
        }
      : null,
    services: SERVICE_POINT_SERVICES.slice(i % 5, (i % 5) + 1 + (i % 3)),
    openedOn: i % 4 === 0 ? null : '2025-06-01',
    deleted: false,
  };
}
