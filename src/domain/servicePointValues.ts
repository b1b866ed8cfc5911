/**
 * The closed lists of a service point (tiers, services, statuses) without zod, so a screen that
 * only shows points (the point list, a first screen on a cheap phone) does not load the schemas
 * (servicePoint.ts holds those and re-exports these).
 */
export const SERVICE_POINT_TIERS = ['county', 'township', 'village'] as const;
export type ServicePointTier = (typeof SERVICE_POINT_TIERS)[number];

/** 网络代购, 农产品销售, 青年创业, and what points do in practice: parcels and bill payment. */
export const SERVICE_POINT_SERVICES = [
  'purchasing',
  'produceSales',
  'youthStartup',
  'parcels',
  'payments',
] as const;
export type ServicePointService = (typeof SERVICE_POINT_SERVICES)[number];

export const SERVICE_POINT_STATUSES = [
  'planned',
  'approved',
  'open',
  'suspended',
  'closed',
] as const;
export type ServicePointStatus = (typeof SERVICE_POINT_STATUSES)[number];

/**
 * Whether a point counts for coverage: only an open point serves its village. Here, without zod,
 * so the map's coverage does not load the schemas (docs/PERFORMANCE.md, seventh session).
 */
export function isOperating(point: { status: ServicePointStatus; deleted: boolean }): boolean {
  return point.status === 'open' && !point.deleted;
}
