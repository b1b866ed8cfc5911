/** English for ./offline.ts: exactly its keys, same placeholders. */
import type { zh } from './offline';

export const en: Record<keyof typeof zh, string> = {
  'offline.tiles.heading': 'Offline base map',
  'offline.tiles.intro':
    'While you have a connection, keep the map tiles of your township or county on this phone: in a village with no signal the map still shows its base map.',
  'offline.tiles.layer': 'Base map',
  'offline.tiles.notAllowed':
    "{names}: the provider's terms do not allow downloading ahead of time; only the map you viewed is kept (30 days). Only base maps that allow offline use are offered here.",
  'offline.tiles.area': 'Area',
  'offline.tiles.areaTownship': '{name} (township: its service points plus 2 km around)',
  'offline.tiles.areaCounty': '{name} (the whole county)',
  'offline.tiles.noArea':
    'No area to download yet: it needs a county outline, or at least one located service point in your township.',
  'offline.tiles.minZoom': 'From zoom',
  'offline.tiles.maxZoom': 'To zoom',
  'offline.tiles.zoomHint':
    'Higher zooms show more: 13 shows a township, 15 the roads of a village. Each zoom has about 4 times as many tiles.',
  'offline.tiles.estimate': 'About {tiles} tiles, about {size}',
  'offline.tiles.tooMany':
    'Too many to download: at most {max} tiles ({stored} already on this phone). Choose a smaller area or fewer zooms.',
  'offline.tiles.empty': 'Choose an area and zooms.',
  'offline.tiles.download': 'Download the offline map',
  'offline.tiles.cancel': 'Cancel the download',
  'offline.tiles.progressLabel': 'Offline map download',
  'offline.tiles.progress': '{done} of {total} tiles done',
  'offline.tiles.complete': 'Downloaded: {stored} new tiles, {skipped} were already here.',
  'offline.tiles.completeFailed':
    '{failed} tiles could not be downloaded; the rest are stored. Downloading again fetches only what is missing.',
  'offline.tiles.cancelled':
    'Cancelled. The {stored} tiles stored are kept; downloading again continues.',
  'offline.tiles.offlineStop':
    'The connection is gone and the download stopped. The {stored} tiles stored are kept; download again when online to continue.',
  'offline.tiles.storageFull':
    'The phone is full and the download stopped. The {stored} tiles stored are kept and nothing you entered was touched. Choose fewer zooms, or delete the offline map first.',
  'offline.tiles.failed': 'The download failed: {reason}. What was stored is kept.',
  'offline.tiles.stored': 'Offline map on this phone: {tiles} tiles, about {size}',
  'offline.tiles.storedArea': '{area} · {layer} · zoom {min}–{max} · {date}',
  'offline.tiles.none': 'No offline map on this phone yet.',
  'offline.tiles.delete': 'Delete the offline map',
  'offline.tiles.deleteConfirm':
    'Delete the whole offline map ({tiles} tiles)? With no signal the map will show only what you viewed before. Your records are not touched.',
  'offline.tiles.deleteConfirmAction': 'Delete',
  'offline.tiles.keep': 'Keep',
  'offline.tiles.deleted': 'The offline map was deleted.',
  'offline.tiles.unsupported': 'This browser cannot keep an offline map.',
  'offline.tiles.useLayer': 'Choose “{name}” as the base map on the map to use these tiles.',
  'offline.tiles.terms': 'Tiles from {name}; only the chosen area, {max} tiles at most in all.',

  'offline.rescue.hint':
    'The Excel sheet opens anywhere; after logging in again, read the backup file (JSON) back into the app with Sync & settings → Restore from a backup file.',
  'offline.rescue.xlsx': 'Export an Excel sheet',
  'offline.rescue.json': 'Export a backup file (JSON)',
  'offline.rescue.xlsxFailed':
    'The Excel sheet could not be made ({reason}); export the backup file.',
  'offline.rescue.title': 'Cundian · unsynced work',
  'offline.rescue.meta': 'User {user} · exported {time} · changes this phone has not uploaded yet',
  'offline.rescue.sheet.about': 'About',
  'offline.rescue.sheet.rejected': 'Refused changes',
  'offline.rescue.sheet.drafts': 'Unsaved forms',
  'offline.rescue.about.user': 'User',
  'offline.rescue.about.exportedAt': 'Exported',
  'offline.rescue.about.pending': 'Changes waiting to upload',
  'offline.rescue.about.rejected': 'Changes the server refused',
  'offline.rescue.about.drafts': 'Unsaved forms',
  'offline.rescue.about.note':
    'One sheet per kind of record, one row per change, with only what that change set. The JSON backup exported with it can be read back into the app by an administrator.',
  'offline.rescue.col.item': 'Item',
  'offline.rescue.col.time': 'Changed',
  'offline.rescue.col.action': 'Action',
  'offline.rescue.col.record': 'Record',
  'offline.rescue.col.kind': 'Kind',
  'offline.rescue.col.reason': 'Reason refused',
  'offline.rescue.col.rejectedAt': 'Refused',
  'offline.rescue.col.form': 'Form',
  'offline.rescue.col.content': 'Content',
  'offline.rescue.col.id': 'Id',
  'offline.rescue.op.create': 'New',
  'offline.rescue.op.update': 'Changed',
  'offline.rescue.op.delete': 'Deleted',
  'offline.rescue.yes': 'Yes',
  'offline.rescue.no': 'No',
};
