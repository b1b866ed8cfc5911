/** English for ./formsMore.ts: exactly its keys, with the same placeholders. */
import type { zh } from './formsMore';

export const en: Record<keyof typeof zh, string> = {
  'formsMore.error.gone': 'Not saved: this record was deleted or merged away.',
  'formsMore.error.storageFull':
    'Not saved: the phone’s storage is full. Free some space and try again.',
  'formsMore.error.cell': '{cell}: {problem}',
  'formsMore.pilot.readOnly':
    'You can look at this pilot but not change it (only the coordinators of its county and admins can).',
  'formsMore.pilot.gone':
    'This pilot was deleted while you were looking at it, or merged into another record as a duplicate. Below is how it last was; what you typed in the notes is kept as a draft.',
  'formsMore.pilot.noMilestones': 'No milestones yet.',
  'formsMore.pilot.noNotes': 'No notes.',
  'formsMore.pilot.noDocuments': 'No acceptance documents yet.',
  'formsMore.roll.failed': '{name} was not checked in:',
  'formsMore.roll.notAllowed': 'You cannot take the roll call of this session',
  'formsMore.roll.notAllowedBody':
    'Only the trainers, coordinators and admins of the area where it is held can; the server accepts check-ins only from them.',
  'formsMore.roll.backToSession': 'Back to the session',
  'formsMore.walkIn.failed': 'Not registered:',
};
