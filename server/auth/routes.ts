/**
 * Routes of accounts: sign in and out, who am I, and user management for admins.
 *
 *   POST  /api/auth/login   {username, password} → {token, user}     (no token needed)
 *   POST  /api/auth/logout  → 204                                      (ends this session)
 *   GET   /api/me           → {user}
 *   GET   /api/auth/password → {password}: must it change, when it expires, the policy
 *   PUT   /api/auth/password {oldPassword, newPassword} → {password, otherSessionsEnded}
 *   GET   /api/users        → {users}                  (admin: the accounts within their area)
 *   POST  /api/users        {username, displayName?, role, scope, password} → 201 {user} (admin)
 *   PATCH /api/users/:id    {displayName?, role?, scope?, disabled?, password?} → {user} (admin)
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { uuidParam } from '../path-ids';
import { isStorableText } from '../storable-text';
import { auditOrigin, recordAudit } from '../audit/record';
import type { ServerContext } from '../context';
import { registerAuthenticated, userOf } from './guard';
import { assertMay } from './permissions';
import { passwordStatus } from '../../src/domain/passwordPolicy';
import { changeOwnPassword } from './password-change';
import type { LockSettings } from '../../src/domain/idleLock';
import { idleLockMinutes, login, logout } from './sessions';
import { createAccount, listAccounts, updateAccount, type NewAccount } from './users';

/** Small bodies only: a login or a user is a few hundred bytes. */
const AUTH_BODY_LIMIT = 16 * 1024;

const loginBodySchema = z.object({
  // Only stored in login_attempts: refuse what PostgreSQL cannot hold rather than fail with 500.
  username: z.string().max(100).refine(isStorableText),
  password: z.string().max(1000),
});

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
      await recordAudit(ctx.db, {
        action: 'logout',
        at: ctx.now(),
        actor: userOf(request),
        origin: auditOrigin(request),
      });
      return reply.code(204).send();
    });

    // The phone's idle lock as this deployment sets it (IDLE_LOCK_MINUTES; src/domain/idleLock.ts).
    scope.get('/api/settings/lock', async (): Promise<LockSettings> => ({
      idleLockMinutes: idleLockMinutes(),
    }));

    scope.get('/api/me', async (request) => {
      // Internal fields stay on the server: the token's hash, the password's state (the app asks
      // GET /api/auth/password) and a pending wipe (told through 401 deviceWipe / the pull).
      const {
        tokenHash: _tokenHash,
        passwordState: _passwordState,
        deviceWipe: _deviceWipe,
        ...user
      } = userOf(request);
      return { user };
    });

    // A session whose password must change may use these two (server/auth/guard.ts).
    scope.get('/api/auth/password', async (request) => {
      const user = userOf(request);
      return { password: passwordStatus(user.passwordState, ctx.passwordPolicy, ctx.now()) };
    });

    scope.put('/api/auth/password', { bodyLimit: AUTH_BODY_LIMIT }, async (request) =>
      changeOwnPassword(ctx, userOf(request), request.body, auditOrigin(request)),
    );

    scope.get('/api/users', async (request) => {
      assertMay(userOf(request), 'manageUsers');
      return { users: await listAccounts(ctx.db, userOf(request).scope) };
    });

    scope.post('/api/users', { bodyLimit: AUTH_BODY_LIMIT }, async (request, reply) => {
      assertMay(userOf(request), 'manageUsers');
      // The admin knows the password they set: the user must change it at first sign-in.
      const by = { manager: userOf(request), origin: auditOrigin(request), at: ctx.now() };
      const user = await createAccount(
        ctx.db,
        ctx.regions,
        request.body as NewAccount,
        ctx.scrypt,
        {
          policy: ctx.passwordPolicy,
          mustChange: true,
        },
        by,
      );
      return reply.code(201).send({ user });
    });

    scope.patch<{ Params: { id: string } }>(
      '/api/users/:id',
      { bodyLimit: AUTH_BODY_LIMIT },
      async (request) => {
        assertMay(userOf(request), 'manageUsers');
        const { account, sessionsRevoked } = await updateAccount(
          ctx.db,
          ctx.regions,
          uuidParam(request.params.id, { 'zh-CN': '用户编号', en: 'user id' }),
          (request.body ?? {}) as never,
          ctx.scrypt,
          { policy: ctx.passwordPolicy, mustChange: true },
          { manager: userOf(request), origin: auditOrigin(request), at: ctx.now() },
        );
        return { user: account, sessionsRevoked };
      },
    );
  });
}
