/**
 * 可能重复的服务点 (/points/duplicates), for county coordinators and city admins. After sync the
 * server flags pairs of points that look like one place registered twice (the same village and
 * within 200 m, or the same name in the county; src/domain/duplicates.ts). Here the two stand
 * one above the other (side by side on a wide screen), and the coordinator either says they are
 * two points, or merges them: chooses the point that stays, and for each field on which they
 * differ which value it keeps. Photos are combined; the other point is deleted. The server does
 * the merge (docs/SERVICE_POINTS.md "Duplicates"); the result reaches this phone with a sync.
 * Needs the network: the flags live on the server, like the conflicts inbox, and come a page at a
 * time (加载更多) with the count of all that wait.
 */
import { useCallback, useMemo, useState } from 'react';
import { Link } from 'wouter';
import { formatNumber, useLocale, useT, type Translate, formatList } from '../../i18n';
import { useRegions } from '../../regions';
import {
  defaultMergeTake,
  differingMergeFields,
  mergeServicePoints,
  type MergeField,
} from '../../domain/duplicates';
import type { ServicePoint } from '../../domain/servicePoint';
import type { DuplicateFlag, DuplicatePoint } from '../../sync';
import { Button, Card } from '../../ui';
import { InboxScreen } from '../shared/InboxScreen';
import { adminsLabel, formatWhen } from '../shared/labels';
import { forgetDuplicateFlags } from './DuplicatesNotice';
import { useSyncEngine } from '../shared/useSyncEngine';
import '../shared/sync.css';
import './duplicates.css';
import { paths } from '../shared/paths';

type PlaceLabel = (code: string) => string;

const STATUS_RANK: Record<ServicePoint['status'], number> = {
  open: 4,
  suspended: 3,
  approved: 2,
  planned: 1,
  closed: 0,
};

function asPoint(p: DuplicatePoint): ServicePoint {
  return p.data as unknown as ServicePoint;
}

/** The sensible point to keep: the one further along its lifecycle, else the older one. */
export function suggestedKeep(flag: DuplicateFlag): string {
  const a = asPoint(flag.a);
  const b = asPoint(flag.b);
  if (STATUS_RANK[a.status] !== STATUS_RANK[b.status]) {
    return STATUS_RANK[a.status] > STATUS_RANK[b.status] ? flag.a.id : flag.b.id;
  }
  return flag.a.createdAt <= flag.b.createdAt ? flag.a.id : flag.b.id;
}

function fieldText(t: Translate, place: PlaceLabel, point: ServicePoint, field: MergeField) {
  switch (field) {
    case 'name':
      return point.name;
    case 'place':
      return `${place(point.regionCode)}（${t(`points.tier.${point.tier}`)}）`;
    case 'services':
      return formatList(point.services.map((s) => t(`points.service.${s}`)));
    case 'operatorName':
      return point.operatorName || t('duplicates.empty');
    case 'operatorPhone':
      return point.operatorPhone ?? t('duplicates.empty');
    case 'location':
      return point.location
        ? `${point.location.lat.toFixed(5)}, ${point.location.lng.toFixed(5)}`
        : t('duplicates.empty');
    case 'notes':
      return point.notes || t('duplicates.empty');
  }
}

