/**
 * The roles of the programme's users (DESIGN.md §7). Its own module, free of zod: the start page's
 * shell asks the actions table (actions.ts) which links to show, and must not load the schemas.
 */
export const ROLES = ['admin', 'coordinator', 'officer', 'trainer'] as const;
export type Role = (typeof ROLES)[number];
