import { formatDate, getLocale, plainMoment } from '../../i18n';

/** Today as YYYY-MM-DD in the device's time zone: the calendar day where the user is. */
export function localToday(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

const MOMENT: Intl.DateTimeFormatOptions = {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
};

/**
 * A moment (an ISO time) as people read it on a phone: 12月5日 08:30 / Dec 5, 08:30 AM. Written
 * without Intl where it can be (the board's "as of" line is on the first screen; plainFormat.ts).
 */
export function formatMoment(iso: string): string {
  return plainMoment(new Date(iso), getLocale()) ?? formatDate(iso, MOMENT);
}
