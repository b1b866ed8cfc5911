/**
 * English strings of ./drill.ts: exactly its keys, the same {placeholders}. Loaded only when the
 * English locale is chosen (src/i18n/index.ts).
 */
import type { zh } from './drill';

export const en: Record<keyof typeof zh, string> = {
  'drill.trail': 'Area levels',
  'drill.up': 'Back to {name}',
  'drill.wholeName.province': '{name} (whole province)',
  'drill.wholeName.prefecture': '{name} (whole city)',
  'drill.wholeName.county': '{name} (whole county)',
  'drill.table.heading.province': 'Cities in {year}',
  'drill.table.caption.province': '{metric}: each city’s figure, target, share and rank',
  'drill.table.captionWide.province':
    'Every metric of each city in {year}: figure, target and share',
  'drill.table.column.province': 'City',
  'drill.table.totalNote.province':
    'The province row is the province’s own figure against the province’s own target, not the cities’ targets added up; each city is measured against its own target.',
  'drill.table.heading.prefecture': 'Counties of {name} in {year}',
  'drill.map.prefectures': 'Coverage by city',
  'drill.map.prefecturesHint': 'Tap a city to see its counties.',
  'drill.map.open': 'Open {name}',
  'drill.map.villages': '{covered} / {rural} villages',
};
