/**
 * 年度考核表: the screen around the report (ReportDocument) — which report the address asks for
 * (the route table, src/features/shared/paths.ts), whether this user may open it, the area and year
 * pickers, and the three ways out: print / save as PDF, the Excel workbook, and all the data as a
 * zip of CSV files. Everything is counted from the records on the device (useAssessment), so it
 * works with no network; the page says as of when.
 */
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Link, Redirect, useLocation } from 'wouter';
import { useLocale, useT } from '../../i18n';
import { useRegions } from '../../regions';
import { useSession } from '../../db';
import {
  buildAssessmentReport,
  ownReportArea,
  parseReportRequest,
  reportRefusal,
  reportYears,
  type AssessmentReport,
  type ReportRefusal,
  type ReportRequest,
} from '../../domain/assessmentReport';
import { metricFacts, type Area } from '../../domain/metrics';
import type { User } from '../../domain/protocol';
import type { RegionIndex } from '../../domain/region';
import { Banner, Button, EmptyState, Spinner } from '../../ui';
import { localToday } from '../shared/dates';
import { matchScreenRoute, paths } from '../shared/paths';
import { downloadBlob } from '../shared/download';
import { FilterSelect, PlaceOptions } from '../shared/FilterSelect';
import { usePlatformLabel } from '../shared/platforms';
import { useFiguresAsOf, useMetricInput } from '../shared/useAssessment';
import { useCountyTable } from '../shared/useCountyTable';
import { dataSourceText, ReportDocument, type RankSource } from './ReportDocument';
import { reportTables, type ReportLabels } from './reportTables';
import { adminsLabel, roleLabel } from '../shared/labels';
import './report.css';
import { isWholeArea } from '../../domain/levels';

export default function ReportScreen() {
  const t = useT();
  const [path] = useLocation();
  // The route table gives the area and year as typed; the screen says what is wrong with either.
  const route = matchScreenRoute(path, 'report');
  const areaCode = route?.name === 'report' ? route.params.areaCode : null;
  const yearText = route?.name === 'report' ? route.params.year : null;
  const session = useSession();
  const regions = useRegions();
  const today = localToday();

  let body: ReactNode;
  if (regions.status === 'error') {
    body = <Banner tone="error">{t('report.loadFailed')}</Banner>;
  } else if (regions.status !== 'ready' || session === undefined) {
    body = <Spinner label={t('app.loading')} />;
  } else {
    const user = session?.user ?? null;
    const own = ownReportArea(user);
    if (areaCode === null) {
      if (own) return <Redirect to={paths.report(own.code, Number(today.slice(0, 4)))} replace />;
      body = (
        <Refused refusal={user ? 'role' : 'signedOut'} user={user} regions={regions.regions} />
      );
    } else {
      const request = parseReportRequest(areaCode, yearText ?? '', regions.regions, today);
      const refusal = request.ok ? reportRefusal(user, request.area) : null;
      if (!request.ok) {
        body = (
          <BadRequest
            request={request}
            own={own}
            prefecture={regions.regions.prefecture.name}
            today={today}
          />
        );
      } else if (refusal) {
        body = <Refused refusal={refusal} user={user} regions={regions.regions} />;
      } else {
        body = (
          <ReportView
            key={`${request.area.code}:${request.year}`}
            area={request.area}
            year={request.year}
            regions={regions.regions}
            user={user!}
            today={today}
          />
        );
      }
    }
  }
  return <div className="screen report-screen">{body}</div>;
}

