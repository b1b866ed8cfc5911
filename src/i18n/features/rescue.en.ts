/** English for ./rescue.ts: exactly its keys, with the same placeholders. */
import type { zh } from './rescue';

export const en: Record<keyof typeof zh, string> = {
  'rescue.heading': 'Restore from a backup file',
  'rescue.intro':
    'The backup file (.json) exported before logging out can be read back here: its unsynced changes queue for sync again, and unfinished forms come back as drafts. Nothing already on this phone is added twice.',
  'rescue.pick': 'Choose a backup file',
  'rescue.reading': 'Reading the file…',
  'rescue.problem.notJson':
    'This file cannot be opened: it is not a complete JSON file; it may be half downloaded or damaged. Choose the .json backup file exported at logout.',
  'rescue.problem.notRescue':
    'This is not a Cundian backup file. Choose the .json file exported at logout (its name starts with cundian-unsynced), not the Excel workbook.',
  'rescue.problem.newer':
    'This backup was exported by a newer version of Cundian (format {version}), which this version cannot read. Update the app first (Sync & settings → About), then restore.',
  'rescue.problem.broken':
    'This backup file is incomplete or was edited (the problem is at: {where}), so it cannot be restored. Use an original copy of the backup file.',
  'rescue.problem.noUser':
    'This backup file does not say who exported it, so its changes cannot be attributed to an account and it cannot be restored. Ask the administrator to enter them by hand.',
  'rescue.problem.notSignedIn':
    'Log in first, then restore the backup: the restored changes are synced under your account.',
  'rescue.problem.otherUser':
    'This backup belongs to the account {fileUser}, but {currentUser} is logged in. Restored, its changes would be recorded under your name, so it cannot be restored. Ask {fileUser} to log in and restore it.',
  'rescue.problem.otherServer':
    'This backup comes from another server ({fileOrigin}) and cannot be restored here. Log in at the original address and restore it there.',
  'rescue.preview.title': 'What the file holds',
  'rescue.preview.user': 'Exported by: {user}',
  'rescue.preview.exportedAt': 'Exported at: {time}',
  'rescue.preview.span': 'Changes made: {from} to {to}',
  'rescue.preview.at': 'Changes made: {time}',
  'rescue.preview.changes': 'Unsynced changes: {count}',
  'rescue.preview.rejected':
    'Changes the server refused: {count} (restored among the refused changes, for you to read)',
  'rescue.preview.drafts': 'Unsaved form drafts: {count}',
  'rescue.preview.item': '{entity}: {count}',
  'rescue.preview.otherForm': 'Other forms',
  'rescue.preview.empty': 'This file holds nothing to restore.',
  'rescue.confirm': 'Restore here',
  'rescue.cancel': 'Cancel',
  'rescue.failed': 'The restore did not finish; nothing on this phone was changed: {reason}',
  'rescue.done.title': 'Restored',
  'rescue.done.changes':
    'Unsynced changes: {added} added, {skipped} skipped because they are already on this phone.',
  'rescue.done.rejected': 'Refused changes: {added} added, {skipped} skipped.',
  'rescue.done.drafts':
    'Drafts: {added} restored, {skipped} skipped because the same form already has a draft here.',
  'rescue.done.sync':
    'They sync by themselves once online; a conflict with someone else’s change is settled by the usual rules.',
  'rescue.storageFull':
    'Not saved: the phone’s storage is full. What you typed is still here. Free some space, then save: sync while online to free synced data, delete offline maps in Sync & settings, or clear other apps.',
};
