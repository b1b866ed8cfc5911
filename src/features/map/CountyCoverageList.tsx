/**
 * Coverage by county, and inside each county by township (there are no township outlines, so
 * the township level is a list). Every county of today's divisions is here, including 临平区 and
 * 钱塘区, which the map cannot draw: they are marked "no outline" with their figures, not dropped.
 *
 * A closed county renders no township rows (about 190 townships and 2,000 elements for the whole
 * prefecture, on a screen a slow phone must open fast): they are rendered when it is opened.
 */
import { useState, type ReactNode } from 'react';
import { formatNumber, useT } from '../../i18n';
import { sharePercent, type CoverageCount, type CoverageReport } from '../../domain/coverage';
import type { OutlineSet } from '../../map/outlines';
import { Card, ProgressBar } from '../../ui';
import { focusMap } from './mapStore';
import type { PlaceLocator } from './places';
import { CentreOnMap } from './CentreOnMap';

export interface CountyCoverageListProps {
  report: CoverageReport;
  outlines: OutlineSet | null;
  locator: PlaceLocator;
  /** '' = every county; a county code = only that county, its townships open. */
  county: string;
  /** A township code when the user's scope is one township. */
  township?: string;
  totalLabel: string;
  total: CoverageCount;
}

function Figures({ c }: { c: CoverageCount }) {
  const t = useT();
  const percent = sharePercent(c.share);
  if (percent === null)
    return <span className="coverage-row__figure">{t('map.counties.noRural')}</span>;
  return (
    <>
      <span className="coverage-row__figure">
        {t('map.counties.figure', {
          covered: formatNumber(c.covered),
          rural: formatNumber(c.rural),
        })}
      </span>
      <span className="coverage-row__percent">{percent}%</span>
    </>
  );
}

/** A `<details>` whose content exists only while it is open (and from then on). */
function LazyDetails(props: { initiallyOpen: boolean; summary: string; children: ReactNode }) {
  const [opened, setOpened] = useState(props.initiallyOpen);
  return (
    <details
      open={props.initiallyOpen || undefined}
      onToggle={(e) => {
        if (e.currentTarget.open) setOpened(true);
      }}
    >
      <summary>{props.summary}</summary>
      {opened ? props.children : null}
    </details>
  );
}

export function CountyCoverageList(props: CountyCoverageListProps) {
  const { report, outlines, locator, county, township, totalLabel, total } = props;
  const t = useT();
  const withoutOutline = new Set(outlines?.countiesWithoutOutline.map((c) => c.code) ?? []);
  // '' = every county; a prefecture of a province (4 digits) = its counties; a county = itself.
  const oneCounty = county.length === 6;
  const counties = county
    ? report.counties.filter((c) => (oneCounty ? c.code === county : c.code.startsWith(county)))
    : report.counties;

  return (
    <Card className="coverage-list" titleId="coverage-list-title" title={t('map.counties.title')}>
      {oneCounty ? null : (
        <div className="coverage-row coverage-row--total">
          <span className="coverage-row__name">{totalLabel}</span>
          <Figures c={total} />
        </div>
      )}
      <ul className="coverage-list__counties">
        {counties.map((c) => {
          const place = locator.county(c.code);
          const townships = report.townships.filter(
            (tw) => tw.countyCode === c.code && (!township || tw.code === township),
          );
          const noOutline = withoutOutline.has(c.code);
          return (
            <li key={c.code} className="coverage-county" data-county={c.code}>
              <div className="coverage-row">
                <span className="coverage-row__name">
                  {c.name}
                  {noOutline ? (
                    <span className="map-badge">{t('map.counties.noOutline')}</span>
                  ) : null}
                </span>
                <Figures c={c} />
                {place ? (
                  <button
                    type="button"
                    className="icon-button coverage-row__locate"
                    onClick={() => focusMap(place)}
                    aria-label={t('map.counties.showOnMap', { name: c.name })}
                    title={t('map.counties.showOnMap', { name: c.name })}
                  >
                    <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
                      <path
                        d="M12 21s-7-6.1-7-11.5a7 7 0 0 1 14 0C19 14.9 12 21 12 21Z"
                        fill="none"
                        stroke="currentColor"
                        strokeWidth="2"
                      />
                      <circle cx="12" cy="9.5" r="2.5" fill="currentColor" />
                    </svg>
                  </button>
                ) : null}
              </div>
              {c.rural > 0 ? (
                <ProgressBar
                  value={c.covered}
                  max={c.rural}
                  label={c.name}
                  valueText={t('map.counties.figure', {
                    covered: formatNumber(c.covered),
                    rural: formatNumber(c.rural),
                  })}
                />
              ) : null}
              {noOutline ? <p className="field__hint">{t('map.counties.noOutlineNote')}</p> : null}
              <LazyDetails
                initiallyOpen={oneCounty}
                summary={t('map.counties.townships', { count: townships.length })}
              >
                <ul className="coverage-list__townships">
                  {townships.map((tw) => (
                    <li key={tw.code} className="coverage-row coverage-row--township">
                      <span className="coverage-row__name">{tw.name}</span>
                      <Figures c={tw} />
                      <CentreOnMap name={tw.name} target={locator.township(tw.code)} />
                    </li>
                  ))}
                </ul>
              </LazyDetails>
            </li>
          );
        })}
      </ul>
    </Card>
  );
}
