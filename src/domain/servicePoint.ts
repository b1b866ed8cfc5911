/**
 * ServicePoint: a village e-commerce service point, township station or county centre of the
 * three-tier rural service system (policy §四: ≥ 1500 points within three years).
 */
import { z } from 'zod';
import {
  dateSchema,
  locationSchema,
  noteSchema,
  phoneSchema,
  recordMetaSchema,
  regionCodeSchema,
  sha256Schema,
  statusHistorySchema,
  textSchema,
} from './common';
import { isValidHistory, transitionStep, type TransitionTable } from './lifecycle';

// The values, without zod: the point list (a first screen) needs them, not the schemas.
export {
  isOperating,
  SERVICE_POINT_SERVICES,
  SERVICE_POINT_STATUSES,
  SERVICE_POINT_TIERS,
  type ServicePointService,
  type ServicePointStatus,
  type ServicePointTier,
} from './servicePointValues';
import {
  SERVICE_POINT_SERVICES,
  SERVICE_POINT_STATUSES,
  SERVICE_POINT_TIERS,
  type ServicePointStatus,
  type ServicePointTier,
} from './servicePointValues';

/** planned → approved → open → suspended → closed; a suspended point may reopen; plans may be dropped. */
export const SERVICE_POINT_TRANSITIONS: TransitionTable<ServicePointStatus> = {
  planned: ['approved', 'closed'],
  approved: ['open', 'closed'],
  open: ['suspended', 'closed'],
  suspended: ['open', 'closed'],
  closed: [],
};

const REGION_DIGITS: Record<ServicePointTier, readonly number[]> = {
  county: [6, 9, 12],
  township: [9, 12],
  village: [12],
};

/** Photos a point may hold (each ≤ 300 KB after compression on the device). */
export const MAX_PHOTOS = 12;

/** The fields a user edits. */
export const servicePointFieldsSchema = z.object({
  tier: z.enum(SERVICE_POINT_TIERS),
  /** Where it is: a village code for a village point; a township or county code for higher tiers. */
  regionCode: regionCodeSchema,
  name: textSchema(2, 60),
  services: z.array(z.enum(SERVICE_POINT_SERVICES)).min(1).max(SERVICE_POINT_SERVICES.length),
  status: z.enum(SERVICE_POINT_STATUSES),
  statusHistory: statusHistorySchema(SERVICE_POINT_STATUSES),
  openedOn: dateSchema.nullable(),
  operatorName: textSchema(0, 30),
  operatorPhone: phoneSchema.nullable(),
  location: locationSchema.nullable(),
  photos: z.array(sha256Schema).max(MAX_PHOTOS),
  notes: noteSchema(1000),
});

export const servicePointSchema = recordMetaSchema
  .extend(servicePointFieldsSchema.shape)
  .superRefine((p, ctx) => {
    if (!REGION_DIGITS[p.tier].includes(p.regionCode.length)) {
      ctx.addIssue({ code: 'custom', path: ['regionCode'], message: 'region.tierMismatch' });
    }
    const last = p.statusHistory[p.statusHistory.length - 1];
    if (!last || last.status !== p.status) {
      ctx.addIssue({ code: 'custom', path: ['status'], message: 'history.mismatch' });
    } else if (
      !isValidHistory(SERVICE_POINT_TRANSITIONS, ['planned', 'approved', 'open'], p.statusHistory)
    ) {
      ctx.addIssue({ code: 'custom', path: ['statusHistory'], message: 'history.mismatch' });
    }
    if ((p.status === 'open' || p.status === 'suspended') && p.openedOn === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['openedOn'],
        message: 'servicePoint.openedOnRequired',
      });
    }
  });
export type ServicePoint = z.infer<typeof servicePointSchema>;
export type ServicePointFields = z.infer<typeof servicePointFieldsSchema>;

export function newServicePointFields(today: string): ServicePointFields {
  return {
    tier: 'village',
    regionCode: '',
    name: '',
    services: ['purchasing', 'produceSales'],
    status: 'planned',
    statusHistory: [{ status: 'planned', date: today }],
    openedOn: null,
    operatorName: '',
    operatorPhone: null,
    location: null,
    photos: [],
    notes: '',
  };
}

/**
 * The changes that move a point to a new status on a date, or why not. Opening sets openedOn
 * (unless it was already set by an earlier opening).
 */
export function transitionServicePoint(
  point: Pick<ServicePoint, 'status' | 'statusHistory' | 'openedOn'>,
  to: ServicePointStatus,
  date: string,
  note?: string,
) {
  const step = transitionStep(SERVICE_POINT_TRANSITIONS, point.statusHistory, to, date, note);
  if (!step.ok) return step;
  return {
    ok: true as const,
    changes: {
      ...step.changes,
      ...(to === 'open' && point.openedOn === null ? { openedOn: date } : {}),
    },
  };
}
