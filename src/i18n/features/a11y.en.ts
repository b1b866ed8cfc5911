/** English strings of ./a11y.ts (same keys, same placeholders). */
import type { zh } from './a11y';

export const en: Record<keyof typeof zh, string> = {
  'a11y.roll.checkIn': 'Check in',
};
