/** English for ./forms.ts: exactly its keys, with the same placeholders. */
import type { zh } from './forms';

export const en: Record<keyof typeof zh, string> = {
  'forms.required': 'required',
  'forms.requiredNote': 'Fields marked * are required',
  'forms.gone.title': 'This record is no longer there',
  'forms.gone.body':
    'While you were filling in the form it was deleted, or merged into another record as a duplicate. What you typed is kept as a draft and is not lost; register it again if it is still needed.',
  'forms.missing.title': 'This record was not found',
  'forms.missing.body':
    'It may have been deleted, merged into another record as a duplicate, or the link is wrong.',
  'forms.backToList': 'Back to the list',
  'forms.notAllowed.title': 'You cannot change this record',
  'forms.notAllowed.newTitle': 'You cannot add records of this kind',
  'forms.notAllowed.body':
    'Your account (its role or its area) may not change this record. If it needs changing, ask the coordinator of its area.',
  'forms.error.notAllowed':
    'Not saved: your account (its role or its area) may not change this record.',
  'forms.error.gone':
    'Not saved: this record was deleted or merged away. What you typed is kept as a draft.',
  'forms.error.unknown': 'Not saved; please try again.',
  'forms.draft.restored': 'Restored an unsaved draft from {when}.',
  'forms.draft.discard': 'Discard the draft',
  'forms.gps.waiting': 'Locating, waiting for a GPS signal…',
  'forms.gps.improving':
    'Locating: accurate to ± {accuracy} m now; taken by itself once within ± {threshold} m',
  'forms.gps.acceptWorse': 'Use this position (± {accuracy} m)',
  'forms.gps.stop': 'Stop locating',
  'forms.gps.accepted': 'Position taken, accurate to ± {accuracy} m',
  'forms.gps.error.denied':
    'No permission to locate. Allow this app to use your location in the browser or phone settings, then tap “Capture location” again, or pick the place on the map.',
  'forms.gps.error.timeout':
    'No GPS signal for a long time. Go outdoors into the open, away from tall buildings and trees, and tap “Capture location” again, or pick the place on the map.',
  'forms.gps.error.unavailable':
    'The phone cannot locate right now. Check that location (GPS) is switched on and try again outdoors, or pick the place on the map.',
  'forms.gps.error.unsupported': 'This browser cannot give a location. Pick the place on the map.',
};
