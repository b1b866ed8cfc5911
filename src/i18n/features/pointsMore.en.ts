/**
 * English strings of ./pointsMore.ts: exactly its keys, the same {placeholders}. Loaded only when
 * the English locale is chosen (src/i18n/index.ts), never in the first screen's chunk.
 */
import type { zh } from './pointsMore';

export const en: Record<keyof typeof zh, string> = {
  'pointsMore.map.heading': 'Location',
  'pointsMore.map.openCoverage': 'Show on the map',
  'pointsMore.map.label': 'Map of the point’s location: {place}',
  'pointsMore.map.none':
    'No location recorded for this point yet. Edit the point to capture a GPS fix or pick it on a map.',
  'pointsMore.map.tilesFailed':
    'The base map did not load (offline or no connection); the marker is still in the right place.',
  'pointsMore.map.readoutNoAccuracy':
    'Latitude {lat}, longitude {lng} (picked on a map, accuracy unknown)',
  'pointsMore.gps.heading': 'GPS location',
  'pointsMore.gps.label': 'Accuracy warning (metres)',
  'pointsMore.gps.hint':
    'When registering a point, a fix less accurate than this asks for a new one. From {min} to {max}; {fallback} by default.',
  'pointsMore.gps.save': 'Save the warning',
  'pointsMore.gps.saved': 'Saved. A fix less accurate than {metres} m will be flagged.',
  'pointsMore.gps.invalid': 'Enter a whole number of metres from {min} to {max}.',
  'pointsMore.gps.notStored':
    'This browser cannot keep settings (private mode?); nothing was changed.',
  'pointsMore.phone.call': 'Call {phone}',
  'pointsMore.phone.callName': 'Call {name} {phone}',
  'pointsMore.import.outsideArea': '{field}: outside your area ({area})',
  'pointsMore.import.roleCannotWrite': 'Your account cannot register service points',
};
