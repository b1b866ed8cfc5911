/**
 * The bearer-token guard for /api routes. Routes registered inside `registerAuthenticated()` get
 * `request.user`, or the request is answered 401 `unauthorized` before its body is even parsed
 * (an anonymous client cannot make the server parse a 4 MB push).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { bilingualError } from '../api-error';
import type { ServerContext } from '../context';
import { passwordStatus } from '../../src/domain/passwordPolicy';
import { authenticate, type SessionUser } from './sessions';

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
      const user = token ? await authenticate(ctx, token) : undefined;
      if (!user) throw bilingualError(401, 'unauthorized', UNAUTHORIZED_MESSAGES);
      const status = passwordStatus(user.passwordState, ctx.passwordPolicy, ctx.now());
      if (
        status.mustChange &&
        !ALLOWED_WHILE_PASSWORD_MUST_CHANGE.has(`${request.method} ${request.url.split('?')[0]}`)
      ) {
        throw passwordChangeRequired(status.reason);
      }
      request.user = user;
    });
    register(scope);
  });
}
