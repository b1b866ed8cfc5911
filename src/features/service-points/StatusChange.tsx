/**
 * Moving a point along its lifecycle (planned → approved → open → suspended → closed), dated, with
 * an optional note. Only the steps the lifecycle allows are offered; anything refused is explained.
 */
import { changeServicePointStatus } from '../../actions';
import { useT } from '../../i18n';
import { SERVICE_POINT_TRANSITIONS, type ServicePoint } from '../../domain/servicePoint';
import { LifecycleChange } from '../shared/LifecycleChange';

export function StatusChange({ point }: { point: ServicePoint }) {
  const t = useT();
  return (
    <LifecycleChange
      next={SERVICE_POINT_TRANSITIONS[point.status]}
      change={(to, date, note) => changeServicePointStatus(point.id, to, date, note)}
      withNote
      headingId="status-change-title"
      headingLevel={2}
      text={{
        title: t('points.statusChange.title'),
        to: t('points.statusChange.to'),
        date: t('points.statusChange.date'),
        note: t('points.statusChange.note'),
        submit: t('points.statusChange.submit'),
        final: t('points.statusChange.final'),
        failed: t('points.statusChange.failed'),
        status: (s) => t(`points.status.${s}`),
        refused: (reason) => t(`points.statusChange.refused.${reason}`),
      }}
    />
  );
}
