/**
 * Routes of the duplicates inbox (docs/SERVICE_POINTS.md "Duplicates"), behind the bearer-token
 * guard, for coordinators and admins:
 *
 *   GET  /api/duplicates                                    → {duplicates}
 *   POST /api/duplicates/:id/dismiss                        → ResolveAnswer
 *   POST /api/duplicates/:id/merge {keep, take, versions}   → ResolveAnswer
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { registerAuthenticated, userOf } from '../auth/guard';
import type { ServerContext } from '../context';
import { listDuplicates, mergeBodySchema, resolveDuplicate } from './review';

const BODY_LIMIT = 16 * 1024;
const flagIdSchema = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export async function registerDuplicateRoutes(
  app: FastifyInstance,
  ctx: ServerContext,
): Promise<void> {
  await registerAuthenticated(app, ctx, (scope) => {
    scope.get('/api/duplicates', async (request) => ({
      duplicates: await listDuplicates(ctx, userOf(request)),
    }));

    scope.post<{ Params: { id: string } }>(
      '/api/duplicates/:id/dismiss',
      { bodyLimit: BODY_LIMIT },
      async (request) =>
        resolveDuplicate(ctx, userOf(request), flagIdSchema.parse(request.params.id), {
          action: 'dismiss',
        }),
    );

    scope.post<{ Params: { id: string } }>(
      '/api/duplicates/:id/merge',
      { bodyLimit: BODY_LIMIT },
      async (request) =>
        resolveDuplicate(ctx, userOf(request), flagIdSchema.parse(request.params.id), {
          action: 'merge',
          ...mergeBodySchema.parse(request.body),
        }),
    );
  });
}
