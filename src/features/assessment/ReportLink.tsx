/**
 * The way from the county table or a county's page to its 年度考核表 (src/features/report), shown
 * only to those who may open it — a coordinator for their county, the admin for any county and
 * the prefecture (reportRefusal) — and for a year that has begun, so no link ends on a refusal.
 */
import { Link } from 'wouter';
import { useT } from '../../i18n';
import { useSession } from '../../db';
import { reportRefusal, REPORT_FIRST_YEAR } from '../../domain/assessmentReport';
import { areaOfCode } from '../../domain/metrics';
import { paths } from '../shared/paths';
import { thisYearNow } from './parts';

export function ReportLink({
  areaCode,
  areaName,
  year,
}: {
  areaCode: string;
  areaName: string;
  year: number;
}) {
  const t = useT();
  const session = useSession();
  if (!session || year > thisYearNow() || year < REPORT_FIRST_YEAR) return null;
  if (reportRefusal(session.user, areaOfCode(areaCode)) !== null) return null;
  return (
    <p className="report-link">
      <Link href={paths.report(areaCode, year)} className="tap-link" data-testid="report-link">
        {t('assessment.report', { area: areaName, year })}
      </Link>
    </p>
  );
}
