/**
 * One mapper from what a write can throw to words for the user, instead of an instanceof ladder
 * in every form: refused by validation (the form lists the fields), the record gone (deleted or
 * merged away), not allowed for this account (role or area), the phone's storage full, or
 * something else (try again). Forms and the lifecycle change use it; a feature with its own
 * refusal (TransitionRefused, AttendanceRefused) handles that first and passes the rest here.
 * The requests of the online-only screens (useOnlineResource) have their own pair at the end.
 */
import { useCallback } from 'react';
import { RecordNotFound, ValidationFailed, WriteNotAllowed } from '../../actions';
import { useLocale, useT } from '../../i18n';
import { useDescribeProblem } from '../../i18n/domain';
import { toSyncFailure, type SyncFailure } from '../../sync';
import { bilingual } from './labels';

export type WriteErrorKind = 'validation' | 'gone' | 'notAllowed' | 'storageFull' | 'unknown';

/**
 * The browser's QuotaExceededError, however it arrives: itself (a DOMException), as Dexie's own
 * Dexie.QuotaExceededError (same name), or wrapped — a transaction aborted by it comes back as an
 * AbortError whose `inner` (or `cause`) is the quota error, sometimes one level deeper.
 */
export function isQuotaError(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth += 1) {
    const { name, inner, cause } = current as { name?: unknown; inner?: unknown; cause?: unknown };
    if (name === 'QuotaExceededError') return true;
    current = inner ?? cause;
  }
  return false;
}

export function writeErrorKind(error: unknown): WriteErrorKind {
  if (error instanceof ValidationFailed) return 'validation';
  if (error instanceof RecordNotFound) return 'gone';
  if (error instanceof WriteNotAllowed) return 'notAllowed';
  if (isQuotaError(error)) return 'storageFull';
  return 'unknown';
}

/**
 * The sentence for a refused or failed write. A validation failure lists its problems with the
 * fields' names (a form with a summary shows them there instead, per field).
 */
export function useWriteErrorText(): (error: unknown) => string {
  const t = useT();
  const describe = useDescribeProblem();
  return (error) => {
    switch (writeErrorKind(error)) {
      case 'validation': {
        const { entity, problems } = error as ValidationFailed;
        return problems.map((p) => describe.withField(entity, p)).join('；') || t('form.fixBelow');
      }
      case 'gone':
        return t('forms.error.gone');
      case 'notAllowed':
        return t('forms.error.notAllowed');
      case 'storageFull':
        // What to do, not only what happened: the typed values stay in the form.
        return t('rescue.storageFull');
      case 'unknown':
        return t('forms.error.unknown');
    }
  };
}

/**
 * The same mapper for a write that is a tap, not a form (a checkbox, 设为中心镇, 签到): there is
 * nothing typed to keep, so the record gone and a full phone say so without promising a draft.
 * Permission, validation (with the fields' names) and "try again" are the form's sentences.
 */
export function useActionErrorText(): (error: unknown) => string {
  const t = useT();
  const formText = useWriteErrorText();
  return (error) => {
    switch (writeErrorKind(error)) {
      case 'gone':
        return t('formsMore.error.gone');
      case 'storageFull':
        return t('formsMore.error.storageFull');
      default:
        return formText(error);
    }
  };
}

/**
 * The server's own words for a failed request (GET/POST of the online-only screens), in the
 * user's language, or null when it sent none (offline, a timeout, an old server).
 */
export function useServerWords(): (failure: SyncFailure) => string | null {
  const locale = useLocale();
  return useCallback((failure) => bilingual(failure.messages, locale), [locale]);
}

/**
 * Why a request of an online-only screen failed, for the end of that screen's sentence
 * ("加载失败。" + this): the screen's own "needs a connection" words when the phone is offline,
 * else the server's words, else the failure's bare message.
 */
export function useOnlineFailureText(): (error: unknown, offline: string) => string {
  const words = useServerWords();
  return useCallback(
    (error, offline) => {
      const failure = toSyncFailure(error);
      if (failure.kind === 'offline') return offline;
      return words(failure) ?? failure.message;
    },
    [words],
  );
}
