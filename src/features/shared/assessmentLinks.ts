/**
 * Where the assessment report lives, for every screen that links to it (更多, the county table):
 *
 *   /assessment/report                    the user's own area, this year (a redirect)
 *   /assessment/report/:areaCode/:year    a county (6 digits) or the prefecture (4), one year
 *
 * A real path per report, so a reload, the back button and a saved link open the same report,
 * offline too (the service worker answers every navigation with the app).
 */
export const REPORT_PATH = '/assessment/report';

export function reportHref(areaCode: string, year: number): string {
  return `${REPORT_PATH}/${encodeURIComponent(areaCode)}/${year}`;
}

/** The area code and year text of a report path (either may be missing or malformed). */
export function readReportPath(path: string): { areaCode: string | null; yearText: string | null } {
  const [areaCode = null, yearText = null] = path
    .slice(REPORT_PATH.length)
    .split('/')
    .filter(Boolean)
    .map((part) => {
      try {
        return decodeURIComponent(part);
      } catch {
        return part; // a broken %-escape is shown back as typed
      }
    });
  return { areaCode, yearText };
}
