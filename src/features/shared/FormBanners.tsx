/**
 * The two banners every record form shows above its fields: the draft that was restored (with a
 * way to throw it away), and the summary of what to fix after a refused save — one line per
 * problem, with the field's name, in the user's language.
 */
import { formatDate, useT } from '../../i18n';
import { useDescribeProblem } from '../../i18n/domain';
import type { EntityName } from '../../domain/entities';
import type { FieldProblem } from '../../domain/messages';
import { Banner } from '../../ui';

/** The same words in every form: 已恢复 {when} 未保存的草稿。 and 放弃草稿. */
export function DraftRestoredBanner({
  restoredAt,
  onDiscard,
}: {
  /** When the draft was saved; nothing is shown when null. */
  restoredAt: string | null;
  onDiscard: () => void;
}) {
  const t = useT();
  if (!restoredAt) return null;
  const when = formatDate(restoredAt, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <Banner tone="info" action={{ label: t('forms.draft.discard'), onClick: onDiscard }}>
      {t('forms.draft.restored', { when })}
    </Banner>
  );
}

export function FormProblems({
  entity,
  problems,
}: {
  entity: EntityName;
  problems: readonly FieldProblem[];
}) {
  const t = useT();
  const describe = useDescribeProblem();
  if (problems.length === 0) return null;
  return (
    <Banner tone="error">
      <p>{t('form.fixBelow')}</p>
      <ul>
        {problems.map((p) => (
          <li key={`${p.path}-${p.key}`}>{describe.withField(entity, p)}</li>
        ))}
      </ul>
    </Banner>
  );
}
