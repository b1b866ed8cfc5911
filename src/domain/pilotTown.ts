/**
 * PilotTown: a central-town e-commerce pilot (中心镇电子商务试点) for a township and a year. Policy
 * §四: at least two per county per year, 2013–2015. proposed → approved → in progress → accepted
 * (验收) or failed; only accepted pilots count as achieved.
 */
import { z } from 'zod';
import {
  dateSchema,
  noteSchema,
  recordMetaSchema,
  sha256Schema,
  statusHistorySchema,
  textSchema,
  townshipCodeSchema,
  yearSchema,
} from './common';
import { isValidHistory, transitionStep, type TransitionTable } from './lifecycle';

import { PILOT_STATUSES, type PilotStatus } from './pilotTownValues';

export { PILOT_STATUSES, type PilotStatus } from './pilotTownValues';

export const PILOT_TRANSITIONS: TransitionTable<PilotStatus> = {
  proposed: ['approved', 'failed'],
  approved: ['inProgress', 'failed'],
  inProgress: ['accepted', 'failed'],
  accepted: [],
  failed: [],
};

export const milestoneSchema = z.object({
  id: z.string().min(1).max(40),
  title: textSchema(1, 80),
  done: z.boolean(),
  doneOn: dateSchema.nullable(),
});

export const pilotTownFieldsSchema = z.object({
  townshipCode: townshipCodeSchema,
  year: yearSchema,
  status: z.enum(PILOT_STATUSES),
  statusHistory: statusHistorySchema(PILOT_STATUSES),
  milestones: z.array(milestoneSchema).max(50),
  notes: noteSchema(2000),
  photos: z.array(sha256Schema).max(20),
});

export const pilotTownSchema = recordMetaSchema
  .extend(pilotTownFieldsSchema.shape)
  .superRefine((p, ctx) => {
    const last = p.statusHistory[p.statusHistory.length - 1];
    if (
      !last ||
      last.status !== p.status ||
      !isValidHistory(PILOT_TRANSITIONS, ['proposed'], p.statusHistory)
    ) {
      ctx.addIssue({ code: 'custom', path: ['status'], message: 'history.mismatch' });
    }
    const ids = new Set(p.milestones.map((m) => m.id));
    if (ids.size !== p.milestones.length) {
      ctx.addIssue({ code: 'custom', path: ['milestones'], message: 'milestones.duplicate' });
    }
  });
export type PilotTown = z.infer<typeof pilotTownSchema>;

export function transitionPilot(
  pilot: Pick<PilotTown, 'statusHistory'>,
  to: PilotStatus,
  date: string,
  note?: string,
) {
  return transitionStep(PILOT_TRANSITIONS, pilot.statusHistory, to, date, note);
}
