/**
 * Routes of the duplicates inbox (docs/SERVICE_POINTS.md "Duplicates"), behind the bearer-token
 * guard, for coordinators and admins:
 *
 *   GET  /api/duplicates?limit=&after=&point=               → {duplicates, next, total}
 *   POST /api/duplicates/:id/dismiss                        → ResolveAnswer
 *   POST /api/duplicates/:id/merge {keep, take, versions}   → ResolveAnswer
 */
import type { FastifyInstance } from 'fastify';
import { auditOrigin } from '../audit/record';
import { registerAuthenticated, userOf } from '../auth/guard';
import type { ServerContext } from '../context';
import { serialParam, uuidParam } from '../path-ids';
import { parseInboxPage } from '../sync/inbox-page';
import { listDuplicates, mergeBodySchema, resolveDuplicate } from './review';

const BODY_LIMIT = 16 * 1024;
const FLAG_ID = { 'zh-CN': '重复提示编号', en: 'duplicate flag id' };
const POINT_ID = { 'zh-CN': '服务点编号', en: 'service point id' };

export async function registerDuplicateRoutes(
  app: FastifyInstance,
  ctx: ServerContext,
): Promise<void> {
  await registerAuthenticated(app, ctx, (scope) => {
    scope.get<{ Querystring: { point?: unknown } }>('/api/duplicates', async (request) => {
      const { point } = request.query;
      return listDuplicates(
        ctx,
        userOf(request),
        parseInboxPage(request.query),
        point === undefined ? null : uuidParam(typeof point === 'string' ? point : '', POINT_ID),
      );
    });

    scope.post<{ Params: { id: string } }>(
      '/api/duplicates/:id/dismiss',
      { bodyLimit: BODY_LIMIT },
      async (request) =>
        resolveDuplicate(
          ctx,
          userOf(request),
          serialParam(request.params.id, FLAG_ID),
          { action: 'dismiss' },
          auditOrigin(request),
        ),
    );

    scope.post<{ Params: { id: string } }>(
      '/api/duplicates/:id/merge',
      { bodyLimit: BODY_LIMIT },
      async (request) =>
        resolveDuplicate(
          ctx,
          userOf(request),
          serialParam(request.params.id, FLAG_ID),
          {
            action: 'merge',
            ...mergeBodySchema.parse(request.body),
          },
          auditOrigin(request),
        ),
    );
  });
}
