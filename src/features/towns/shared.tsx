/**
 * Pieces shared by the central towns screens: the sub-navigation, the year picker, safe external
 * links, a labelled filter select, progress lines and who may edit the lists an admin owns.
 */
import type { ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import { formatNumber, useT } from '../../i18n';
import { urlSchema } from '../../domain/common';
import type { EntityName } from '../../domain/entities';
import { Button, EmptyState, ProgressBar } from '../../ui';
import { downloadText } from '../shared/download';
import { useMayWrite } from '../shared/access';
import { CountyFilter, FilterSelect } from '../shared/FilterSelect';
import { matchRoute, paths } from '../shared/paths';
import { SubNav } from '../shared/SubNav';
import { RecordSyncProblems } from '../shared/RejectedChanges';

export { localToday as today } from '../shared/dates';
export { currentYear, yearOptions } from '../shared/years';
export { YearSelect } from '../shared/SubNav';
export { SyncBadge } from '../shared/SyncBadge';

/**
 * A store, pilot or shop that is not on this phone (a wrong address, a deleted record, or one the
 * server refused to create — the refused row is removed): says so, and shows the refusal with its
 * reason when there was one, so what was typed does not vanish without a word.
 */
export function RecordNotFound({
  entity,
  id,
  back,
}: {
  entity: EntityName;
  id: string;
  back: { href: string; label: string };
}) {
  const t = useT();
  return (
    <>
      <EmptyState icon="store" title={t('towns.notFound')}>
        <Link href={back.href}>{back.label}</Link>
      </EmptyState>
      <RecordSyncProblems entity={entity} id={id} />
    </>
  );
}

// The user's area, derived once for every feature (src/domain/scope.ts areaCodeOf).
export { useScopeCode } from '../shared/access';

/** Whether a region code (township or village) lies inside the user's area ('' = everywhere). */
export function inScope(code: string, scope: string): boolean {
  return scope === '' || code.startsWith(scope);
}

/**
 * The central-town list and the targets are the city admin's (DESIGN.md §1): whether this role
 * may write the list at all, the rule of src/domain/scope.ts (ENTITY_ACCESS.centralTown) that the
 * server enforces on push. On a device nobody has logged in to yet the list is editable locally.
 * False while the session is read: a button is never offered for a moment and then taken away.
 */
export function useCanAdmin(): boolean {
  return useMayWrite('centralTown', null);
}

// The platform names moved to src/features/shared (the assessment report lists stores too).
export { isKnownPlatform, usePlatformLabel } from '../shared/platforms';

/**
 * A link to a shop on another site. Only http(s) addresses (the same check as the schema) become
 * links, so a stored javascript: address could never run; the new tab gets no handle on this app
 * (noopener) and no referrer.
 */
export function ExternalLink({ url, children }: { url: string; children?: ReactNode }) {
  if (!urlSchema.safeParse(url).success) return <span>{url}</span>;
  return (
    <a href={url} target="_blank" rel="noopener noreferrer" className="external-link">
      {children ?? url}
    </a>
  );
}

/**
 * A store or shop in a list: its name opening the record, a line of detail, the link to the shop
 * online (when its address is one), and its badge at the row's end.
 */
export function ShopRow({
  href,
  name,
  meta,
  url,
  urlText,
  badge,
}: {
  href: string;
  name: string;
  meta: ReactNode;
  url: string | null;
  /** The online link's words; the address itself when undefined. */
  urlText?: string;
  badge: { className: string; text: string };
}) {
  return (
    <li className="record-list__row">
      <div className="record-list__main">
        <Link href={href} className="record-list__title">
          {name}
        </Link>
        <span className="record-list__meta">{meta}</span>
        {url ? <ExternalLink url={url}>{urlText}</ExternalLink> : null}
      </div>
      <span className={`badge ${badge.className}`}>{badge.text}</span>
    </li>
  );
}

export function TownsNav() {
  const t = useT();
  const [location] = useLocation();
  const route = matchRoute(location);
  const items = [
    [paths.towns(), 'towns.nav.overview', route?.name === 'towns'],
    [paths.centralTowns(), 'towns.nav.central', route?.name === 'centralTowns'],
    [
      paths.shops(),
      'towns.nav.shops',
      route?.name === 'shops' || route?.name === 'shopNew' || route?.name === 'shop',
    ],
    // The targets are edited as a grid on the assessment screen (/towns/targets redirects there).
    [paths.assessmentTargets(), 'towns.nav.targets', route?.name === 'assessmentTargets'],
  ] as const;
  return (
    <SubNav
      label={t('towns.nav.label')}
      items={items.map(([href, key, current]) => ({ href, label: t(key), current }))}
    />
  );
}

export { CountyFilter, FilterSelect };

/** "3 / 5" with a bar, or "3 · 未设目标" when no target row exists for that year and place. */
export function ProgressLine({
  label,
  count,
  target,
  testId,
  emptyText,
}: {
  label: string;
  count: number;
  target: number | null;
  testId?: string;
  /** Said instead of "0 / 0" when there is nothing to count against yet (no bar either). */
  emptyText?: string;
}) {
  const t = useT();
  if (emptyText !== undefined) {
    return (
      <div className="progress-line" data-testid={testId}>
        <div className="progress-line__text">
          <span className="progress-line__label">{label}</span>
          <span className="progress-line__value">{emptyText}</span>
        </div>
      </div>
    );
  }
  const value =
    target === null
      ? `${formatNumber(count)} · ${t('towns.noTarget')}`
      : t('towns.ofTarget', { count: formatNumber(count), target: formatNumber(target) });
  return (
    <div className="progress-line" data-testid={testId}>
      <div className="progress-line__text">
        <span className="progress-line__label">{label}</span>
        <span className="progress-line__value">{value}</span>
      </div>
      {target !== null ? (
        <ProgressBar value={count} max={Math.max(target, 1)} label={label} valueText={value} />
      ) : null}
    </div>
  );
}

/**
 * Above a towns list (central towns, shops): how many the filters leave (said aloud as it
 * changes) and the download of those as a CSV file, not offered while there are none.
 */
export function CsvToolbar({
  count,
  shown,
  filename,
  csv,
}: {
  /** The count in words (towns.list.count, towns.shops.total). */
  count: string;
  /** How many rows the file would hold. */
  shown: number;
  filename: string;
  csv: () => string;
}) {
  const t = useT();
  return (
    <div className="list-toolbar">
      <p className="screen__count" aria-live="polite">
        {count}
      </p>
      <Button
        variant="secondary"
        icon="download"
        onClick={() => downloadText(filename, csv())}
        disabled={shown === 0}
      >
        {t('towns.list.export')}
      </Button>
    </div>
  );
}
