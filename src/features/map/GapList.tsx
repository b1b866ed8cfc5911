/**
 * The gap list: rural villages of the area with no open service point, grouped by township,
 * sortable, exportable as CSV (UTF-8 with BOM, formula-safe: src/domain/gapList.ts), each
 * township one tap away from the map. Works before and without the map chunk.
 */
import { useMemo, useState } from 'react';
import { formatNumber, useLocale, useT, formatList } from '../../i18n';
import { localToday as today } from '../shared/dates';
import { downloadText } from '../shared/download';
import { gapLabels } from '../shared/gapLabels';
import type { CoverageReport } from '../../domain/coverage';
import {
  buildGapList,
  countGaps,
  GAP_SORTS,
  gapListCsv,
  sortGapGroups,
  type GapSort,
} from '../../domain/gapList';
import type { RegionIndex } from '../../domain/region';
import { Button, EmptyState, SelectField } from '../../ui';
import { CentreOnMap } from './CentreOnMap';
import type { PlaceLocator } from './places';

export interface GapListProps {
  regions: RegionIndex;
  report: CoverageReport;
  locator: PlaceLocator;
  /** '' = the prefecture, a county or a township code. */
  scope: string;
  scopeName: string;
}

export function GapList({ regions, report, locator, scope, scopeName }: GapListProps) {
  const t = useT();
  const locale = useLocale();
  const [sort, setSort] = useState<GapSort>('gaps');
  const groups = useMemo(() => buildGapList(regions, report, scope), [regions, report, scope]);
  const sorted = useMemo(() => sortGapGroups(groups, sort, locale), [groups, sort, locale]);
  const total = countGaps(groups);

  const exportCsv = () => {
    const csv = gapListCsv(sorted, gapLabels(t));
    // File names keep to characters every phone and PC accepts.
    const safeName = scopeName.replace(/[\\/:*?"<>|\s]+/g, '');
    downloadText(`${t('map.gaps.fileName')}-${safeName}-${today()}.csv`, csv);
  };

  return (
    <section className="card gap-list" aria-labelledby="gap-list-title" data-testid="gap-list">
      <h2 id="gap-list-title" className="card__title">
        {t('map.gaps.title')}
      </h2>
      <p className="muted">{t('map.gaps.subtitle')}</p>
      {groups.length === 0 ? (
        <EmptyState icon="check" headingLevel={3} title={t('map.gaps.none')} />
      ) : (
        <>
          <p className="gap-list__count">
            {t('map.gaps.count', {
              villages: formatNumber(total),
              townships: formatNumber(groups.length),
            })}
          </p>
          <div className="gap-list__tools">
            <SelectField
              label={t('map.gaps.sort')}
              value={sort}
              onValue={setSort}
              options={GAP_SORTS.map((s) => ({ value: s, label: t(`map.gaps.sort.${s}`) }))}
            />
            <Button variant="secondary" icon="download" onClick={exportCsv}>
              {t('map.gaps.export')}
            </Button>
          </div>
          <ul className="gap-list__groups">
            {sorted.map((g) => (
              <li key={g.townshipCode} className="gap-group" data-township={g.townshipCode}>
                <div className="gap-group__header">
                  <h3 className="gap-group__title">
                    {g.townshipName}
                    <span className="muted"> · {g.countyName}</span>
                  </h3>
                  <CentreOnMap name={g.townshipName} target={locator.township(g.townshipCode)} />
                </div>
                <p className="gap-group__stats">
                  {t('map.gaps.townshipStats', {
                    gaps: formatNumber(g.villages.length),
                    covered: formatNumber(g.covered),
                    rural: formatNumber(g.rural),
                  })}
                </p>
                <p className="gap-group__villages">
                  {formatList(g.villages.map((v) => v.shortName))}
                </p>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
