/**
 * Signing in and out, and recognising a signed-in request (DESIGN.md §7).
 *
 * - Tokens are 32 random bytes (base64url). Only their sha256 is stored: a copy of the database
 *   does not let anyone in.
 * - A session expires 30 days after it was last used; using it moves the expiry (at most once an
 *   hour, so a busy device does not write on every request). Besides that idle limit it has an
 *   absolute one: SESSION_MAX_AGE_DAYS (default 30) after sign-in it ends however often it is
 *   used, and the answer says so in words (`sessionExpired`, 会话已过期，请重新登录).
 * - Throttling: after 5 failed sign-ins within 15 minutes, the account — and, separately, the
 *   address they came from — waits 15 minutes. A success clears the account's count (not the
 *   address's: one good password must not unlock guessing at other accounts).
 */
import {
  DEFAULT_IDLE_LOCK_MINUTES,
  isIdleLockMinutes,
  MAX_IDLE_LOCK_MINUTES,
  MIN_IDLE_LOCK_MINUTES,
} from '../../src/domain/idleLock';
import { createHash, randomBytes } from 'node:crypto';
import type { User } from '../../src/domain/protocol';
import { bilingualError } from '../base/api-error';
import type { ServerContext } from '../base/context';
import type { DbTx } from '../db';
import { findAccount, normaliseUsername, publicUser } from './users';
import { recordAudit } from '../base/audit-record';
import { hashPassword, verifyPassword } from './passwords';
import { passwordStatus, type PasswordStatus } from '../../src/domain/passwordPolicy';

export const SESSION_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;
/**
 * The phone's idle lock in minutes (env IDLE_LOCK_MINUTES, default 15, 1–240), answered by
 * GET /api/settings/lock. A value outside the range is refused at start (server/start-server.ts)
 * with this message, so a typo never silently leaves the default in place.
 */
export function idleLockMinutes(env: NodeJS.ProcessEnv = process.env): number {
  const text = env.IDLE_LOCK_MINUTES?.trim();
  if (!text) return DEFAULT_IDLE_LOCK_MINUTES;
  const minutes = Number(text);
  if (!isIdleLockMinutes(minutes)) {
    throw new Error(
      `IDLE_LOCK_MINUTES must be a whole number of minutes from ${MIN_IDLE_LOCK_MINUTES} to ${MAX_IDLE_LOCK_MINUTES} (got "${text}")`,
    );
  }
  return minutes;
}

/** Default absolute lifetime of a session, counted from sign-in (env SESSION_MAX_AGE_DAYS). */
export const DEFAULT_SESSION_MAX_AGE_DAYS = 30;

/**
 * The absolute lifetime in ms: SESSION_MAX_AGE_DAYS when it is a positive number of days (at
 * most a year), else the default. Read on each use, so a test or an operator sets it in the env.
 */
export function sessionMaxAgeMs(env: NodeJS.ProcessEnv = process.env): number {
  const days = Number(env.SESSION_MAX_AGE_DAYS?.trim() || NaN);
  const valid = Number.isFinite(days) && days > 0 && days <= 366;
  return (valid ? days : DEFAULT_SESSION_MAX_AGE_DAYS) * 24 * 60 * 60 * 1000;
}
/** A session's expiry is moved forward when it is used and its last renewal is older than this. */
export const SESSION_RENEW_AFTER_MS = 60 * 60 * 1000;

export const MAX_FAILED_LOGINS = 5;
export const FAILED_LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const LOGIN_LOCK_MS = 15 * 60 * 1000;
/** Attempts older than this are deleted (they can no longer matter). */
const LOGIN_ATTEMPT_RETENTION_MS = 24 * 60 * 60 * 1000;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * When the lock caused by these failures (oldest first) ends, or undefined when there is none:
 * any 5 failures within 15 minutes lock for 15 minutes from the fifth. Pure, for tests.
 */
export function lockedUntil(failures: readonly Date[]): Date | undefined {
  let until: number | undefined;
  for (let i = MAX_FAILED_LOGINS - 1; i < failures.length; i++) {
    const last = failures[i]!.getTime();
    const first = failures[i - (MAX_FAILED_LOGINS - 1)]!.getTime();
    if (last - first <= FAILED_LOGIN_WINDOW_MS) until = Math.max(until ?? 0, last + LOGIN_LOCK_MS);
  }
  return until === undefined ? undefined : new Date(until);
}

