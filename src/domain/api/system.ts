/** The server's own state (server/app.ts). */
import { z } from 'zod';
import { apiRoute } from './route';

/** GET /api/health, no token: 200 with the version, or 503 `{ok: false}` when the database is down. */
export const healthRoute = apiRoute({
  method: 'GET',
  path: '/api/health',
  answer: z.object({
    ok: z.literal(true),
    db: z.string(),
    version: z.string(),
    time: z.string(),
  }),
});
