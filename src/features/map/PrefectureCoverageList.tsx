/**
 * A province's map, one level down (issue 16 part 2): each prefecture's rural-village coverage
 * against its OWN villages (coverageOf sums its counties; never set against the province's), and
 * a button to drill into it — the map then shows its counties from its own outline file. Rows
 * are buttons of full width: a thumb on a 360 px screen picks a city without aiming.
 */
import { formatNumber, useT } from '../../i18n';
import type { NamedArea } from '../../domain/areas';
import { Card } from '../../ui';
import {
  coverageOf,
  sharePercent,
  type CoverageCount,
  type CoverageReport,
} from '../../domain/coverage';

export function PrefectureCoverageList({
  report,
  prefectures,
  totalLabel,
  total,
  onPick,
}: {
  report: CoverageReport;
  prefectures: readonly NamedArea[];
  totalLabel: string;
  total: CoverageCount;
  onPick: (code: string) => void;
}) {
  const t = useT();
  return (
    <Card
      className="coverage-list"
      titleId="prefecture-list-title"
      title={t('drill.map.prefectures')}
    >
      <p className="muted">{t('drill.map.prefecturesHint')}</p>
      <div className="coverage-row coverage-row--total">
        <span className="coverage-row__name">{totalLabel}</span>
        <span className="coverage-row__figure">
          {t('drill.map.villages', {
            covered: formatNumber(total.covered),
            rural: formatNumber(total.rural),
          })}
        </span>
      </div>
      <ul className="coverage-list__prefectures" data-testid="prefecture-coverage">
        {prefectures.map((p) => {
          const c = coverageOf(report, p.code);
          const percent = c ? sharePercent(c.share) : null;
          return (
            <li key={p.code}>
              <button
                type="button"
                className="coverage-row coverage-row--prefecture"
                aria-label={t('drill.map.open', { name: p.name })}
                onClick={() => onPick(p.code)}
              >
                <span className="coverage-row__name">{p.name}</span>
                <span className="coverage-row__figure">
                  {c
                    ? t('drill.map.villages', {
                        covered: formatNumber(c.covered),
                        rural: formatNumber(c.rural),
                      })
                    : t('map.counties.noRural')}
                </span>
                {percent !== null ? (
                  <span className="coverage-row__percent">{percent}%</span>
                ) : null}
              </button>
            </li>
          );
        })}
      </ul>
    </Card>
  );
}
