/**
 * How a phone number is shown to roles that do not need the full number — without zod, so a
 * screen that lists phones (the point list, a first screen) does not load the schemas
 * (common.ts re-exports it).
 */

/** 138****5678: a phone as shown to roles that do not need the full number (DESIGN.md §7). */
export function maskPhone(phone: string | null | undefined): string {
  if (!phone) return '';
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : '****';
}
