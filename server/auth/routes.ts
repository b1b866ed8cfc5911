/**
 * Routes of accounts: sign in and out, who am I, and user management for admins.
 *
 *   POST  /api/auth/login   {username, password} → {token, user}     (no token needed)
 *   POST  /api/auth/logout  → 204                                      (ends this session)
 *   GET   /api/me           → {user}
 *   GET   /api/users        → {users}                                  (admin)
 *   POST  /api/users        {username, displayName?, role, scope, password} → 201 {user} (admin)
 *   PATCH /api/users/:id    {displayName?, role?, scope?, disabled?, password?} → {user} (admin)
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { bilingualError } from '../api-error';
import { uuidParam } from '../path-ids';
import { isStorableText } from '../storable-text';
import type { ServerContext } from '../context';
import { registerAuthenticated, userOf } from './guard';
import { login, logout, type SessionUser } from './sessions';
import { createAccount, listAccounts, updateAccount, type NewAccount } from './users';

/** Small bodies only: a login or a user is a few hundred bytes. */
const AUTH_BODY_LIMIT = 16 * 1024;

const loginBodySchema = z.object({
  // Only stored in login_attempts: refuse what PostgreSQL cannot hold rather than fail with 500.
  username: z.string().max(100).refine(isStorableText),
  password: z.string().max(1000),
});

function assertAdmin(user: SessionUser): void {
  // Server-only: managing accounts hands out access to personal data; the app hiding the
  // screen from other roles is not a guard.
  if (user.role !== 'admin') {
    throw bilingualError(403, 'roleDenied', {
      'zh-CN': '只有管理员可以管理用户',
      en: 'only admins manage users',
    });
  }
}

export async function registerAuthRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  app.post('/api/auth/login', { bodyLimit: AUTH_BODY_LIMIT }, async (request) => {
    const body = loginBodySchema.parse(request.body);
    return login(ctx, {
      username: body.username,
      password: body.password,
      address: request.ip,
      userAgent: request.headers['user-agent'] ?? '',
    });
  });

  await registerAuthenticated(app, ctx, (scope) => {
    scope.post('/api/auth/logout', { bodyLimit: AUTH_BODY_LIMIT }, async (request, reply) => {
      await logout(ctx, userOf(request).tokenHash);
      return reply.code(204).send();
    });

    scope.get('/api/me', async (request) => {
      const { tokenHash: _tokenHash, deviceWipe: _deviceWipe, ...user } = userOf(request);
      return { user };
    });

    scope.get('/api/users', async (request) => {
      assertAdmin(userOf(request));
      return { users: await listAccounts(ctx.db) };
    });

    scope.post('/api/users', { bodyLimit: AUTH_BODY_LIMIT }, async (request, reply) => {
      assertAdmin(userOf(request));
      const user = await createAccount(ctx.db, ctx.regions, request.body as NewAccount, ctx.scrypt);
      return reply.code(201).send({ user });
    });

    scope.patch<{ Params: { id: string } }>(
      '/api/users/:id',
      { bodyLimit: AUTH_BODY_LIMIT },
      async (request) => {
        assertAdmin(userOf(request));
        const { account, sessionsRevoked } = await updateAccount(
          ctx.db,
          ctx.regions,
          uuidParam(request.params.id, { 'zh-CN': '用户编号', en: 'user id' }),
          (request.body ?? {}) as never,
          ctx.scrypt,
        );
        return { user: account, sessionsRevoked };
      },
    );
  });
}
