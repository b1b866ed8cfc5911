/**
 * 概览: the programme at a glance. The target cards link to the three areas of work and state the
 * policy's figures; below them, this year's real figures from the records on this device against
 * the Target rows an admin sets (counted by src/domain/townFigures.ts).
 */
import { Link } from 'wouter';
import { formatNumber, useT, type MessageKey } from '../../app/i18n';
import {
  agriShopProgress,
  centralTownStoreProgress,
  servicePointProgress,
  targetValue,
  tallyPilots,
  type Progress,
} from '../../domain/townFigures';
import type { Target, TargetMetric } from '../../domain/target';
import { useRecords } from '../../db';
import { EmptyState, Icon, ProgressBar, Spinner, type IconName } from '../../ui';

/**
 * The figures of the 2013 policy (DESIGN.md §1): the headline only while no prefecture-wide
 * Target row exists for this year. Once an admin sets one (中心镇与试点 → 年度目标), the card shows
 * that instead — targets are data; these are the policy's wording, not the editable plan.
 */
const POLICY_TARGETS = {
  servicePoints: 1500,
  traineesPerYear: 800,
  pilotsPerCountyPerYear: 2,
  agriShops: 100,
} as const;

interface TargetFigure {
  /** The figure with its unit ("≥ 1,500 个"), kept on one line. */
  figureKey: MessageKey;
  /** What is counted, in a few words. */
  descriptionKey: MessageKey;
  count: number;
  /** The prefecture-wide Target metric that replaces `count` when set for this year. */
  metric?: TargetMetric;
}

interface TargetCard {
  href: string;
  icon: IconName;
  titleKey: MessageKey;
  figures: readonly TargetFigure[];
}

const TARGET_CARDS: readonly TargetCard[] = [
  {
    href: '/points',
    icon: 'pin',
    titleKey: 'screen.points',
    figures: [
      {
        figureKey: 'dashboard.pointsCard.figure',
        descriptionKey: 'dashboard.pointsCard.target',
        count: POLICY_TARGETS.servicePoints,
        metric: 'servicePoints',
      },
    ],
  },
  {
    href: '/training',
    icon: 'users',
    titleKey: 'screen.training',
    figures: [
      {
        figureKey: 'dashboard.trainingCard.figure',
        descriptionKey: 'dashboard.trainingCard.target',
        count: POLICY_TARGETS.traineesPerYear,
        metric: 'traineesTrained',
      },
    ],
  },
  {
    href: '/towns',
    icon: 'store',
    titleKey: 'screen.towns',
    figures: [
      {
        figureKey: 'dashboard.townsCard.pilotFigure',
        descriptionKey: 'dashboard.townsCard.pilotTarget',
        count: POLICY_TARGETS.pilotsPerCountyPerYear,
      },
      {
        figureKey: 'dashboard.townsCard.shopFigure',
        descriptionKey: 'dashboard.townsCard.shopTarget',
        count: POLICY_TARGETS.agriShops,
        metric: 'agriShopsOnPlatform',
      },
    ],
  },
];

export default function DashboardScreen() {
  const t = useT();
  const targets = useRecords('target');
  const year = new Date().getFullYear();
  const figureCount = (figure: TargetFigure) =>
    (figure.metric && targets ? targetValue(targets, year, figure.metric, null) : null) ??
    figure.count;
  return (
    <div className="screen">
      <header className="screen__header">
        <h1 className="screen__title">{t('screen.dashboard')}</h1>
        <p className="screen__subtitle">{t('dashboard.subtitle')}</p>
      </header>

      <section aria-labelledby="dashboard-targets">
        <h2 id="dashboard-targets" className="section-title">
          {t('dashboard.targetsHeading')}
        </h2>
        <ul className="target-cards">
          {TARGET_CARDS.map((card) => (
            <li key={card.href}>
              <Link href={card.href} className="card card--link target-card">
                <span className="target-card__header">
                  <span className="target-card__icon">
                    <Icon name={card.icon} />
                  </span>
                  <span className="target-card__title">{t(card.titleKey)}</span>
                  <Icon name="chevron-right" className="target-card__chevron" />
                </span>
                {card.figures.map((figure) => (
                  <span key={figure.figureKey} className="target-card__figure">
                    <span className="target-card__value">
                      {t(figure.figureKey, { count: formatNumber(figureCount(figure)) })}
                    </span>
                    <span className="target-card__description">{t(figure.descriptionKey)}</span>
                  </span>
                ))}
              </Link>
            </li>
          ))}
        </ul>
      </section>

      <LiveProgress />
    </div>
  );
}

