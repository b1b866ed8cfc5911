import type { StoredSession } from '../db/sync-state';

/** 淳安县's coordinator signed in (the first reads' tests: rawFirst, the map's reads). */
export const CHUNAN_COORDINATOR_SESSION: StoredSession = {
  token: 'token-1',
  user: {
    id: 'u1',
    username: 'wangfang',
    displayName: '王芳',
    role: 'coordinator',
    scope: { level: 'county', code: '330127' },
  },
  loggedInAt: '2026-06-01T08:00:00.000Z',
};
