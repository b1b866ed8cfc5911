/**
 * "This may be someone already on the list": the likely duplicates of a trainee being typed in
 * (src/domain/traineeDuplicates.ts), each with its village and why it looks the same. The trainee
 * form links each one; the roll call's walk-in form offers to check that person in instead.
 */
import type { ReactNode } from 'react';
import type { Trainee } from '../../domain/trainee';
import type { TraineeMatch } from '../../domain/traineeDuplicates';
import { useT } from '../../i18n';
import { Banner } from '../../ui';

export function LikelyDuplicates({
  duplicates,
  villageName,
  nameOf,
  actionOf,
}: {
  duplicates: readonly TraineeMatch<Trainee>[];
  /** The village's short name ('' when the gazetteer is not at hand). */
  villageName: (code: string) => string;
  /** The person's name as the row shows it (a link, or the name and a separator). */
  nameOf: (trainee: Trainee) => ReactNode;
  /** What the row offers after the reason, if anything. */
  actionOf?: (trainee: Trainee) => ReactNode;
}) {
  const t = useT();
  if (duplicates.length === 0) return null;
  return (
    <Banner tone="warning">
      <p>{t('training.roll.isDuplicate')}</p>
      <ul>
        {duplicates.map((d) => (
          <li key={d.trainee.id}>
            {nameOf(d.trainee)} {villageName(d.trainee.villageCode)} —{' '}
            {t(`training.duplicates.${d.reason}`)}
            {actionOf ? <> {actionOf(d.trainee)}</> : null}
          </li>
        ))}
      </ul>
    </Banner>
  );
}
