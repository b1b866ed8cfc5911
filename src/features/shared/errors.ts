/**
 * One mapper from what a write can throw to words for the user, instead of an instanceof ladder
 * in every form: refused by validation (the form lists the fields), the record gone (deleted or
 * merged away), not allowed for this account (role or area), the phone's storage full, or
 * something else (try again). Forms and the lifecycle change use it; a feature with its own
 * refusal (TransitionRefused, AttendanceRefused) handles that first and passes the rest here.
 */
import { RecordNotFound, ValidationFailed, WriteNotAllowed } from '../../actions';
import { useT } from '../../app/i18n';
import { useDescribeProblem } from '../../app/i18n/domain';

export type WriteErrorKind = 'validation' | 'gone' | 'notAllowed' | 'storageFull' | 'unknown';

function isQuotaError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  // Dexie wraps the DOMException; the browser's own name is kept on the wrapper or its `inner`.
  const inner = (error as { inner?: unknown }).inner;
  return (
    error.name === 'QuotaExceededError' ||
    (inner instanceof Error && inner.name === 'QuotaExceededError')
  );
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
        return t('forms.error.storageFull');
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
