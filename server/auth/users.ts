/**
 * User accounts: create, list, find, change (DESIGN.md §7). Used by the admin routes
 * (server/auth/routes.ts), the shell command (scripts/users.ts) and the demo data. Disabling a user
 * or resetting a password ends all of the user's sessions in the same transaction.
 *
 * Changes made on someone's behalf (`by`: the admin routes, the shell command) obey the account
 * policy of src/domain/usersPolicy.ts — an admin manages only accounts within their own area and
 * grants nothing wider — and are written to the audit log in the same transaction; a refusal is
 * recorded too. Without `by` (the demo data, tests) neither applies.
 */
import { z } from 'zod';
import {
  accountPatchSchema,
  newAccountSchema,
  normaliseUsername,
  USERNAME_PATTERN,
} from '../../src/domain/api/accounts';
import type { Role, Scope, User } from '../../src/domain/protocol';
import type { RegionIndex } from '../../src/domain/region';
import { grantRefusal, mayManageAccount } from '../../src/domain/usersPolicy';
import { bilingualError } from '../base/api-error';
import { recordAudit, type AuditEntryInput, type AuditOrigin } from '../base/audit-record';
import type { Db, DbTx } from '../db';
import { codeWithinSql } from '../db/area';
import { AREA_LEVELS, rootScope } from '../../src/domain/levels';
import { describeScope, scopeExists } from '../regions';
import { DEFAULT_PASSWORD_POLICY, type PasswordPolicy } from '../../src/domain/passwordPolicy';
import type { ScryptParameters } from '../base/context';
import { assertPasswordAcceptable, hashPassword } from './passwords';
import { ACTION_DENIED } from './permissions';

/** A user as the admin screens see it: the protocol's User plus account state. */
export interface Account extends User {
  disabled: boolean;
  createdAt: string;
}

// The request shapes are the API's (src/domain/api/accounts.ts), shared with the app.
export { USERNAME_PATTERN, normaliseUsername, newAccountSchema, accountPatchSchema };

export type NewAccount = z.input<typeof newAccountSchema>;

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

const LEVEL_ZH: Record<Scope['level'], string> = {
  province: '省',
  prefecture: '地级市',
  county: '区县',
  township: '乡镇（街道）',
};

/**
 * Refuses a scope that is not a real area of this deployment, saying what to write instead: a
 * level wider than the deployment's area (a province in a prefecture's deployment), or a code
 * that is not one of its places at the level it claims.
 */
function checkScope(regions: RegionIndex, scope: Scope): void {
  if (scopeExists(regions, scope)) return;
  const root = rootScope();
  const area = `${regions.prefecture.name}（${root.code}）`;
  const areaEn = `${regions.prefecture.name} (${root.code})`;
  if (scope.level === root.level) {
    throw bilingualError(400, 'invalid', {
      'zh-CN': `区域编码 ${scope.code} 不是本系统服务的${area}：整个地区请填写 ${root.code}`,
      en: `${scope.code} is not the area this server serves, ${areaEn}: for the whole area write ${root.code}`,
    });
  }
  if (AREA_LEVELS.indexOf(scope.level) < AREA_LEVELS.indexOf(root.level)) {
    throw bilingualError(400, 'invalid', {
      'zh-CN': `区域编码 ${scope.code} 比本系统服务的${area}更大：请填写 ${root.code} 或其中地区的编码`,
      en: `${scope.code} is wider than the area this server serves, ${areaEn}: write ${root.code} or the code of an area within it`,
    });
  }
  throw bilingualError(400, 'invalid', {
    'zh-CN': `区域编码 ${scope.code} 不是${area}的${LEVEL_ZH[scope.level]}：请填写以 ${root.code} 开头、${area}之内的编码`,
    en: `${scope.code} is not a ${scope.level} of ${areaEn}: write the code of an area within it (starting with ${root.code})`,
  });
}

