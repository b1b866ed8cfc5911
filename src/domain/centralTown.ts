/**
 * CentralTown: the flag that makes a township a central town (中心镇). The official list changes,
 * so it is data an admin edits, with the year of designation. One row per township, id derived
 * from the township code.
 */
import { z } from 'zod';
import { derivedId, recordMetaSchema, townshipCodeSchema, yearSchema } from './common';

export function centralTownId(townshipCode: string): string {
  return derivedId('centralTown', townshipCode);
}

export const centralTownFieldsSchema = z.object({
  townshipCode: townshipCodeSchema,
  designatedYear: yearSchema,
  /** False when a town is taken off the list; kept for the history of past years. */
  active: z.boolean(),
});

export const centralTownSchema = recordMetaSchema
  .extend(centralTownFieldsSchema.shape)
  .superRefine((c, ctx) => {
    if (c.id !== centralTownId(c.townshipCode)) {
      ctx.addIssue({ code: 'custom', path: ['id'], message: 'id.invalid' });
    }
  });
export type CentralTown = z.infer<typeof centralTownSchema>;
