/**
 * The one foundation of every record form (service point, flagship store, agricultural shop,
 * pilot, training session, trainee): what a form must do the same way everywhere, so no form can
 * drift into its own bugs.
 *
 * - **Draft**: what is typed is kept in the local database (useDraft), from the first change.
 * - **Validation**: the action validates with the domain schema; the problems come back per
 *   field (`errorFor`) and as a summary above the form, which takes focus after a refused save so
 *   a screen reader and a thumb both land on what to fix.
 * - **Required**: fields carry a visible * (Field `required`); `RecordFormTop` says what it means.
 * - **The record vanishing while open** (deleted, or merged away by a coordinator's review that a
 *   pull brings in): the form says so at once, keeps what was typed as a draft, and a save
 *   cannot throw an unhandled RecordNotFound — it says the same in words.
 * - **Permission**: an edit form is only opened for someone who may write the record (useEditGate;
 *   the server enforces the same rule); a refusal that slips through says it is about permission.
 * - **Every other failure** (a full phone) in words, through the one error mapper (./errors.ts).
 */
import {
  Fragment,
  useCallback,
  useEffect,
  useRef,
  useState,
  type FormEvent,
  type ReactNode,
} from 'react';
import { Link } from 'wouter';
import { ValidationFailed } from '../../actions';
import { useT } from '../../i18n';
import { useDescribeProblem } from '../../i18n/domain';
import type { EntityName, EntityRecord } from '../../domain/entities';
import type { FieldProblem } from '../../domain/messages';
import { mayWriteRecord, roleMayWrite } from '../../domain/scope';
import { getRecord, saveDraft, useRecord, useSession } from '../../db';
import { Banner, Button, EmptyState, Spinner } from '../../ui';
import { DraftRestoredBanner, FormProblems } from './FormBanners';
import { writeErrorKind, useWriteErrorText } from './errors';
import { clearDraft, useDraftStart, useKeepDraft, type DraftStart } from './useDraft';

/**
 * Whether this user may open the form: 'loading' while the session (and the record) are read,
 * 'notAllowed' when the role may not write the entity at all or not this record where it is.
 * A record that is not on the phone is 'allowed' here: the form's start says it is missing.
 */
export function useEditGate(
  entity: EntityName,
  id: string | undefined,
): 'loading' | 'allowed' | 'notAllowed' {
  const session = useSession();
  const record = useRecord(entity, id ?? '');
  if (session === undefined || (id !== undefined && record === undefined)) return 'loading';
  const actor = session?.user ?? null;
  if (actor === null) return 'allowed';
  if (!roleMayWrite(actor.role, entity)) return 'notAllowed';
  if (id !== undefined && record && !record.deleted && !mayWriteRecord(actor, entity, record))
    return 'notAllowed';
  return 'allowed';
}

/** Instead of a form the user may not use: says why, in words, and the way back. */
export function FormNotAllowed({
  back,
  isNew = false,
}: {
  back: { href: string; label: string };
  /** A form for a new record (新建…), not an edit. */
  isNew?: boolean;
}) {
  const t = useT();
  return (
    <EmptyState
      icon="alert"
      title={isNew ? t('forms.notAllowed.newTitle') : t('forms.notAllowed.title')}
      headingLevel={1}
    >
      {t('forms.notAllowed.body')} <Link href={back.href}>{back.label}</Link>
    </EmptyState>
  );
}

/** Instead of an edit form for a record not on this phone (unknown id, deleted, merged away). */
export function FormRecordMissing({ back }: { back: { href: string; label: string } }) {
  const t = useT();
  return (
    <EmptyState icon="alert" title={t('forms.missing.title')} headingLevel={1}>
      {t('forms.missing.body')} <Link href={back.href}>{back.label}</Link>
    </EmptyState>
  );
}

/** The keys of a form's state that hold text (what `bind` binds to an InputField). */
export type TextKey<S> = { [K in keyof S]: S[K] extends string ? K : never }[keyof S] & string;

/**
 * Where a record form starts: the draft under `draftKey`, else the record (`fromRecord`) or, for
 * a new one, `empty()`. An unknown id, or a record deleted or merged away, is 'missing': the
 * form must not open empty, as that would create the record anew.
 */
export function useRecordFormStart<E extends EntityName, S extends object>(
  entity: E,
  id: string | undefined,
  draftKey: string,
  empty: () => S,
  fromRecord: (record: EntityRecord<E>) => S,
): DraftStart<S> | null | 'missing' {
  return useDraftStart<S>(draftKey, async () => {
    if (!id) return empty();
    const record = await getRecord(entity, id);
    return record && !record.deleted ? fromRecord(record) : 'missing';
  });
}

/**
 * What every record form shows before its body: `FormNotAllowed` for someone who may not write the
 * record (useEditGate), a spinner while the gate and the form's start (a draft, the record, or an
 * empty form) are read — both at once, not one after the other — and `missing` for an id not on
 * this phone (the form must not open empty: that would create the record anew); then the body,
 * given its start and its draft key (the body is keyed by it, so another record's form starts
 * afresh).
 */