/**
 * Who makes a change, for the policy and the audit log. `manager` null: the server's operator in
 * the shell (scripts/users.ts without --as), who holds the database anyway; the change is still
 * recorded, under `shellName`.
 */
export interface AccountChangeBy {
  manager: { id: string; username: string; role: Role; scope: Scope } | null;
  shellName?: string;
  origin: AuditOrigin;
  at: Date;
}

function actorOf(by: AccountChangeBy): AuditEntryInput['actor'] {
  return by.manager ?? { username: by.shellName ?? 'shell' };
}

/** Records a refused change (on its own: the change's transaction rolls back) and throws it. */
async function refuse(
  db: DbTx,
  by: AccountChangeBy,
  subject: { id?: string; username: string; areas: string[] },
  details: Record<string, unknown>,
  error: Error,
): Promise<never> {
  await recordAudit(db, {
    action: 'user.refused',
    outcome: 'refused',
    at: by.at,
    actor: actorOf(by),
    origin: by.origin,
    subject: { type: 'user', id: subject.id ?? null, label: subject.username },
    areas: subject.areas,
    details,
  });
  throw error;
}

/** 403 outsideArea: the account is not within the admin's area (also the device routes' answer). */
export function outsideArea(regions: RegionIndex, manager: { scope: Scope }) {
  const area = describeScope(regions, manager.scope);
  return bilingualError(403, 'outsideArea', {
    'zh-CN': `这个用户不在您的管理范围（${area}）内，只能由管理其所在区域的管理员修改`,
    en: `this user is outside your area (${area}); only an admin of the user's area can change it`,
  });
}

function widerThanOwn(regions: RegionIndex, manager: { scope: Scope }, scope: Scope) {
  const area = describeScope(regions, manager.scope);
  const asked = describeScope(regions, scope);
  return bilingualError(403, 'widerThanOwnArea', {
    'zh-CN': `不能授予比您自己的管理范围（${area}）更大或在其之外的范围（${asked}）：请选择${area}之内的区域`,
    en: `you cannot grant an area (${asked}) wider than or outside your own (${area}): choose an area within ${area}`,
  });
}

/** The policy's answer to giving `role` over `scope`, as the error to throw (or null). */
function grantProblem(
  regions: RegionIndex,
  by: AccountChangeBy | undefined,
  role: Role,
  scope: Scope,
): Error | null {
  if (!by?.manager) return null;
  const refusal = grantRefusal(by.manager, role, scope);
  if (refusal === 'notAdmin') {
    return bilingualError(403, 'roleDenied', ACTION_DENIED.manageUsers);
  }
  return refusal === 'wider' ? widerThanOwn(regions, by.manager, scope) : null;
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
  by?: AccountChangeBy,
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
  const problem = grantProblem(regions, by, account.role, account.scope);
  if (problem && by) {
    await refuse(
      db,
      by,
      { username: account.username, areas: [account.scope.code] },
      { attempted: 'create', role: account.role, area: account.scope.code },
      problem,
    );
  }
  checkPassword(account.password, account.username, setting);
  const passwordHash = await hashPassword(account.password, scrypt);
  const insert = async (tx: DbTx) => {
    const created = await insertAccount(tx, account, passwordHash, setting.mustChange ?? false);
    if (by) {
      await recordAudit(tx, {
        action: 'user.created',
        at: by.at,
        actor: actorOf(by),
        origin: by.origin,
        subject: { type: 'user', id: created.id, label: created.username },
        areas: [created.scope.code],
        details: { role: created.role, area: created.scope.code },
      });
    }
    return created;
  };
  // The account and its audit entry together (a Db opens a transaction; a DbTx is one already).
  return 'transaction' in db ? (db as Db).transaction(insert) : insert(db);
}

