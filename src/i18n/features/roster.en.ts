/** English for ./roster.ts: exactly its keys, with the same placeholders. */
import type { zh } from './roster';

export const en: Record<keyof typeof zh, string> = {
  'roster.roll.removedHint':
    'Taken off this session’s list. If they did come, a tap checks them in and puts them back on it.',
};
