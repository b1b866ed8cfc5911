/**
 * English strings of ./duplicates.ts: exactly its keys, the same {placeholders}. Loaded only when
 * the English locale is chosen (src/i18n/index.ts), never in the first screen's chunk.
 */
import type { zh } from './duplicates';

export const en: Record<keyof typeof zh, string> = {
  'duplicates.title': 'Possible duplicate points',
  'duplicates.intro':
    'After sync the server found these points may be one place registered twice (the same village and within 200 m, or the same name in one county). Merging keeps one and deletes the other; if they really are two points, choose "Not a duplicate".',
  'duplicates.none': 'No possible duplicates to review.',
  'duplicates.count': '{count} to review',
  'duplicates.reason.sameName': 'Same name',
  'duplicates.reason.sameVillageNearby': 'Same village, {distance} m apart',
  'duplicates.pointA': 'A',
  'duplicates.pointB': 'B',
  'duplicates.empty': '(empty)',
  'duplicates.lastEdited': 'Last changed by {name}, {when}',
  'duplicates.open': 'Open this point',
  'duplicates.merge': 'Merge…',
  'duplicates.dismiss': 'Not a duplicate',
  'duplicates.keepWhich': 'Which one stays?',
  'duplicates.keepHint':
    'The point that stays keeps its own status and status history. Keep the one already open, or the one registered first.',
  'duplicates.field.name': 'Name',
  'duplicates.field.place': 'Place',
  'duplicates.field.services': 'Services',
  'duplicates.field.operatorName': 'Operator',
  'duplicates.field.operatorPhone': "Operator's phone",
  'duplicates.field.location': 'Location',
  'duplicates.field.notes': 'Notes',
  'duplicates.photosCombined': 'The photos of both are combined ({count} in all).',
  'duplicates.statusKept': 'The status does not change.',
  'duplicates.willDelete': '"{name}" will be deleted.',
  'duplicates.confirmMerge': 'Merge',
  'duplicates.cancel': 'Cancel',
  'duplicates.merged':
    'Merged; the other point is deleted. Every device sees it after its next sync.',
  'duplicates.dismissed': 'Marked as not a duplicate; this pair will not be flagged again.',
  'duplicates.failed': 'Your choice was not saved.',
  'duplicates.forbidden': 'Only county coordinators and {admins} review duplicate points.',
  'duplicates.offline': 'Reviewing duplicates needs a connection.',
  'duplicates.loadFailed': 'The possible duplicates did not load.',
  'duplicates.notice': 'Possible duplicates to review: {count}',
  'duplicates.linkDescription':
    'Points possibly registered twice, found after sync: merge or dismiss',
  'duplicates.pointNotice': 'May be the same point as {names}: review',
  'duplicates.notFoundHint':
    'It may have been deleted or merged into another point, or it is outside your area.',
};
