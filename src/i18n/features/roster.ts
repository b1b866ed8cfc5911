/**
 * Strings of roster membership at the roll call (src/features/training/RollCall.tsx): someone
 * taken off a session's list is shown as such, and a tap checks them in and puts them back on
 * it (docs/ARCHITECTURE.md "Roster membership"). English in ./roster.en.ts (exactly these keys).
 */
export const zh = {
  'roster.roll.removedHint': '已移出本次名单。如确实到场，点一下即签到，并放回名单。',
} as const;
