/**
 * User accounts: create, list, find, change (DESIGN.md §7). Used by the admin routes
 * (server/auth/routes.ts), the shell command (scripts/users.ts) and the demo data. Disabling a user
 * or resetting a password ends all of the user's sessions in the same transaction.
 */
import { z } from 'zod';
import { ROLES, scopeSchema, type Role, type Scope, type User } from '../../src/domain/protocol';
import type { RegionIndex } from '../../src/domain/region';
import { bilingualError } from '../api-error';
import type { Db, DbTx } from '../db';
import { scopeExists } from '../regions';
import { isStorableText } from '../storable-text';
import { DEFAULT_PASSWORD_POLICY, type PasswordPolicy } from '../../src/domain/passwordPolicy';
import { assertPasswordAcceptable, hashPassword, type ScryptParameters } from './passwords';

/** A user as the admin screens see it: the protocol's User plus account state. */
export interface Account extends User {
  disabled: boolean;
  createdAt: string;
}

/** Lower-case letters, digits, '.', '_' and '-', 2–32 characters, starting with a letter or digit. */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{1,31}$/;

export function normaliseUsername(username: string): string {
  return username.trim().toLowerCase();
}

export const newAccountSchema = z.object({
  username: z.string().transform(normaliseUsername).pipe(z.string().regex(USERNAME_PATTERN)),
  displayName: z.string().trim().min(1).max(40).refine(isStorableText).optional(),
  role: z.enum(ROLES),
  scope: scopeSchema,
  password: z.string(),
});
export type NewAccount = z.input<typeof newAccountSchema>;

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
export type AccountPatch = z.input<typeof accountPatchSchema>;

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  scope_level: Scope['level'];
  scope_code: string;
  disabled: boolean;
  created_at: Date;
}

const USER_COLUMNS =
  'id::text as id, username, display_name, role, scope_level, scope_code, disabled, created_at';

function toAccount(row: UserRow): Account {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    scope: { level: row.scope_level, code: row.scope_code } as Scope,
    disabled: row.disabled,
    createdAt: row.created_at.toISOString(),
  };
}

/** The protocol's User (what /api/me and login answer) of an account. */
export function publicUser(account: Account): User {
  const { id, username, displayName, role, scope } = account;
  return { id, username, displayName, role, scope };
}

function checkScope(regions: RegionIndex, scope: Scope): void {
  if (!scopeExists(regions, scope)) {
    throw bilingualError(400, 'invalid', {
      'zh-CN': `区域编码 ${scope.code} 不是本市的${scope.level === 'county' ? '区县' : scope.level === 'township' ? '乡镇（街道）' : '市'}`,
      en: `${scope.code} is not a ${scope.level} of this prefecture`,
    });
  }
}

/** How a password is being set (server/auth/passwords.ts, src/domain/passwordPolicy.ts). */
export interface PasswordSetting {
  /** The policy it must meet; null only for the seeded demo accounts (loopback demo). */
  policy?: PasswordPolicy | null;
  /** An admin set it: the user must change it at the next sign-in (default false). */
  mustChange?: boolean;
}

function checkPassword(password: string, username: string, setting: PasswordSetting): void {
  const policy = setting.policy === undefined ? DEFAULT_PASSWORD_POLICY : setting.policy;
  if (policy) assertPasswordAcceptable(password, username, policy);
}

export async function createAccount(
  db: DbTx,
  regions: RegionIndex,
  input: NewAccount,
  scrypt?: ScryptParameters,
  setting: PasswordSetting = {},
): Promise<Account> {
  const parsed = newAccountSchema.safeParse(input);
  if (!parsed.success) {
    const badUsername = parsed.error.issues.some((issue) => issue.path[0] === 'username');
    throw bilingualError(
      400,
      'invalid',
      badUsername
        ? {
            'zh-CN': '用户名只能用小写字母、数字和 . _ -，2–32 个字符',
            en: 'a username has 2–32 lower-case letters, digits, ".", "_" or "-"',
          }
        : {
            'zh-CN': '用户信息不完整或格式不对',
            en: `invalid user: ${z.prettifyError(parsed.error)}`,
          },
    );
  }
  const account = parsed.data;
  checkScope(regions, account.scope);
  checkPassword(account.password, account.username, setting);
  const passwordHash = await hashPassword(account.password, scrypt);
  const inserted = await db.query<UserRow>(
    `insert into users (username, display_name, role, scope_level, scope_code, password_hash,
                        must_change_password)
     values ($1, $2, $3, $4, $5, $6, $7)
     on conflict (username) do nothing
     returning ${USER_COLUMNS}`,
    [
      account.username,
      account.displayName ?? account.username,
      account.role,
      account.scope.level,
      account.scope.code,
      passwordHash,
      setting.mustChange ?? false,
    ],
  );
  const row = inserted.rows[0];
  if (!row) {
    throw bilingualError(409, 'conflict', {
      'zh-CN': `用户名 ${account.username} 已被使用`,
      en: `the username ${account.username} is taken`,
    });
  }
  return toAccount(row);
}

