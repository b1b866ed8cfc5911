/**
 * 年度目标 as a grid (issue 12, part 5): the admin edits a whole year at once — the area's own
 * row on top, a row per area one level down (a prefecture's counties; a province's prefectures,
 * each leading to its counties' grid: docs/ASSESSMENT.md "Targets at every level"), a column per
 * target metric (one metric at a time on a phone).
 * Starting points fill the draft, never the database: last year's figures and the policy's own
 * (2013–2015) fill only EMPTY cells; "split by villages" replaces one metric's county cells with
 * the prefecture's figure shared by rural villages (src/domain/targetPlan.ts).
 *
 * Saving checks every changed cell first and writes all of them in one transaction, or none:
 * a non-integer or a negative is refused in words naming the cell; a value over 100 × last
 * year's is asked about in words before anything is written. Each cell is an ordinary target
 * record (derived id, history and conflicts as any record: src/actions setTargets); the server
 * refuses a target outside the editor's area whatever this screen offers.
 *
 * A coordinator reads the prefecture's and their county's targets; other roles are told who
 * sets them. Untouched cells follow the stored rows live (a pull may change them mid-edit); only
 * the cells the user typed in are kept as edits.
 */
import { useMemo, useState, type ReactNode } from 'react';
import { Link } from 'wouter';
import { setTargets, ValidationFailed } from '../../actions';
import { formatNumber, useLocale, useT } from '../../i18n';
import { useDescribeProblem } from '../../i18n/domain';
import { useRegions } from '../../regions';
import { useRecords, useSession } from '../../db';
import { METRIC_IDS, METRICS, type MetricId } from '../../domain/metrics';
import { may } from '../../domain/actions';
import { canWrite, placeOfRegion } from '../../domain/scope';
import type { Target, TargetMetric } from '../../domain/target';
import {
  cellKey,
  cellOfKey,
  checkPlan,
  draftOfYear,
  fillEmpty,
  hasPolicyDefaults,
  MAX_TARGET,
  parseTargetValue,
  policyDefaults,
  splitOverCounties,
  type AbsurdChange,
  type CellProblem,
  type PlanCell,
} from '../../domain/targetPlan';
import { Banner, Button, Spinner } from '../../ui';
import { useWriteErrorText, writeErrorKind } from '../shared/errors';
import { useWide } from './useWide';
import { findTarget } from '../../domain/countRules';
import { areaNameOf, areasBelow, areaTrail } from '../../domain/areas';
import { isWholeArea, levelOfCode, rootLevel } from '../../domain/levels';
import type { Translate } from '../../i18n';
import type { RegionIndex } from '../../domain/region';
import { AreaTrail } from '../shared/AreaTrail';
import { adminsLabel } from '../shared/labels';
import { tableParentOf } from '../shared/useCountyTable';
import { useTableArea, type AreaTableQuery } from './CountyTable';
import { assessmentHref } from './nav';

type Message = { tone: 'info' | 'warning' | 'error'; body: ReactNode } | null;

/** The grid's columns: the assessment's metrics, each standing for its target row. */
const COLUMNS: readonly MetricId[] = METRIC_IDS;
const targetOf = (metric: MetricId): TargetMetric => METRICS[metric].target;

/**
 * The key of an area's own target rows: null for the deployment's whole area, else its code
 * (a prefecture of a province, a county: target.ts).
 */
function ownKey(code: string): string | null {
  return isWholeArea({ code }) ? null : code;
}

/** The name of an area's own row: 全省 / 全市 for the whole area, else the area's name. */
function rowName(t: Translate, index: RegionIndex | null, code: string | null): string {
  if (code === null) {
    return rootLevel() === 'province'
      ? t('levels.whole.province')
      : t('assessment.targets.prefecture');
  }
  return (index ? areaNameOf(code, index) : undefined) ?? code;
}