function PointSummary({
  point,
  label,
  place,
}: {
  point: DuplicatePoint;
  label: string;
  place: PlaceLabel;
}) {
  const t = useT();
  const locale = useLocale();
  const p = asPoint(point);
  return (
    <section className="duplicate__point" aria-label={label}>
      <h3>
        <span className="duplicate__tag">{label}</span> {p.name}
      </h3>
      <p>
        <span className={`badge badge--${p.status}`}>{t(`points.status.${p.status}`)}</span>{' '}
        {t(`points.tier.${p.tier}`)}
      </p>
      <dl className="details details--compact">
        <dt>{t('points.field.place')}</dt>
        <dd>{place(p.regionCode)}</dd>
        <dt>{t('points.field.operatorName')}</dt>
        <dd>
          {[p.operatorName, p.operatorPhone].filter(Boolean).join(' · ') || t('duplicates.empty')}
        </dd>
        <dt>{t('points.field.location')}</dt>
        <dd>{fieldText(t, place, p, 'location')}</dd>
        <dt>{t('points.field.photos')}</dt>
        <dd>{formatNumber(p.photos.length)}</dd>
      </dl>
      <p className="muted">
        {t('duplicates.lastEdited', {
          name: point.lastEditedBy ?? t('conflicts.someone'),
          when: formatWhen(String(p.updatedAt ?? point.createdAt), locale),
        })}
      </p>
      <Link href={paths.point(point.id)} className="tap-link">
        {t('duplicates.open')}
      </Link>
    </section>
  );
}

function MergeForm({
  flag,
  place,
  onCancel,
  onMerge,
}: {
  flag: DuplicateFlag;
  place: PlaceLabel;
  onCancel: () => void;
  onMerge: (keep: string, take: MergeField[]) => Promise<void>;
}) {
  const t = useT();
  const [keepId, setKeepId] = useState(() => suggestedKeep(flag));
  const keep = keepId === flag.a.id ? flag.a : flag.b;
  const other = keep === flag.a ? flag.b : flag.a;
  const differing = useMemo(
    () => differingMergeFields(asPoint(keep), asPoint(other)),
    [keep, other],
  );
  const [take, setTake] = useState<MergeField[]>(() =>
    defaultMergeTake(asPoint(keep), asPoint(other)),
  );
  const [busy, setBusy] = useState(false);
  const merged = mergeServicePoints(asPoint(keep), asPoint(other), take);
  const photoCount = (merged.photos ?? asPoint(keep).photos).length;

  function chooseKeep(id: string) {
    setKeepId(id);
    const k = id === flag.a.id ? flag.a : flag.b;
    const o = k === flag.a ? flag.b : flag.a;
    setTake(defaultMergeTake(asPoint(k), asPoint(o)));
  }

  const nameOf = (p: DuplicatePoint) => asPoint(p).name;
  return (
    <form
      className="duplicate__merge"
      onSubmit={(event) => {
        event.preventDefault();
        setBusy(true);
        void onMerge(keepId, take).finally(() => setBusy(false));
      }}
    >
      <fieldset>
        <legend>{t('duplicates.keepWhich')}</legend>
        {[flag.a, flag.b].map((p, i) => (
          <label key={p.id} className="choice">
            <input
              type="radio"
              name={`keep-${flag.id}`}
              checked={keepId === p.id}
              onChange={() => chooseKeep(p.id)}
            />
            <span>
              {t(i === 0 ? 'duplicates.pointA' : 'duplicates.pointB')} {nameOf(p)}
            </span>
          </label>
        ))}
        <p className="field__hint">{t('duplicates.keepHint')}</p>
      </fieldset>
      {differing.map((field) => (
        <fieldset key={field}>
          <legend>{t(`duplicates.field.${field}`)}</legend>
          {[false, true].map((fromOther) => (
            <label key={String(fromOther)} className="choice">
              <input
                type="radio"
                name={`${flag.id}-${field}`}
                checked={take.includes(field) === fromOther}
                onChange={() =>
                  setTake((current) =>
                    fromOther ? [...current, field] : current.filter((f) => f !== field),
                  )
                }
              />
              <span>{fieldText(t, place, asPoint(fromOther ? other : keep), field)}</span>
            </label>
          ))}
        </fieldset>
      ))}
      <p className="field__hint">
        {t('duplicates.photosCombined', { count: formatNumber(photoCount) })}{' '}
        {t('duplicates.statusKept')}
      </p>
      <p className="field__hint" data-testid="merge-summary">
        {t('duplicates.willDelete', { name: nameOf(other) })}
      </p>
      <div className="duplicate__actions">
        <Button type="submit" loading={busy} disabled={busy}>
          {t('duplicates.confirmMerge')}
        </Button>
        <Button type="button" variant="secondary" disabled={busy} onClick={onCancel}>
          {t('duplicates.cancel')}
        </Button>
      </div>
    </form>
  );
}