async function insertAccount(
  db: DbTx,
  account: z.output<typeof newAccountSchema>,
  passwordHash: string,
  mustChange: boolean,
): Promise<Account> {
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
      mustChange,
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

/** Every account, or (`within`) those whose area lies within it (usersPolicy.scopeWithin). */
export async function listAccounts(db: DbTx, within?: Scope): Promise<Account[]> {
  const { rows } = within
    ? await db.query<UserRow>(
        `select ${USER_COLUMNS} from users where ${codeWithinSql('scope_code', '$1')}
         order by username`,
        [within.code],
      )
    : await db.query<UserRow>(`select ${USER_COLUMNS} from users order by username`);
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
  by?: AccountChangeBy,
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
  // The policy, checked before the transaction so that a refusal can be recorded (and again
  // inside it, on the locked row, in case the account moved meanwhile).
  const manager = by?.manager;
  const before =
    (by && manager) || change.password !== undefined ? await findAccount(db, { id }) : null;
  if (by && manager) {
    if (before) {
      const attempted = {
        attempted: 'change',
        ...(change.role ? { role: change.role } : {}),
        ...(change.scope ? { area: change.scope.code } : {}),
        ...(change.disabled !== undefined ? { disabled: change.disabled } : {}),
      };
      const subject = { id, username: before.username, areas: [before.scope.code] };
      if (!mayManageAccount(manager, before.scope)) {
        await refuse(db, by, subject, attempted, outsideArea(regions, manager));
      }
      const problem = grantProblem(
        regions,
        by,
        change.role ?? before.role,
        change.scope ?? before.scope,
      );
      if (problem) {
        await refuse(
          db,
          by,
          { ...subject, areas: [before.scope.code, ...(change.scope ? [change.scope.code] : [])] },
          attempted,
          problem,
        );
      }
    }
  }
  if (change.password !== undefined && before) {
    checkPassword(change.password, before.username, setting);
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
    const rowScope = { level: row.scope_level, code: row.scope_code } as Scope;
    if (manager && !mayManageAccount(manager, rowScope)) throw outsideArea(regions, manager);
    const problem = grantProblem(regions, by, change.role ?? row.role, change.scope ?? rowScope);
    if (problem) throw problem;
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
    const account = toAccount(updated.rows[0]!);
    if (by) {
      const passwordSet =
        passwordHash !== null ? { mustChange: setting.mustChange ?? false } : null;
      await auditChanges(tx, by, row, account, passwordSet, sessionsRevoked);
    }
    return { account, sessionsRevoked };
  });
}

/** One audit entry per kind of change a patch made (nothing for a patch that changed nothing). */
async function auditChanges(
  tx: DbTx,
  by: AccountChangeBy,
  before: UserRow,
  after: Account,
  /** The password an admin set, and whether the user must change it: null when not set. */
  passwordSet: { mustChange: boolean } | null,
  sessionsRevoked: number,
): Promise<void> {
  const entry = (
    action: AuditEntryInput['action'],
    details: Record<string, unknown>,
  ): AuditEntryInput => ({
    action,
    at: by.at,
    actor: actorOf(by),
    origin: by.origin,
    subject: { type: 'user', id: after.id, label: after.username },
    areas: [before.scope_code, after.scope.code],
    details,
  });
  const entries: AuditEntryInput[] = [];
  if (before.role !== after.role) {
    entries.push(entry('user.roleChanged', { from: before.role, to: after.role }));
  }
  if (before.scope_code !== after.scope.code) {
    entries.push(entry('user.areaChanged', { from: before.scope_code, to: after.scope.code }));
  }
  if (before.display_name !== after.displayName) {
    entries.push(entry('user.renamed', { from: before.display_name, to: after.displayName }));
  }
  if (before.disabled !== after.disabled) {
    entries.push(
      entry(
        after.disabled ? 'user.disabled' : 'user.enabled',
        after.disabled ? { sessionsRevoked } : {},
      ),
    );
  }
  if (passwordSet) entries.push(entry('password.reset', { sessionsRevoked, ...passwordSet }));
  for (const e of entries) await recordAudit(tx, e);
}