async function recentFailures(
  db: DbTx,
  column: 'username' | 'address',
  key: string,
  now: Date,
  sinceLastSuccess: boolean,
): Promise<Date[]> {
  const since = new Date(now.getTime() - FAILED_LOGIN_WINDOW_MS - LOGIN_LOCK_MS);
  const { rows } = await db.query<{ at: Date }>(
    `select at from login_attempts
     where ${column} = $1 and not succeeded and at > $2
       ${
         sinceLastSuccess
           ? `and at > coalesce((select max(at) from login_attempts
                                 where ${column} = $1 and succeeded), '-infinity')`
           : ''
       }
     order by at`,
    [key, since],
  );
  return rows.map((row) => row.at);
}

/** The later of the account's and the address's lock, if one is still running. */
async function currentLock(
  db: DbTx,
  username: string,
  address: string,
  now: Date,
): Promise<Date | undefined> {
  const byAccount = lockedUntil(await recentFailures(db, 'username', username, now, true));
  const byAddress = lockedUntil(await recentFailures(db, 'address', address, now, false));
  return [byAccount, byAddress]
    .filter((date): date is Date => date !== undefined && date > now)
    .sort((a, b) => b.getTime() - a.getTime())[0];
}

function tooManyAttempts(until: Date, now: Date) {
  const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  const minutes = Math.ceil(seconds / 60);
  return bilingualError(
    429,
    'tooManyAttempts',
    {
      'zh-CN': `登录失败次数过多，请 ${minutes} 分钟后再试。`,
      en: `Too many failed sign-ins: wait ${minutes} minute${minutes === 1 ? '' : 's'} and try again.`,
    },
    { 'retry-after': String(seconds) },
  );
}

const INVALID_CREDENTIALS = {
  'zh-CN': '用户名或密码不对',
  en: 'wrong username or password',
};

let dummyHash: Promise<string> | undefined;

export interface LoginInput {
  username: string;
  password: string;
  address: string;
  userAgent: string;
}

export interface LoginResult {
  token: string;
  user: User;
  /** Must it be changed now (set by an admin, expired), when does it expire, the policy. */
  password: PasswordStatus;
}

/** Checks the password (throttled) and opens a session. Throws 401, 403 or 429 ApiErrors. */
export async function login(ctx: ServerContext, input: LoginInput): Promise<LoginResult> {
  const { db } = ctx;
  const now = ctx.now();
  const username = normaliseUsername(input.username).slice(0, 64);
  const address = input.address.slice(0, 64);

  const until = await currentLock(db, username, address, now);
  const origin = { address, userAgent: input.userAgent };
  // Refused attempts are not counted: they would keep the lock going forever (but audited).
  if (until)
    await recordAudit(db, {
      action: 'login.throttled',
      outcome: 'refused',
      at: now,
      actor: { username },
      origin,
    });
  if (until) throw tooManyAttempts(until, now);

  const row = (
    await db.query<{
      id: string;
      password_hash: string;
      disabled: boolean;
      must_change_password: boolean;
      password_changed_at: Date;
    }>(
      `select id::text as id, password_hash, disabled, must_change_password, password_changed_at
       from users where username = $1`,
      [username],
    )
  ).rows[0];
  // An unknown user costs as much time as a known one: the answer's delay says nothing.
  dummyHash ??= hashPassword('not a password', ctx.scrypt);
  const stored = row?.password_hash ?? (await dummyHash);
  // At most a few scrypt runs at once, server-wide: a flood waits or gets 503, not the CPU.
  const ok = await ctx.signInLimiter.run(() => verifyPassword(input.password, stored));
  const succeeded = ok && row !== undefined;
  await db.query(
    'insert into login_attempts (username, address, succeeded, at) values ($1, $2, $3, $4)',
    [username, address, succeeded, now],
  );
  await db.query('delete from login_attempts where at < $1', [
    new Date(now.getTime() - LOGIN_ATTEMPT_RETENTION_MS),
  ]);
  if (!succeeded)
    await recordAudit(db, {
      action: 'login.failed',
      outcome: 'refused',
      at: now,
      actor: { id: row?.id ?? null, username },
      origin,
    });
  if (!succeeded) {
    // This failure may be the fifth: say so now rather than on the next attempt.
    const lockNow = await currentLock(db, username, address, now);
    if (lockNow) throw tooManyAttempts(lockNow, now);
    throw bilingualError(401, 'invalidCredentials', INVALID_CREDENTIALS);
  }
  if (row.disabled)
    await recordAudit(db, {
      action: 'login.disabled',
      outcome: 'refused',
      at: now,
      actor: { id: row.id, username },
      origin,
    });
  if (row.disabled) {
    throw bilingualError(403, 'accountDisabled', {
      'zh-CN': '这个账号已停用，请联系管理员',
      en: 'this account is disabled; ask an administrator',
    });
  }

  const token = randomBytes(32).toString('base64url');
  await db.query(
    `insert into sessions (token_hash, user_id, created_at, last_used_at, expires_at, address, user_agent)
     values ($1, $2, $3, $3, $4, $5, $6)`,
    [
      hashToken(token),
      row.id,
      now,
      new Date(now.getTime() + SESSION_LIFETIME_MS),
      address,
      input.userAgent.slice(0, 200),
    ],
  );
  await db.query('delete from sessions where expires_at < $1', [now]);
  const account = await findAccount(db, { id: row.id });
  const session = { type: 'session' as const, id: hashToken(token).slice(0, 12) };
  await recordAudit(db, {
    action: 'login.succeeded',
    at: now,
    actor: account!,
    origin,
    subject: session,
  });
  const password = passwordStatus(
    { mustChange: row.must_change_password, changedAt: row.password_changed_at },
    ctx.passwordPolicy,
    now,
  );
  // An expired password gates this session to changing it (server/auth/guard.ts): recorded once
  // per sign-in, not per refused request.
  if (password.reason === 'expired') {
    await recordAudit(db, {
      action: 'password.expired',
      at: now,
      actor: account!,
      origin,
      subject: session,
      details: { expiredAt: password.expiresAt },
    });
  }
  return { token, user: publicUser(account!), password };
}

