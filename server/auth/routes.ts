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
import {
  changePasswordRoute,
  createUserRoute,
  lockSettingsRoute,
  loginRoute,
  logoutRoute,
  meRoute,
  passwordStatusRoute,
  updateUserRoute,
  usersRoute,
} from '../../src/domain/api';
import { parseRequest, type AnswerOf } from '../base/api-validate';
import { uuidParam } from '../base/path-ids';
import { auditOrigin, recordAudit } from '../base/audit-record';
import type { ServerContext } from '../base/context';
import { registerAuthenticated, userOf } from './guard';
import { assertMay } from './permissions';
import { passwordStatus } from '../../src/domain/passwordPolicy';
import { changeOwnPassword } from './password-change';
import { idleLockMinutes, login, logout } from './sessions';
import { createAccount, listAccounts, updateAccount, type NewAccount } from './users';

/** Small bodies only: a login or a user is a few hundred bytes. */
const AUTH_BODY_LIMIT = 16 * 1024;

export async function registerAuthRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  app.post(
    loginRoute.path,
    { bodyLimit: AUTH_BODY_LIMIT },
    async (request): Promise<AnswerOf<typeof loginRoute>> => {
      const body = parseRequest(loginRoute.body, request.body);
      return login(ctx, {
        username: body.username,
        password: body.password,
        address: request.ip,
        userAgent: request.headers['user-agent'] ?? '',
      });
    },
  );

  await registerAuthenticated(app, ctx, (scope) => {
    scope.post(logoutRoute.path, { bodyLimit: AUTH_BODY_LIMIT }, async (request, reply) => {
      await logout(ctx, userOf(request).tokenHash);
      await recordAudit(ctx.db, {
        action: 'logout',
        at: ctx.now(),
        actor: userOf(request),
        origin: auditOrigin(request),
      });
      return reply.code(logoutRoute.status).send();
    });

    // The phone's idle lock as this deployment sets it (IDLE_LOCK_MINUTES; src/domain/idleLock.ts).
    scope.get(lockSettingsRoute.path, async (): Promise<AnswerOf<typeof lockSettingsRoute>> => ({
      idleLockMinutes: idleLockMinutes(),
    }));

    scope.get(meRoute.path, async (request): Promise<AnswerOf<typeof meRoute>> => {
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
    scope.get(
      passwordStatusRoute.path,
      async (request): Promise<AnswerOf<typeof passwordStatusRoute>> => {
        const user = userOf(request);
        return { password: passwordStatus(user.passwordState, ctx.passwordPolicy, ctx.now()) };
      },
    );

    scope.put(
      changePasswordRoute.path,
      { bodyLimit: AUTH_BODY_LIMIT },
      async (request): Promise<AnswerOf<typeof changePasswordRoute>> =>
        changeOwnPassword(ctx, userOf(request), request.body, auditOrigin(request)),
    );

    scope.get(usersRoute.path, async (request): Promise<AnswerOf<typeof usersRoute>> => {
      assertMay(userOf(request), 'manageUsers');
      return { users: await listAccounts(ctx.db, userOf(request).scope) };
    });

    scope.post(createUserRoute.path, { bodyLimit: AUTH_BODY_LIMIT }, async (request, reply) => {
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
      const answer: AnswerOf<typeof createUserRoute> = { user };
      return reply.code(createUserRoute.status).send(answer);
    });

    scope.patch<{ Params: { id: string } }>(
      updateUserRoute.path,
      { bodyLimit: AUTH_BODY_LIMIT },
      async (request): Promise<AnswerOf<typeof updateUserRoute>> => {
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
