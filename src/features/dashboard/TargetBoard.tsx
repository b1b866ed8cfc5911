/**
 * The target board (issue 12, part 2): the user's own area — their township, county or the
 * prefecture, named — against its own targets for a year, on one phone screen. Per metric: the
 * actual figure, the area's target, the share, and the pace (green / amber / red by the share
 * of the year gone by, always with a word and an icon too). Counted only through the metric
 * registry (src/domain/metrics.ts) from the records on the device, so it reads the same offline;
 * it says as of when (the last sync).
 *
 * The rules it shows, each in one place: an area without its own target says 未设目标; a county
 * may also see the hint (its share of the prefecture's target by rural villages), marked as a
 * hint, never as its target; the role's metrics come first (metricsInOrder); a metric whose
 * records never reach the role's phone is left out, with a line saying so, rather than shown as
 * 0 (isMetricKeptFor; docs/ASSESSMENT.md); a year with nothing in it says so.
 */
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'wouter';
import { formatList, formatNumber, useLocale, useT } from '../../i18n';
import { useRegions } from '../../regions';
import { keepAnswer, useKeptAnswer, useSession } from '../../db/live';
import {
  areaOfCode,
  isMetricKeptFor,
  measureArea,
  METRICS,
  metricsInOrder,
  yearElapsed,
  type Area,
  type Measure,
  type MetricId,
} from '../../domain/metrics';
import type { RegionIndex } from '../../domain/region';
import { deployment } from '../../domain/deployment';
import { Banner, EmptyState, Icon, Spinner, type IconName } from '../../ui';
import { formatMoment, localToday } from '../shared/dates';
import { useRememberPace } from '../shared/notices';
import { paceWord } from '../shared/pace';
import {
  keptAreaNameKey,
  useFiguresAsOf,
  useMetricFacts,
  useUserArea,
} from '../shared/useAssessment';
import { currentYear, yearOptions } from '../shared/years';
import { paths } from '../shared/paths';
import './board.css';

/** Where each metric is worked on: a row of the board leads there. */
const METRIC_PLACES: Readonly<Record<MetricId, string>> = {
  servicePointsOpen: paths.points(),
  // The coverage map shows which villages still have no point.
  villagesCovered: paths.map(),
  villagesNewlyCovered: paths.map(),
  peopleTrained: paths.training(),
  trainingPersonTimes: paths.training(),
  centralTownsWithStore: paths.towns(),
  pilotsAccepted: paths.towns(),
  agriShopsOnPlatform: paths.shops(),
};

/** The area's name as people say it: 某某省, 某某市, 某某县, 某某县 · 某某镇. */
function areaName(area: Area, regions: RegionIndex): string {
  // Not areas.ts: the start page loads none of the drill-down (docs/PERFORMANCE.md "Size").
  if (area.code === deployment().code) return deployment().name;
  if (area.level === 'prefecture') {
    return deployment().prefectures.find(([code]) => code === area.code)?.[1] ?? area.code;
  }
  return regions.placeLabel(area.code) ?? area.code;
}

/** Nothing counted, no target and no hint: a page of zeros would say nothing true. */
export function isEmptyYear(measures: readonly Measure[]): boolean {
  return measures.every((m) => m.actual === 0 && m.target === null && m.hint === null);
}

const PACE_ICONS: Readonly<Record<Measure['pace'] & string, IconName>> = {
  ahead: 'check',
  near: 'alert',
  behind: 'arrow-down',
};

function PaceBadge({
  pace,
  year,
  thisYear,
}: {
  pace: Measure['pace'];
  year: number;
  thisYear: number;
}) {
  const t = useT();
  if (pace === null) return null;
  // Nothing of a future year has gone by: no pace to judge yet.
  if (year > thisYear) {
    return <span className="pace pace--future">{t('board.futureYear')}</span>;
  }
  return (
    <span className={`pace pace--${pace}`} data-pace={pace}>
      <Icon name={PACE_ICONS[pace]} size={14} />
      {t(`board.pace.${paceWord(pace, year < thisYear)}`)}
    </span>
  );
}

function percent(share: number): string {
  return formatNumber(share, { style: 'percent', maximumFractionDigits: 0 });
}

function BoardRow({
  measure,
  elapsed,
  thisYear,
}: {
  measure: Measure;
  elapsed: number;
  thisYear: number;
}) {
  const t = useT();
  const locale = useLocale();
  const { metric, actual, target, share, pace, hint, of, year, area } = measure;
  const running = year === thisYear;
  const paceClass = target === null ? 'none' : year > thisYear ? 'future' : (pace ?? 'none');
  return (
    <li className={`board-row board-row--${paceClass}`} data-testid={`board-${metric}`}>
      <Link href={METRIC_PLACES[metric]} className="board-row__link">
        <span className="board-row__top">
          <span className="board-row__name">{METRICS[metric].name[locale]}</span>
          <PaceBadge pace={target === null ? null : pace} year={year} thisYear={thisYear} />
        </span>
        <span className="board-row__figures">
          <span className="board-row__value" data-testid="board-value">
            {target === null
              ? formatNumber(actual)
              : t('board.figure', { actual: formatNumber(actual), target: formatNumber(target) })}
          </span>
          {share !== null ? <span className="board-row__share">{percent(share)}</span> : null}
          {target !== null && share !== null ? (
            <span className="board-row__bar" aria-hidden="true">
              <span className="board-row__fill" style={{ width: `${Math.min(share, 1) * 100}%` }} />
              {running ? (
                <span className="board-row__now" style={{ left: `${elapsed * 100}%` }} />
              ) : null}
            </span>
          ) : (
            <span className="board-row__unset">{t('board.noTarget')}</span>
          )}
        </span>
        {hint !== null ? (
          <span className="board-row__hint" data-testid="board-hint">
            {t('board.hint', { hint: formatNumber(hint) })}
          </span>
        ) : null}
        {of !== undefined && of > 0 ? (
          <span className="board-row__of">
            {t(`board.of.${area.level}`, {
              of: formatNumber(of),
              percent: percent(actual / of),
            })}
          </span>
        ) : null}
      </Link>
    </li>
  );
}

