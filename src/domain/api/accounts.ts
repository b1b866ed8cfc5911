/**
 * Accounts (server/auth/routes.ts): sign in and out, who am I, the own password, the idle lock's
 * minutes, and user management for admins.
 */
import { z } from 'zod';
import { MAX_IDLE_LOCK_MINUTES, MIN_IDLE_LOCK_MINUTES } from '../idleLock';
import {
  loginResponseSchema,
  passwordStatusSchema,
  ROLES,
  scopeSchema,
  userSchema,
} from '../protocol';
import { isStorableText } from '../storableText';
import { apiRoute } from './route';

/** Lower-case letters, digits, '.', '_' and '-', 2–32 characters, starting with a letter or digit. */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{1,31}$/;

export function normaliseUsername(username: string): string {
  return username.trim().toLowerCase();
}

export const loginBodySchema = z.object({
  // Only stored in login_attempts: refuse what PostgreSQL cannot hold rather than fail with 500.
  username: z.string().max(100).refine(isStorableText),
  password: z.string().max(1000),
});

export const changePasswordBodySchema = z.object({
  oldPassword: z.string().max(1000),
  newPassword: z.string().max(1000),
});

/** POST /api/users: an account made by an admin (the user changes the password at first sign-in). */
export const newAccountSchema = z.object({
  username: z.string().transform(normaliseUsername).pipe(z.string().regex(USERNAME_PATTERN)),
  displayName: z.string().trim().min(1).max(40).refine(isStorableText).optional(),
  role: z.enum(ROLES),
  scope: scopeSchema,
  password: z.string(),
});

/** PATCH /api/users/:id: only the fields to change. */
export const accountPatchSchema = z
  .object({
    displayName: z.string().trim().min(1).max(40).refine(isStorableText),
    role: z.enum(ROLES),
    scope: scopeSchema,
    disabled: z.boolean(),
    password: z.string(),
  })
  .partial()
  .strict();

/** A user as the admin screens see it: the protocol's User plus account state. */
export const managedUserSchema = userSchema.extend({
  disabled: z.boolean(),
  createdAt: z.string(),
});
export type ManagedUser = z.infer<typeof managedUserSchema>;

export const lockSettingsSchema = z.object({
  idleLockMinutes: z.number().int().min(MIN_IDLE_LOCK_MINUTES).max(MAX_IDLE_LOCK_MINUTES),
});

const idParams = z.object({ id: z.string() });

export const loginRoute = apiRoute({
  method: 'POST',
  path: '/api/auth/login',
  body: loginBodySchema,
  answer: loginResponseSchema,
});

export const logoutRoute = apiRoute({
  method: 'POST',
  path: '/api/auth/logout',
  answer: null,
  status: 204,
});

export const meRoute = apiRoute({
  method: 'GET',
  path: '/api/me',
  answer: z.object({ user: userSchema }),
});

export const passwordStatusRoute = apiRoute({
  method: 'GET',
  path: '/api/auth/password',
  answer: z.object({ password: passwordStatusSchema }),
});

export const changePasswordRoute = apiRoute({
  method: 'PUT',
  path: '/api/auth/password',
  body: changePasswordBodySchema,
  answer: z.object({
    password: passwordStatusSchema,
    /** Sessions of this user on other devices that were ended. */
    otherSessionsEnded: z.number().int().min(0),
  }),
});

export const lockSettingsRoute = apiRoute({
  method: 'GET',
  path: '/api/settings/lock',
  answer: lockSettingsSchema,
});

export const usersRoute = apiRoute({
  method: 'GET',
  path: '/api/users',
  answer: z.object({ users: z.array(managedUserSchema) }),
});

export const createUserRoute = apiRoute({
  method: 'POST',
  path: '/api/users',
  body: newAccountSchema,
  answer: z.object({ user: managedUserSchema }),
  status: 201,
});

export const updateUserRoute = apiRoute({
  method: 'PATCH',
  path: '/api/users/:id',
  params: idParams,
  body: accountPatchSchema,
  answer: z.object({ user: managedUserSchema, sessionsRevoked: z.number().int().min(0) }),
});
