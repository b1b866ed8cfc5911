/**
 * English strings of ./province.ts: exactly its keys, the same {placeholders}. Loaded only when
 * the English locale is chosen (src/i18n/index.ts).
 */
import type { zh } from './province';

export const en: Record<keyof typeof zh, string> = {
  'usersProvince.level.prefecture': 'City (prefecture)',
  'usersProvince.scopeCodeHint':
    'A 4-digit city (prefecture), 6-digit county or 9-digit township statistical code starting with {prefix}, matching the level chosen above.',
  'usersProvince.codeLength':
    'A code of this level ({level}) has {digits} digits: enter {digits} digits or choose another level.',
};
