/** English for ./account.ts: exactly its keys, with the same placeholders. */
import type { zh } from './account';

export const en: Record<keyof typeof zh, string> = {
  'account.password.heading': 'Change password',
  'account.password.old': 'Current password',
  'account.password.new': 'New password',
  'account.password.repeat': 'New password again',
  'account.password.rules':
    'At least {min} characters with at least {classes} of: lower-case letters, capitals, digits, symbols; not containing the user name; not a common password.',
  'account.password.submit': 'Change password',
  'account.password.done': 'Password changed. Sign-ins on other devices have been ended.',
  'account.password.mismatch': 'The two new passwords differ: type them again',
  'account.password.oldRequired': 'Type the current password (the one you sign in with now)',
  'account.password.expiresOn': 'The current password is valid until {date}.',
  'account.password.noExpiry': 'The current password does not expire.',
  'account.password.warn': 'Your password expires on {date}: change it soon.',
  'account.problem.tooShort': 'The new password needs at least {min} characters: make it longer',
  'account.problem.tooLong': 'The new password may have at most {max} characters: make it shorter',
  'account.problem.fewClasses':
    'The new password needs at least {need} of: lower-case letters, capitals, digits, symbols (it has {have})',
  'account.problem.containsUsername':
    'The new password must not contain the user name (forwards or backwards)',
  'account.problem.sameAsOld': 'The new password must differ from the current one',
  'account.problem.common': 'This is a common password, easily guessed: choose another',
  'account.forced.title': 'Choose your own password',
  'account.forced.setByAdmin':
    'An administrator set your password. To keep your account safe, change it to one only you know before you start.',
  'account.forced.expired': 'Your password has expired. Choose a new one to continue.',
  'account.error.offline':
    'No network: changing the password needs the server. Try again when online.',
  'account.error.server': 'The server cannot change the password right now: try again later.',
};
