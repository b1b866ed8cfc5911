/**
 * Strings added for accessibility (issue 13, docs/APP.md, Accessibility): words a screen reader
 * says that the screen shows by other means. Chinese first; `a11y.en.ts` has exactly these keys.
 */
export const zh = {
  // Said before a roll-call row's own text (name, village, phone, status), so the button's name
  // holds everything it shows and still says what a tap does.
  'a11y.roll.checkIn': '签到',
} as const;
