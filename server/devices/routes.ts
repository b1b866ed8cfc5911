/**
 * Routes of devices (docs/SECURITY.md "丢失设备 / Lost devices"):
 *
 *   GET  /api/devices                              → {devices}   (the user's own)
 *   POST /api/devices/:clientId/sign-out           → {ok}        (one of the user's own, not this one)
 *   GET  /api/users/:id/devices                    → {devices}   (admin)
 *   POST /api/users/:id/devices/:clientId/lost     → {ok}        (admin)
 *   GET  /api/users/:id/rescued                    → {batches}   (admin: what its devices handed in)
 *   POST /api/devices/rescue {clientId, mutations} → {kept, wipe} (a device told to wipe; its
 *                                                   bearer token, refused elsewhere, is the proof)
 */
import type { FastifyInstance } from 'fastify';
import { MAX_PUSH_BODY_BYTES } from '../../src/domain/protocol';
import { bilingualError } from '../api-error';
import { bearerToken, registerAuthenticated, UNAUTHORIZED_MESSAGES, userOf } from '../auth/guard';
import { hashToken, type SessionUser } from '../auth/sessions';
import type { ServerContext } from '../context';
import { uuidParam } from '../path-ids';
import { listDevices, listRescued, requestWipe, rescueOutbox } from './devices';

const SMALL_BODY = 16 * 1024;
const DEVICE_ID = { 'zh-CN': '设备编号', en: 'device id' };
const USER_ID = { 'zh-CN': '用户编号', en: 'user id' };

function assertAdmin(user: SessionUser): void {
  // Server-only, like every account route. (An admin's area limit over users is issue 14 item 6.)
  if (user.role !== 'admin') {
    throw bilingualError(403, 'roleDenied', {
      'zh-CN': '只有管理员可以管理其他人的设备',
      en: 'only admins manage other users’ devices',
    });
  }
}

export async function registerDeviceRoutes(
  app: FastifyInstance,
  ctx: ServerContext,
): Promise<void> {
  app.post('/api/devices/rescue', { bodyLimit: MAX_PUSH_BODY_BYTES }, async (request) => {
    const token = bearerToken(request);
    if (!token) throw bilingualError(401, 'unauthorized', UNAUTHORIZED_MESSAGES);
    return rescueOutbox(ctx.db, hashToken(token), request.body, ctx.now());
  });

  await registerAuthenticated(app, ctx, (scope) => {
    scope.get('/api/devices', async (request) => {
      const user = userOf(request);
      return { devices: await listDevices(ctx.db, user.id, user.tokenHash) };
    });

    scope.post<{ Params: { clientId: string } }>(
      '/api/devices/:clientId/sign-out',
      { bodyLimit: SMALL_BODY },
      async (request) => {
        const user = userOf(request);
        const clientId = uuidParam(request.params.clientId, DEVICE_ID);
        const mine = await listDevices(ctx.db, user.id, user.tokenHash);
        if (mine.find((d) => d.clientId === clientId)?.current) {
          throw bilingualError(400, 'invalid', {
            'zh-CN': '这是正在使用的设备：请用“退出登录”',
            en: 'this is the device in use: use “Sign out” instead',
          });
        }
        await requestWipe(ctx.db, {
          clientId,
          userId: user.id,
          reason: 'signedOut',
          by: user.id,
          now: ctx.now(),
        });
        return { ok: true };
      },
    );

    scope.get<{ Params: { id: string } }>('/api/users/:id/devices', async (request) => {
      assertAdmin(userOf(request));
      const userId = uuidParam(request.params.id, USER_ID);
      return { devices: await listDevices(ctx.db, userId, null) };
    });

    scope.get<{ Params: { id: string } }>('/api/users/:id/rescued', async (request) => {
      assertAdmin(userOf(request));
      return { batches: await listRescued(ctx.db, uuidParam(request.params.id, USER_ID)) };
    });

    scope.post<{ Params: { id: string; clientId: string } }>(
      '/api/users/:id/devices/:clientId/lost',
      { bodyLimit: SMALL_BODY },
      async (request) => {
        const admin = userOf(request);
        assertAdmin(admin);
        await requestWipe(ctx.db, {
          clientId: uuidParam(request.params.clientId, DEVICE_ID),
          userId: uuidParam(request.params.id, USER_ID),
          reason: 'lost',
          by: admin.id,
          now: ctx.now(),
        });
        return { ok: true };
      },
    );
  });
}
