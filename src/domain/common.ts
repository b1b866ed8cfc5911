/**
 * Field schemas shared by every entity: ids, text, phones, dates, URLs, region codes, locations,
 * and the metadata every synced record carries. Messages are keys of ./messages.
 */
import { z } from 'zod';
import { inDeployment } from './deployment';
import { isInsideArea } from './region';
import type { Bilingual } from './bilingual';

// Making ids needs no zod: the device's database makes them before any schema loads (ids.ts).
export { derivedId, newId } from './ids';

/** A text in both languages (the type: src/domain/bilingual.ts). */
export const bilingualSchema = z.object({
  'zh-CN': z.string(),
  en: z.string(),
}) satisfies z.ZodType<Bilingual>;

export const idSchema = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'id.invalid');

// C0 controls other than tab/newline/CR, DEL and C1 controls: never typed on purpose, often pasted.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** Free text on one line: trimmed, no control characters. HTML is kept as typed and shown as text. */
export function textSchema(min: number, max: number) {
  return z
    .string()
    .transform((s) => s.trim().replace(/\s+/g, ' '))
    .pipe(
      z
        .string()
        // Empty says 必填, not "至少 2 个字"; too short (but not empty) says how long it must be.
        // One check, not .min(1).min(min): both would report, and aborting would also silence
        // the record's cross-field checks.
        .superRefine((s, ctx) => {
          if (s.length === 0 && min >= 1) ctx.addIssue({ code: 'custom', message: 'required' });
          else if (s.length < min) {
            ctx.addIssue({
              code: 'too_small',
              origin: 'string',
              minimum: min,
              inclusive: true,
              input: s,
            });
          }
        })
        .max(max)
        .refine((s) => !CONTROL_CHARS.test(s), 'controlChars'),
    );
}

/** Longer text that may span lines (notes). */
export function noteSchema(max: number) {
  return z
    .string()
    .transform((s) => s.replace(/\r\n?/g, '\n').trim())
    .pipe(
      z
        .string()
        .max(max)
        .refine((s) => !CONTROL_CHARS.test(s), 'controlChars'),
    );
}

/**
 * A phone number as people type or paste it, reduced to its digits: full-width digits
 * (１３８…, what many Chinese input methods and forwarded messages give) become ASCII, spaces
 * (also the full-width and no-break ones), dashes, dots and brackets go, and a leading +86 / 0086
 * / 86 country code in front of an 11-digit mobile number is dropped. Anything else is kept as it
 * is, so the schema can refuse it in words. One normaliser for every form and import, on the
 * phone and on the server (phoneSchema below).
 */
export function normalisePhone(input: string): string {
  const ascii = input
    .replace(/[\uff10-\uff19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/\uff0b/g, '+')
    .replace(/[\s\u00a0\u3000\-\u2010-\u2015\u2212\uff0d.()\uff08\uff09]/g, '');
  return ascii.replace(/^(?:\+86|0086|86)(?=1\d{10}$)/, '');
}

/** Mainland China mobile number: 11 digits starting 1[3-9], after normalisePhone. */
export const phoneSchema = z
  .string()
  .transform(normalisePhone)
  .pipe(z.string().regex(/^1[3-9]\d{9}$/, 'phone.invalid'));

export function isValidDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** A calendar date as typed in a form: YYYY-MM-DD, a real day of a real month. */
export const dateSchema = z.string().refine(isValidDate, 'date.invalid');

export const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'month.invalid');

export const isoDateTimeSchema = z.iso.datetime({ offset: true, error: 'datetime.invalid' });

export const yearSchema = z
  .number()
  .int('notInteger')
  .min(2013, 'year.invalid')
  .max(2100, 'year.invalid');

/**
 * An http(s) URL. Anything else (javascript:, data:, file:) is refused, so a stored link can be
 * rendered as <a href> without becoming a script.
 */
export const urlSchema = z
  .string()
  .transform((s) => s.trim())
  .refine((s) => {
    try {
      const url = new URL(s);
      return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.');
    } catch {
      return false;
    }
  }, 'url.invalid');

export const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'sha256.invalid');

/** A code of `digits` digits (one of 6, 9, 12) inside the deployment's area (deployment.ts). */
const areaCode =
  (...digits: number[]) =>
  (code: string): boolean =>
    digits.includes(code.length) && /^\d+$/.test(code) && inDeployment(code);

/** A 6-digit county code inside the deployment's area. Existence in the gazetteer is checked by the UI and server. */
export const countyCodeSchema = z.string('region.county').refine(areaCode(6), 'region.county');
export const townshipCodeSchema = z
  .string('region.township')
  .refine(areaCode(9), 'region.township');
export const villageCodeSchema = z.string('region.village').refine(areaCode(12), 'region.village');
/** A county, township or village code, for records whose place may be given at any level. */
export const regionCodeSchema = z
  .string('region.township')
  .refine(areaCode(6, 9, 12), 'region.township');

/** A position in WGS-84 (what GPS gives), always stored in that datum (DESIGN.md §5). */
export const locationSchema = z
  .object({
    lat: z.number().min(-90, 'location.lat').max(90, 'location.lat'),
    lng: z.number().min(-180, 'location.lng').max(180, 'location.lng'),
    /** Metres, as reported by the device; null when picked on a map. */
    accuracy: z.number().min(0).max(100_000).nullable(),
    source: z.enum(['gps', 'map']),
    capturedAt: isoDateTimeSchema,
  })
  .refine((l) => isInsideArea(l.lat, l.lng), { message: 'location.outside', path: ['lat'] });
export type Location = z.infer<typeof locationSchema>;

/** Metadata every synced record carries. version and updatedAt/By are set by the server. */
export const recordMetaSchema = z.object({
  id: idSchema,
  /** Server version of the row; 0 for a record the server has not seen yet. */
  version: z.number().int().min(0),
  updatedAt: isoDateTimeSchema.nullable(),
  updatedBy: z.string().max(100).nullable(),
  deleted: z.boolean(),
});
export type RecordMeta = z.infer<typeof recordMetaSchema>;

export const META_FIELDS = ['id', 'version', 'updatedAt', 'updatedBy', 'deleted'] as const;

/** A dated step in a record's status history (service points, pilots). */
export function statusHistorySchema<const S extends readonly [string, ...string[]]>(statuses: S) {
  return z
    .array(
      z.object({
        status: z.enum(statuses),
        date: dateSchema,
        note: noteSchema(200).optional(),
      }),
    )
    .min(1, 'history.empty')
    .max(100);
}

// Without zod, for screens that only show phones (phoneMask.ts).
export { maskPhone } from './phoneMask';