/** The grid lists the area's own row and the areas one level down. */
export function TargetGrid({ year, metric, area = null }: AreaTableQuery) {
  const t = useT();
  const session = useSession();
  const regions = useRegions();
  const targets = useRecords('target');
  const { code: gridArea, top } = useTableArea(area);
  if (regions.status === 'error') return <Banner tone="error">{t('assessment.loadFailed')}</Banner>;
  if (regions.status !== 'ready' || !targets || session === undefined) return <Spinner />;
  const heading = (
    <h2 id="targets-title" className="section-title">
      {t('assessment.targets.heading', { year })}
    </h2>
  );
  // Who edits the grid is the actions table's editTargets (from ENTITY_ACCESS.target), the
  // server's rule; who reads it without editing is its viewTargetGrid.
  if (session && !may(session.user, 'editTargets')) {
    // A reader's own prefecture: the whole area in a prefecture's deployment, theirs in a province.
    const above = ownKey(tableParentOf(session.user.scope.code));
    const aboveName = rowName(t, regions.regions, above);
    return (
      <section aria-labelledby="targets-title">
        {heading}
        {may(session.user, 'viewTargetGrid') ? (
          <>
            <Banner tone="info" icon="users">
              {t('assessment.targets.readOnly', { admins: adminsLabel(t), area: aboveName })}
            </Banner>
            <TargetValues
              year={year}
              targets={targets}
              above={above}
              aboveName={aboveName}
              county={session.user.scope.code.slice(0, 6)}
              countyName={regions.regions.county(session.user.scope.code.slice(0, 6))?.name ?? ''}
            />
          </>
        ) : (
          <Banner tone="info" icon="users">
            {t('assessment.targets.notForRole', { admins: adminsLabel(t) })}
          </Banner>
        )}
      </section>
    );
  }
  return (
    <section aria-labelledby="targets-title" className="target-grid">
      {heading}
      <TargetEditor
        key={`${year}|${gridArea}`}
        year={year}
        metric={metric}
        targets={targets}
        gridArea={gridArea}
        top={top}
      />
    </section>
  );
}

