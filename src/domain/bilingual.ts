/**
 * The app's two languages and a text in both: the ONE declaration of each (issue 15, item 3).
 * zod-free, so the first screen may import it; the zod schema of the same shape is
 * `bilingualSchema` (src/domain/common.ts), checked against this type there.
 */

/** The app's languages, Chinese first. */
export type Locale = 'zh-CN' | 'en';

/** A text in the two languages of the app, as the server sends it (`messages`) and the domain writes it. */
export interface Bilingual {
  'zh-CN': string;
  en: string;
}
