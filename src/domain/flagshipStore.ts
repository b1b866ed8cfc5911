/**
 * FlagshipStore: a central town's specialty-product flagship store (特色产品旗舰店) on an e-commerce
 * platform. Policy §四: every central town opens one by 2015. A town "has a store" when at least one
 * of its stores is open.
 */
import { z } from 'zod';
import {
  dateSchema,
  monthSchema,
  recordMetaSchema,
  textSchema,
  townshipCodeSchema,
  urlSchema,
} from './common';

export const STORE_STATUSES = ['planned', 'open', 'closed'] as const;
export type StoreStatus = (typeof STORE_STATUSES)[number];

/** Platforms offered by default; the list is configuration, and any id of 1–40 characters is stored. */
export const DEFAULT_PLATFORMS = [
  'zhejiangGuan',
  'taobao',
  'tmall',
  'jd',
  'pinduoduo',
  'wechat',
  'douyin',
  'other',
] as const;

export const platformSchema = textSchema(1, 40);

export const storeMonthlyFigureSchema = z.object({
  month: monthSchema,
  orders: z.number().int('notInteger').min(0),
  salesYuan: z.number().min(0).max(1e12),
});

export const flagshipStoreFieldsSchema = z.object({
  townshipCode: townshipCodeSchema,
  platform: platformSchema,
  storeName: textSchema(2, 80),
  url: urlSchema.nullable(),
  openedOn: dateSchema.nullable(),
  status: z.enum(STORE_STATUSES),
  mainProducts: textSchema(0, 200),
  operator: textSchema(0, 60),
  monthlyFigures: z.array(storeMonthlyFigureSchema).max(240),
});

export const flagshipStoreSchema = recordMetaSchema
  .extend(flagshipStoreFieldsSchema.shape)
  .superRefine((s, ctx) => {
    if (s.status === 'open' && s.openedOn === null) {
      ctx.addIssue({ code: 'custom', path: ['openedOn'], message: 'store.openedOnRequired' });
    }
  });
export type FlagshipStore = z.infer<typeof flagshipStoreSchema>;
