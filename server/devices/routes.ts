/**
 * Routes of devices (docs/SECURITY.md "丢失设备 / Lost devices"):
 *
 *   GET  /api/devices                              → {devices}   (the user's own)
 *   POST /api/devices/:clientId/sign-out           → {ok}        (one of the user's own, not this one)
 *   GET  /api/users/:id/devices                    → {devices}   (admin of the user's area)
 *   POST /api/users/:id/devices/:clientId/lost     → {ok}        (admin of the user's area)
 *   GET  /api/users/:id/rescued                    → {batches}   (admin of the user's area: what
 *                                                   its devices handed in)
 *   POST /api/devices/rescue {clientId, mutations} → {kept, wipe} (a device told to wipe; its
 *                                                   bearer token, refused elsewhere, is the proof)
 *
 * The admin routes follow the users routes' area rule (src/domain/usersPolicy.ts): a county
 * admin acts only on the accounts of their county (403 `outsideArea` otherwise).
 */
import type { FastifyInstance } from 'fastify';
import {
  markDeviceLostRoute,
  myDevicesRoute,
  rescueRoute,
  signOutDeviceRoute,
  userDevicesRoute,
  userRescuedRoute,
} from '../../src/domain/api';
import { MAX_PUSH_BODY_BYTES } from '../../src/domain/protocol';
import type { AnswerOf } from '../base/api-validate';
import { mayManageAccount } from '../../src/domain/usersPolicy';
import { bilingualError } from '../base/api-error';
import { auditOrigin, recordAudit, type AuditOrigin } from '../base/audit-record';
import { bearerToken, registerAuthenticated, UNAUTHORIZED_MESSAGES, userOf } from '../auth/guard';
import { assertMay } from '../auth/permissions';
import { hashToken, type SessionUser } from '../auth/sessions';
import { findAccount, outsideArea, type Account } from '../auth/users';
import type { ServerContext } from '../base/context';
import { uuidParam } from '../base/path-ids';
import { listDevices, listRescued, requestWipe, rescueOutbox } from './devices';

const SMALL_BODY = 16 * 1024;
const DEVICE_ID = { 'zh-CN': '设备编号', en: 'device id' };
const USER_ID = { 'zh-CN': '用户编号', en: 'user id' };

/**
 * The account an admin acts on through the device routes: 404 when there is none, 403
 * `outsideArea` when it lies outside the admin's area (mayManageAccount, as the users routes).
 * A refused mark-lost is recorded (`refused`: the action attempted) like a refused account change.
 */
async function managedAccount(
  ctx: ServerContext,
  admin: SessionUser,
  userId: string,
  refusal?: { action: 'device.lost'; clientId: string; origin: AuditOrigin },
): Promise<Account> {
  assertMay(admin, 'manageDevices');
  const account = await findAccount(ctx.db, { id: userId });
  if (!account) {
    throw bilingualError(404, 'notFound', { 'zh-CN': '没有这个用户', en: 'no such user' });
  }
  if (!mayManageAccount(admin, account.scope)) {
    if (refusal) {
      await recordAudit(ctx.db, {
        action: refusal.action,
        outcome: 'refused',
        at: ctx.now(),
        actor: admin,
        origin: refusal.origin,
        subject: { type: 'device', id: refusal.clientId, label: account.username },
        areas: [account.scope.code],
        details: { reason: 'outsideArea', userId },
      });
    }
    throw outsideArea(ctx.regions, admin);
  }
  return account;
}

export async function registerDeviceRoutes(
  app: FastifyInstance,
  ctx: ServerContext,
): Promise<void> {
  app.post(
    rescueRoute.path,
    { bodyLimit: MAX_PUSH_BODY_BYTES },
    async (request): Promise<AnswerOf<typeof rescueRoute>> => {
      const token = bearerToken(request);
      if (!token) throw bilingualError(401, 'unauthorized', UNAUTHORIZED_MESSAGES);
      return rescueOutbox(ctx.db, hashToken(token), request.body, auditOrigin(request), ctx.now());
    },
  );

  await registerAuthenticated(app, ctx, (scope) => {
    scope.get(myDevicesRoute.path, async (request): Promise<AnswerOf<typeof myDevicesRoute>> => {
      const user = userOf(request);
      return { devices: await listDevices(ctx.db, user.id, user.tokenHash) };
    });

    scope.post<{ Params: { clientId: string } }>(
      signOutDeviceRoute.path,
      { bodyLimit: SMALL_BODY },
      async (request): Promise<AnswerOf<typeof signOutDeviceRoute>> => {
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
          by: user,
          origin: auditOrigin(request),
          now: ctx.now(),
        });
        return { ok: true };
      },
    );

    scope.get<{ Params: { id: string } }>(
      userDevicesRoute.path,
      async (request): Promise<AnswerOf<typeof userDevicesRoute>> => {
        const userId = uuidParam(request.params.id, USER_ID);
        const account = await managedAccount(ctx, userOf(request), userId);
        return { devices: await listDevices(ctx.db, account.id, null) };
      },
    );

    scope.get<{ Params: { id: string } }>(
      userRescuedRoute.path,
      async (request): Promise<AnswerOf<typeof userRescuedRoute>> => {
        const userId = uuidParam(request.params.id, USER_ID);
        const account = await managedAccount(ctx, userOf(request), userId);
        return { batches: await listRescued(ctx.db, account.id) };
      },
    );

    scope.post<{ Params: { id: string; clientId: string } }>(
      markDeviceLostRoute.path,
      { bodyLimit: SMALL_BODY },
      async (request): Promise<AnswerOf<typeof markDeviceLostRoute>> => {
        const admin = userOf(request);
        const userId = uuidParam(request.params.id, USER_ID);
        const clientId = uuidParam(request.params.clientId, DEVICE_ID);
        const origin = auditOrigin(request);
        const account = await managedAccount(ctx, admin, userId, {
          action: 'device.lost',
          clientId,
          origin,
        });
        await requestWipe(ctx.db, {
          clientId,
          userId: account.id,
          reason: 'lost',
          by: admin,
          origin,
          now: ctx.now(),
        });
        return { ok: true };
      },
    );
  });
}