export function TargetBoard({ year, onYear }: { year: number; onYear: (year: number) => void }) {
  const t = useT();
  const locale = useLocale();
  const session = useSession();
  const role = session?.user.role ?? null;
  // One object per area code, so the figures are not re-measured on every render.
  const areaCode = useUserArea().code;
  const area = useMemo(() => areaOfCode(areaCode), [areaCode]);
  // The area's name as last shown, kept on the device: with kept figures the board shows without
  // waiting for the gazetteer (docs/PERFORMANCE.md); the gazetteer is asked for only when no
  // name is kept, and renames it when it arrives from elsewhere.
  const keptName = useKeptAnswer<string>(keptAreaNameKey(areaCode));
  const regions = useRegions(keptName === null);
  const gazetteerName = regions.status === 'ready' ? areaName(area, regions.regions) : null;
  useEffect(() => {
    if (gazetteerName !== null && keptName !== undefined && keptName?.value !== gazetteerName)
      keepAnswer(keptAreaNameKey(areaCode), gazetteerName).catch(() => undefined);
  }, [gazetteerName, keptName, areaCode]);
  const today = localToday();
  const thisYear = currentYear();
  const facts = useMetricFacts(year, today);
  const asOf = useFiguresAsOf();

  const measures = useMemo(
    () =>
      facts
        ? measureArea(facts, area, today, role).filter((m) => isMetricKeptFor(m.metric, role))
        : undefined,
    [facts, area, today, role],
  );
  useRememberPace(area, year, session === undefined ? undefined : measures);

  const name = gazetteerName ?? keptName?.value ?? null;
  const [shown, setShown] = useState(false);
  if (measures && !shown) setShown(true);
  if ((name === null || !measures) && regions.status === 'error')
    return <Banner tone="error">{t('board.loadFailed')}</Banner>;
  // The board's head stays once shown: a year switch waits for that year's figures under the same
  // head (the year picker keeps its place and focus); only the first arrival shows the spinner alone.
  if (name === null || (!measures && !shown) || asOf === undefined || session === undefined) {
    // While it loads, what follows the board waits hidden (board.css), so the board's arrival
    // moves nothing the user sees (it moved 概览's "about" card 340 px down: layout shift 0.38).
    return (
      <div className="board-loading">
        <Spinner />
      </div>
    );
  }

  const notKept = metricsInOrder(role).filter((m) => !isMetricKeptFor(m, role));
  const elapsed = yearElapsed(year, today);
  const when =
    year < thisYear
      ? t('board.pastYear')
      : year > thisYear
        ? t('board.futureYear')
        : t('board.elapsed', { percent: percent(elapsed) });

  return (
    <section className="board" aria-labelledby="board-title" data-testid="board">
      <div className="board__head">
        <h2 id="board-title" className="board__title">
          {name}
          <span className="visually-hidden"> · {t('board.heading', { year })}</span>
        </h2>
        <label className="board__year">
          <span className="visually-hidden">{t('board.year')}</span>
          <select value={year} onChange={(e) => onYear(Number(e.target.value))}>
            {yearOptions().map((y) => (
              <option key={y} value={y}>
                {t('board.yearValue', { year: y })}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="board__meta" data-testid="board-as-of">
        {asOf === null ? t('board.neverSynced') : t('board.asOf', { when: formatMoment(asOf) })}
        {' · '}
        {when}
      </p>

      {!measures ? (
        <div className="board__year-loading">
          <Spinner />
        </div>
      ) : isEmptyYear(measures) ? (
        <EmptyState
          icon="alert"
          title={t('board.noData.title', { year })}
          action={
            session === null ? (
              <Link href={paths.login()} className="button button--primary">
                <span>{t('auth.loginAction')}</span>
              </Link>
            ) : undefined
          }
        >
          {t('board.noData.body', { area: name })}
          {asOf === null ? ` ${t('board.noData.neverSynced')}` : null}
        </EmptyState>
      ) : (
        <>
          {area.level === 'township' ? (
            <p className="board__note">{t('board.townshipNote')}</p>
          ) : null}
          <ul className="board__list">
            {measures.map((m) => (
              <BoardRow key={m.metric} measure={m} elapsed={elapsed} thisYear={thisYear} />
            ))}
          </ul>
        </>
      )}
      {notKept.length > 0 ? (
        <p className="board__note" data-testid="board-not-kept">
          {t('board.notKept', {
            metrics: formatList(notKept.map((m) => METRICS[m].name[locale])),
          })}
        </p>
      ) : null}
    </section>
  );
}
