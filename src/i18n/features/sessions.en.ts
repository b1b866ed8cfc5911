/** English for ./sessions.ts: exactly its keys, with the same placeholders. */
import type { zh } from './sessions';

export const en: Record<keyof typeof zh, string> = {
  'sessions.expired': 'Your session has expired: sign in again',
  'sessions.wiped': 'This device’s data was removed',
  'sessions.devices.heading': 'My devices',
  'sessions.devices.intro':
    'Phones and computers that have synced with this account. Lost a phone? Sign it out here: the next time it is online it first hands in its unsynced changes, then removes its data.',
  'sessions.devices.loading': 'Reading your devices…',
  'sessions.devices.empty': 'No device has synced yet',
  'sessions.devices.offline': 'No network: devices can be listed once online',
  'sessions.devices.failed': 'Could not read the devices: {message}',
  'sessions.devices.current': 'This device',
  'sessions.devices.lastSeen': 'Last synced: {when}',
  'sessions.devices.never': 'Not synced yet',
  'sessions.devices.pendingWipe': 'To be wiped (when next online)',
  'sessions.devices.wiped': 'Wiped ({when})',
  'sessions.devices.reason.lost': 'Marked lost',
  'sessions.devices.reason.signedOut': 'Signed out',
  'sessions.devices.signOut': 'Sign this device out',
  'sessions.devices.confirmSignOut':
    'Sign out “{name}”? The next time it is online it hands in its unsynced changes, then removes its data.',
  'sessions.devices.signedOut': 'Done: “{name}” signs out and removes its data when next online',
  'sessions.devices.actionFailed': 'That did not work: {message}',
  'sessions.devices.unknown': 'Unknown device',
  'sessions.devices.admin.heading': 'Devices',
  'sessions.devices.admin.show': 'Show devices',
  'sessions.devices.admin.hide': 'Hide devices',
  'sessions.devices.admin.markLost': 'Mark lost',
  'sessions.devices.admin.confirmLost':
    'Mark “{name}” lost? The next time it is online it hands in its unsynced changes, then removes its data. To stop this person altogether, disable the account.',
  'sessions.devices.admin.marked': 'Marked: “{name}” removes its data when next online',
  'sessions.devices.confirm': 'Yes, do it',
  'sessions.devices.cancel': 'Cancel',
};