export function RecordFormStart<E extends EntityName, S extends object>({
  entity,
  id,
  draftKey = id ? `${entity}:${id}` : `${entity}:new`,
  empty,
  fromRecord,
  back,
  notAllowedBack = back,
  missing = <FormRecordMissing back={back} />,
  children,
}: {
  entity: E;
  id: string | undefined;
  /** Where the draft is kept: `entity:id`, or `entity:new` for a new record. */
  draftKey?: string;
  empty: () => S;
  fromRecord: (record: EntityRecord<E>) => S;
  /** The way back (the list) from a record that is missing or may not be changed. */
  back: { href: string; label: string };
  /** The way back for someone who may not use the form, when not `back` (the record's page). */
  notAllowedBack?: { href: string; label: string };
  /** Instead of an edit form for a record not on this phone; FormRecordMissing unless given. */
  missing?: ReactNode;
  children: (props: RecordFormBodyProps<S>) => ReactNode;
}) {
  const gate = useEditGate(entity, id);
  const start = useRecordFormStart(entity, id, draftKey, empty, fromRecord);
  // What a discarded draft gives way to: the record as stored, or an empty form.
  const restart = async () => {
    const record = id ? await getRecord(entity, id) : undefined;
    return record ? fromRecord(record) : empty();
  };
  // Only those who may change the record get the form (a trainer never sees it, nor the masked
  // phone it would be filled with); the server refuses the others anyway.
  if (gate === 'notAllowed') return <FormNotAllowed back={notAllowedBack} isNew={!id} />;
  if (start === null || gate === 'loading') return <Spinner />;
  if (start === 'missing') return <>{missing}</>;
  return (
    <Fragment key={draftKey}>{children({ entity, id, draftKey, start, back, restart })}</Fragment>
  );
}

export interface RecordFormOptions<S> {
  entity: EntityName;
  /** The record being edited; undefined for a new one. */
  id: string | undefined;
  draftKey: string;
  start: DraftStart<S>;
  /** Where to go when the record is gone (RecordFormTop's link): the list. */
  back?: { href: string; label: string };
  /** The form without its draft (the record as stored, or empty): what `discard()` starts from. */
  restart?: () => Promise<S>;
}

/**
 * What a form's body gets from its start gate, all that useRecordForm needs: the entity, the
 * record's id, its draft's key, its start, the way back given to RecordFormStart, and the form
 * without its draft (RecordFormStart's `fromRecord` of the record as stored, or its `empty()`).
 */
export type RecordFormBodyProps<S> = Required<RecordFormOptions<S>>;

export function useRecordForm<S extends object>({
  entity,
  id,
  draftKey,
  start,
  back,
  restart,
}: RecordFormOptions<S>) {
  const describe = useDescribeProblem();
  const errorText = useWriteErrorText();
  const [form, setForm] = useState<S>(start.state);
  const [restored, setRestored] = useState(start.restoredAt);
  const [touched, setTouched] = useState(false);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [goneOnSave, setGoneOnSave] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const [focusRequest, setFocusRequest] = useState(0);
  useKeepDraft(draftKey, form, touched);

  // The record vanishing while the form is open: a pull deleted it or merged it into another.
  const live = useRecord(entity, id ?? '');
  const gone = goneOnSave || (id !== undefined && (live === null || live?.deleted === true));
  const latest = useRef({ form, touched });
  useEffect(() => {
    latest.current = { form, touched };
  });
  useEffect(() => {
    // Keep what was typed at once (not after the draft's debounce): it is all that is left.
    if (gone && latest.current.touched) void saveDraft(draftKey, latest.current.form);
  }, [gone, draftKey]);

  // After a refused save the summary takes focus (once per save, not on every render).
  useEffect(() => {
    if (focusRequest > 0) summaryRef.current?.focus();
  }, [focusRequest]);

  const update = useCallback((change: (f: S) => S) => {
    setTouched(true);
    setForm(change);
  }, []);
  const set = useCallback((change: Partial<S>) => update((f) => ({ ...f, ...change })), [update]);

  const errorFor = (path: string): string | undefined => {
    const problem = problems.find((p) => p.path === path || p.path.startsWith(`${path}.`));
    return problem ? describe.message(problem) : undefined;
  };

  /**
   * A text field's value, change and error (InputField's props), bound to the form's `key`; the
   * error is the record's `path` when the schema names the field otherwise.
   */
  const bind = (key: TextKey<S>, path: string = key) => ({
    value: form[key] as string,
    onValue: (value: string) => set({ [key]: value } as Partial<S>),
    error: errorFor(path),
  });

  /**
   * Runs `save`, then clears the draft and calls `done` with its result. A refusal is shown, never
   * thrown: problems per field, the record gone, not allowed, a full phone — and the summary (or
   * the message) takes focus.
   */
  async function run<R>(save: () => Promise<R>, done: (result: R) => void): Promise<void> {
    if (saving) return;
    setSaving(true);
    setFailure(null);
    try {
      const result = await save();
      setTouched(false);
      setProblems([]);
      await clearDraft(draftKey);
      done(result);
    } catch (error) {
      const kind = writeErrorKind(error);
      if (error instanceof ValidationFailed) {
        setProblems(error.problems);
      } else {
        setProblems([]);
        if (kind === 'gone') {
          setGoneOnSave(true);
          await saveDraft(draftKey, latest.current.form);
        } else setFailure(errorText(error));
        // Not a refusal the user can fix by typing: the developer console gets the detail.
        if (kind === 'unknown') console.error(error);
      }
      setFocusRequest((n) => n + 1);
    } finally {
      setSaving(false);
    }
  }

  /** The form's onSubmit: `run` without the page reloading. */
  function submit<R>(save: () => Promise<R>, done: (result: R) => void) {
    return async (event: FormEvent) => {
      event.preventDefault();
      await run(save, done);
    };
  }

  /**
   * Throws the draft away and starts again from `fresh`, or else from `restart()` (the record as
   * stored, or empty).
   */
  async function discard(fresh?: S) {
    if (fresh === undefined) {
      if (!restart) throw new Error('discard() without a form to start from');
      fresh = await restart();
    }
    await clearDraft(draftKey);
    setTouched(false);
    setForm(fresh);
    setRestored(null);
    setProblems([]);
    setFailure(null);
  }

  return {
    entity,
    back,
    form,
    setForm,
    set,
    update,
    touched,
    problems,
    errorFor,
    bind,
    saving,
    gone,
    failure,
    restored,
    setRestored,
    run,
    submit,
    discard,
    summaryRef,
  };
}

