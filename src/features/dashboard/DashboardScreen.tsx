/**
 * 概览, the start page: first the target board — the user's own area against its own targets for
 * a year (TargetBoard.tsx) — and below it, 关于本项目: the fixed figures of the 2013 policy, each
 * leading to its area of work (only where the policy applies: deployment.ts, POLICY_AREA). The policy's figures are its wording, not the plan: the plan is
 * the Target rows an admin sets each year, which the board measures against.
 */
import { useState } from 'react';
import { deployment, policyApplies } from '../../domain/deployment';
import { formatNumber, useT, type MessageKey } from '../../i18n';
import { Card, LinkList, type IconName } from '../../ui';
import { paths } from '../shared/paths';
import { useFrameAfter } from '../shared/useFrameAfter';
import { currentYear } from '../shared/years';
import { TargetBoard } from './TargetBoard';

performance.mark('cundian:start-page-chunk');

interface PolicyFigure {
  href: string;
  icon: IconName;
  /** The figure with its unit ("≥ 1,500 个"). */
  figureKey: MessageKey;
  count: number;
  /** What is counted, in a few words. */
  descriptionKey: MessageKey;
}

/** The policy's own figures (DESIGN.md §1, shared/seed: 《关于深入推进“电商换市”的实施意见》). */
const POLICY_FIGURES: readonly PolicyFigure[] = [
  {
    href: paths.points(),
    icon: 'pin',
    figureKey: 'dashboard.pointsCard.figure',
    count: 1500,
    descriptionKey: 'dashboard.pointsCard.target',
  },
  {
    href: paths.training(),
    icon: 'users',
    figureKey: 'dashboard.trainingCard.figure',
    count: 800,
    descriptionKey: 'dashboard.trainingCard.target',
  },
  {
    href: paths.towns(),
    icon: 'store',
    figureKey: 'dashboard.townsCard.pilotFigure',
    count: 2,
    descriptionKey: 'dashboard.townsCard.pilotTarget',
  },
  {
    href: paths.shops(),
    icon: 'store',
    figureKey: 'dashboard.townsCard.shopFigure',
    count: 100,
    descriptionKey: 'dashboard.townsCard.shopTarget',
  },
];

function AboutProgramme() {
  const t = useT();
  return (
    <Card titleId="board-about" title={t('board.about.heading')}>
      <p className="muted">{t('board.about.intro', { area: deployment().name })}</p>
      <LinkList
        rows={POLICY_FIGURES.map((figure) => ({
          href: figure.href,
          icon: figure.icon,
          title: t(figure.figureKey, { count: formatNumber(figure.count) }),
          description: t(figure.descriptionKey),
        }))}
      />
    </Card>
  );
}

export default function DashboardScreen() {
  const t = useT();
  const [year, setYear] = useState(currentYear);
  // Below the board, out of a phone's first screen: rendered and laid out after the first frame.
  const later = useFrameAfter(true);
  return (
    <div className="screen board-screen">
      {/* The page's name for screen readers and the tab's title; what shows is the area's. */}
      <h1 className="visually-hidden">{t('screen.dashboard')}</h1>
      <TargetBoard year={year} onYear={setYear} />
      {later && policyApplies() && <AboutProgramme />}
    </div>
  );
}
