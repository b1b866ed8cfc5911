/**
 * The trainees on this device: search by name or phone (the same search as the roll call), a page
 * at a time. Phones by role (../shared/Phone.tsx): a call link for those who may edit trainees
 * (trainers, coordinators, admins, and a device used without an account), masked otherwise.
 */
import { useMemo, useState } from 'react';
import { Link } from 'wouter';
import { useT } from '../../i18n';
import { useRegions } from '../../regions';
import { buildSearchIndex, searchIndex } from '../../domain/rollCall';
import { useRecords } from '../../db';
import { Button, EmptyState, Spinner } from '../../ui';
import { Phone, useShowsFullPhone } from '../shared/Phone';
import { paths } from '../shared/paths';
import { ListScreen } from '../shared/ListScreen';
import { ListFilters } from '../shared/FilterSelect';

const PAGE = 50;

export function TraineeList() {
  const t = useT();
  const trainees = useRecords('trainee');
  const regions = useRegions();
  const [query, setQuery] = useState('');
  const [shown, setShown] = useState(PAGE);
  const fullPhones = useShowsFullPhone('trainee');
  const sorted = useMemo(
    () => [...(trainees ?? [])].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
    [trainees],
  );
  const index = useMemo(() => buildSearchIndex(sorted), [sorted]);
  const list = useMemo(
    () => (query.trim() === '' ? sorted : searchIndex(index, query, 500)),
    [sorted, index, query],
  );
  const regionIndex = regions.status === 'ready' ? regions.regions : null;

  if (!trainees) return <Spinner />;
  return (
    <ListScreen
      titleId="trainees-title"
      title={t('training.trainees.title')}
      newRecord={{ href: paths.traineeNew(), label: t('training.trainees.new'), icon: 'users' }}
    >
      {trainees.length === 0 ? (
        <EmptyState icon="users" title={t('training.trainees.empty')} />
      ) : (
        <>
          <ListFilters
            search={{
              label: t('training.trainees.search'),
              value: query,
              onValue: (text) => {
                setQuery(text);
                setShown(PAGE);
              },
            }}
          />
          <p className="screen__count" aria-live="polite">
            {t('training.trainees.count', { count: list.length })}
          </p>
          {list.length === 0 ? (
            <EmptyState icon="users" title={t('training.trainees.none')} />
          ) : (
            <ul className="record-list">
              {list.slice(0, shown).map((tr) => (
                <li key={tr.id} className="record-list__item record-list__item--stretched">
                  <Link href={paths.trainee(tr.id)} className="record-list__stretch">
                    <span className="record-list__title">{tr.name}</span>
                    <span className="record-list__meta">
                      {regionIndex?.placeLabel(tr.villageCode) ?? tr.villageCode}
                    </span>
                    <span className="record-list__badges">
                      <span className="badge">{t(`training.kind.${tr.kind}`)}</span>
                    </span>
                  </Link>
                  {tr.phone ? (
                    <span className="record-list__meta">
                      <Phone phone={tr.phone} full={fullPhones} name={tr.name} />
                    </span>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          {list.length > shown ? (
            <Button variant="secondary" onClick={() => setShown((s) => s + PAGE * 4)}>
              {t('points.showMore', { count: Math.min(PAGE * 4, list.length - shown) })}
            </Button>
          ) : null}
        </>
      )}
    </ListScreen>
  );
}