function ReportView({
  area,
  year,
  regions,
  user,
  today,
}: {
  area: Area;
  year: number;
  regions: RegionIndex;
  user: User;
  today: string;
}) {
  const t = useT();
  const locale = useLocale();
  const platformLabel = usePlatformLabel();
  const input = useMetricInput();
  const countyTable = useCountyTable(year, today);
  const syncedAt = useFiguresAsOf();
  const facts = useMemo(
    () => (input ? metricFacts(input, year, today) : undefined),
    [input, year, today],
  );
  const table = countyTable.status === 'ready' ? countyTable.table : null;
  const report = useMemo(
    () =>
      input && facts
        ? buildAssessmentReport({ records: input, facts, regions, area, today, countyTable: table })
        : undefined,
    [input, facts, regions, area, today, table],
  );
  const ranks: RankSource =
    countyTable.status === 'ready'
      ? countyTable.source === 'device'
        ? { kind: 'device' }
        : { kind: 'server', countedAt: countyTable.countedAt }
      : countyTable.status === 'loading'
        ? { kind: 'loading' }
        : { kind: 'unavailable' };

  // The saved PDF takes its name from the page title: the report's own (the shell set the
  // screen's on mount; the report arrives later, so this runs after it).
  const title = report ? t('report.heading', { area: report.areaName, year: report.year }) : null;
  useEffect(() => {
    if (title) document.title = `${title} · ${t('app.name')}`;
  }, [title, t]);

  if (!report || syncedAt === undefined) return <Spinner label={t('app.loading')} />;
  const labels: ReportLabels = { t, locale, platformLabel };
  return (
    <>
      <ReportTools
        report={report}
        user={user}
        regions={regions}
        today={today}
        labels={labels}
        source={dataSourceText(syncedAt, t)}
        records={input!}
      />
      {report.hasData ? (
        <ReportDocument report={report} today={today} syncedAt={syncedAt} ranks={ranks} />
      ) : (
        <EmptyState
          icon="alert"
          headingLevel={1}
          title={t('report.noData.title', { area: report.areaName, year: report.year })}
        >
          {t('report.noData.body', { area: report.areaName, year: report.year })}
          {syncedAt === null ? ` ${t('report.noData.neverSynced')}` : ''}
        </EmptyState>
      )}
    </>
  );
}

type Busy = 'workbook' | 'zip' | null;

