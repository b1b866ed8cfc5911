/**
 * AgriShop: an agricultural e-commerce site or online shop (农业电子商务网站/网店). Policy §四: at
 * least 100 brought onto the rural public service platform.
 */
import { z } from 'zod';
import { dateSchema, recordMetaSchema, regionCodeSchema, textSchema, urlSchema } from './common';
import { platformSchema } from './flagshipStore';

export const agriShopFieldsSchema = z.object({
  name: textSchema(2, 80),
  platform: platformSchema,
  url: urlSchema.nullable(),
  /** The township or village it serves. */
  regionCode: regionCodeSchema,
  products: textSchema(0, 200),
  onServicePlatform: z.boolean(),
  joinedOn: dateSchema.nullable(),
});

export const agriShopSchema = recordMetaSchema
  .extend(agriShopFieldsSchema.shape)
  .superRefine((s, ctx) => {
    if (s.onServicePlatform && s.joinedOn === null) {
      ctx.addIssue({ code: 'custom', path: ['joinedOn'], message: 'agriShop.joinedOnRequired' });
    }
  });
export type AgriShop = z.infer<typeof agriShopSchema>;
