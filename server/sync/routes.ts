/**
 * Routes of sync (docs/PROTOCOL.md), all behind the bearer-token guard:
 *
 *   POST /api/sync/push                        → PushResponse
 *   POST /api/sync/pull                        → PullResponse (401 deviceWipe: a device to wipe)
 *   POST /api/sync/digest                      → DigestResponse (completeness check)
 *   POST /api/sync/records                     → RepairResponse (its repair)
 *   GET  /api/conflicts?limit=&after=          → {conflicts, next, total} (coordinator, admin)
 *   POST /api/conflicts/:id/resolve {restore}  → {conflict, version}    (coordinator, admin)
 *   GET  /api/records/:entity/:id/history      → {history}
 *
 * Thin: parsing and the answer's shape; the work is in push.ts, pull.ts, digest.ts, conflicts.ts,
 * history.ts.
 */
import type { FastifyInstance } from 'fastify';
import { idSchema } from '../../src/domain/common';
import {
  conflictsRoute,
  digestRoute,
  historyRoute,
  pullRoute,
  pushRoute,
  repairRoute,
  resolveConflictRoute,
} from '../../src/domain/api';
import { MAX_PUSH_BODY_BYTES } from '../../src/domain/protocol';
import { parseRequest, type AnswerOf } from '../base/api-validate';
import { auditOrigin } from '../base/audit-record';
import { registerAuthenticated, userOf } from '../auth/guard';
import type { ServerContext } from '../base/context';
import { serialParam } from '../base/path-ids';
import { listConflicts, resolveConflict } from './conflicts';
import { recordHistory } from './history';
import { handleDigest, handleRepair } from './digest';
import { parseInboxPage } from './inbox-page';
import { pullAnswerText, readPullPage } from './pull';
import { handlePush } from './push';
import { DEVICE_WIPE_MESSAGES } from '../auth/device-wipe';
import { noteDevice, settleWipe, wipeOfClient } from '../devices/devices';
import { bilingualError } from '../base/api-error';

/** A pull request is a few hundred bytes. */
const PULL_BODY_LIMIT = 16 * 1024;
/** A digest request names at most MAX_DIGEST_EXCLUDE records (≈ 90 bytes each). */
const DIGEST_BODY_LIMIT = 128 * 1024;

const CONFLICT_ID = { 'zh-CN': '冲突编号', en: 'conflict id' };

export async function registerSyncRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  await registerAuthenticated(app, ctx, (scope) => {
    // A device asked to wipe (server/devices) still pushes — the user may write, nothing typed
    // is lost — and learns of the wipe in the answer; its pull gets only the instruction.
    scope.post(
      pushRoute.path,
      { bodyLimit: MAX_PUSH_BODY_BYTES },
      async (request): Promise<AnswerOf<typeof pushRoute>> => {
        // The device's row (its session, when last seen) and the wipe are read and written in
        // the push's own transaction (handlePush).
        return handlePush(ctx, userOf(request), request.body, auditOrigin(request));
      },
    );

    scope.post(
      pullRoute.path,
      { bodyLimit: PULL_BODY_LIMIT },
      // The answer is a PullResponse written as text around the records' JSON
      // (pullAnswerText): the pages of a first download are never parsed and serialised again.
      async (request, reply): Promise<string> => {
        const user = userOf(request);
        const sent = (request.body as { clientId?: unknown } | null)?.clientId;
        // Only a well-formed id reaches the database; anything else is the pull's 400 below.
        const clientId = idSchema.safeParse(sent).success ? (sent as string) : undefined;
        const wipe = clientId ? await wipeOfClient(ctx.db, clientId, user) : user.deviceWipe;
        if (wipe) {
          // Nothing more is served: the session ends and the phone, told `deviceWipe`, hands in
          // anything still waiting and wipes.
          if (clientId) {
            await settleWipe(ctx.db, clientId, user, wipe, auditOrigin(request), ctx.now());
          }
          throw bilingualError(401, 'deviceWipe', DEVICE_WIPE_MESSAGES[wipe]);
        }
        const page = await readPullPage(ctx, user, request.body);
        await noteDevice(ctx.db, (request.body as { clientId: string }).clientId, user, ctx.now());
        void reply.type('application/json; charset=utf-8');
        return pullAnswerText(page);
      },
    );

    scope.post(
      digestRoute.path,
      { bodyLimit: DIGEST_BODY_LIMIT },
      (request): Promise<AnswerOf<typeof digestRoute>> =>
        handleDigest(ctx, userOf(request), request.body),
    );

    scope.post(
      repairRoute.path,
      { bodyLimit: PULL_BODY_LIMIT },
      (request): Promise<AnswerOf<typeof repairRoute>> =>
        handleRepair(ctx, userOf(request), request.body),
    );

    scope.get(conflictsRoute.path, async (request): Promise<AnswerOf<typeof conflictsRoute>> =>
      listConflicts(ctx, userOf(request), parseInboxPage(request.query)),
    );

    scope.post<{ Params: { id: string } }>(
      resolveConflictRoute.path,
      { bodyLimit: PULL_BODY_LIMIT },
      async (request): Promise<AnswerOf<typeof resolveConflictRoute>> => {
        const id = serialParam(request.params.id, CONFLICT_ID);
        const { restore } = parseRequest(resolveConflictRoute.body, request.body);
        return resolveConflict(ctx, userOf(request), id, restore, auditOrigin(request));
      },
    );

    scope.get<{ Params: { entity: string; id: string } }>(
      historyRoute.path,
      async (request): Promise<AnswerOf<typeof historyRoute>> => ({
        history: await recordHistory(
          ctx,
          userOf(request),
          request.params.entity,
          request.params.id,
        ),
      }),
    );
  });
}