export async function listAccounts(db: DbTx): Promise<Account[]> {
  const { rows } = await db.query<UserRow>(`select ${USER_COLUMNS} from users order by username`);
  return rows.map(toAccount);
}

export async function findAccount(
  db: DbTx,
  by: { id: string } | { username: string },
): Promise<Account | undefined> {
  const { rows } =
    'id' in by
      ? await db.query<UserRow>(`select ${USER_COLUMNS} from users where id::text = $1`, [by.id])
      : await db.query<UserRow>(`select ${USER_COLUMNS} from users where username = $1`, [
          normaliseUsername(by.username),
        ]);
  return rows[0] ? toAccount(rows[0]) : undefined;
}

/** Ends every session of a user (logout everywhere): after disabling, a password reset, on demand. */
export async function revokeSessions(db: DbTx, userId: string): Promise<number> {
  const { rowCount } = await db.query('delete from sessions where user_id = $1', [userId]);
  return rowCount;
}

/**
 * Changes a user. Disabling or a new password revokes the user's sessions in the same
 * transaction. Refuses to take the last active admin away (disable or demote): nobody could
 * manage users any more without the shell.
 */
export async function updateAccount(
  db: Db,
  regions: RegionIndex,
  id: string,
  patch: AccountPatch,
  scrypt?: ScryptParameters,
  setting: PasswordSetting = {},
): Promise<{ account: Account; sessionsRevoked: number }> {
  const parsed = accountPatchSchema.safeParse(patch);
  if (!parsed.success) {
    throw bilingualError(400, 'invalid', {
      'zh-CN': '修改内容无效',
      en: `invalid change: ${z.prettifyError(parsed.error)}`,
    });
  }
  const change = parsed.data;
  if (change.scope) checkScope(regions, change.scope);
  if (change.password !== undefined) {
    const target = await findAccount(db, { id });
    if (target) checkPassword(change.password, target.username, setting);
  }
  const passwordHash =
    change.password !== undefined ? await hashPassword(change.password, scrypt) : null;

  return db.transaction(async (tx) => {
    const current = await tx.query<UserRow>(
      `select ${USER_COLUMNS} from users where id::text = $1 for update`,
      [id],
    );
    const row = current.rows[0];
    if (!row) {
      throw bilingualError(404, 'notFound', { 'zh-CN': '没有这个用户', en: 'no such user' });
    }
    const losesAdmin =
      row.role === 'admin' &&
      !row.disabled &&
      (change.disabled === true || (change.role !== undefined && change.role !== 'admin'));
    if (losesAdmin) {
      // Serialise concurrent demotions: lock every active admin row before counting them.
      const admins = await tx.query<{ id: string }>(
        "select id from users where role = 'admin' and not disabled for update",
      );
      if (admins.rows.length <= 1) {
        throw bilingualError(409, 'conflict', {
          'zh-CN': '这是最后一个可用的管理员账号，不能停用或降级',
          en: 'this is the last active admin: it cannot be disabled or demoted',
        });
      }
    }
    const updated = await tx.query<UserRow>(
      `update users set
         display_name = coalesce($2, display_name),
         role = coalesce($3, role),
         scope_level = coalesce($4, scope_level),
         scope_code = coalesce($5, scope_code),
         disabled = coalesce($6, disabled),
         password_hash = coalesce($7, password_hash),
         must_change_password = case when $7::text is null then must_change_password else $8 end,
         password_changed_at = case when $7::text is null then password_changed_at else now() end,
         updated_at = now()
       where id::text = $1
       returning ${USER_COLUMNS}`,
      [
        id,
        change.displayName ?? null,
        change.role ?? null,
        change.scope?.level ?? null,
        change.scope?.code ?? null,
        change.disabled ?? null,
        passwordHash,
        setting.mustChange ?? false,
      ],
    );
    const sessionsRevoked =
      change.disabled === true || passwordHash !== null ? await revokeSessions(tx, id) : 0;
    return { account: toAccount(updated.rows[0]!), sessionsRevoked };
  });
}
