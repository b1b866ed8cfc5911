/**
 * English strings of ./regionPicker.ts: exactly its keys, the same {placeholders}. Loaded only when
 * the English locale is chosen (src/i18n/index.ts), never in the first screen's chunk.
 */
import type { zh } from './regionPicker';

export const en: Record<keyof typeof zh, string> = {
  'regionPicker.search.label': 'Find a village by name',
  'regionPicker.search.hint':
    'Type two or more characters of the village or community; tap a result to fill county, township and village at once',
  'regionPicker.search.results': 'Matching villages',
  'regionPicker.search.count': '{count} found, tap one to choose it',
  'regionPicker.search.more': 'Only the first {count} are listed; type more to narrow it down',
  'regionPicker.search.none':
    'Nothing found in your area; try other characters, or use the lists below',
  'regionPicker.search.tooShort': 'Type one more character',
  'regionPicker.search.chosen': 'Chosen: {place}',
};