function FlagCard({
  flag,
  place,
  onDismiss,
  onMerge,
}: {
  flag: DuplicateFlag;
  place: PlaceLabel;
  onDismiss: (flag: DuplicateFlag) => Promise<void>;
  onMerge: (flag: DuplicateFlag, keep: string, take: MergeField[]) => Promise<void>;
}) {
  const t = useT();
  const [merging, setMerging] = useState(false);
  const [busy, setBusy] = useState(false);
  const reason =
    flag.reason === 'sameName'
      ? t('duplicates.reason.sameName')
      : t('duplicates.reason.sameVillageNearby', {
          distance: formatNumber(Math.round(flag.distance ?? 0)),
        });
  return (
    <li>
      <Card className="duplicate" headingLevel={2} title={reason}>
        <div className="duplicate__pair">
          <PointSummary point={flag.a} label={t('duplicates.pointA')} place={place} />
          <PointSummary point={flag.b} label={t('duplicates.pointB')} place={place} />
        </div>
        {merging ? (
          <MergeForm
            flag={flag}
            place={place}
            onCancel={() => setMerging(false)}
            onMerge={(keep, take) => onMerge(flag, keep, take)}
          />
        ) : (
          <div className="duplicate__actions">
            <Button onClick={() => setMerging(true)}>{t('duplicates.merge')}</Button>
            <Button
              variant="secondary"
              loading={busy}
              disabled={busy}
              onClick={() => {
                setBusy(true);
                void onDismiss(flag).finally(() => setBusy(false));
              }}
            >
              {t('duplicates.dismiss')}
            </Button>
          </div>
        )}
      </Card>
    </li>
  );
}

export default function DuplicatesScreen() {
  const t = useT();
  const engine = useSyncEngine();
  const regions = useRegions();
  const fetchPage = useCallback(
    (token: string, after: string | null) => engine.api.duplicates(token, { after }),
    [engine],
  );

  const place: PlaceLabel = useCallback(
    (code: string) =>
      regions.status === 'ready' ? (regions.regions.placeLabel(code) ?? code) : code,
    [regions],
  );

  return (
    <InboxScreen<DuplicateFlag>
      name="duplicates"
      title={t('duplicates.title')}
      intro={t('duplicates.intro')}
      forbidden={t('duplicates.forbidden', { admins: adminsLabel(t) })}
      empty={t('duplicates.none')}
      action="reviewDuplicates"
      fetchPage={fetchPage}
      loadProblem={(failure, server) =>
        failure.kind === 'offline'
          ? { tone: 'info', text: t('duplicates.offline') }
          : { tone: 'error', text: `${t('duplicates.loadFailed')} ${server ?? ''}`.trim() }
      }
      retryLabel={t('conflicts.retry')}
      count={(total) => t('duplicates.count', { count: formatNumber(total) })}
      listClassName="duplicate-list"
      afterReview={forgetDuplicateFlags}
      // A 409 means the pair changed or was handled elsewhere: show what is true now.
      refreshOnFailure
      renderItem={(flag, inbox) => (
        <FlagCard
          flag={flag}
          place={place}
          onDismiss={(f) =>
            inbox.review(f.id, (token) => engine.api.dismissDuplicate(token, f.id), {
              done: t('duplicates.dismissed'),
              failed: t('duplicates.failed'),
            })
          }
          onMerge={(f, keep, take) =>
            inbox.review(
              f.id,
              (token) =>
                engine.api.mergeDuplicate(token, f.id, {
                  keep,
                  take,
                  versions: { [f.a.id]: f.a.version, [f.b.id]: f.b.version },
                }),
              { done: t('duplicates.merged'), failed: t('duplicates.failed') },
            )
          }
        />
      )}
    />
  );
}
