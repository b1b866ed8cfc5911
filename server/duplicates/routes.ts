/**
 * Routes of the duplicates inbox (docs/SERVICE_POINTS.md "Duplicates"), behind the bearer-token
 * guard, for coordinators and admins:
 *
 *   GET  /api/duplicates?limit=&after=&point=               → {duplicates, next, total}
 *   POST /api/duplicates/:id/dismiss                        → ResolveAnswer
 *   POST /api/duplicates/:id/merge {keep, take, versions}   → ResolveAnswer
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { dismissDuplicateRoute, duplicatesRoute, mergeDuplicateRoute } from '../../src/domain/api';
import { parseRequest, type AnswerOf } from '../base/api-validate';
import { auditOrigin } from '../base/audit-record';
import { registerAuthenticated, userOf } from '../auth/guard';
import type { ServerContext } from '../base/context';
import { serialParam, uuidParam } from '../base/path-ids';
import { parseInboxPage } from '../sync/inbox-page';
import { listDuplicates, resolveDuplicate } from './review';

const BODY_LIMIT = 16 * 1024;
const FLAG_ID = { 'zh-CN': '重复提示编号', en: 'duplicate flag id' };
const POINT_ID = { 'zh-CN': '服务点编号', en: 'service point id' };

export async function registerDuplicateRoutes(
  app: FastifyInstance,
  ctx: ServerContext,
): Promise<void> {
  await registerAuthenticated(app, ctx, (scope) => {
    scope.get<{ Querystring: { point?: unknown } }>(
      duplicatesRoute.path,
      async (request): Promise<AnswerOf<typeof duplicatesRoute>> => {
        const { point } = request.query;
        return listDuplicates(
          ctx,
          userOf(request),
          parseInboxPage(request.query),
          point === undefined ? null : uuidParam(typeof point === 'string' ? point : '', POINT_ID),
        );
      },
    );

    /**
     * Dismiss and merge: the flag from the path, then the decision from the request (read after
     * the path's id, so a bad id is the error a request with both wrong gets, as before).
     */
    const resolve = (
      request: FastifyRequest<{ Params: { id: string } }>,
      decide: () => Parameters<typeof resolveDuplicate>[3],
    ) =>
      resolveDuplicate(
        ctx,
        userOf(request),
        serialParam(request.params.id, FLAG_ID),
        decide(),
        auditOrigin(request),
      );

    scope.post<{ Params: { id: string } }>(
      dismissDuplicateRoute.path,
      { bodyLimit: BODY_LIMIT },
      async (request): Promise<AnswerOf<typeof dismissDuplicateRoute>> =>
        resolve(request, () => ({ action: 'dismiss' })),
    );

    scope.post<{ Params: { id: string } }>(
      mergeDuplicateRoute.path,
      { bodyLimit: BODY_LIMIT },
      async (request): Promise<AnswerOf<typeof mergeDuplicateRoute>> =>
        resolve(request, () => ({
          action: 'merge',
          ...parseRequest(mergeDuplicateRoute.body, request.body),
        })),
    );
  });
}