/** The signed-in user behind a request: who, and in which role and area. */
export interface SessionUser extends User {
  tokenHash: string;
  /** The password's state: the guard lets a session that must change it do only that. */
  passwordState: { mustChange: boolean; changedAt: Date };
  /**
   * Set when the device that last used this session was marked lost or signed out (clients
   * row, server/devices): it may still push and ask who it is, and is then told to wipe.
   */
  deviceWipe?: DeviceWipeReason;
}

export type DeviceWipeReason = 'lost' | 'signedOut';

/** Why a token was refused: the guard answers each in words. */
export type SessionRefusal = 'missing' | 'expired';

/**
 * The user of a bearer token, or why it was refused: unknown, revoked or its user disabled
 * ('missing'), or past its idle or absolute lifetime ('expired'). Renews the idle expiry on use.
 */
export async function authenticateSession(
  ctx: ServerContext,
  token: string,
): Promise<{ user: SessionUser } | { refused: SessionRefusal }> {
  const now = ctx.now();
  const tokenHash = hashToken(token);
  const { rows } = await ctx.db.query<{
    id: string;
    username: string;
    display_name: string;
    role: User['role'];
    scope_level: User['scope']['level'];
    scope_code: string;
    disabled: boolean;
    created_at: Date;
    expires_at: Date;
    last_used_at: Date;
    must_change_password: boolean;
    password_changed_at: Date;
    wipe_reason: DeviceWipeReason | null;
  }>(
    `select u.id::text as id, u.username, u.display_name, u.role, u.scope_level, u.scope_code,
            u.disabled, s.created_at, s.expires_at, s.last_used_at, u.must_change_password,
            u.password_changed_at,
            (select c.wipe_reason from clients c
             where c.token_hash = s.token_hash and c.wipe_requested_at is not null
             limit 1) as wipe_reason
     from sessions s join users u on u.id = s.user_id
     where s.token_hash = $1`,
    [tokenHash],
  );
  const row = rows[0];
  if (!row || row.disabled) return { refused: 'missing' };
  if (row.expires_at <= now || now.getTime() - row.created_at.getTime() >= sessionMaxAgeMs()) {
    return { refused: 'expired' };
  }
  if (now.getTime() - row.last_used_at.getTime() >= SESSION_RENEW_AFTER_MS) {
    await ctx.db.query(
      'update sessions set last_used_at = $2, expires_at = $3 where token_hash = $1',
      [tokenHash, now, new Date(now.getTime() + SESSION_LIFETIME_MS)],
    );
  }
  return {
    user: {
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      role: row.role,
      scope: { level: row.scope_level, code: row.scope_code } as User['scope'],
      tokenHash,
      passwordState: { mustChange: row.must_change_password, changedAt: row.password_changed_at },
      ...(row.wipe_reason ? { deviceWipe: row.wipe_reason } : {}),
    },
  };
}

/** The user of a bearer token, or undefined when it is refused (authenticateSession). */
export async function authenticate(
  ctx: ServerContext,
  token: string,
): Promise<SessionUser | undefined> {
  const result = await authenticateSession(ctx, token);
  return 'user' in result ? result.user : undefined;
}

/** Ends one session (logout). */
export async function logout(ctx: ServerContext, tokenHash: string): Promise<void> {
  await ctx.db.query('delete from sessions where token_hash = $1', [tokenHash]);
}