/**
 * Pilot targets are set per county (policy: ≥ 2 per county per year); the prefecture's figure is
 * its own row when an admin set one, else the sum of the county rows, else none.
 */
function pilotTargetForPrefecture(targets: readonly Target[], year: number): number | null {
  const own = targetValue(targets, year, 'pilotsAccepted', null);
  if (own !== null) return own;
  const counties = targets.filter(
    (x) => !x.deleted && x.year === year && x.metric === 'pilotsAccepted' && x.countyCode !== null,
  );
  return counties.length > 0 ? counties.reduce((sum, x) => sum + x.value, 0) : null;
}

/**
 * This year's figures from the device's records against this year's prefecture-wide Target rows.
 * A figure without a target row says so rather than inventing one.
 */
function LiveProgress() {
  const t = useT();
  const year = new Date().getFullYear();
  const points = useRecords('servicePoint');
  const trainees = useRecords('trainee');
  const towns = useRecords('centralTown');
  const stores = useRecords('flagshipStore');
  const pilots = useRecords('pilotTown');
  const shops = useRecords('agriShop');
  const targets = useRecords('target');

  if (!points || !trainees || !towns || !stores || !pilots || !shops || !targets) {
    return <Spinner />;
  }
  const empty =
    points.length +
      trainees.length +
      towns.length +
      stores.length +
      pilots.length +
      shops.length ===
    0;
  if (empty) {
    return (
      <section aria-labelledby="dashboard-progress" className="card">
        <h2 id="dashboard-progress" className="section-title">
          {t('dashboard.progressHeading')}
        </h2>
        <EmptyState
          icon="pin"
          headingLevel={3}
          title={t('dashboard.empty.title')}
          action={
            <Link href="/points" className="button button--primary">
              <span>{t('dashboard.empty.action')}</span>
            </Link>
          }
        >
          {t('dashboard.empty.body')}
        </EmptyState>
      </section>
    );
  }
  const storeProgress = centralTownStoreProgress(towns, stores, targets, year);
  const rows: { key: MessageKey; progress: Progress }[] = [
    { key: 'dashboard.live.points', progress: servicePointProgress(points, targets, year) },
    {
      key: 'dashboard.live.trainees',
      progress: {
        count: trainees.length,
        target: targetValue(targets, year, 'traineesTrained', null),
      },
    },
    {
      key: 'dashboard.live.townsWithStore',
      progress: { count: storeProgress.count, target: storeProgress.target ?? storeProgress.towns },
    },
    {
      key: 'dashboard.live.pilots',
      progress: {
        count: tallyPilots(pilots, year, null).accepted,
        target: pilotTargetForPrefecture(targets, year),
      },
    },
    { key: 'dashboard.live.shops', progress: agriShopProgress(shops, targets, year) },
  ];
  return (
    <section aria-labelledby="dashboard-progress" className="card">
      <h2 id="dashboard-progress" className="section-title">
        {t('dashboard.live.heading', { year })}
      </h2>
      <ul className="live-figures">
        {rows.map(({ key, progress }) => {
          const value =
            progress.target === null
              ? t('dashboard.live.noTarget', { count: formatNumber(progress.count) })
              : t('dashboard.live.value', {
                  count: formatNumber(progress.count),
                  target: formatNumber(progress.target),
                });
          return (
            <li key={key} className="progress-line" data-testid={key}>
              <div className="progress-line__text">
                <span className="progress-line__label">{t(key)}</span>
                <span className="progress-line__value">{value}</span>
              </div>
              {progress.target !== null ? (
                <ProgressBar
                  value={progress.count}
                  max={Math.max(progress.target, 1)}
                  label={t(key)}
                  valueText={value}
                />
              ) : null}
            </li>
          );
        })}
      </ul>
      <p>
        <Link href="/towns">{t('dashboard.live.open')}</Link>
      </p>
    </section>
  );
}
