/**
 * 概览: the programme at a glance. The target cards link to the three areas of work; progress
 * against the targets appears below them once there are records to count.
 */
import { Link } from 'wouter';
import { formatNumber, useT, type MessageKey } from '../../app/i18n';
import { EmptyState, Icon, type IconName } from '../../ui';

/**
 * The figures of the 2013 policy (DESIGN.md §1). Shown as the headline targets until the
 * per-year, per-county Target rows exist; the policy's wording, not the editable plan.
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
      },
    ],
  },
];

export default function DashboardScreen() {
  const t = useT();
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
                      {t(figure.figureKey, { count: formatNumber(figure.count) })}
                    </span>
                    <span className="target-card__description">{t(figure.descriptionKey)}</span>
                  </span>
                ))}
              </Link>
            </li>
          ))}
        </ul>
      </section>

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
    </div>
  );
}