export type RecordForm<S extends object> = ReturnType<typeof useRecordForm<S>>;

/** Save and cancel at the foot of a record form; save waits while saving and stops when gone. */
export function RecordFormActions<S extends object>({
  form,
  onCancel,
  disabled = false,
}: {
  form: RecordForm<S>;
  onCancel: () => void;
  /** Save refused for a reason of the form's own (an area outside the user's). */
  disabled?: boolean;
}) {
  const t = useT();
  return (
    <div className="form__actions">
      <Button type="submit" loading={form.saving} disabled={disabled || form.gone}>
        {t('form.save')}
      </Button>
      <Button variant="secondary" onClick={onCancel}>
        {t('form.cancel')}
      </Button>
    </div>
  );
}

/**
 * A record form's body, the same in every form: what RecordFormTop shows, then the form (not
 * validated by the browser: the domain schema says what to fix, in words) with the form's own
 * fields and, last, its save and cancel buttons.
 */
export function RecordFormFrame<S extends object>({
  onSubmit,
  actions,
  top,
  children,
  ...topProps
}: Omit<Parameters<typeof RecordFormTop<S>>[0], 'children'> & {
  onSubmit: (event: FormEvent) => unknown;
  /** The buttons under the fields (RecordFormActions without its form). */
  actions: Omit<Parameters<typeof RecordFormActions<S>>[0], 'form'>;
  /** Anything the form adds above its problems' summary (RecordFormTop's children). */
  top?: ReactNode;
  /** The fields. */
  children: ReactNode;
}) {
  return (
    <>
      <RecordFormTop {...topProps}>{top}</RecordFormTop>
      <form className="form" onSubmit={(event) => void onSubmit(event)} noValidate>
        {children}
        <RecordFormActions form={topProps.form} {...actions} />
      </form>
    </>
  );
}

/**
 * What every record form shows above its fields, in this order: what * means, the restored draft
 * (with a way to throw it away), the record gone, a failure in words, and the summary of what to
 * fix. The summary (or the failure) is the element that takes focus after a refused save.
 */
export function RecordFormTop<S extends object>({
  form,
  onDiscard,
  regionsFailed = false,
  children,
}: {
  /** The form (useRecordForm): its entity names the fields, its `back` is the gone banner's link. */
  form: RecordForm<S>;
  /** Throws the draft away; `form.discard()` (the record as stored, or empty) unless given. */
  onDiscard?: () => unknown;
  /** The gazetteer did not load: says so (the place cannot be chosen). */
  regionsFailed?: boolean;
  /** Anything else the form adds. */
  children?: ReactNode;
}) {
  const t = useT();
  return (
    <>
      <p className="field__hint">{t('forms.requiredNote')}</p>
      <DraftRestoredBanner
        restoredAt={form.gone ? null : form.restored}
        onDiscard={() => void (onDiscard ? onDiscard() : form.discard())}
      />
      {regionsFailed ? <Banner tone="error">{t('regions.loadFailed')}</Banner> : null}
      {children}
      <div ref={form.summaryRef} tabIndex={-1} className="form__summary">
        {form.gone ? (
          <Banner tone="error">
            <p>
              <strong>{t('forms.gone.title')}</strong>
            </p>
            <p>{t('forms.gone.body')}</p>
            {form.back ? (
              <p>
                <Link href={form.back.href}>{form.back.label}</Link>
              </p>
            ) : null}
          </Banner>
        ) : null}
        {form.failure ? <Banner tone="error">{form.failure}</Banner> : null}
        <FormProblems entity={form.entity} problems={form.problems} />
      </div>
    </>
  );
}
