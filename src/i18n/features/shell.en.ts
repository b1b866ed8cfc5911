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
  // The idle lock (src/features/lock): it covers every route, the start page included, so its
  // strings are in the first chunk (the sessions pair, ./sessions.ts, holds the rest).
  'sessions.lock.title': 'Locked',
  'sessions.lock.intro':
    'The app was not used for a while: type your password to go on. It works without a network.',
  'sessions.lock.password': 'Password',
  'sessions.lock.unlock': 'Unlock',
  'sessions.lock.required': 'Type your password',
  'sessions.lock.wrong': 'Wrong password: {left} tries left',
  'sessions.lock.signingOut':
    'Too many wrong passwords: uploading unsynced changes, then signing out…',
  'sessions.lock.keptLocked':
    'Too many wrong passwords. Changes are still waiting (or there is no network): so that they are not lost, the phone stays locked. Try again online, or ask an administrator.',
};
