/** English strings of the shell's status (see ./shell.ts, the Chinese source). */
import type { zh } from './shell';

export const en: Record<keyof typeof zh, string> = {
  'shell.pill.lastSynced': 'Last sync',
  'shell.pill.justNow': 'just now',
  'shell.pill.never': 'Not synced',
  'shell.pill.offline': 'Offline',
  'shell.pill.unreachable': 'No server',
  'shell.pill.serverError': 'Server error',
  'shell.pill.failed': 'Sync failed',
  'shell.pill.storageFull': 'Storage full',
  'shell.pill.relogin': 'Log in again',
  'shell.pill.loggedOut': 'Not logged in',
  'shell.pill.update': 'Update needed',
  'shell.pill.otherUser': 'Wrong account',
  'shell.pill.syncing': 'Syncing',
  'shell.pill.pending': '{count} to sync',
  'shell.status.label': 'Notices',
  'shell.status.more': '{count} more',
  'shell.notice.loggedOut': 'Not logged in: changes stay on this phone',
  'shell.notice.relogin': 'Session expired: log in again',
  'shell.notice.update': 'A new version is ready',
  'shell.notice.install': 'Install on this phone',
  'shell.notice.storageFull': 'Phone storage is full',
  'shell.notice.storageFullText':
    'The phone has no room left for what sync received. Everything you entered is still here; free some space, then sync again.',
  'shell.notice.openSettings': 'Details',
  'rescue.nearlyFull.title': 'Storage nearly full',
  'rescue.nearlyFull.text':
    '{percent} used. Once it is full, new records cannot be saved; free some space soon.',
  'rescue.nearlyFull.action': 'Free space',
};
