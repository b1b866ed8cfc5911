/** English for ./levels.ts (same keys, same {placeholders}). */
import type { zh } from './levels';

export const en: Record<keyof typeof zh, string> = {
  'levels.role.admin.province': 'Provincial admin',
  'levels.role.admin.prefecture': 'City admin',
  'levels.role.admin.county': 'County admin',
  'levels.role.admin.township': 'Township admin',
  'levels.admins.province': 'provincial and city admins',
  'levels.admins.prefecture': 'city admins',
  'levels.nav.table.province': 'Prefectures',
  'levels.whole.province': 'Province',
  'levels.targets.intro.province':
    'The province row holds the province’s own targets; each prefecture row that prefecture’s own (not the sum of its counties). Tap a prefecture’s name to set its counties’ targets. Nothing changes until you press Save.',
  'levels.targets.intro.prefecture':
    'The {name} row holds {name}’s own targets; each county row that county’s. Start from last year or a split by rural villages, then edit cell by cell: nothing changes until you press Save.',
  'levels.targets.open': 'Set the targets of {name}’s counties',
};