/** A coordinator's view: the prefecture's and the county's targets as figures, not boxes. */
function TargetValues({
  year,
  targets,
  above,
  aboveName,
  county,
  countyName,
}: {
  year: number;
  targets: readonly Target[];
  /** The own row of the area above the county (null: the whole area) and its name. */
  above: string | null;
  aboveName: string;
  county: string;
  countyName: string;
}) {
  const t = useT();
  const locale = useLocale();
  const value = (countyCode: string | null, metric: MetricId) => {
    const v = findTarget(targets, year, targetOf(metric), countyCode)?.value;
    return v === undefined ? (
      <span className="muted">{t('assessment.noTarget')}</span>
    ) : (
      formatNumber(v)
    );
  };
  return (
    <table className="figures-table target-values" data-testid="target-values">
      <thead>
        <tr>
          <th scope="col">{t('assessment.metric')}</th>
          <th scope="col">{aboveName}</th>
          <th scope="col">{countyName}</th>
        </tr>
      </thead>
      <tbody>
        {COLUMNS.map((m) => (
          <tr key={m}>
            <th scope="row">{METRICS[m].name[locale]}</th>
            <td>{value(above, m)}</td>
            <td>{value(county, m)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function TargetEditor({
  year,
  metric,
  targets,
  gridArea,
  top,
}: {
  year: number;
  metric: MetricId;
  targets: readonly Target[];
  /** The area whose own row heads the grid, above a row per area one level down. */
  gridArea: string;
  /** The widest area the user may drill up to (the breadcrumb's first step). */
  top: string;
}) {
  const t = useT();
  const locale = useLocale();
  const session = useSession();
  const regions = useRegions();
  const centralTowns = useRecords('centralTown');
  const wide = useWide();
  const [edits, setEdits] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<Message>(null);
  const [problems, setProblems] = useState<ReadonlyMap<string, CellProblem>>(new Map());
  const [confirming, setConfirming] = useState<AbsurdChange[] | null>(null);
  const [saving, setSaving] = useState(false);
  const errorText = useWriteErrorText();
  const describe = useDescribeProblem();

  const index = regions.status === 'ready' ? regions.regions : null;
  // The grid's rows: the area's own row, then one per area one level down — a province's
  // prefectures, a prefecture's counties (src/domain/areas.ts, as the assessment's table).
  const topKey = ownKey(gridArea);
  const counties = useMemo(() => (index ? areasBelow(gridArea, index) : []), [index, gridArea]);
  const countyCodes = useMemo(() => counties.map((c) => c.code), [counties]);
  const rowsArePrefectures = levelOfCode(countyCodes[0] ?? '') === 'prefecture';
  const stored = useMemo(
    () => draftOfYear(targets, year, countyCodes, topKey),
    [targets, year, countyCodes, topKey],
  );
  const lastYear = useMemo(
    () => draftOfYear(targets, year - 1, countyCodes, topKey),
    [targets, year, countyCodes, topKey],
  );
  // Every row's rural villages (a county's, or a prefecture's in a province), also on a county
  // user's device (its villages are its own: the counts come with the names file).
  const ruralByCounty = useMemo(
    () =>
      counties.map((c) => ({ countyCode: c.code, villages: index?.ruralCounts.get(c.code) ?? 0 })),
    [index, counties],
  );

  const editable = (countyCode: string | null) =>
    !session || canWrite(session.user, 'target', placeOfRegion(countyCode));
  const valueOf = (key: string) => edits[key] ?? stored[key] ?? '';
  const isEdited = (key: string) => key in edits && edits[key] !== (stored[key] ?? '');
  const changed = Object.keys(edits).filter(isEdited).length;
  const areaName = (countyCode: string | null) => rowName(t, index, countyCode);
  const metricName = (m: MetricId) => METRICS[m].name[locale];
  const metricOfTarget = (tm: TargetMetric) => COLUMNS.find((m) => targetOf(m) === tm)!;
  const cellName = (cell: PlanCell) =>
    t('assessment.targets.cell', {
      area: areaName(cell.countyCode),
      metric: metricName(metricOfTarget(cell.metric)),
    });

  function startFrom(filledCells: Record<string, string>) {
    // Only cells this user may edit: a county admin's starting point stays in their county.
    const allowed = Object.fromEntries(
      Object.entries(filledCells).filter(([key]) => {
        return editable(cellOfKey(key).countyCode);
      }),
    );
    setEdits((current) => ({ ...current, ...allowed }));
    setProblems(new Map());
    setConfirming(null);
  }

  function copyForward() {
    const { draft, filled } = fillEmpty({ ...stored, ...edits }, lastYear);
    const fills = Object.fromEntries(
      Object.entries(draft).filter(([key, v]) => v !== valueOf(key)),
    );
    startFrom(fills);
    setMessage(
      filled > 0
        ? {
            tone: 'info',
            body: t('assessment.targets.copied', { year: year - 1, count: filled }),
          }
        : { tone: 'warning', body: t('assessment.targets.nothingToCopy', { year: year - 1 }) },
    );
  }

  function fillPolicy() {
    const towns = (centralTowns ?? []).filter(
      (c) => c.active && !c.deleted && c.designatedYear <= year,
    ).length;
    const suggestion = policyDefaults(year, counties, towns);
    const { draft, filled } = fillEmpty({ ...stored, ...edits }, suggestion);
    startFrom(Object.fromEntries(Object.entries(draft).filter(([key, v]) => v !== valueOf(key))));
    setMessage(
      filled > 0
        ? { tone: 'info', body: t('assessment.targets.policyDone', { count: filled }) }
        : { tone: 'warning', body: t('assessment.targets.policyNone') },
    );
  }

  function split(m: MetricId) {
    const total = parseTargetValue(valueOf(cellKey(topKey, targetOf(m))));
    if (!total.ok || valueOf(cellKey(topKey, targetOf(m))).trim() === '') {
      setMessage({
        tone: 'warning',
        body: t('assessment.targets.splitNeedsTotal', { metric: metricName(m) }),
      });
      return;
    }
    startFrom(splitOverCounties(total.value, targetOf(m), ruralByCounty));
    setMessage({
      tone: 'info',
      body: t('assessment.targets.splitDone', {
        metric: metricName(m),
        total: formatNumber(total.value),
      }),
    });
  }

  function discard() {
    setEdits({});
    setProblems(new Map());
    setConfirming(null);
    setMessage(null);
  }

  async function save(confirmed: boolean) {
    const editedOnly = Object.fromEntries(
      Object.keys(edits)
        .filter(isEdited)
        .map((k) => [k, edits[k]!]),
    );
    const check = checkPlan(editedOnly, targets, year);
    if (check.status === 'invalid') {
      setProblems(new Map(check.problems.map((p) => [p.key, p.problem])));
      setConfirming(null);
      setMessage({
        tone: 'error',
        body: (
          <>
            {t('assessment.targets.invalid', { count: check.problems.length })}
            <ul>
              {check.problems.map((p) => (
                <li key={p.key}>{problemText(p, p.problem, editedOnly[p.key] ?? '')}</li>
              ))}
            </ul>
          </>
        ),
      });
      return;
    }
    setProblems(new Map());
    if (check.status === 'unchanged') {
      setMessage({ tone: 'info', body: t('assessment.targets.unchanged') });
      return;
    }
    if (check.absurd.length > 0 && !confirmed) {
      setMessage(null);
      setConfirming(check.absurd);
      return;
    }
    setConfirming(null);
    setSaving(true);
    try {
      const written = await setTargets(
        year,
        check.changes.map((c) => ({ countyCode: c.countyCode, metric: c.metric, value: c.value })),
      );
      setEdits({});
      setMessage({ tone: 'info', body: t('assessment.targets.saved', { count: written }) });
    } catch (error) {
      // Nothing was written (one transaction). Why, through the one error mapper: a cell the
      // schema refuses (named), not allowed, a full phone; only the unexpected is "try again".
      const kind = writeErrorKind(error);
      const cell =
        error instanceof ValidationFailed && error.index !== undefined
          ? check.changes[error.index]
          : undefined;
      const body =
        cell && error instanceof ValidationFailed && error.problems[0]
          ? t('formsMore.error.cell', {
              cell: cellName(cell),
              problem: describe.message(error.problems[0]),
            })
          : kind === 'unknown'
            ? t('assessment.targets.failed')
            : errorText(error);
      setMessage({ tone: 'error', body });
      if (kind === 'unknown') console.error(error);
    } finally {
      setSaving(false);
    }
  }

  function problemText(cell: PlanCell, problem: CellProblem, value: string): string {
    const params = { cell: cellName(cell), value, max: formatNumber(MAX_TARGET) };
    switch (problem.kind) {
      case 'notNumber':
        return t('assessment.targets.problem.notNumber', params);
      case 'notInteger':
        return t('assessment.targets.problem.notInteger', params);
      case 'negative':
        return t('assessment.targets.problem.negative', params);
      case 'tooLarge':
        return t('assessment.targets.problem.tooLarge', params);
    }
  }

  const input = (countyCode: string | null, m: MetricId) => {
    const key = cellKey(countyCode, targetOf(m));
    const last = lastYear[key] ?? '';
    const invalid = problems.has(key);
    const label = t('assessment.targets.inputLabel', {
      area: areaName(countyCode),
      metric: metricName(m),
    });
    if (!editable(countyCode)) {
      return (
        <span className="target-cell target-cell--readonly" aria-label={label}>
          {valueOf(key) === '' ? t('assessment.noTarget') : formatNumber(Number(valueOf(key)))}
        </span>
      );
    }
    return (
      <span className={`target-cell${isEdited(key) ? ' target-cell--edited' : ''}`}>
        <input
          className="target-cell__input"
          inputMode="numeric"
          autoComplete="off"
          aria-label={label}
          aria-invalid={invalid || undefined}
          aria-describedby={invalid ? `error-${key} last-${key}` : `last-${key}`}
          value={valueOf(key)}
          data-testid={`cell-${key}`}
          onChange={(e) => {
            const value = e.target.value;
            setEdits((current) => ({ ...current, [key]: value }));
            // A cell being corrected is no longer the wrong one (checked again on save).
            if (invalid) {
              setProblems((current) => {
                const next = new Map(current);
                next.delete(key);
                return next;
              });
            }
          }}
        />
        {invalid ? (
          <span className="target-cell__error" id={`error-${key}`}>
            {t(`assessment.targets.cellProblem.${problems.get(key)!.kind}`)}
          </span>
        ) : null}
        <span className="target-cell__last muted" id={`last-${key}`}>
          {last === ''
            ? t('assessment.targets.lastYearNone')
            : t('assessment.targets.lastYear', { value: formatNumber(Number(last)) })}
          {isEdited(key) ? (
            <span className="target-cell__edited"> · {t('assessment.targets.edited')}</span>
          ) : null}
        </span>
      </span>
    );
  };

  const rows: (string | null)[] = [topKey, ...countyCodes];
  // The split shares the area's figure over its counties (by rural villages); a province's
  // prefectures are set one by one (their own rows are not the sum of their counties').
  const canSplit = !rowsArePrefectures && editable(countyCodes[0] ?? null);
  const isTop = (code: string | null) => code === topKey;
  // A prefecture's row leads to its counties' grid (the same drill as the assessment's table).
  const leadsOn = (code: string | null): code is string =>
    code !== null && !isTop(code) && levelOfCode(code) === 'prefecture';
  const rowLabel = (code: string | null) =>
    leadsOn(code) ? (
      <Link
        href={assessmentHref('targets', { year, metric, area: code })}
        className="area-table__link"
        aria-label={t('levels.targets.open', { name: areaName(code) })}
      >
        {areaName(code)}
      </Link>
    ) : (
      areaName(code)
    );
  const intro =
    levelOfCode(gridArea) === 'province'
      ? t('levels.targets.intro.province')
      : topKey === null
        ? t('assessment.targets.intro')
        : t('levels.targets.intro.prefecture', { name: areaName(topKey) });

  return (
    <>
      <AreaTrail
        codes={areaTrail(gridArea).filter((c) => c.length >= top.length)}
        nameOf={(code) => (index ? (areaNameOf(code, index) ?? code) : code)}
        hrefOf={(code) =>
          assessmentHref('targets', { year, metric, area: code === top ? undefined : code })
        }
      />
      <p className="field__hint">{intro}</p>
      <div className="target-actions">
        <Button variant="secondary" onClick={copyForward}>
          {t('assessment.targets.copyForward', { year: year - 1 })}
        </Button>
        {hasPolicyDefaults(year) ? (
          <Button variant="secondary" onClick={fillPolicy}>
            {t('assessment.targets.policy')}
          </Button>
        ) : null}
      </div>
      {message ? (
        <Banner tone={message.tone} icon={message.tone === 'info' ? 'check' : undefined}>
          {message.body}
        </Banner>
      ) : null}
      {wide ? (
        <div className="area-table-wrap area-table-wrap--wide">
          <table className="target-table" data-testid="target-grid">
            <caption className="visually-hidden">
              {t('assessment.targets.heading', { year })}
            </caption>
            <thead>
              <tr>
                <th scope="col" className="area-table__name">
                  {rowsArePrefectures
                    ? t('drill.table.column.province')
                    : t('assessment.table.county')}
                </th>
                {COLUMNS.map((m) => (
                  <th scope="col" key={m}>
                    <span className="target-table__metric">{metricName(m)}</span>
                    {canSplit ? (
                      <button
                        type="button"
                        className="link-button target-table__split"
                        aria-label={t('assessment.targets.splitLabel', { metric: metricName(m) })}
                        onClick={() => split(m)}
                      >
                        {t('assessment.targets.splitShort')}
                      </button>
                    ) : null}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((countyCode) => (
                <tr
                  key={countyCode ?? 'all'}
                  className={isTop(countyCode) ? 'target-table__total' : undefined}
                >
                  <th scope="row" className="area-table__name">
                    {rowLabel(countyCode)}
                  </th>
                  {COLUMNS.map((m) => (
                    <td key={m}>{input(countyCode, m)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <>
          <ul className="target-list" data-testid="target-grid">
            {rows.map((countyCode) => (
              <li
                key={countyCode ?? 'all'}
                className={`target-list__row${isTop(countyCode) ? ' target-list__row--total' : ''}`}
              >
                {/* The input names its area; a name that is no link is not read twice. */}
                <span
                  className="target-list__name"
                  aria-hidden={leadsOn(countyCode) ? undefined : true}
                >
                  {rowLabel(countyCode)}
                </span>
                {input(countyCode, metric)}
                {/* The split starts from the prefecture's figure: its button sits right under it. */}
                {isTop(countyCode) && canSplit ? (
                  <Button
                    variant="secondary"
                    className="target-list__split"
                    aria-label={t('assessment.targets.splitLabel', { metric: metricName(metric) })}
                    onClick={() => split(metric)}
                  >
                    {t('assessment.targets.split')}
                  </Button>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      )}
      {confirming ? (
        <div
          className="banner banner--warning target-confirm"
          role="alertdialog"
          aria-labelledby="absurd-title"
        >
          <div className="banner__body">
            <strong id="absurd-title">{t('assessment.targets.absurd')}</strong>
            <ul>
              {confirming.map((c) => (
                <li key={c.key}>
                  {t('assessment.targets.absurdItem', {
                    cell: cellName(c),
                    value: formatNumber(c.value),
                    lastYear: formatNumber(c.lastYear),
                  })}
                </li>
              ))}
            </ul>
            <div className="target-actions">
              <Button onClick={() => void save(true)} loading={saving}>
                {t('assessment.targets.absurdConfirm')}
              </Button>
              <Button variant="secondary" onClick={() => setConfirming(null)}>
                {t('assessment.targets.absurdBack')}
              </Button>
            </div>
          </div>
        </div>
      ) : null}
      <div className="target-savebar">
        <span className="target-savebar__count" aria-live="polite">
          {changed > 0
            ? t('assessment.targets.changed', { count: changed })
            : t('assessment.targets.noChanges')}
        </span>
        <span className="target-savebar__buttons">
          {changed > 0 ? (
            <Button variant="secondary" onClick={discard}>
              {t('assessment.targets.discard')}
            </Button>
          ) : null}
          <Button onClick={() => void save(false)} loading={saving}>
            {t('assessment.targets.save')}
          </Button>
        </span>
      </div>
    </>
  );
}
