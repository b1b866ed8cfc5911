/**
 * The bearer-token guard for /api routes. Routes registered inside `registerAuthenticated()` get
 * `request.user`, or the request is answered 401 `unauthorized` before its body is even parsed
 * (an anonymous client cannot make the server parse a 4 MB push).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { bilingualError } from '../base/api-error';
import type { ServerContext } from '../base/context';
import { passwordStatus } from '../../src/domain/passwordPolicy';
import { deviceWipeForToken, DEVICE_WIPE_MESSAGES } from './device-wipe';
import { authenticateSession, hashToken, type SessionUser } from './sessions';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user; set on every route inside registerAuthenticated(). */
    user?: SessionUser;
  }
}

export const UNAUTHORIZED_MESSAGES = {
  'zh-CN': '请先登录（登录已过期或已退出）',
  en: 'sign in first (the session is missing, expired or revoked)',
};

/** The absolute (or idle) lifetime has passed: the app shows this on its sign-in screen. */
export const SESSION_EXPIRED_MESSAGES = {
  'zh-CN': '会话已过期，请重新登录',
  en: 'Your session has expired: sign in again',
};

/**
 * Routes a device told to wipe may still use: who am I, push (what it holds goes in first),
 * pull (answered with the wipe instruction) and logout. Everything else is refused.
 */
const ROUTES_OF_A_DEVICE_TO_WIPE = new Set([
  '/api/me',
  '/api/sync/push',
  '/api/sync/pull',
  '/api/auth/logout',
]);

/** What a session may still do while its password must be changed (issue 14). */
const ALLOWED_WHILE_PASSWORD_MUST_CHANGE = new Set([
  'GET /api/me',
  'GET /api/auth/password',
  'PUT /api/auth/password',
  'POST /api/auth/logout',
]);

function passwordChangeRequired(reason: 'setByAdmin' | 'expired' | null) {
  return bilingualError(
    403,
    'passwordChangeRequired',
    reason === 'expired'
      ? {
          'zh-CN': '密码已过期：请先修改密码再继续',
          en: 'your password has expired: change it to continue',
        }
      : {
          'zh-CN': '密码是管理员设置的：请先改成只有你知道的密码再继续',
          en: 'an administrator set your password: change it to one only you know to continue',
        },
  );
}

export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(header.trim());
  return match?.[1];
}

/** The signed-in user of a request inside registerAuthenticated() (always set there). */
export function userOf(request: FastifyRequest): SessionUser {
  if (!request.user) throw bilingualError(401, 'unauthorized', UNAUTHORIZED_MESSAGES);
  return request.user;
}

/** Registers routes that need a signed-in user, in their own encapsulated context. */
export async function registerAuthenticated(
  app: FastifyInstance,
  ctx: ServerContext,
  register: (scope: FastifyInstance) => void,
): Promise<void> {
  await app.register(async (scope) => {
    scope.addHook('onRequest', async (request) => {
      const token = bearerToken(request);
      // First the session's own validity: unknown, ended, expired, or its device told to wipe.
      if (!token) throw bilingualError(401, 'unauthorized', UNAUTHORIZED_MESSAGES);
      const result = await authenticateSession(ctx, token);
      if (!('user' in result)) {
        // A refused token of a device whose user was disabled, or which was marked lost: the
        // phone is told to hand in what it holds (POST /api/devices/rescue) and wipe.
        const wipe = await deviceWipeForToken(ctx.db, hashToken(token));
        if (wipe) throw bilingualError(401, 'deviceWipe', DEVICE_WIPE_MESSAGES[wipe]);
        if (result.refused === 'expired') {
          throw bilingualError(401, 'sessionExpired', SESSION_EXPIRED_MESSAGES);
        }
        throw bilingualError(401, 'unauthorized', UNAUTHORIZED_MESSAGES);
      }
      const { user } = result;
      const route = `${request.method} ${request.url.split('?')[0]}`;
      const status = passwordStatus(user.passwordState, ctx.passwordPolicy, ctx.now());
      if (user.deviceWipe) {
        // A device told to wipe uses only its few routes. When its password must change too, it
        // may not write: its push and pull are answered deviceWipe like a disabled user's, and
        // it hands what it holds in (kept, not applied) — the password gate must not keep a lost
        // phone from ever learning of its wipe.
        const wipeRoute = ROUTES_OF_A_DEVICE_TO_WIPE.has(request.routeOptions.url ?? '');
        if (!wipeRoute || (status.mustChange && !ALLOWED_WHILE_PASSWORD_MUST_CHANGE.has(route))) {
          throw bilingualError(401, 'deviceWipe', DEVICE_WIPE_MESSAGES[user.deviceWipe]);
        }
      }
      // Then the password: a session whose password must change may only change it.
      if (status.mustChange && !ALLOWED_WHILE_PASSWORD_MUST_CHANGE.has(route)) {
        throw passwordChangeRequired(status.reason);
      }
      request.user = user;
    });
    register(scope);
  });
}