function ReportTools({
  report,
  user,
  regions,
  today,
  labels,
  source,
  records,
}: {
  report: AssessmentReport;
  user: User;
  regions: RegionIndex;
  today: string;
  labels: ReportLabels;
  /** The data's source in words (the workbook's second line). */
  source: string;
  records: NonNullable<ReturnType<typeof useMetricInput>>;
}) {
  const { t } = labels;
  const [, navigate] = useLocation();
  const [busy, setBusy] = useState<Busy>(null);
  const [message, setMessage] = useState<{ tone: 'info' | 'error'; text: string } | null>(null);
  const wholePrefecture = isWholeArea(user.scope);
  const fileBase = (key: 'report.file.base' | 'report.file.zip') =>
    // File names keep to characters every phone and PC accepts.
    t(key, { area: report.areaName, year: report.year }).replace(/[\\/:*?"<>|\s]+/g, '');

  async function run(kind: Exclude<Busy, null>, make: () => Promise<{ name: string; blob: Blob }>) {
    setBusy(kind);
    setMessage({ tone: 'info', text: t('report.preparing') });
    try {
      const { name, blob } = await make();
      downloadBlob(name, blob);
      setMessage({ tone: 'info', text: t('report.prepared', { file: name }) });
    } catch (error) {
      setMessage({
        tone: 'error',
        text: t('report.exportFailed', {
          message: error instanceof Error ? error.message : String(error),
        }),
      });
    } finally {
      setBusy(null);
    }
  }

  const tables = () => reportTables(report, labels, { today, source });

  const downloadWorkbook = () =>
    run('workbook', async () => {
      const { buildReportWorkbook, XLSX_TYPE } = await import('./workbook');
      const bytes = await buildReportWorkbook(tables());
      return {
        name: `${fileBase('report.file.base')}.xlsx`,
        blob: new Blob([bytes], { type: XLSX_TYPE }),
      };
    });

  const exportAll = () =>
    run('zip', async () => {
      const { reportCsvFiles, zipFiles } = await import('./exportAll');
      const files = reportCsvFiles({
        report,
        tables: tables(),
        records,
        regions,
        labels,
        role: user.role,
      });
      const bytes = await zipFiles(files);
      return {
        name: `${fileBase('report.file.zip')}.zip`,
        blob: new Blob([bytes], { type: 'application/zip' }),
      };
    });

  return (
    <div className="report-tools" role="group" aria-label={t('report.tools.label')}>
      <div className="report-tools__pickers">
        {wholePrefecture ? (
          <FilterSelect
            label={t('report.tools.area')}
            value={report.area.code}
            onChange={(e) => navigate(paths.report(e.target.value, report.year))}
          >
            <option value={regions.prefecture.code}>{t('report.prefecture')}</option>
            <PlaceOptions places={regions.counties} />
          </FilterSelect>
        ) : null}
        <FilterSelect
          label={t('report.tools.year')}
          value={report.year}
          onChange={(e) => navigate(paths.report(report.area.code, Number(e.target.value)))}
        >
          {reportYears(today).map((y) => (
            <option key={y} value={y}>
              {t('report.yearValue', { year: y })}
            </option>
          ))}
        </FilterSelect>
      </div>
      {report.hasData ? (
        <>
          <div className="report-tools__actions">
            <Button icon="share" onClick={() => window.print()}>
              {t('report.print')}
            </Button>
            <Button
              variant="secondary"
              icon="download"
              loading={busy === 'workbook'}
              disabled={busy !== null}
              onClick={() => void downloadWorkbook()}
            >
              {t('report.workbook')}
            </Button>
            <Button
              variant="secondary"
              icon="download"
              loading={busy === 'zip'}
              disabled={busy !== null}
              onClick={() => void exportAll()}
            >
              {t('report.exportAll')}
            </Button>
          </div>
          <p className="field__hint">{t('report.printHint')}</p>
        </>
      ) : null}
      <p
        className={
          message?.tone === 'error'
            ? 'report-tools__message report-tools__message--error'
            : 'report-tools__message'
        }
        role="status"
        aria-live="polite"
      >
        {message?.text ?? ''}
      </p>
    </div>
  );
}

function BadRequest({
  request,
  own,
  prefecture,
  today,
}: {
  request: Exclude<ReportRequest, { ok: true }>;
  own: Area | null;
  prefecture: string;
  today: string;
}) {
  const t = useT();
  const current = Number(today.slice(0, 4));
  let text: string;
  switch (request.problem) {
    case 'unknownArea':
      text = t('report.bad.unknownArea', { code: request.code, prefecture });
      break;
    case 'badYear':
      text = t('report.bad.badYear', { text: request.text, current });
      break;
    case 'yearBeforeProgramme':
      text = t('report.bad.yearBeforeProgramme', { year: request.year, first: request.first });
      break;
    case 'yearInFuture':
      text = t('report.bad.yearInFuture', { year: request.year, current: request.current });
      break;
  }
  return (
    <EmptyState
      icon="alert"
      headingLevel={1}
      title={t('report.bad.title')}
      action={
        own ? (
          <Link href={paths.report(own.code, current)}>
            {t('report.bad.openCurrent', { year: current })}
          </Link>
        ) : undefined
      }
    >
      {text}
    </EmptyState>
  );
}

function Refused({
  refusal,
  user,
  regions,
}: {
  refusal: ReportRefusal;
  user: User | null;
  regions: RegionIndex;
}) {
  const t = useT();
  const own = ownReportArea(user);
  const areaName = (code: string) =>
    code === regions.prefecture.code ? regions.prefecture.name : (regions.placeLabel(code) ?? code);
  let text: string;
  switch (refusal) {
    case 'signedOut':
      text = t('report.refused.signedOut');
      break;
    case 'role':
      text = t('report.refused.role', {
        admins: adminsLabel(t),
        role: user ? roleLabel(t, user.role, user.scope.level) : '',
      });
      break;
    case 'outsideScope':
      text = t('report.refused.outsideScope', { scope: user ? areaName(user.scope.code) : '' });
      break;
  }
  const year = Number(localToday().slice(0, 4));
  return (
    <EmptyState
      icon="alert"
      headingLevel={1}
      title={t('report.refused.title')}
      action={
        refusal === 'signedOut' ? (
          <Link href={paths.login()}>{t('report.refused.logIn')}</Link>
        ) : own ? (
          <Link href={paths.report(own.code, year)}>
            {t('report.refused.openOwn', { area: areaName(own.code) })}
          </Link>
        ) : undefined
      }
    >
      {text}
    </EmptyState>
  );
}
