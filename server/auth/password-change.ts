/**
 * A user changing their own password (PUT /api/auth/password, issue 14): the old password is
 * required (a phone left unlocked must not hand over the account), the new one meets the policy,
 * and every OTHER session of the user ends — a thief's copy of the token dies with the old
 * password; this device stays signed in. Clears the forced change and restarts the expiry.
 *
 * Audited (docs/SECURITY.md "安全审计"): `password.changed` in the same transaction as the change;
 * a wrong or throttled old password as `password.changed` refused (the request fails, the entry
 * stays, like a failed sign-in).
 */
import { changePasswordBodySchema } from '../../src/domain/api';
import { passwordStatus, type PasswordStatus } from '../../src/domain/passwordPolicy';
import { bilingualError } from '../base/api-error';
import type { ServerContext } from '../base/context';
import { recordAudit, type AuditOrigin } from '../base/audit-record';
import { assertPasswordAcceptable, hashPassword, verifyPassword } from './passwords';
import { FAILED_LOGIN_WINDOW_MS, lockedUntil, LOGIN_LOCK_MS, type SessionUser } from './sessions';

export { changePasswordBodySchema };

export interface PasswordChanged {
  /** Sessions of this user on other devices that were ended. */
  otherSessionsEnded: number;
  password: PasswordStatus;
}

export async function changeOwnPassword(
  ctx: ServerContext,
  user: SessionUser,
  body: unknown,
  origin: AuditOrigin,
): Promise<PasswordChanged> {
  const parsed = changePasswordBodySchema.safeParse(body);
  if (!parsed.success) {
    throw bilingualError(400, 'invalid', {
      'zh-CN': '请填写旧密码和新密码',
      en: 'give the old password and the new one',
    });
  }
  const { oldPassword, newPassword } = parsed.data;
  const now = ctx.now();
  const session = { type: 'session' as const, id: user.tokenHash.slice(0, 12) };
  const refused = (reason: string) =>
    recordAudit(ctx.db, {
      action: 'password.changed',
      outcome: 'refused',
      at: now,
      actor: user,
      origin,
      subject: session,
      details: { reason },
    });

  // Wrong old passwords count as failed sign-ins of the account: guessing through this route is
  // throttled like guessing at the sign-in.
  const failures = await ctx.db.query<{ at: Date }>(
    `select at from login_attempts
     where username = $1 and not succeeded and at > $2
       and at > coalesce((select max(at) from login_attempts where username = $1 and succeeded),
                         '-infinity')
     order by at`,
    [user.username, new Date(now.getTime() - FAILED_LOGIN_WINDOW_MS - LOGIN_LOCK_MS)],
  );
  const until = lockedUntil(failures.rows.map((row) => row.at));
  if (until && until > now) {
    await refused('tooManyAttempts');
    const minutes = Math.ceil((until.getTime() - now.getTime()) / 60_000);
    throw bilingualError(
      429,
      'tooManyAttempts',
      {
        'zh-CN': `旧密码错误次数过多，请 ${minutes} 分钟后再试`,
        en: `Too many wrong old passwords: wait ${minutes} minute${minutes === 1 ? '' : 's'} and try again`,
      },
      { 'retry-after': String(Math.ceil((until.getTime() - now.getTime()) / 1000)) },
    );
  }

  const row = (
    await ctx.db.query<{ password_hash: string }>(
      'select password_hash from users where id::text = $1',
      [user.id],
    )
  ).rows[0];
  const ok =
    row !== undefined &&
    (await ctx.signInLimiter.run(() => verifyPassword(oldPassword, row.password_hash)));
  if (!ok) {
    await ctx.db.query(
      'insert into login_attempts (username, address, succeeded, at) values ($1, $2, false, $3)',
      [user.username, origin.address.slice(0, 64), now],
    );
    await refused('wrongOldPassword');
    throw bilingualError(400, 'wrongOldPassword', {
      'zh-CN': '旧密码不对：请输入你现在用来登录的密码',
      en: 'the old password is wrong: type the password you sign in with now',
    });
  }
  assertPasswordAcceptable(newPassword, user.username, ctx.passwordPolicy, oldPassword);
  const hash = await hashPassword(newPassword, ctx.scrypt);

  const otherSessionsEnded = await ctx.db.transaction(async (tx) => {
    await tx.query(
      `update users set password_hash = $2, must_change_password = false,
                        password_changed_at = $3, updated_at = $3
       where id::text = $1`,
      [user.id, hash, now],
    );
    const ended = await tx.query(
      'delete from sessions where user_id::text = $1 and token_hash <> $2',
      [user.id, user.tokenHash],
    );
    await recordAudit(tx, {
      action: 'password.changed',
      at: now,
      actor: user,
      origin,
      subject: session,
      details: { otherSessionsEnded: ended.rowCount },
    });
    return ended.rowCount;
  });
  return {
    otherSessionsEnded,
    password: passwordStatus({ mustChange: false, changedAt: now }, ctx.passwordPolicy, now),
  };
}
